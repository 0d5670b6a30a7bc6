"""Chinese on screen with no Chinese font installed: the bundled font, what it covers, when it is used."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ui import CJK_FONTS

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parent.parent
WORDS = "合同审查甲方乙方仲裁"
#: What the window shows: its own strings, the engine's messages, the rules and the sample contracts.
SHOWN = ["ui/**/*.py", "reviewer/**/*.py", "rules/*.yaml", "samples/*.txt"]


def _chinese(text: str) -> set[str]:
    """Ideographs, CJK punctuation and full-width forms: what a Latin-only font cannot draw."""
    return {c for c in text if 0x3000 <= ord(c) <= 0x303F or 0x3400 <= ord(c) <= 0x9FFF
            or 0xFF01 <= ord(c) <= 0xFFEF}


def _make_font():
    """``scripts/make_font.py`` as a module (it is a script, not a package), for its character sets."""
    spec = importlib.util.spec_from_file_location("_make_font", ROOT / "scripts" / "make_font.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(params=CJK_FONTS, ids=lambda path: path.stem)
def raw_font(qtbot, request):
    from PySide6.QtGui import QRawFont

    font = QRawFont(str(request.param), 12)
    assert font.isValid(), request.param
    return font  # ask it with code points: PySide's QChar overload answers False for most of them


def test_bundled_font_is_small_and_licensed():
    assert sum(path.stat().st_size for path in CJK_FONTS) < 12 * 1024 * 1024
    for path in CJK_FONTS:
        assert "SIL OPEN FONT LICENSE Version 1.1" in (path.parent / "OFL.txt").read_text(encoding="utf-8")


def test_bundled_font_covers_gb2312(raw_font):
    chars = _make_font().gb2312()
    assert len(chars) == 7445  # 6,763 hanzi of levels 1 and 2, 682 symbols
    assert "".join(sorted(c for c in chars if not raw_font.supportsCharacter(ord(c)))) == ""


def test_bundled_font_covers_every_character_the_window_shows(raw_font):
    missing: dict[str, str] = {}
    for pattern in SHOWN:
        for path in sorted(ROOT.glob(pattern)):
            try:
                text = path.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                continue  # the GBK sample: its UTF-8 twin is read
            lost = "".join(sorted(c for c in _chinese(text) if not raw_font.supportsCharacter(ord(c))))
            if lost:
                missing[str(path.relative_to(ROOT))] = lost
    assert missing == {}, "run scripts/make_font.py to add these characters to the bundled font"


def test_a_system_chinese_family_wins(monkeypatch, qtbot):
    import ui.fonts as fonts

    monkeypatch.setattr(fonts, "cjk_family", lambda installed=None: "Microsoft YaHei")
    monkeypatch.setattr(fonts, "add_bundled_font", lambda: pytest.fail("bundled font added beside a system one"))
    assert fonts.ensure_cjk_family() == "Microsoft YaHei"


PROBE = """
import json, sys
from PySide6.QtGui import QFont, QFontInfo, QFontMetrics
from PySide6.QtWidgets import QApplication
app = QApplication([])
from ui.fonts import cjk_family, ui_font
system = cjk_family()
font = ui_font()
metrics = QFontMetrics(font)
heading = QFont(font)
heading.setWeight(QFont.Weight.DemiBold)  # clause headings, card titles
print(json.dumps({"system": system, "family": font.families()[0], "heading": QFontInfo(heading).styleName(),
                  "missing": [c for c in sys.argv[1] if not metrics.inFontUcs4(ord(c))]}))
"""


def _dejavu_only(folder: Path) -> Path:
    """A fontconfig file that lists only DejaVu's folder (or no folder, where DejaVu is not found)."""
    found = ""
    if shutil.which("fc-match"):
        found = subprocess.run(["fc-match", "-f", "%{file}", "DejaVu Sans"], capture_output=True, text=True).stdout
    dirs = f"<dir>{Path(found).parent}</dir>" if "DejaVu" in Path(found).name else ""
    conf = folder / "fonts.conf"
    conf.write_text('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
                    f"<fontconfig>{dirs}<cachedir>{folder / 'cache'}</cachedir></fontconfig>\n", encoding="utf-8")
    return conf


def test_window_writes_chinese_with_only_dejavu_installed(tmp_path):
    """The fresh Linux machine: fontconfig knows DejaVu and nothing else, and the window still writes Chinese."""
    env = {**os.environ, "FONTCONFIG_FILE": str(_dejavu_only(tmp_path)), "QT_QPA_PLATFORM": "offscreen",
           "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-c", PROBE, WORDS], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout.splitlines()[-1])
    assert result["system"] is None  # the premise: no Chinese family in sight
    assert result["family"] == "Noto Sans CJK SC" and result["missing"] == []
    assert result["heading"] == "Bold"  # the bundled Bold face, not Regular passed off as a heading
