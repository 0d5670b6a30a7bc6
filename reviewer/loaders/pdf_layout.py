"""From a PDF's positioned lines to paragraphs: running headers/footers out, wrapped lines joined."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Iterable

from .raw import Paragraph


@dataclass(slots=True)
class Line:
    """One text line of a page; positions in points, y growing downwards from the page top."""

    text: str
    page: int
    left: float
    right: float
    top: float
    bottom: float
    page_width: float
    page_height: float
    gaps: list[float] | None = None  # widths of gaps read as spaces, None if a typed space is in it
    space_before: bool = False  # the line starts with a typed space (stripped from ``text``)
    space_after: bool = False  # the line ends with one

    @property
    def size(self) -> float:
        return max(1.0, self.bottom - self.top)


def median(values: Iterable[float]) -> float:
    """``statistics.median``, without importing statistics (and fractions, random …) for it."""
    ordered = sorted(values)
    n = len(ordered)
    if not n:
        raise ValueError("no median for empty data")
    return ordered[n // 2] if n % 2 else (ordered[n // 2 - 1] + ordered[n // 2]) / 2


def is_cjk(ch: str) -> bool:
    """Chinese characters, their punctuation and full-width forms: text joined without spaces."""
    if not ch:
        return False
    code = ord(ch)
    return (0x2E80 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0xFE30 <= code <= 0xFE4F
            or 0xFF00 <= code <= 0xFFEF or code >= 0x20000)


_RULE_CHARS = "_＿-—.·…"
_LETTER_SPACED = re.compile(r"(?:[\u3400-\u9fff] ){2,}[\u3400-\u9fff]")


def keeps_gap(before: str, after: str, gap: float, size: float) -> bool:
    """Whether a gap PDFium saw between two characters on a line is a real space.

    Between two Chinese characters any gap PDFium notices (about a quarter of a character) is
    one: a space typed in the source, a blank left for a value (向 人民法院), or two table
    columns (a box □ or a bracket beside Chinese counts the same). Between Chinese and Latin
    letters or digits Word leaves about that much room by itself, so only a wider gap counts.
    Between Latin words it is the word space. Inside a run of underscores or dots only a gap
    of a whole character breaks it.
    """
    if before == after and before in _RULE_CHARS:
        return gap >= max(size, 1.0)  # a fill-in line drawn in pieces is one line
    cjk_before, cjk_after = is_cjk(before), is_cjk(after)
    if (cjk_before and after.isalnum() and not cjk_after) or (
            cjk_after and before.isalnum() and not cjk_before):
        return gap >= 0.45 * max(size, 1.0)
    return True


def unspace_letters(text: str, gaps: list[float] | None, size: float) -> str:
    """A letter-spaced heading (合 同 书) reads as one word: single characters set apart by
    narrow, untyped gaps are spacing. Wide gaps stay (年  月  日 is a date left blank)."""
    if gaps and len(gaps) >= 2 and max(gaps) < 1.5 * size and _LETTER_SPACED.fullmatch(text):
        return text.replace(" ", "")
    return text


# -- running headers, footers, page numbers ---------------------------------------------------------

_PAGE_NUMBER = re.compile(
    r"^(?:"
    r"[-–—_~·•\s]*\d{1,4}[-–—_~·•\s]*"  # 3, - 3 -, — 3 —
    r"|第\s*\d{1,4}\s*页(?:\s*[,，/、]?\s*共\s*\d{1,4}\s*页)?"  # 第 3 页 / 第 3 页 共 10 页
    r"|共\s*\d{1,4}\s*页\s*[,，/、]?\s*第\s*\d{1,4}\s*页"  # 共 10 页 第 3 页
    r"|\d{1,4}\s*/\s*\d{1,4}"  # 3/10
    r"|(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?"  # Page 3 of 10
    r")$",
    re.IGNORECASE,
)
_BAND = 0.12  # share of the page height at top and bottom where headers and footers sit
_EDGE_LINES = 3  # lines from each edge of a page looked at


def _edge_lines(lines: list[Line]) -> list[tuple[str, Line]]:
    """The few lines nearest the top and bottom of a page that sit in the margin bands."""
    by_y = sorted(lines, key=lambda line: line.top)
    found = [("top", line) for line in by_y[:_EDGE_LINES] if line.bottom <= line.page_height * _BAND]
    at_top = {id(line) for _, line in found}
    found += [("bottom", line) for line in by_y[-_EDGE_LINES:]
              if line.top >= line.page_height * (1 - _BAND) and id(line) not in at_top]
    return found


def remove_running_lines(pages: list[list[Line]]) -> None:
    """Drop page numbers and lines repeated in the same margin band on most pages (in place)."""
    with_text = sum(1 for lines in pages if lines)
    seen: dict[tuple[str, str], list[Line]] = defaultdict(list)
    doomed: set[int] = set()
    for lines in pages:
        for band, line in _edge_lines(lines):
            compact = re.sub(r"\s+", "", line.text)
            if _PAGE_NUMBER.match(compact) or _PAGE_NUMBER.match(line.text.strip()):
                doomed.add(id(line))
                continue
            # Digits vary from page to page in a running line ("合同编号 … 第 3 页"); compare without them.
            seen[(band, re.sub(r"\d+", "#", compact))].append(line)
    needed = max(2, (with_text + 1) // 2)
    for repeated in seen.values():
        pages_hit = {line.page for line in repeated}
        if len(pages_hit) < needed:
            continue
        middle = median(line.top for line in repeated)
        for line in repeated:
            if abs(line.top - middle) <= max(4.0, line.size * 0.5):
                doomed.add(id(line))
    for lines in pages:
        lines[:] = [line for line in lines if id(line) not in doomed]


# -- paragraphs --------------------------------------------------------------------------------------

# A line that opens a clause or an item: 第一章 / 第3条 / 1.1 / 1、 / (1) / （一） / 一、 / ① / a) / Article 3.
_CLAUSE_START = re.compile(
    r"^(?:第[一二三四五六七八九十百千零〇两\d]+[章条節节款部篇]"
    r"|\d{1,3}(?:\.\d{1,3})+(?![\d%])"
    r"|\d{1,3}[、．.)）](?![\d%])"
    r"|[（(]\s*(?:[一二三四五六七八九十]{1,3}|\d{1,3}|[a-zA-Z])\s*[)）]"
    r"|[一二三四五六七八九十]{1,3}[、．.]"
    r"|[\u2460-\u2473\u2474-\u249b]"
    r"|[a-zA-Z][)）]"
    r"|(?:ARTICLE|Article|SECTION|Section|Clause|CLAUSE)\s+\d"
    r"|[•▪◆■●]"
    r")"
)
# A line ending here ends a sentence or introduces a list: the next line may start a new paragraph.
_TERMINAL = re.compile(r"[。；：！？;:!?][”’」』）)]*$")


@dataclass(slots=True)
class _Metrics:
    body_left: float
    right_margin: float
    pitch: float | None
    size: float


def _metrics(pages: list[list[Line]]) -> _Metrics:
    lines = [line for page in pages for line in page]
    sizes = sorted(line.size for line in lines)
    size = sizes[len(sizes) // 2]
    lefts = Counter(round(line.left) for line in lines)
    top_count = max(lefts.values())
    body_left = min(left for left, count in lefts.items() if count >= top_count * 0.8)
    rights = sorted(line.right for line in lines)
    # Full lines end at the right margin. When few lines are full (a page of short items), the
    # margins are taken to be even, as they are on nearly every contract.
    mirrored = median(line.page_width for line in lines) - body_left - 2 * size
    right_margin = max(rights[int(0.9 * (len(rights) - 1))], mirrored)
    steps = [b.top - a.top for page in pages for a, b in zip(page, page[1:])
             if 0 < b.top - a.top < 3 * size]
    return _Metrics(body_left, right_margin, median(steps) if steps else None, size)


_LATIN_RUN = re.compile(r"[^\s\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]*")


def _first_word_width(line: Line, size: float) -> float:
    """Roughly how wide the next line's first word is: a Latin word (about half an em a
    letter), and the ideograph it runs into (“甲方” starts with a quote and 甲)."""
    text = line.text.lstrip()
    latin = _LATIN_RUN.match(text).group(0)
    ideograph = 1 if len(text) > len(latin) and is_cjk(text[len(latin)]) else 0
    return max(size, 0.5 * size * len(latin) + size * ideograph)


def _is_short(previous: Line, following: Line, metrics: _Metrics) -> bool:
    """The previous line stopped early: the next line's first word would have fitted on it."""
    room = metrics.right_margin - previous.right
    return room > _first_word_width(following, metrics.size) + 0.5 * metrics.size


