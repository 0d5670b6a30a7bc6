"""Word (.docx) contracts: body paragraphs and tables in order, with Word's automatic numbers."""

from __future__ import annotations

import posixpath
import zipfile
import zlib
from pathlib import Path

from lxml import etree

from ..errors import LoadError
from ..i18n import tr
from .raw import MAX_TEXT_CHARS, Paragraph, RawDocument, too_long_error
from .numbering import W, Numbering, child_val
from .package import parse_xml, read_part
from .sniff import damaged_error, docx_main_part, empty_file_error

# The body XML is walked directly with lxml (python-docx's per-run objects are far too slow for a
# 100-page contract). Headers, footers, comments and footnotes live in other parts and are never
# read; deleted tracked changes are skipped and inserted ones kept: the text as it reads once
# every change is accepted.
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
MATH_T = "{http://schemas.openxmlformats.org/officeDocument/2006/math}t"
FALSE_VALUES = ("0", "false", "off")

# Markers in a paragraph's token stream besides its text.
_LINE, _PAGE = object(), object()
# Inline containers whose content is part of the text as it reads. DESCEND, SKIP, MATH_T and
# FALSE_VALUES are shared with reports.docx_map, which must read the very same characters.
DESCEND = {W + name for name in ("hyperlink", "smartTag", "customXml", "fldSimple", "ins", "moveTo",
                                 "bdo", "dir", "sdtContent", "rubyBase")}
SKIP = {W + name for name in ("del", "moveFrom", "pPr", "rPr", "sdtPr", "sdtEndPr", "rt", "instrText",
                              "delText", "delInstrText", "footnoteReference", "endnoteReference",
                              "commentReference", "annotationRef")}
_SECTION_BREAKS = ("nextPage", "oddPage", "evenPage")


def load_docx(path: Path) -> RawDocument:
    """Read a .docx into paragraphs; a broken or foreign package raises LoadError."""
    try:
        with zipfile.ZipFile(path) as archive:
            main = docx_main_part(archive, path)
            if main is None:
                raise damaged_error(path, "Word（.docx）")
            body_xml = read_part(archive, main, path)
            parts = _related_parts(archive, main, path)
            styles_xml = _read(archive, parts.get("styles"), path)
            numbering_xml = _read(archive, parts.get("numbering"), path)
        root = parse_xml(body_xml, path)
        styles = _Styles(parse_xml(styles_xml, path) if styles_xml else None)
        numbering = Numbering(parse_xml(numbering_xml, path) if numbering_xml else None, styles.numbering)
        body = root.find(W + "body")
        if body is None:
            raise damaged_error(path, "Word（.docx）")
        reader = _BodyReader(styles, numbering, rendered_breaks=b"lastRenderedPageBreak" in body_xml)
        reader.read_blocks(body)
    except LoadError:
        raise
    except _TooMuchText:
        raise too_long_error(path) from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, OSError, EOFError, ValueError, zlib.error,
            etree.XMLSyntaxError, RuntimeError, NotImplementedError, MemoryError):
        # NotImplementedError: a compression method zipfile lacks; RuntimeError: an encrypted member
        # (and RecursionError, which is one); MemoryError: a document the walk could not hold.
        raise damaged_error(path, "Word（.docx）") from None
    if not any(p.text.strip() for p in reader.paragraphs):
        if next(root.iter(W + "drawing", W + "pict"), None) is not None:
            raise LoadError(
                tr("Word 文档里只有图片，没有文字（可能是扫描件粘贴进来的）。",
                   "The Word document holds only pictures and no text (probably pasted scans)."),
                path=path,
                hint=tr("请先用 OCR（文字识别）把图片转换为文字，再打开转换后的文件。",
                        "Run OCR (text recognition) on the pictures first and open the result."),
            )
        raise empty_file_error(path)
    return RawDocument(reader.paragraphs, page_count=reader.page)


class _TooMuchText(Exception):
    """The body holds more text than any contract (see MAX_TEXT_CHARS)."""


def _read(archive: zipfile.ZipFile, name: str | None, path: Path) -> bytes | None:
    if not name:
        return None
    try:
        return read_part(archive, name, path)
    except KeyError:
        return None


