"""Starting the window: arguments, screenshot mode, language switch, settings, export."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtGui import QImage

from reviewer.i18n import set_language
from ui.app import App, main, parse_args
from ui.settings import Settings

pytestmark = pytest.mark.gui


@pytest.fixture
def contract(tmp_path, monkeypatch, seed_path):
    monkeypatch.setenv("CONTRACT_REVIEW_RULES_DIR", str(tmp_path / "user-rules"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    path = tmp_path / "seed.txt"
    shutil.copyfile(seed_path, path)
    yield path
    set_language("zh")


def test_arguments():
    args = parse_args(["合同.pdf", "--screenshot", "out.png", "--lang", "en", "--perspective", "vendor"])
    assert (args.file, args.screenshot, args.lang, args.perspective) == ("合同.pdf", "out.png", "en", "vendor")
    assert parse_args([]).file is None


def test_screenshot_mode_saves_the_window_and_exits_zero(qtbot, contract, tmp_path):
    out = tmp_path / "shot.png"
    code = main([str(contract), "--screenshot", str(out), "--select", "10.2"])
    assert code == 0
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1600, 1000)
    # Something was drawn: not one flat colour.
    colours = {image.pixel(x, y) for x in range(0, 1600, 97) for y in range(0, 1000, 89)}
    assert len(colours) > 5


def test_screenshot_of_a_file_that_cannot_load_fails_with_code_2(qtbot, tmp_path, contract, capsys):
    bad = tmp_path / "空.txt"
    bad.write_text("", encoding="utf-8")
    code = main([str(bad), "--screenshot", str(tmp_path / "never.png")])
    assert code == 2
    assert not (tmp_path / "never.png").exists()
    assert capsys.readouterr().err.strip()


def test_language_switch_rebuilds_the_window_in_english_and_keeps_the_review(qtbot, contract, tmp_path):
    settings = Settings(tmp_path / "s.ini")
    set_language("zh")
    shell = App(settings)
    window = shell.window
    qtbot.addWidget(window)
    window.show()
    assert window.findings_dock.windowTitle() == "问题列表"
    with qtbot.waitSignal(window.reviewShown, timeout=30000):
        window.open_path(contract)
    reviewed = window.session.current
    shell.change_language("en")
    qtbot.addWidget(shell.window)
    assert shell.window is not window
    assert shell.window.findings_dock.windowTitle() == "Findings"
    assert shell.window.session.current is reviewed
    assert shell.window.view.toPlainText() == reviewed.document.text
    assert settings.language == "en"
    assert Settings(tmp_path / "s.ini").language == "en"


def test_settings_round_trip(tmp_path):
    settings = Settings(tmp_path / "s.ini")
    assert settings.language is None and settings.recent_files == [] and settings.perspective == "customer"
    for name in ("a.txt", "b.txt", "a.txt"):
        settings.add_recent(tmp_path / name)
    settings.perspective = "vendor"
    settings.language = "en"
    settings.sync()
    again = Settings(tmp_path / "s.ini")
    assert again.recent_files == [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]
    assert (again.perspective, again.language) == ("vendor", "en")


def test_export_writes_each_format_in_a_worker(qtbot, contract, tmp_path):
    from reviewer import reports
    from ui.main_window import MainWindow

    window = MainWindow(Settings(tmp_path / "s.ini"))
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.reviewShown, timeout=30000):
        window.open_path(contract)
    window.exporter.fill_menu(window.export_menu)
    labels = [a.text() for a in window.export_menu.actions() if not a.isSeparator()]
    assert len(labels) == len(reports.FORMATS) + 1 and labels[-1].startswith("发给对方的批注副本")
    for fmt in reports.FORMATS:
        target = tmp_path / f"report{reports.SUFFIXES[fmt]}"
        with qtbot.waitSignal(window.exporter.exported, timeout=30000) as done:
            window.exporter.export(fmt, target)
        assert done.args[0] == str(target)
        assert target.stat().st_size > 0
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "seed.txt" in html or "电商平台智能客服系统升级合同" in html


def test_font_is_a_cjk_family(qtbot):
    from PySide6.QtGui import QFontDatabase

    from ui.fonts import cjk_family, ui_font

    family = ui_font().families()[0]  # the system's Chinese family, else the bundled one (tests/test_fonts.py)
    assert QFontDatabase.WritingSystem.SimplifiedChinese in QFontDatabase.writingSystems(family)
    assert cjk_family() == family
    assert cjk_family(["DejaVu Sans", "WenQuanYi Micro Hei"]) == "WenQuanYi Micro Hei"
    assert cjk_family(["DejaVu Sans"]) is None


def test_many_void_qt_calls_do_not_exhaust_none():
    """PySide6 6.12.0 on Python 3.11 steals a reference to None per void call; ui guards against it."""
    import sys

    from PySide6.QtCore import QTimer

    import ui.workers  # noqa: F401 - every Qt-using ui module installs the guard

    timer = QTimer()
    for _ in range(20000):  # several times None's whole count on an unguarded 3.11
        timer.setInterval(5)
    assert sys.getrefcount(None) > 10000


def test_launcher_sends_gui_to_the_window_and_the_rest_to_the_cli(monkeypatch):
    import ui.app
    import ui.launch

    calls = []
    monkeypatch.setattr(ui.app, "main", lambda argv: calls.append(("gui", argv)) or 0)
    monkeypatch.setattr("reviewer.commands.cli.main", lambda argv: calls.append(("cli", argv)) or 3)
    assert ui.launch.main([]) == 0
    assert ui.launch.main(["gui", "合同.pdf", "--lang", "en"]) == 0
    assert ui.launch.main(["check", "合同.pdf"]) == 3
    assert calls == [("gui", []), ("gui", ["合同.pdf", "--lang", "en"]), ("cli", ["check", "合同.pdf"])]


def test_copy_for_the_vendor_leaves_internal_notes_out(qtbot, contract, tmp_path):
    import docx

    from ui.main_window import MainWindow

    window = MainWindow(Settings(tmp_path / "s.ini"))
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.reviewShown, timeout=30000):
        window.open_path(contract)
    finding = window.session.current.findings[0]
    window.session.set_decision(finding, "accepted", "内部备注：业务方同意")
    for name, vendor in (("inside.docx", False), ("outside.docx", True)):
        with qtbot.waitSignal(window.exporter.exported, timeout=30000):
            window.exporter.export("annotated", tmp_path / name, for_vendor=vendor)
    texts = {name: "\n".join(c.text for c in docx.Document(str(tmp_path / name)).comments)
             for name in ("inside.docx", "outside.docx")}
    assert "内部备注：业务方同意" in texts["inside.docx"]
    assert "内部备注：业务方同意" not in texts["outside.docx"]
