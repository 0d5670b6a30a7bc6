"""The review window (PySide6): imports the engine in ``reviewer``, never the reverse."""

from pathlib import Path

#: The Chinese font the window brings along for machines that have none (ui/assets/README.md):
#: Regular, which the scripts and tests that make PDFs embed too (so it is named here, free of
#: Qt), and Bold for the window's headings.
_ASSETS = Path(__file__).resolve().parent / "assets"
CJK_FONT = _ASSETS / "NotoSansCJKsc-Regular-subset.ttf"
CJK_FONTS = (CJK_FONT, _ASSETS / "NotoSansCJKsc-Bold-subset.ttf")
