"""Pick a CJK font family by name, so Chinese renders the same on every machine: the system's, else ours."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase

from . import CJK_FONTS
from .qtfix import protect_none

protect_none()  # before any other Qt call: see qtfix

# Preferred first: sans families made for screen reading of Simplified Chinese. The Qt wheels
# bring no fonts, and Qt's own fallback may land on a family without Chinese glyphs (boxes).
CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Microsoft YaHei",
    "Microsoft YaHei UI",
    "PingFang SC",
    "Hiragino Sans GB",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Noto Sans SC",
    "SimHei",
    "SimSun",
)


def cjk_family(installed: list[str] | None = None) -> str | None:
    """The first preferred CJK family that is installed, else any family that can write Chinese."""
    families = installed if installed is not None else QFontDatabase.families()
    present = set(families)
    for name in CJK_FAMILIES:
        if name in present:
            return name
    if installed is None:
        chinese = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
        if chinese:
            return chinese[0]
    return None


def add_bundled_font() -> str | None:
    """Register the fonts in ui/assets with Qt (for this process only); their family, or None."""
    families = [family for path in CJK_FONTS
                for family in QFontDatabase.applicationFontFamilies(QFontDatabase.addApplicationFont(str(path)))]
    return families[0] if families else None


def ensure_cjk_family() -> str | None:
    """The system's CJK family; on a machine with none (a fresh Linux has only DejaVu), the bundled one.

    Once registered, the bundled family is among the installed ones, so it is added only once.
    """
    return cjk_family() or add_bundled_font()


def ui_font(point_size: float = 10.0) -> QFont:
    """The font for the whole window: a CJK family (the system's, else the bundled one)."""
    font = QFont()
    family = ensure_cjk_family()
    if family:
        # Latin digits and letters come from the same family, so numbers line up with the text.
        font.setFamilies([family])
    font.setPointSizeF(point_size)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return font


def text_font(point_size: float = 11.5) -> QFont:
    """The font of the contract text: a little larger than the window's, for long reading."""
    return ui_font(point_size)
