"""The review window (PySide6): imports the engine in ``reviewer``, never the reverse."""

from pathlib import Path

#: The Chinese font the window brings along for machines that have none (ui/assets/README.md).
#: Named here, free of Qt, because the scripts and tests that make PDFs embed it too.
CJK_FONT = Path(__file__).resolve().parent / "assets" / "NotoSansCJKsc-Regular-subset.ttf"
