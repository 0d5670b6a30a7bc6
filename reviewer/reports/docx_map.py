"""Map offsets of ``Document.text`` back to characters inside the runs of the source DOCX.

The DOCX loader turns each line of each w:p into a block (automatic numbering in front of the
first line). Here the same walk is made over the same XML, keeping for every character the run
and run child it came from; each block is then aligned with the next source line whose text
it ends with (or, failing that, that it resembles), so findings can be anchored on runs.
"""

from __future__ import annotations

from bisect import bisect_left
from copy import deepcopy
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import TYPE_CHECKING, Iterator

from docx.oxml.ns import qn

# The loader's own sets of inline containers to walk into and elements to skip: sharing them
# keeps both walks reading the same characters in the same order.
from ..loaders.docx import DESCEND, FALSE_VALUES, MATH_T, SKIP
from ..text.textnorm import drop_invisible, normalise_chars

if TYPE_CHECKING:  # pragma: no cover
    from ..model.document import Document

W_P, W_R, W_T, W_TBL, W_TC, W_TR = (qn(f"w:{n}") for n in ("p", "r", "t", "tbl", "tc", "tr"))
W_RPR = qn("w:rPr")
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_MATH_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
_NEWLINE = object()  # a line break inside a paragraph: the loader starts a new block there


@dataclass(frozen=True, slots=True)
class CharPos:
    """One character of a paragraph: its run, the run child holding it, and the index in that child."""

    run: object  # CT_R
    child: object  # w:t, w:tab, w:sym …
    index: int


def _run_chars(r, out: list) -> None:
    rpr = r.find(W_RPR)
    if rpr is not None:
        vanish = rpr.find(qn("w:vanish"))
        if vanish is not None and vanish.get(qn("w:val"), "1") not in FALSE_VALUES:
            return  # hidden text is not in Document.text
    for child in r.iterchildren():
        tag = child.tag
        if tag == W_T:
            out.extend((ch, CharPos(r, child, i)) for i, ch in enumerate(child.text or ""))
        elif tag in (qn("w:tab"), qn("w:ptab")):
            out.append(("\t", CharPos(r, child, 0)))
        elif tag == qn("w:br"):
            if child.get(qn("w:type")) not in ("page", "column"):
                out.append(_NEWLINE)
        elif tag == qn("w:cr"):
            out.append(_NEWLINE)
        elif tag == qn("w:noBreakHyphen"):
            out.append(("-", CharPos(r, child, 0)))
        elif tag == qn("w:sym"):
            try:
                value = int(child.get(qn("w:char"), ""), 16)
            except ValueError:
                continue
            out.append((chr(value - 0xF000 if 0xF020 <= value <= 0xF0FF else value), CharPos(r, child, 0)))


def _inline(element, out: list) -> None:
    for child in element:
        tag = child.tag
        if tag == W_R:
            _run_chars(child, out)
        elif tag in DESCEND:
            _inline(child, out)
        elif tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                _inline(content, out)
        elif tag == qn("w:ruby"):
            base = child.find(qn("w:rubyBase"))
            if base is not None:
                _inline(base, out)
        elif tag == MATH_T:
            out.extend((ch, None) for ch in child.text or "")  # no run to anchor on
        elif tag in SKIP or not isinstance(tag, str):
            continue
        elif tag.startswith(_MATH_NS):
            _inline(child, out)


def paragraph_lines(p) -> list[list[tuple[str, CharPos | None]]]:
    """The paragraph's characters, cut into lines where a line break is (as the loader cuts them)."""
    chars: list = []
    _inline(p, chars)
    lines: list[list] = [[]]
    for item in chars:
        if item is _NEWLINE:
            lines.append([])
        else:
            lines[-1].append(item)
    return lines


def _text_boxes(p) -> Iterator:
    """Paragraphs of the text boxes anchored in ``p`` (the loader reads them right after it)."""
    for box in p.iter(qn("w:txbxContent")):
        node, fallback = box.getparent(), False
        while node is not None and node is not p:
            fallback = fallback or node.tag == _MC + "Fallback"
            node = node.getparent()
        if not fallback:
            yield from box.iter(W_P)


def source_paragraphs(container) -> Iterator:
    """Every w:p in the loader's reading order: body, table cells (nested too), content controls."""
    for child in container.iterchildren():
        tag = child.tag
        if tag == W_P:
            yield child
            yield from _text_boxes(child)
        elif tag == W_TBL:
            for row in _children(child, W_TR):
                for cell in _children(row, W_TC):
                    yield from source_paragraphs(cell)
        elif tag in (qn("w:sdt"), qn("w:customXml"), qn("w:ins"), qn("w:moveTo")):
            inner = child.find(qn("w:sdtContent")) if tag == qn("w:sdt") else child
            if inner is not None:
                yield from source_paragraphs(inner)
        elif tag == _MC + "AlternateContent":
            choice = child.find(_MC + "Choice")
            if choice is not None:
                yield from source_paragraphs(choice)


def _children(element, tag):
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag in (qn("w:sdt"), qn("w:customXml")):
            inner = child.find(qn("w:sdtContent")) if child.tag == qn("w:sdt") else child
            if inner is not None:
                yield from _children(inner, tag)


