"""PDF contracts through PDFium: each page's text lines with their positions, then paragraphs."""

from __future__ import annotations

import ctypes
import re
from pathlib import Path

from ..model.document import PageProblem
from ..errors import LoadError, PasswordRequired
from ..i18n import tr
from .raw import RawDocument
from .pdf_layout import Line, build_paragraphs, is_cjk, keeps_gap, remove_running_lines, unspace_letters
from .sniff import damaged_error

# PDFium (pypdfium2) reads a page's text in about a millisecond; pdfplumber/pdfminer take some
# twenty times longer, so they stay off this path. PDFium already orders the characters, breaks
# lines and skips characters drawn twice for fake bold; we ask it for a handful of positions per
# line (not per character) and decide the rest in .pdf_layout.
_FPDF_ERR_PASSWORD = 4
#: A line as PDFium gives it, the text between its line breaks, without the spaces at its ends
#: (``\s`` is what ``str.strip`` strips); a line of spaces only is none.
_LINE_TEXT = re.compile(r"\S(?:[^\r\n]*\S)?")
#: What a line's characters are looked at one by one for: spaces (typed or made up by PDFium) and
#: control characters (dropped; a tab is kept).
_NEEDS_CARE = re.compile(r"[\x00-\x08\x0a-\x1f ]")
_FEW_LINES = 3
#: What a font without a Unicode map yields instead of letters: replacement, private-use and control characters.
_NOT_WORDS = re.compile("[\ufffd\ue000-\uf8ff\x00-\x08\x0e-\x1b]")  # controls that are not whitespace
_SPACES = re.compile(r"\s")
#: More pages than any contract (the longest run to a few hundred); reading costs about 1-5 ms a page.
MAX_PAGES = 2000
# A page tree that counts no pages, and any page object at all (/Type /Page, not /Pages).
_NO_PAGES = re.compile(rb"/Type\s*/Pages\b[^>]*?/Count\s+0\b|/Count\s+0\b[^>]*?/Type\s*/Pages\b")
_A_PAGE = re.compile(rb"/Type\s*/Page(?![s\w])")


def load_pdf(path: Path, password: str | None = None) -> RawDocument:
    """Read a PDF's text layer; pages without one become PageProblems, a PDF without any a LoadError.

    ``password`` opens a PDF with an open (user) password; without it, or with a wrong one, such a
    PDF raises :class:`PasswordRequired`. An owner password alone (no printing, no copying) needs nothing.
    """
    import pypdfium2 as pdfium

    try:
        # Bytes rather than a path: PDFium's own file opening trips over non-ASCII paths on Windows.
        data = path.read_bytes()
        pdf = pdfium.PdfDocument(data, password=password or None)
    except pdfium.PdfiumError as error:
        # PDFium's error code can be left over from an earlier document (it is only set on some
        # failures), so a password is asked for only when the file is encrypted at all.
        if getattr(error, "err_code", None) == _FPDF_ERR_PASSWORD and b"/Encrypt" in data:
            raise _password_error(path, wrong=bool(password)) from None
        # PDFium refuses a document without pages as if it were broken; say which it is.
        raise (_no_pages_error(path) if _NO_PAGES.search(data) and not _A_PAGE.search(data)
               else damaged_error(path, "PDF")) from None
    except (OSError, ValueError):
        raise damaged_error(path, "PDF") from None
    try:
        page_count = len(pdf)
        if page_count == 0:
            raise _no_pages_error(path)
        if page_count > MAX_PAGES:
            raise LoadError(
                tr("这个 PDF 有 {n} 页，超过上限 {m} 页，不像是一份合同，已拒绝读取。",
                   "This PDF has {n} pages, more than the limit of {m}: too many for a contract; it was not read.",
                   n=page_count, m=MAX_PAGES),
                path=path,
                hint=tr("如果合同只是其中一部分，请把合同的页面另存为一个 PDF 再打开。",
                        "If the contract is only part of it, save the contract's pages as a PDF of their own "
                        "and open that."))
        pages: list[list[Line]] = []
        problems: dict[int, str] = {}
        pictured: set[int] = set()  # pages with few lines and a picture: maybe a scan with a footer
        for index in range(page_count):
            lines, problem, picture = _read_page(pdf, index)
            pages.append(lines)
            if problem:
                problems[index + 1] = problem
            if picture:
                pictured.add(index + 1)
    except (RuntimeError, OSError, ValueError):  # PdfiumError is a RuntimeError
        raise damaged_error(path, "PDF") from None
    finally:
        pdf.close()

    if not any(pages):
        raise _scan_error(path, page_count, problems)
    kept = [list(lines) for lines in pages]
    remove_running_lines(kept)
    if not any(kept):
        if all(not lines or number in pictured for number, lines in enumerate(pages, 1)):
            raise _scan_error(path, page_count, problems)  # scanned pages with typed page numbers
        kept = pages  # every page reads the same few lines: they are the text, not a running header
    pages = kept
    for number, lines in enumerate(pages, 1):
        if not lines and number in pictured:
            problems.setdefault(number, "no-text")  # a scanned page with a typed page number
    paragraphs = build_paragraphs(pages)
    page_problems = [PageProblem(number, problem) for number, problem in sorted(problems.items())]
    notes = [_truncated_note()] if _looks_truncated(data) else []
    return RawDocument(paragraphs, page_count=page_count, page_problems=page_problems, notes=notes)


