"""Small Word XML helpers shared by the DOCX report and the annotated copy: fonts, shading, links."""

from __future__ import annotations

import io
from pathlib import Path

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, RGBColor
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from ..atomic import atomic_write_bytes

BODY_FONT = "宋体"
HEADING_FONT = "黑体"
LATIN_FONT = "Calibri"
COMMENT_AUTHOR = "合同审查"
COMMENT_INITIALS = "审"

# Children of w:rPr that must come after w:shd (the schema fixes their order; Word is strict).
_AFTER_SHD = ("w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout",
              "w:specVanish", "w:oMath")


def set_east_asian_font(rpr_owner, font: str) -> None:
    """Name the East-Asian font of a style or run, so Chinese text does not fall back to a Latin one."""
    rpr = rpr_owner.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), font)
    # A theme font attribute wins over w:eastAsia; drop it so the named font is used.
    for attr in ("w:eastAsiaTheme", "w:asciiTheme", "w:hAnsiTheme"):
        fonts.attrib.pop(qn(attr), None)
    fonts.set(qn("w:ascii"), fonts.get(qn("w:ascii")) or LATIN_FONT)
    fonts.set(qn("w:hAnsi"), fonts.get(qn("w:hAnsi")) or LATIN_FONT)


def prepare_styles(document) -> None:
    """Chinese fonts on the defaults, Normal, Title and headings; A4 pages with 2 cm margins."""
    styles = document.styles
    defaults = styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr = defaults.find(qn("w:rPrDefault") + "/" + qn("w:rPr"))
        if rpr is not None:
            fonts = rpr.find(qn("w:rFonts"))
            if fonts is not None:
                fonts.attrib.pop(qn("w:eastAsiaTheme"), None)
                fonts.set(qn("w:eastAsia"), BODY_FONT)
    for name, font in (("Normal", BODY_FONT), ("Title", HEADING_FONT), ("Heading 1", HEADING_FONT),
                       ("Heading 2", HEADING_FONT), ("Heading 3", HEADING_FONT), ("Quote", BODY_FONT)):
        if name in [s.name for s in styles]:
            set_east_asian_font(styles[name].element, font)
    # Every other style the template brings (Heading 4-9, captions, TOC …) names the theme's East
    # Asian font, which Word resolves by its own language settings: name a Chinese face instead.
    for fonts in styles.element.iter(qn("w:rFonts")):
        theme = fonts.attrib.pop(qn("w:eastAsiaTheme"), None)
        if theme is not None:
            fonts.set(qn("w:eastAsia"), HEADING_FONT if theme.startswith("major") else BODY_FONT)
    rpr = styles["Normal"].element.get_or_add_rPr()
    for old in rpr.findall(qn("w:lang")):
        rpr.remove(old)
    node = OxmlElement("w:lang")
    node.set(qn("w:val"), "en-US")
    node.set(qn("w:eastAsia"), "zh-CN")
    rpr.insert_element_before(node, "w:eastAsianLayout", "w:specVanish", "w:oMath")
    for section in document.sections:
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2)
        section.top_margin = section.bottom_margin = Cm(2)


def chinese_comment(comment) -> None:
    """Name the East Asian font on the runs of a Word comment we wrote: it lives in the comments
    part, where a vendor's DOCX may name no Chinese face at all, and its styles stay untouched."""
    for paragraph in comment.paragraphs:
        for run in paragraph.runs:
            set_east_asian_font(run._r, BODY_FONT)


def shade(run: Run, fill: str) -> None:
    """Background colour behind a run's text (any RGB, unlike Word's 16 highlight colours)."""
    rpr = run._r.get_or_add_rPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    rpr.insert_element_before(shd, *_AFTER_SHD)


def shade_cell(cell, fill: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tc_pr.append(shd)


def colour(run: Run, rgb: str, bold: bool = False) -> Run:
    run.font.color.rgb = RGBColor.from_string(rgb)
    if bold:
        run.bold = True
    return run


def repeat_header(row) -> None:
    """Mark a table row as a header that Word repeats at the top of every page."""
    tr_pr = row._tr.get_or_add_trPr()
    node = OxmlElement("w:tblHeader")
    node.set(qn("w:val"), "true")
    tr_pr.append(node)


def no_split(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))


class Bookmarks:
    """Word bookmarks with unique ids, placed around runs, as targets of internal links."""

    def __init__(self) -> None:
        self._next = 1000

    def wrap(self, first: Run, last: Run, name: str) -> None:
        start = OxmlElement("w:bookmarkStart")
        start.set(qn("w:id"), str(self._next))
        start.set(qn("w:name"), name)
        end = OxmlElement("w:bookmarkEnd")
        end.set(qn("w:id"), str(self._next))
        self._next += 1
        first._r.addprevious(start)
        last._r.addnext(end)


def add_internal_link(paragraph: Paragraph, text: str, anchor: str, rgb: str = "1A55C0") -> Run:
    """A run that jumps to bookmark ``anchor`` when clicked (a w:hyperlink with w:anchor)."""
    link = OxmlElement("w:hyperlink")
    link.set(qn("w:anchor"), anchor)
    link.set(qn("w:history"), "1")
    paragraph._p.append(link)
    r = OxmlElement("w:r")
    link.append(r)
    run = Run(r, paragraph)
    run.text = text
    colour(run, rgb)
    run.underline = True
    return run


def save(document, path: Path) -> Path:
    buf = io.BytesIO()
    document.save(buf)
    return atomic_write_bytes(path, buf.getvalue())
