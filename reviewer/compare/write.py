"""Write a comparison in any of its formats, atomically."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..atomic import atomic_write_text
from ..errors import ReviewerError
from ..i18n import tr

if TYPE_CHECKING:  # pragma: no cover
    from . import Comparison

FORMATS = ("text", "json", "html", "md", "docx")


def render_text(comparison: "Comparison", fmt: str) -> str:
    """The text formats as a string: ``text``, ``json``, ``html`` or ``md``."""
    if fmt == "text":
        from .text_report import format_text

        return format_text(comparison)
    if fmt == "json":
        from .json_report import dumps

        return dumps(comparison)
    if fmt == "html":
        from .html_report import render_html

        return render_html(comparison)
    if fmt == "md":
        from .md_report import render_markdown

        return render_markdown(comparison)
    raise ReviewerError(tr("未知的比较格式“{fmt}”，可选：{allowed}。", "Unknown comparison format “{fmt}”; choose one of: "
                           "{allowed}.", fmt=fmt, allowed=", ".join(FORMATS)))


def write_comparison(comparison: "Comparison", fmt: str, path: Path) -> Path:
    """Write ``comparison`` to ``path``; ``docx`` is the new draft with tracked changes against the old."""
    if fmt == "docx":
        from .redline_docx import write_redline

        return write_redline(comparison, path)
    return atomic_write_text(path, render_text(comparison, fmt))
