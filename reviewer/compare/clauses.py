"""What became of each clause: same, moved, changed (with its words), added or removed."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from .align import Alignment, Match, chain_of
from .units import Unit
from .words import WordDiff, diff_words

if TYPE_CHECKING:  # pragma: no cover
    from ..model.document import Document

STATUSES = ("same", "moved", "changed", "added", "removed")


@dataclass(frozen=True)
class ClauseChange:
    """One clause of either draft and what became of it.

    ``same``: the words are unchanged, whatever its number now; ``moved``: unchanged words in
    another place of the tree (another chapter, or out of order); ``changed``: its words
    changed (``diff`` has them; a split or merged clause is changed, ``relation`` says which);
    ``added`` / ``removed``: only in the new / the old draft. ``in_place`` is False for a
    clause that left the reading order (the redline deletes it there and inserts it here).
    """

    status: str
    old: Unit | None
    new: Unit | None
    relation: str | None = None
    score: float = 100.0
    in_place: bool = True
    diff: WordDiff | None = None

    @property
    def old_number(self) -> str | None:
        return self.old.number if self.old is not None else None

    @property
    def new_number(self) -> str | None:
        return self.new.number if self.new is not None else None


class ClauseChanges:
    """Every clause change in the reading order of the new draft, removed ones where they stood."""

    def __init__(self, old_doc: "Document", new_doc: "Document", alignment: Alignment) -> None:
        self.old_doc, self.new_doc, self.alignment = old_doc, new_doc, alignment
        self._diffs: dict[int, WordDiff] = {}
        self.items: list[ClauseChange] = self._build()

    def __iter__(self):
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def counts(self) -> dict[str, int]:
        out = {s: 0 for s in STATUSES}
        for item in self.items:
            out[item.status] += 1
        return out

    # -- building ----------------------------------------------------------------------------

    def _build(self) -> list[ClauseChange]:
        a = self.alignment
        chapters = chain_of(a.matches, lambda m: a.old[m.old[0]].kind == "chapter")
        others = chain_of(a.matches, lambda m: a.old[m.old[0]].kind != "chapter")
        placed: list[tuple[tuple, ClauseChange]] = []
        for number, match in enumerate(a.matches):
            in_place = number in a.in_place
            if match.relation is None:
                i, j = match.old[0], match.new[0]
                o, n = a.old[i], a.new[j]
                if o.key == n.key:
                    kept = (number in chapters or number in others) and self._same_parent(o, n)
                    change = ClauseChange("same" if kept else "moved", o, n, None, 100.0, in_place)
                else:
                    change = ClauseChange("changed", o, n, None, match.score, in_place, self.diff(number))
                placed.append(((j, 0, i), change))
            elif match.relation == "split":
                o = a.old[match.old[0]]
                for j in match.new:
                    change = ClauseChange("changed", o, a.new[j], "split", match.score, in_place, self.diff(number))
                    placed.append(((j, 0, match.old[0]), change))
            else:
                n = a.new[match.new[0]]
                for i in match.old:
                    change = ClauseChange("changed", a.old[i], n, "merged", match.score, in_place, self.diff(number))
                    placed.append(((match.new[0], 0, i), change))
        for j, unit in enumerate(a.new):
            if j not in a.of_new:
                placed.append(((j, 0, -1), ClauseChange("added", None, unit, in_place=False)))
        for i, unit in enumerate(a.old):
            if i not in a.of_old:
                placed.append(((self.anchor_of_old(i), 1, i), ClauseChange("removed", unit, None, in_place=False)))
        placed.sort(key=lambda p: p[0])
        return [change for _, change in placed]

    def _same_parent(self, o: Unit, n: Unit) -> bool:
        if o.parent is None or n.parent is None:
            return o.parent is None and n.parent is None
        return self.alignment.partner_of_old(o.parent) == n.parent

    def anchor_of_old(self, i: int) -> int:
        """The new unit after which old unit ``i`` stood: the partner of its nearest in-place predecessor."""
        a = self.alignment
        k = i - 1
        while k >= 0:
            number = a.of_old.get(k)
            if number is not None and number in a.in_place:
                return a.matches[number].new[-1]
            k -= 1
        return -1

    # -- words ----------------------------------------------------------------------------------

    def diff(self, number: int) -> WordDiff:
        """The word diff of match ``number`` (computed once; split/merged pieces share it)."""
        if number not in self._diffs:
            a = self.alignment
            match: Match = a.matches[number]
            old_units = [a.old[i] for i in match.old]
            new_units = [a.new[j] for j in match.new]
            self._diffs[number] = diff_words(self.old_doc.text, old_units[0].label_end, old_units[-1].end,
                                             self.new_doc.text, new_units[0].label_end, new_units[-1].end)
        return self._diffs[number]

    def map_span(self, start: int, end: int) -> tuple[int, int] | None:
        """Where the old draft's ``text[start:end]`` stands in the new draft, if its words are unchanged."""
        a = self.alignment
        i = self.old_unit_at(start)
        if i is None or end > a.old[i].end:
            return None
        number = a.of_old.get(i)
        if number is None:
            return None
        match = a.matches[number]
        o, n = a.old[i], a.new[match.new[0]]
        old_text, new_text = self.old_doc.text, self.new_doc.text
        if start < o.label_end:  # in the number: carried only if the number is written the same
            if end <= o.label_end and old_text[o.start:o.label_end] == new_text[n.start:n.label_end]:
                return n.start + start - o.start, n.start + end - o.start
            return None
        if match.relation is None and old_text[o.label_end:o.end] == new_text[n.label_end:n.end]:
            shift = n.label_end - o.label_end
            return start + shift, end + shift
        return self.diff(number).map_span(start, end)

    @cached_property
    def _starts(self) -> tuple[list[int], list[int]]:
        return [u.start for u in self.alignment.old], [u.start for u in self.alignment.new]

    def old_unit_at(self, offset: int) -> int | None:
        """The old unit whose own text holds ``offset``, if any."""
        return _unit_at(self._starts[0], self.alignment.old, offset)

    def new_unit_at(self, offset: int) -> int | None:
        return _unit_at(self._starts[1], self.alignment.new, offset)


def _unit_at(starts: list[int], units: list[Unit], offset: int) -> int | None:
    k = bisect_right(starts, offset) - 1
    if k >= 0 and offset < max(units[k].end, units[k].start + 1):
        return k
    return None
