"""The two drafts as one redline: the new draft's text with the old draft's words deleted where they stood.

Accepting every change gives the new draft's text exactly; rejecting every change gives the old
draft's words, in the old order (a moved clause is deleted where it was and inserted where it is).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import TYPE_CHECKING

from .words import WordDiff, diff_words

if TYPE_CHECKING:  # pragma: no cover
    from . import Comparison

EQUAL, INSERT, DELETE = "equal", "insert", "delete"
_SPACE = re.compile(r"\s+")


@dataclass
class Paragraph:
    """One paragraph of the redline: ``(op, text)`` chunks, and the op of its paragraph mark."""

    chunks: list[tuple[str, str]] = field(default_factory=list)
    mark: str = EQUAL
    kind: str = "body"  # "title" | "chapter" | "heading" (a clause's number and title) | "body"

    @property
    def text(self) -> str:
        return "".join(t for _, t in self.chunks)


class _Writer:
    def __init__(self) -> None:
        self.ops: list[tuple[str, str]] = []
        self.kinds: dict[int, str] = {}  # paragraph number -> kind

    def emit(self, op: str, text: str) -> None:
        if not text:
            return
        if self.ops and self.ops[-1][0] == op:
            self.ops[-1] = (op, self.ops[-1][1] + text)
        else:
            self.ops.append((op, text))

    def paragraphs(self) -> list[Paragraph]:
        out = [Paragraph()]
        for op, text in self.ops:
            parts = text.split("\n")
            for k, part in enumerate(parts):
                if part:
                    out[-1].chunks.append((op, part))
                if k < len(parts) - 1:
                    out[-1].mark = op
                    out.append(Paragraph())
        return out


def redline(comparison: "Comparison") -> list[Paragraph]:
    """The redline of ``comparison`` as paragraphs, in the new draft's order."""
    a = comparison.alignment
    changes = comparison.clauses
    old, new = comparison.old_document.text, comparison.new_document.text
    deleted_after: dict[int, list[int]] = {}
    for i in range(len(a.old)):
        number = a.of_old.get(i)
        if number is None or number not in a.in_place:
            deleted_after.setdefault(changes.anchor_of_old(i), []).append(i)
    w = _Writer()
    starts: dict[int, str] = {}  # offset in the new text -> kind of the paragraph that starts there

    def delete_old(anchor: int, leading: bool) -> None:
        # Whole paragraphs deleted with their own paragraph marks, as Word shows them.
        for i in deleted_after.get(anchor, ()):
            unit = a.old[i]
            text = old[unit.start:unit.end]
            w.emit(DELETE, "\n" + text if leading else text + "\n")

    pos = 0
    previous = -1
    j = 0
    while j < len(a.new):
        unit = a.new[j]
        gap = new[pos:unit.start]
        number = a.of_new.get(j)
        match = a.matches[number] if number is not None else None
        if match is None or number not in a.in_place:
            # Inserted whole, with its paragraph mark: the next line break, or the one before it at the end.
            if new.startswith("\n", unit.end):
                w.emit(EQUAL, gap)
                delete_old(previous, leading=False)
                w.emit(INSERT, new[unit.start:unit.end + 1])
                pos = unit.end + 1
            else:
                w.emit(EQUAL, gap[:-1] if gap.endswith("\n") else gap)
                delete_old(previous, leading=False)
                w.emit(INSERT, ("\n" if gap.endswith("\n") else "") + new[unit.start:unit.end])
                pos = unit.end
            starts.setdefault(unit.start, _kind(unit))
            previous = j
            j += 1
            continue
        w.emit(EQUAL, gap)
        delete_old(previous, leading=False)
        group = list(match.new) if len(match.new) > 1 else [j]
        first_old, last_old = a.old[match.old[0]], a.old[match.old[-1]]
        last_new = a.new[group[-1]]
        _label(w, old, first_old.start, first_old.label_end, new, unit.start, unit.label_end)
        if old[first_old.label_end:last_old.end] == new[unit.label_end:last_new.end]:
            w.emit(EQUAL, new[unit.label_end:last_new.end])
        else:
            _words(w, changes.diff(number), old, first_old.label_end, last_old.end, new, unit.label_end, last_new.end)
        for k in group:
            starts.setdefault(a.new[k].start, _kind(a.new[k]))
            if k != group[-1]:  # removed units anchored inside a split go after it
                deleted_after.setdefault(group[-1], []).extend(deleted_after.pop(k, []))
        pos = last_new.end
        previous = group[-1]
        j = group[-1] + 1
    w.emit(EQUAL, new[pos:])
    delete_old(previous, leading=True)
    paragraphs = w.paragraphs()
    _set_kinds(paragraphs, comparison, starts)
    return paragraphs