def _indented(line: Line, metrics: _Metrics) -> bool:
    return line.left > metrics.body_left + 0.9 * metrics.size


def _starts_paragraph(previous: Line, line: Line, metrics: _Metrics, same_page: bool) -> bool:
    if same_page and metrics.pitch and line.top - previous.top > 1.4 * metrics.pitch:
        return True  # a visibly larger gap
    if _is_short(previous, line, metrics):
        return True
    if _TERMINAL.search(previous.text) and (_CLAUSE_START.match(line.text) or _indented(line, metrics)):
        return True
    return False


def _joiner(before: str, after: str) -> str:
    """Nothing between Chinese characters (a line wrap is no space); one space between Latin words."""
    if not before or not after:
        return ""
    if is_cjk(before[-1]) or is_cjk(after[0]) or before.endswith(("-", "/")):
        return ""
    if before[-1] == after[0] and before[-1] in _RULE_CHARS:
        return ""  # a fill-in line wrapped onto the next line
    if re.search(r"\d[,.]$", before) and after[0].isdigit():
        return ""  # 291,|000.00: a number wrapped at its separator
    return " "


def build_paragraphs(pages: list[list[Line]]) -> list[Paragraph]:
    """Join lines into paragraphs in reading order; a paragraph running on to the next page keeps
    the offset where that page begins in ``page_breaks``."""
    if not any(pages):
        return []
    metrics = _metrics(pages)
    paragraphs: list[Paragraph] = []
    current: Paragraph | None = None
    previous: Line | None = None
    for lines in pages:
        for line in lines:
            if current is not None and previous is not None and not _starts_paragraph(
                    previous, line, metrics, same_page=previous.page == line.page):
                glue = " " if previous.space_after or line.space_before else _joiner(current.text, line.text)
                if line.page != previous.page:
                    current.page_breaks.append((len(current.text) + len(glue), line.page))
                current.text += glue + line.text
            else:
                current = Paragraph(line.text, line.page, f"第 {line.page} 页")
                paragraphs.append(current)
            previous = line
    return paragraphs