@dataclass
class SourceLine:
    """One line of one w:p: its characters and their text as the loader normalises it."""

    element: object  # the w:p
    line: int  # which line of the paragraph
    chars: list[CharPos | None]
    norm: str
    norm_to_raw: list[int]

    @classmethod
    def of(cls, p, line: int, items: list[tuple[str, CharPos | None]]) -> "SourceLine":
        # As the loader: drop invisible characters, strip the ends; normalise_chars keeps length.
        kept = [(ch, i) for i, (ch, _) in enumerate(items) if drop_invisible(ch)]
        lo, hi = 0, len(kept)
        while lo < hi and kept[lo][0].isspace():
            lo += 1
        while hi > lo and kept[hi - 1][0].isspace():
            hi -= 1
        kept = kept[lo:hi]
        return cls(p, line, [pos for _, pos in items], normalise_chars("".join(ch for ch, _ in kept)),
                   [i for _, i in kept])


def _align(block_text: str, line: SourceLine) -> dict[int, int]:
    """Block-local offset → index into ``line.chars`` for every character both share.

    Usually the block equals the line, or ends with it because automatic numbering ("第一条",
    "1.\\t") was put in front, which no run holds; otherwise align them character by character.
    """
    norm = line.norm
    if block_text.endswith(norm):
        shift = len(block_text) - len(norm)
        return {shift + i: line.norm_to_raw[i] for i in range(len(norm))}
    out: dict[int, int] = {}
    matcher = SequenceMatcher(None, block_text, norm, autojunk=False)
    for a, b, size in matcher.get_matching_blocks():
        for k in range(size):
            out[a + k] = line.norm_to_raw[b + k]
    return out


_LOOKAHEAD = 40


class SourceMap:
    """For a DOCX-loaded Document: which source line and character each offset of its text is."""

    def __init__(self, document: "Document", word_document) -> None:
        self.document = document
        self.lines: list[SourceLine] = []
        for p in source_paragraphs(word_document.element.body):
            for n, items in enumerate(paragraph_lines(p)):
                self.lines.append(SourceLine.of(p, n, items))
        self.char_at: dict[int, tuple[int, int]] = {}  # text offset → (line, index into its chars)
        self.unmapped_blocks: list[int] = []
        self._map()

    def _map(self) -> None:
        doc = self.document
        pointer = 0
        nonempty = [i for i, line in enumerate(self.lines) if line.norm]
        for b, block in enumerate(doc.blocks):
            text = doc.text[block.start:block.end]
            # Lines come in the loader's order; look a little ahead so that a line the loader
            # read differently (a merged deleted paragraph mark) does not derail the rest.
            at = bisect_left(nonempty, pointer)
            window = nonempty[at:at + _LOOKAHEAD]
            chosen = next((i for i in window if text.endswith(self.lines[i].norm)), None)
            if chosen is None:
                ratios = [(SequenceMatcher(None, text, self.lines[i].norm, autojunk=False).ratio(), -k, i)
                          for k, i in enumerate(window[:3])]
                best = max(ratios, default=None)
                chosen = best[2] if best is not None and best[0] >= 0.6 else None
            if chosen is None:
                self.unmapped_blocks.append(b)
                continue
            for local, raw in _align(text, self.lines[chosen]).items():
                if self.lines[chosen].chars[raw] is not None:
                    self.char_at[block.start + local] = (chosen, raw)
            pointer = chosen + 1

    def span(self, start: int, end: int) -> tuple[tuple[int, int], tuple[int, int]] | None:
        """First and last characters of ``[start, end)`` that are in runs, if any."""
        first = next((self.char_at[o] for o in range(start, end) if o in self.char_at), None)
        last = next((self.char_at[o] for o in range(end - 1, start - 1, -1) if o in self.char_at), None)
        if first is None or last is None:
            return None
        return first, last

    def point(self, offset: int) -> tuple[int, int, bool] | None:
        """A place for an empty span: (line, char, True = before it / False = after it)."""
        size = len(self.document.text)
        for o in range(offset, min(size, offset + 500)):
            if o in self.char_at:
                return (*self.char_at[o], True)
        for o in range(offset - 1, max(-1, offset - 500), -1):
            if o in self.char_at:
                return (*self.char_at[o], False)
        return None

    def fresh_chars(self, line: int) -> list[CharPos | None]:
        """The line's characters read again from the XML (after runs were split)."""
        source = self.lines[line]
        return [pos for _, pos in paragraph_lines(source.element)[source.line]]


def split_run_before(pos: CharPos) -> None:
    """Split ``pos.run`` so that a new run begins with the character at ``pos``; formatting is copied."""
    r, child, index = pos.run, pos.child, pos.index
    content = [c for c in r.iterchildren() if c.tag != W_RPR]
    k = content.index(child)
    if k == 0 and index == 0:
        return  # already the first character of its run
    twin = deepcopy(r)
    twin_content = [c for c in twin.iterchildren() if c.tag != W_RPR]
    if index == 0:
        for c in content[k:]:
            r.remove(c)
        for c in twin_content[:k]:
            twin.remove(c)
    else:
        text = child.text
        child.text = text[:index]
        _preserve(child)
        for c in content[k + 1:]:
            r.remove(c)
        for c in twin_content[:k]:
            twin.remove(c)
        twin_content[k].text = text[index:]
        _preserve(twin_content[k])
    r.addnext(twin)


def split_run_after(pos: CharPos) -> None:
    """Split ``pos.run`` so that its character at ``pos`` is the last of a run."""
    r, child, index = pos.run, pos.child, pos.index
    if child.tag == W_T and index + 1 < len(child.text or ""):
        split_run_before(CharPos(r, child, index + 1))
        return
    content = [c for c in r.iterchildren() if c.tag != W_RPR]
    k = content.index(child)
    if k + 1 < len(content):
        split_run_before(CharPos(r, content[k + 1], 0))


def _preserve(t) -> None:
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