def _no_pages_error(path: Path) -> LoadError:
    return LoadError(
        tr("这个 PDF 一页也没有。", "This PDF has no pages at all."), path=path,
        hint=tr("文件可能导出失败或下载不完整；请让对方重新导出或发送。",
                "The export or the download may have failed; ask the sender to export or send it again."))


def _password_error(path: Path, *, wrong: bool) -> PasswordRequired:
    hint = tr("请输入打开密码（审查窗口会询问）；或去除密码：在 PDF 阅读器中用密码打开，“打印”为新的 PDF 后打开新文件，"
              "也可以向对方索取未加密的版本。",
              "Enter the open password (the review window asks for it), or remove the password: open the PDF "
              "with it in a PDF reader, print it to a new PDF and open that, or ask the sender for an "
              "unprotected copy.")
    if wrong:
        return PasswordRequired(tr("PDF 的打开密码不正确。", "The password for this PDF is not correct."),
                                path=path, hint=hint, wrong_password=True)
    return PasswordRequired(tr("PDF 设置了打开密码，需要密码才能读取。",
                               "The PDF is protected with an open password and needs it to be read."),
                            path=path, hint=hint)


def _scan_error(path: Path, page_count: int, problems: dict[int, str]) -> LoadError:
    if problems and all(problem == "garbled-text" for problem in problems.values()):
        return LoadError(
            tr("这个 PDF 的文字读出来是乱码（共 {n} 页，字体的编码无法还原为文字），无法审查。",
               "The text of this PDF ({n} pages) comes out as gibberish: its fonts' encoding cannot be turned "
               "back into characters, so it cannot be reviewed.", n=page_count),
            path=path,
            hint=tr("请向对方索取 Word 版本；或用 OCR（文字识别）软件处理后再打开。",
                    "Ask the sender for the Word version, or run OCR (text recognition) on it and open the result."))
    return LoadError(
        tr("这个 PDF 是扫描件（共 {n} 页），没有可读取的文字层，无法审查。",
           "This PDF is a scan ({n} pages) with no text layer, so it cannot be reviewed.", n=page_count),
        path=path,
        hint=tr("请先用 OCR（文字识别）软件处理，生成带文字层的 PDF 或 DOCX，再打开。",
                "Run OCR (text recognition) on it first to make a PDF with a text layer, or a DOCX, "
                "and open that."),
    )


