"""Cut a text at every span boundary so overlapping highlights become properly nested pieces."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Sequence

if TYPE_CHECKING:  # pragma: no cover
    from ..model.document import Block, Document


@dataclass(frozen=True, slots=True)
class Segment:
    """``[start, end)`` of the text, and the spans covering all of it, outermost first.

    Within one segment every active span covers the whole piece, so wrapping the piece in one
    element per active span always nests; a span that crosses another is simply cut into
    several segments. ``opens`` lists the active spans whose first piece this is.
    """

    start: int
    end: int
    active: tuple[int, ...]
    opens: tuple[int, ...]


def split_spans(length: int, spans: Sequence[tuple[int, int]], cuts: Iterable[int] = ()) -> list[Segment]:
    """Split ``[0, length)`` at every span start/end and at ``cuts``; return the pieces in order.

    ``spans`` are ``(start, end)`` pairs identified by their index; empty spans cover nothing
    (place them with :func:`points`). Active spans are ordered by (start, longest first, index)
    so that an enclosing span is always the outer element.
    """
    bounds = {0, length}
    clamped = [(max(0, min(s, length)), max(0, min(e, length))) for s, e in spans]
    for s, e in clamped:
        bounds.add(s)
        bounds.add(e)
    bounds.update(c for c in cuts if 0 <= c <= length)
    ordered = sorted(bounds)
    starting: dict[int, list[int]] = {}
    for i, (s, e) in enumerate(clamped):
        if e > s:
            starting.setdefault(s, []).append(i)
    active: set[int] = set()
    seen: set[int] = set()
    out: list[Segment] = []
    for a, b in zip(ordered, ordered[1:]):
        active = {i for i in active if clamped[i][1] > a}
        active.update(starting.get(a, ()))
        if not active:
            out.append(Segment(a, b, (), ()))
            continue
        nest = tuple(sorted(active, key=lambda i: (clamped[i][0], -clamped[i][1], i)))
        opens = tuple(i for i in nest if i not in seen)
        seen.update(opens)
        out.append(Segment(a, b, nest, opens))
    return out


def points(spans: Sequence[tuple[int, int]]) -> dict[int, list[int]]:
    """Empty spans by offset: they mark a place (a missing word) rather than cover text."""
    out: dict[int, list[int]] = {}
    for i, (s, e) in enumerate(spans):
        if e <= s:
            out.setdefault(s, []).append(i)
    return out


def lay_out(document: "Document", spans: Sequence[tuple[int, int]]) -> list[tuple["Block", list]]:
    """Each block of ``document`` with its pieces in order: a :class:`Segment` or a pin (span index).

    Pieces never cross a block boundary. A pin marks an empty span, or a span that covers
    nothing inside any block (only the newline between two), at the place it starts.
    """
    blocks = document.blocks
    cuts = [b.start for b in blocks] + [b.end for b in blocks]
    segments = []
    seen: set[int] = set()
    for seg in split_spans(len(document.text), spans, cuts):
        block = document.block_at(seg.start)
        if block is None or seg.start >= block.end:
            continue  # the newline between two blocks
        opens = tuple(i for i in seg.active if i not in seen)
        seen.update(opens)
        segments.append(Segment(seg.start, seg.end, seg.active, opens))
    covered = {i for s in segments for i in s.active}
    pins: dict[int, list[int]] = {}
    for i, (s, e) in enumerate(spans):
        if i not in covered:
            pins.setdefault(s, []).append(i)
    out: list[tuple[Block, list]] = []
    k = 0
    for block in blocks:
        parts: list = []
        while k < len(segments) and segments[k].start < block.start:
            k += 1
        while k < len(segments) and segments[k].start < block.end:
            parts.extend(pins.pop(segments[k].start, ()))
            parts.append(segments[k])
            k += 1
        parts.extend(pins.pop(block.end, ()))
        out.append((block, parts))
    if out:  # a pin outside every block (before the first one): put it at the very start
        leftovers = [i for at in sorted(pins) for i in pins[at]]
        out[0][1][:0] = leftovers
    return out
