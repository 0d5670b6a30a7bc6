"""Where literal strings occur in one text, each looked for once however many rules ask."""

from __future__ import annotations

from bisect import bisect_left


class Occurrences:
    """The start of every occurrence of a literal in ``text``, overlapping ones too.

    A review's rules share their required words (乙方, 违约, 支付 …): scanning the whole contract
    for the same word once per rule took a quarter of a 100-page review. Here each word is found
    once; asking again is a binary search.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts: dict[str, list[int]] = {}

    def of(self, literal: str) -> list[int]:
        """Sorted starts of ``literal`` in the text (empty when it is not there)."""
        starts = self._starts.get(literal)
        if starts is None:
            starts = []
            find = self.text.find
            at = find(literal)
            while at >= 0:
                starts.append(at)
                at = find(literal, at + 1)
            self._starts[literal] = starts
        return starts

    def next_start(self, literal: str, start: int) -> int:
        """``text.find(literal, start)``: the first occurrence starting at or after ``start``, or -1."""
        starts = self.of(literal)
        k = bisect_left(starts, start)
        return starts[k] if k < len(starts) else -1

    def within(self, literal: str, start: int, end: int) -> bool:
        """``text.find(literal, start, end) >= 0``: an occurrence lies wholly inside ``[start, end)``.
        The first one starting at or after ``start`` is the one that can end soonest."""
        at = self.next_start(literal, start)
        return at >= 0 and at + len(literal) <= end