def _looks_truncated(data: bytes) -> bool:
    """No end-of-file marker after the last object: the download or the copy stopped early.

    PDFium rebuilds what it can from such a file, so the pages it reads may not be all of them.
    """
    end = data.rfind(b"%%EOF")
    return end < 0 or b"endobj" in data[end:] or b"stream" in data[end:]


def _truncated_note() -> str:
    return tr("PDF 文件末尾不完整（可能下载或复制中断），已读出能读的部分；后面的页面可能缺失，请重新获取完整文件后再审查。",
              "The end of the PDF file is missing (an interrupted download or copy?): what could be read "
              "was read, but later pages may be lost; get the complete file again and review that.")


def _read_page(pdf, index: int) -> tuple[list[Line], str | None, bool]:
    """The page's lines (headers and footers still in), its problem if it has no usable text,
    and whether a page of at most a few lines also shows a picture (a scan with a typed footer)."""
    import pypdfium2.raw as raw

    page = pdf[index]
    try:
        textpage = page.get_textpage()
        try:
            count = textpage.count_chars()
            if count <= 0:
                has_objects = raw.FPDFPage_CountObjects(page.raw) > 0
                return [], ("no-text" if has_objects else None), False
            text = textpage.get_text_range(0, count)
            if len(text) != count:
                # Characters outside the BMP come as surrogate pairs, and glyphs without a
                # Unicode value are left out; ask for each character so indices stay aligned.
                text = "".join(chr(raw.FPDFText_GetUnicode(textpage.raw, i)) for i in range(count))
            lines = _lines(textpage.raw, text, page.get_size(), page.get_rotation(), index + 1)
        finally:
            textpage.close()
        picture = len(lines) <= _FEW_LINES and _has_picture(page)
    finally:
        page.close()
    if not lines:
        return [], "no-text", picture
    if _garbled(lines):
        # Fonts without a Unicode map: the "text" is glyph numbers, not words.
        return [], "garbled-text", picture
    return lines, None, picture


def _has_picture(page) -> bool:
    import pypdfium2.raw as raw

    return any(raw.FPDFPageObj_GetType(raw.FPDFPage_GetObject(page.raw, i)) == raw.FPDF_PAGEOBJ_IMAGE
               for i in range(raw.FPDFPage_CountObjects(page.raw)))