def _label(w: _Writer, old: str, os_: int, oe: int, new: str, ns: int, ne: int) -> None:
    if old[os_:oe] == new[ns:ne]:
        w.emit(EQUAL, new[ns:ne])
        return
    _words(w, diff_words(old, os_, oe, new, ns, ne), old, os_, oe, new, ns, ne)


def _words(w: _Writer, diff: WordDiff, old: str, old_start: int, old_end: int, new: str, start: int,
           end: int) -> None:
    cursor, old_cursor = start, old_start
    for change in diff.changes:
        _same(w, old[old_cursor:change.old_start], new[cursor:change.new_start])
        w.emit(DELETE, old[change.old_start:change.old_end])
        w.emit(INSERT, new[change.new_start:change.new_end])
        cursor, old_cursor = max(cursor, change.new_end), max(old_cursor, change.old_end)
    _same(w, old[old_cursor:old_end], new[cursor:end])


def _same(w: _Writer, old: str, new: str) -> None:
    """Words that are the same in both drafts; line breaks and spaces that differ are tracked too."""
    if old == new or _SPACE.sub("", old) != _SPACE.sub("", new):
        w.emit(EQUAL, new)  # identical, or the same once folded (a PDF's Kangxi radicals): the new text
        return
    for op, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op == "equal":
            w.emit(EQUAL, new[j1:j2])
        else:
            w.emit(DELETE, old[i1:i2])
            w.emit(INSERT, new[j1:j2])


def _kind(unit) -> str:
    return {"title": "title", "chapter": "chapter"}.get(unit.kind, "heading" if unit.node.heading else "body")


def _set_kinds(paragraphs: list[Paragraph], comparison: "Comparison", starts: dict[int, str]) -> None:
    """Mark title, chapter and clause-heading paragraphs (by where they start in the new text)."""
    pos = 0
    for paragraph in paragraphs:
        length = sum(len(t) for op, t in paragraph.chunks if op != DELETE)
        if length:
            kind = starts.get(pos)
            if kind is not None and (kind != "heading" or length <= _HEADING_LINE):
                paragraph.kind = kind
        elif 0 < len(paragraph.text) <= _HEADING_LINE and paragraph.text[:1] in "0123456789第":
            paragraph.kind = "heading"  # a deleted clause's number and title
        pos += length + (paragraph.mark != DELETE)


_HEADING_LINE = 40


def clause_ops(comparison: "Comparison", change) -> list[tuple[str, str]]:
    """One clause change as ``(op, text)`` chunks: its number and words, deletions and insertions inline."""
    old, new = comparison.old_document.text, comparison.new_document.text
    o, n = change.old, change.new
    w = _Writer()
    if o is None:
        w.emit(INSERT, new[n.start:n.end])
    elif n is None:
        w.emit(DELETE, old[o.start:o.end])
    elif change.diff is None:
        _label(w, old, o.start, o.label_end, new, n.start, n.label_end)
        w.emit(EQUAL, new[n.label_end:n.end])
    else:
        _label(w, old, o.start, o.label_end, new, n.start, n.label_end)
        a = comparison.alignment
        number = a.of_new[n.index] if change.relation == "merged" else a.of_old[o.index]
        match = a.matches[number]
        first_old, last_old = a.old[match.old[0]], a.old[match.old[-1]]
        first_new, last_new = a.new[match.new[0]], a.new[match.new[-1]]
        _words(w, change.diff, old, first_old.label_end, last_old.end, new, first_new.label_end, last_new.end)
    return w.ops