def _related_parts(archive: zipfile.ZipFile, main: str, path: Path) -> dict[str, str]:
    """styles / numbering part names from the main part's relationships."""
    folder, name = posixpath.split(main)
    rels_name = posixpath.join(folder, "_rels", name + ".rels")
    found = {"styles": posixpath.join(folder, "styles.xml"), "numbering": posixpath.join(folder, "numbering.xml")}
    try:
        rels = parse_xml(read_part(archive, rels_name, path, limit=4 * 1024 * 1024), path)
    except KeyError:
        return found
    for rel in rels:
        kind = rel.get("Type", "").rsplit("/", 1)[-1]
        if kind in found and rel.get("TargetMode") != "External":
            target = rel.get("Target", "")
            found[kind] = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                posixpath.join(folder, target))
    return found


class _Styles:
    """Paragraph styles: the numbering and page-break-before each one carries, through basedOn."""

    def __init__(self, root) -> None:
        self._raw: dict[str, tuple[str | None, str | None, str | None, bool | None]] = {}
        self.default: str | None = None
        self.numbering: dict[str, tuple[str | None, str | None]] = {}
        self._break_before: dict[str, bool] = {}
        if root is None:
            return
        for style in root.iter(W + "style"):
            sid = style.get(W + "styleId")
            if not sid:
                continue
            if style.get(W + "type") == "paragraph" and style.get(W + "default") in ("1", "true", "on"):
                self.default = sid
            ppr = style.find(W + "pPr")
            num_pr = ppr.find(W + "numPr") if ppr is not None else None
            brk = ppr.find(W + "pageBreakBefore") if ppr is not None else None
            self._raw[sid] = (
                child_val(style, "basedOn"),
                child_val(num_pr, "numId") if num_pr is not None else None,
                child_val(num_pr, "ilvl") if num_pr is not None else None,
                None if brk is None else brk.get(W + "val", "1") not in FALSE_VALUES,
            )
        for sid in self._raw:
            self.numbering[sid] = self._resolve_num(sid)
            self._break_before[sid] = self._resolve_break(sid)

    def _chain(self, sid: str):
        seen = set()
        while sid and sid in self._raw and sid not in seen:
            seen.add(sid)
            yield self._raw[sid]
            sid = self._raw[sid][0]

    def _resolve_num(self, sid: str) -> tuple[str | None, str | None]:
        num_id = ilvl = None
        for _, n, i, _ in self._chain(sid):
            num_id = num_id or n
            ilvl = ilvl or i
            if num_id:
                break
        return num_id, ilvl

    def _resolve_break(self, sid: str) -> bool:
        for *_, brk in self._chain(sid):
            if brk is not None:
                return brk
        return False

    def break_before(self, sid: str | None) -> bool:
        return self._break_before.get(sid or "", False)