def _lines(textpage, text: str, size: tuple[float, float], rotation: int, page: int) -> list[Line]:
    """Split PDFium's text at its line breaks; one loose box per line end, a few per gap."""
    import pypdfium2.raw as raw

    # PDFium gives the page's size as shown (turned by /Rotate); the character boxes come in the
    # page's own, unturned space, which _orient turns with the unturned size.
    shown = size
    width, height = size if rotation in (0, 180) else (size[1], size[0])
    rect = raw.FS_RECTF()
    rect_ref = ctypes.byref(rect)

    def box(i: int) -> tuple[float, float, float, float]:
        """Loose box of char ``i`` as (left, top, right, bottom) in reading orientation, y down."""
        char_box(textpage, i, rect_ref)
        return _orient(rect.left, rect.top, rect.right, rect.bottom, width, height, rotation)

    char_box = raw.FPDFText_GetLooseCharBox
    is_generated = raw.FPDFText_IsGenerated
    lines: list[Line] = []
    for run in _LINE_TEXT.finditer(text):
        first, end = run.span()
        last = end - 1
        # A space typed at either end of a line is in the source (a stray space the wrap hides).
        space_before = first > 0 and text[first - 1] == " " and is_generated(textpage, first - 1) == 0
        space_after = text[last + 1:last + 2] == " " and is_generated(textpage, last + 1) == 0
        gaps: list[float] | None = []  # widths of the gaps kept as spaces; None once a typed space shows
        if _NEEDS_CARE.search(text, first, last + 1) is None:  # most lines: no space, no control character
            chars: list[str] | str = text[first:last + 1]
        else:
            chars = []
            for i in range(first, last + 1):
                ch = text[i]
                if ch == " " and is_generated(textpage, i) == 1:
                    if chars and chars[-1] == " ":
                        continue
                    before = next((c for c in reversed(chars) if c != " "), "")
                    after = next((c for c in text[i + 1:last + 1] if c != " "), "")
                    if is_cjk(before) or is_cjk(after) or before == after:
                        left_box, right_box = box(i - 1), box(i + 1)
                        gap = right_box[0] - left_box[2]
                        if not keeps_gap(before, after, gap, left_box[3] - left_box[1]):
                            continue
                        if gaps is not None:
                            gaps.append(gap)
                elif ch == " ":
                    gaps = None
                elif ch < " " and ch != "\t":
                    continue  # control characters and glyphs PDFium could not name (U+0000)
                chars.append(ch)
        if rotation == 0:  # upright pages, nearly all: box() without its turn, 8 ms of 100 pages
            char_box(textpage, first, rect_ref)
            a, b, y1, y2 = rect.left, rect.right, height - rect.top, height - rect.bottom
            left, top, bottom = (b if b < a else a), (y2 if y2 < y1 else y1), (y2 if y2 > y1 else y1)
            char_box(textpage, last, rect_ref)
            a, b, y1, y2 = rect.left, rect.right, height - rect.top, height - rect.bottom
            right, top2, bottom2 = (b if b > a else a), (y2 if y2 < y1 else y1), (y2 if y2 > y1 else y1)
        else:
            left, top, _, bottom = box(first)
            _, top2, right, bottom2 = box(last)
        line = Line("".join(chars), page, left, right, top2 if top2 < top else top,
                    bottom2 if bottom2 > bottom else bottom, *shown, gaps, space_before, space_after)
        if lines and _same_baseline(lines[-1], line):
            _extend(lines[-1], line)
        else:
            lines.append(line)
    for line in lines:
        if line.gaps:  # letter-spaced text has gaps
            line.text = unspace_letters(line.text, line.gaps, line.size)
    return lines


def _same_baseline(previous: Line, line: Line) -> bool:
    """PDFium sometimes breaks a line between separately drawn pieces that stand side by side
    (it misjudges the text flow when every character is its own object); they are one line."""
    if line.left < previous.right - 1.0:
        return False  # most lines: the next one starts back at the margin
    overlap = min(previous.bottom, line.bottom) - max(previous.top, line.top)
    return overlap > 0.6 * min(previous.size, line.size)


def _extend(previous: Line, line: Line) -> None:
    gap = line.left - previous.right
    before, after = previous.text[-1:], line.text[:1]
    joint = " " if gap >= 0.2 * previous.size and keeps_gap(before, after, gap, previous.size) else ""
    previous.text += joint + line.text
    previous.space_after = line.space_after
    if previous.gaps is None or line.gaps is None:
        previous.gaps = None
    else:
        previous.gaps += ([gap] if joint else []) + line.gaps
    previous.right = line.right
    previous.top = min(previous.top, line.top)
    previous.bottom = max(previous.bottom, line.bottom)


def _orient(left: float, top: float, right: float, bottom: float, width: float, height: float,
            rotation: int) -> tuple[float, float, float, float]:
    """PDF user space (y up, unrotated) → the page as displayed (y down), for /Rotate 0/90/180/270."""
    if rotation == 90:
        xs, ys = (top, bottom), (left, right)
    elif rotation == 180:
        xs, ys = (width - left, width - right), (top, bottom)
    elif rotation == 270:
        xs, ys = (height - top, height - bottom), (width - left, width - right)
    else:
        xs, ys = (left, right), (height - top, height - bottom)
    return min(xs), min(ys), max(xs), max(ys)


def _garbled(lines: list[Line]) -> bool:
    text = "".join(line.text for line in lines)
    shown = len(text) - len(_SPACES.findall(text))
    return shown > 0 and len(_NOT_WORDS.findall(text)) > 0.3 * shown
