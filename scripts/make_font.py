"""Build the bundled Chinese fonts ``ui/assets/NotoSansCJKsc-{Regular,Bold}-subset.ttf`` (deterministic output).

The window brings this font along for machines that have no Chinese font (a fresh Linux install
has only DejaVu, so every character would be a box); tests, benchmarks and
``scripts/make_samples.py`` embed the Regular face in the PDFs they make. They are Noto Sans CJK
SC Regular and Bold (SIL OFL 1.1, ``ui/assets/OFL.txt``), each cut down to:

* GB 2312, all of it: levels 1 and 2 (6,763 hanzi) and its 682 symbols;
* the 通用规范汉字表 (8,105 characters, Unihan's ``kTGH`` field), levels 1 to 3;
* every character of the window's strings, the rules, the samples and the test texts
  (``git ls-files`` text files), so a new UI string shows up in ``tests/test_fonts.py`` until
  this script is run again;
* Latin, general punctuation, CJK punctuation, full- and half-width forms, enclosed numbers
  (①, ㈠), units (㎡), radicals, arrows and simple shapes.

Noto's outlines are cubic (CFF); reportlab's ``TTFont`` reads only TrueType outlines, so they are
converted to quadratic curves (at most 1/1000 em off) and one file serves Qt and the PDFs alike.
Only the layout features Chinese text uses are kept (the locl/aalt alternates for Japanese, Korean
and Traditional forms would double the size).

Inputs come from Debian's packages::

    apt-get download fonts-noto-cjk unicode-data
    dpkg-deb -x fonts-noto-cjk_*.deb /tmp/noto && dpkg-deb -x unicode-data_*.deb /tmp/ucd
    pip install fonttools
    python3 scripts/make_font.py "$(dirname "$(find /tmp/noto -name NotoSansCJK-Regular.ttc)")" \\
        "$(find /tmp/ucd -name Unihan_OtherMappings.txt.bz2)"

The Bold face is there for the window's headings and card titles: Qt does not thicken a Regular
face for DemiBold text, so without it they would look like body text.
"""

from __future__ import annotations

import argparse
import bz2
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ASSETS = ROOT / "ui" / "assets"
WEIGHTS = ("Regular", "Bold")  # NotoSansCJK-{weight}.ttc in, NotoSansCJKsc-{weight}-subset.ttf out
FACE = "Noto Sans CJK SC"
TEXT_SUFFIXES = (".py", ".yaml", ".txt", ".md", ".json")

RANGES = [
    (0x0020, 0x024F),  # Latin, Latin-1, Latin Extended A/B (pinyin with tone marks)
    (0x02C6, 0x02DD),  # spacing modifiers (ˇ ˉ ˊ ˋ)
    (0x0391, 0x03C9),  # Greek (GB 2312 row 6)
    (0x0401, 0x0451),  # Cyrillic (GB 2312 row 7)
    (0x2000, 0x206F),  # general punctuation: — ‘ ’ “ ” … ‰ ※
    (0x20A0, 0x20CF),  # currency: €
    (0x2100, 0x218F),  # letterlike (℃ №) and number forms (Ⅰ Ⅱ Ⅲ)
    (0x2190, 0x21FF),  # arrows
    (0x2200, 0x22FF),  # mathematical operators: ≤ ≥ ≈
    (0x2460, 0x24FF),  # enclosed alphanumerics: ① ⑴ ⒈
    (0x2500, 0x257F),  # box drawing
    (0x25A0, 0x25FF),  # geometric shapes: ■ □ ▲ ○ ●
    (0x2E80, 0x2FDF),  # CJK and Kangxi radicals (some PDFs carry them in their text layer)
    (0x3000, 0x303F),  # CJK symbols and punctuation: 、。〈〉《》「」【】〔〕
    (0x3200, 0x33FF),  # enclosed CJK (㈠ ㊣) and CJK compatibility (㎡ ㎏)
    (0xFE10, 0xFE1F),  # vertical forms
    (0xFE30, 0xFE4F),  # CJK compatibility forms
    (0xFF00, 0xFFEF),  # full-width and half-width forms
]
LAYOUT_FEATURES = ["ccmp", "liga", "kern", "mark", "mkmk", "vert", "vrt2", "vkrn"]