class _BodyReader:
    """Walks body → paragraphs/tables → runs, keeping page count and list counters as Word would."""

    def __init__(self, styles: _Styles, numbering: Numbering, *, rendered_breaks: bool) -> None:
        self.styles = styles
        self.numbering = numbering
        # Word records where it last broke pages (w:lastRenderedPageBreak); when present those
        # are the pages a reader saw, and they already include the explicit breaks.
        self.rendered = rendered_breaks
        self.paragraphs: list[Paragraph] = []
        self.page = 1
        self._body_index = 0
        self._tables = 0
        self._carry = ""  # text of a paragraph whose mark was deleted: it joins the next one
        self._text_on_page = False
        self._extra: list[tuple[list, str, str]] = []  # text boxes met inside a paragraph
        self._chars = 0  # text read so far, to stop at MAX_TEXT_CHARS

    # -- blocks ----------------------------------------------------------------------------------

    def read_blocks(self, container, cell: str | None = None) -> None:
        for child in container:
            tag = child.tag
            if tag == W + "p":
                self.read_paragraph(child, cell)
            elif tag == W + "tbl":
                self.read_table(child)
            elif tag in (W + "sdt", W + "customXml", W + "ins", W + "moveTo"):
                inner = child.find(W + "sdtContent") if tag == W + "sdt" else child
                if inner is not None:
                    self.read_blocks(inner, cell)
            elif tag == _MC + "AlternateContent":
                choice = child.find(_MC + "Choice")
                if choice is not None:
                    self.read_blocks(choice, cell)

    def read_table(self, table) -> None:
        self._tables += 1
        number = self._tables
        row_number = 0
        for row in _children(table, W + "tr"):
            trpr = row.find(W + "trPr")
            if trpr is not None and trpr.find(W + "del") is not None:
                continue  # a deleted row
            row_number += 1
            column = 0
            for cell in _children(row, W + "tc"):
                tcpr = cell.find(W + "tcPr")
                span = child_val(tcpr, "gridSpan") if tcpr is not None else None
                source = f"表格 {number} 第 {row_number} 行第 {column + 1} 列"
                self.read_blocks(cell, source)
                column += int(span) if span and span.isdigit() else 1

    def read_paragraph(self, p, cell: str | None) -> None:
        ppr = p.find(W + "pPr")
        style = child_val(ppr, "pStyle") if ppr is not None else None
        style = style or self.styles.default
        mark_deleted = False
        section_break = False
        break_before = self.styles.break_before(style)
        if ppr is not None:
            rpr = ppr.find(W + "rPr")
            mark_deleted = rpr is not None and (rpr.find(W + "del") is not None
                                                or rpr.find(W + "moveFrom") is not None)
            sect = ppr.find(W + "sectPr")
            if sect is not None:
                section_break = (child_val(sect, "type", "nextPage") or "nextPage") in _SECTION_BREAKS
            brk = ppr.find(W + "pageBreakBefore")
            if brk is not None:
                break_before = brk.get(W + "val", "1") not in FALSE_VALUES

        if cell is None:
            # Counted like python-docx's Document.paragraphs (empty ones too), so "段落 N" is
            # paragraphs[N - 1] for anyone mapping back into the file.
            self._body_index += 1
        tokens: list = []
        if break_before and not self.rendered:
            tokens.append(_PAGE)
        self._inline(p, tokens)
        if mark_deleted:
            # Accepting the deletion merges this paragraph into the next; it is not numbered.
            self._carry += "".join(t for t in tokens if isinstance(t, str))
            self._flush_extra()
            return
        label = self._label(ppr, style)
        prefix, self._carry = label + self._carry, ""
        if prefix:
            tokens.insert(1 if tokens and tokens[0] is _PAGE else 0, prefix)
        source = cell or f"段落 {self._body_index}"
        self._emit(tokens, source, "table" if cell else "para")
        self._flush_extra()
        if section_break and not self.rendered:
            self._new_page()

    def _label(self, ppr, style: str | None) -> str:
        num_pr = ppr.find(W + "numPr") if ppr is not None else None
        num_id = child_val(num_pr, "numId") if num_pr is not None else None
        ilvl = child_val(num_pr, "ilvl") if num_pr is not None else None
        style_num, style_ilvl = self.styles.numbering.get(style or "", (None, None))
        num_id = num_id or style_num
        if not num_id or num_id == "0":
            return ""
        if ilvl is None:
            ilvl = style_ilvl
        level = int(ilvl) if ilvl and ilvl.isdigit() else self.numbering.level_for_style(num_id, style)
        return self.numbering.label(num_id, level)

    # -- inline content --------------------------------------------------------------------------

    def _inline(self, element, tokens: list) -> None:
        for child in element:
            tag = child.tag
            if tag == W + "r":
                self._run(child, tokens)
            elif tag in DESCEND:
                self._inline(child, tokens)
            elif tag == W + "sdt":
                content = child.find(W + "sdtContent")
                if content is not None:
                    self._inline(content, tokens)
            elif tag == W + "ruby":
                base = child.find(W + "rubyBase")
                if base is not None:
                    self._inline(base, tokens)
            elif tag == MATH_T:
                tokens.append(child.text or "")
            elif tag in SKIP or not isinstance(tag, str):
                continue
            elif tag.startswith("{http://schemas.openxmlformats.org/officeDocument/2006/math}"):
                self._inline(child, tokens)

    def _run(self, run, tokens: list) -> None:
        rpr = run.find(W + "rPr")
        if rpr is not None:
            vanish = rpr.find(W + "vanish")
            if vanish is not None and vanish.get(W + "val", "1") not in FALSE_VALUES:
                return  # hidden text is not part of what the reader sees
        for child in run:
            tag = child.tag
            if tag == W + "t":
                if child.text:
                    tokens.append(child.text)
            elif tag in (W + "tab", W + "ptab"):
                tokens.append("\t")
            elif tag == W + "br":
                kind = child.get(W + "type")
                if kind == "page":
                    if not self.rendered:
                        tokens.append(_PAGE)
                elif kind != "column":
                    tokens.append(_LINE)
            elif tag == W + "cr":
                tokens.append(_LINE)
            elif tag == W + "lastRenderedPageBreak":
                if self.rendered:
                    tokens.append(_PAGE)
            elif tag == W + "noBreakHyphen":
                tokens.append("-")
            elif tag == W + "sym":
                code = child.get(W + "char", "")
                try:
                    value = int(code, 16)
                except ValueError:
                    continue
                # Symbol-font characters are stored at F0xx; the character itself is xx.
                tokens.append(chr(value - 0xF000 if 0xF020 <= value <= 0xF0FF else value))
            elif tag in (W + "drawing", W + "pict", W + "object") or tag == _MC + "AlternateContent":
                self._text_boxes(child)

    def _text_boxes(self, element) -> None:
        """Paragraphs inside text boxes follow the paragraph that anchors them.

        Only the outermost boxes and their own paragraphs are taken here: a box inside a box is
        reached through the run that anchors it, so every paragraph is read once (reading inner
        boxes again for every outer one grows exponentially with the nesting).
        """
        if element.tag == _MC + "AlternateContent":
            element = element.find(_MC + "Choice")  # the Fallback repeats the same boxes
            if element is None:
                return
        for box in _outermost(element, W + "txbxContent"):
            for p in _outermost(box, W + "p"):
                slot = len(self._extra)
                self._extra.append(([], "文本框", "para"))  # before the boxes this paragraph anchors
                self._inline(p, self._extra[slot][0])

    def _flush_extra(self) -> None:
        extra, self._extra = self._extra, []
        for tokens, source, kind in extra:
            self._emit(tokens, source, kind)

    # -- paragraphs and pages ---------------------------------------------------------------------

    def _new_page(self) -> None:
        # A break before anything was written (the cover's first line, say) opens no new page.
        if self._text_on_page:
            self.page += 1
            self._text_on_page = False

    def _emit(self, tokens: list, source: str, kind: str) -> None:
        """Tokens → one Paragraph per line of the paragraph; page breaks become page_breaks."""
        para = Paragraph("", self.page, source, kind)
        pieces: list[str] = []
        length = 0

        def finish() -> None:
            para.text = "".join(pieces)
            end = len(para.text.rstrip())
            para.page_breaks = [(at, page) for at, page in para.page_breaks if at < end]
            if para.text.strip():
                self.paragraphs.append(para)
                self._chars += len(para.text) + 1
                if self._chars > MAX_TEXT_CHARS:
                    raise _TooMuchText

        for token in tokens:
            if token is _PAGE:
                self._new_page()
                if not "".join(pieces).strip():
                    para.page = self.page  # nothing written yet: the paragraph starts on the new page
                elif para.page_breaks[-1:] != [(length, self.page)] and self.page != para.page:
                    para.page_breaks.append((length, self.page))
            elif token is _LINE:
                finish()
                para = Paragraph("", self.page, source, kind)
                pieces, length = [], 0
            else:
                pieces.append(token)
                length += len(token)
                if token.strip():
                    self._text_on_page = True
        finish()


def _outermost(element, tag: str):
    """Descendants with ``tag`` that are not inside another ``tag`` below ``element``."""
    for child in element:
        if child.tag == tag:
            yield child
        elif len(child):
            yield from _outermost(child, tag)


def _children(element, tag: str):
    """Direct children with ``tag``, looking through content controls and custom XML wrappers."""
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag in (W + "sdt", W + "customXml"):
            inner = child.find(W + "sdtContent") if child.tag == W + "sdt" else child
            if inner is not None:
                yield from _children(inner, tag)
