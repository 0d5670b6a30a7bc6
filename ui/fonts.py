"""Pick an installed CJK font family by name, so Chinese renders the same on every machine."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase

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


def ui_font(point_size: float = 10.0) -> QFont:
    """The font for the whole window: the CJK family when there is one, else Qt's default."""
    font = QFont()
    family = cjk_family()
    if family:
        # Latin digits and letters come from the same family, so numbers line up with the text.
        font.setFamilies([family])
    font.setPointSizeF(point_size)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return font


def text_font(point_size: float = 11.5) -> QFont:
    """The font of the contract text: a little larger than the window's, for long reading."""
    return ui_font(point_size)