def gb2312() -> set[str]:
    """Every character of GB 2312: symbols (rows 1-9) and hanzi levels 1 and 2 (rows 16-87)."""
    chars = set()
    for row in range(0xA1, 0xF8):
        for cell in range(0xA1, 0xFF):
            try:
                chars.add(bytes([row, cell]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return chars


def tongyong_guifan(unihan: Path) -> set[str]:
    """The 通用规范汉字表 (2013): code points with a ``kTGH`` entry in Unihan_OtherMappings."""
    opener = bz2.open if unihan.suffix == ".bz2" else open
    chars = set()
    with opener(unihan, "rt", encoding="utf-8") as lines:
        for line in lines:
            parts = line.split("\t")
            if len(parts) >= 2 and parts[1] == "kTGH":
                chars.add(chr(int(parts[0][2:], 16)))
    return chars


def project_text() -> set[str]:
    """Every non-ASCII character in the project's own text files (UI strings, rules, samples, tests)."""
    names = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    chars: set[str] = set()
    for name in names.splitlines():
        if name.endswith(TEXT_SUFFIXES):
            try:
                chars |= {c for c in (ROOT / name).read_text(encoding="utf-8") if ord(c) > 0x7F}
            except (UnicodeDecodeError, OSError):
                pass  # a GBK sample or a deliberately broken file: its text is in its UTF-8 twin
    return chars


def wanted(unihan: Path) -> set[str]:
    chars = gb2312() | tongyong_guifan(unihan) | project_text()
    for first, last in RANGES:
        chars |= {chr(c) for c in range(first, last + 1)}
    return chars


def subset(collection: Path, chars: set[str]):
    from fontTools import subset as ftsubset
    from fontTools.ttLib import TTCollection

    font = next(f for f in TTCollection(str(collection)).fonts if f["name"].getDebugName(1) == FACE)
    options = ftsubset.Options()
    options.layout_features = LAYOUT_FEATURES
    options.name_IDs = ["*"]  # keep the copyright, licence and licence URL records
    options.notdef_outline = True
    options.hinting = False  # CFF hints do not survive the conversion anyway
    subsetter = ftsubset.Subsetter(options)
    subsetter.populate(unicodes=sorted(ord(c) for c in chars))
    subsetter.subset(font)
    return font


def to_truetype(font, max_err: float = 1.0) -> None:
    """Replace the CFF table by quadratic ``glyf`` outlines, in place."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable

    order = font.getGlyphOrder()
    glyphs = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyphs)
        # TrueType winds outer contours clockwise, PostScript counter-clockwise.
        glyphs[name].draw(Cu2QuPen(pen, max_err, reverse_direction=True))
        glyf[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for field in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                  "maxStackElements", "maxSizeOfInstructions", "maxComponentElements", "maxComponentDepth"):
        setattr(maxp, field, 0)
    maxp.maxZones = 1
    font["head"].glyphDataFormat = 0
    post = font["post"]
    post.formatType = 3.0  # no glyph names: the CID font had none worth keeping
    post.extraNames, post.mapping = [], {}
    font.sfntVersion = "\x00\x01\x00\x00"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("noto", type=Path, help="the folder of NotoSansCJK-Regular.ttc and -Bold.ttc "
                                                    "(Debian's fonts-noto-cjk)")
    parser.add_argument("unihan", type=Path, help="Unihan_OtherMappings.txt[.bz2] (Debian's unicode-data)")
    parser.add_argument("-o", "--output", type=Path, default=ASSETS, help="folder for the .ttf files")
    args = parser.parse_args(argv)
    chars = wanted(args.unihan)
    args.output.mkdir(parents=True, exist_ok=True)
    for weight in WEIGHTS:
        font = subset(args.noto / f"NotoSansCJK-{weight}.ttc", chars)
        to_truetype(font)
        font.recalcTimestamp = False  # keep the source's dates: same input, same bytes
        target = args.output / f"NotoSansCJKsc-{weight}-subset.ttf"
        font.save(str(target), reorderTables=True)
        print(f"{target}: {target.stat().st_size:,} bytes, {len(font.getBestCmap()):,} characters, "
              f"{len(font.getGlyphOrder()):,} glyphs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
