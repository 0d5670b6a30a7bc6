"""The redline as Word: the new draft with tracked changes (w:ins / w:del) against the old one.

Counsel open it in Word (or LibreOffice) and accept or reject each change: accepting all gives the
new draft's text, rejecting all the old one's. Text only: the vendor's formatting is not carried.
"""

from __future__ import annotations

from datetime import datetime, timezone
from itertools import count
from pathlib import Path
from typing import TYPE_CHECKING

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from ..reports.docx_util import COMMENT_AUTHOR, prepare_styles, save
from .stream import DELETE, EQUAL, INSERT, redline

if TYPE_CHECKING:  # pragma: no cover
    from . import Comparison

_BOLD = ("title", "chapter", "heading")
_AFTER_TRACK_REVISIONS = (
    "w:doNotTrackMoves", "w:doNotTrackFormatting", "w:documentProtection", "w:autoFormatOverride",
    "w:styleLockTheme", "w:styleLockQFSet", "w:defaultTabStop", "w:autoHyphenation", "w:consecutiveHyphenLimit",
    "w:hyphenationZone", "w:doNotHyphenateCaps", "w:showEnvelope", "w:summaryLength", "w:clickAndTypeStyle",
    "w:defaultTableStyle", "w:evenAndOddHeaders", "w:bookFoldRevPrinting", "w:bookFoldPrinting",
    "w:bookFoldPrintingSheets", "w:drawingGridHorizontalSpacing", "w:drawingGridVerticalSpacing",
    "w:displayHorizontalDrawingGridEvery", "w:displayVerticalDrawingGridEvery", "w:doNotUseMarginsForDrawingGridOrigin",
    "w:drawingGridHorizontalOrigin", "w:drawingGridVerticalOrigin", "w:doNotShadeFormData", "w:noPunctuationKerning",
    "w:characterSpacingControl", "w:printTwoOnOne", "w:strictFirstAndLastChars", "w:noLineBreaksAfter",
    "w:noLineBreaksBefore", "w:savePreviewPicture", "w:updateFields", "w:hdrShapeDefaults", "w:footnotePr",
    "w:endnotePr", "w:compat", "w:docVars", "w:rsids", "m:mathPr", "w:themeFontLang", "w:clrSchemeMapping",
    "w:decimalSymbol", "w:listSeparator",
)


class _Marks:
    """w:ins / w:del elements with the ids, author and date Word requires on each."""

    def __init__(self, author: str, when: datetime) -> None:
        self.author = author
        self.date = when.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        self.ids = count(1)

    def make(self, op: str):
        element = OxmlElement("w:ins" if op == INSERT else "w:del")
        element.set(qn("w:id"), str(next(self.ids)))
        element.set(qn("w:author"), self.author)
        element.set(qn("w:date"), self.date)
        return element


def _run(text: str, op: str, bold: bool):
    run = OxmlElement("w:r")
    if bold:
        rpr = OxmlElement("w:rPr")
        rpr.append(OxmlElement("w:b"))
        run.append(rpr)
    t = OxmlElement("w:delText" if op == DELETE else "w:t")
    t.set(qn("xml:space"), "preserve")
    t.text = text
    run.append(t)
    return run


def build_redline(comparison: "Comparison", author: str = COMMENT_AUTHOR, when: datetime | None = None):
    """A python-docx Document holding the redline of ``comparison``."""
    import docx

    word = docx.Document()
    prepare_styles(word)
    body = word.element.body
    for p in list(body.iterchildren(qn("w:p"))):  # the template's empty first paragraph
        body.remove(p)
    marks = _Marks(author, when or datetime.now(timezone.utc))
    props = word.core_properties
    props.title = comparison.new_document.name
    props.author = author
    for paragraph in redline(comparison):
        p = word.add_paragraph()
        bold = paragraph.kind in _BOLD
        if paragraph.kind == "title":
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if paragraph.mark != EQUAL:  # the paragraph mark itself inserted or deleted
            ppr = p._p.get_or_add_pPr()
            rpr = OxmlElement("w:rPr")
            rpr.append(marks.make(paragraph.mark))
            ppr.append(rpr)
        for op, text in paragraph.chunks:
            run = _run(text, op, bold)
            if op == EQUAL:
                p._p.append(run)
            else:
                wrapper = marks.make(op)
                wrapper.append(run)
                p._p.append(wrapper)
    _track_revisions(word)
    return word


def _track_revisions(word) -> None:
    """Turn Track Changes on, so counsel's own edits in the file are tracked too."""
    settings = word.settings.element
    if settings.find(qn("w:trackRevisions")) is None:
        # Word reads w:settings in schema order: trackRevisions comes before these.
        settings.insert_element_before(OxmlElement("w:trackRevisions"), *_AFTER_TRACK_REVISIONS)


def write_redline(comparison: "Comparison", path: Path, when: datetime | None = None) -> Path:
    return save(build_redline(comparison, when=when), Path(path))
