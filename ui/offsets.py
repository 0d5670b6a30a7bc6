"""Convert between Python str offsets (the engine's) and Qt text positions (UTF-16 code units)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

_WIDE = re.compile("[\U00010000-\U0010FFFF]")


class OffsetMap:
    """Maps offsets of one text both ways.

    Qt counts a character outside the Basic Multilingual Plane (an emoji, a rare CJK
    ideograph in Extension B) as two positions; Python counts it as one. Only those
    characters shift positions, so the map keeps their Python offsets and bisects.
    """

    def __init__(self, text: str) -> None:
        self._wide = [m.start() for m in _WIDE.finditer(text)]
        # Qt position of each wide character: its Python offset plus the wide ones before it.
        self._wide_qt = [i + n for n, i in enumerate(self._wide)]
        self.length = len(text)

    def to_qt(self, offset: int) -> int:
        """Qt position of Python offset ``offset`` (0 … len(text))."""
        return offset + bisect_left(self._wide, offset)

    def to_py(self, position: int) -> int:
        """Python offset of Qt position ``position``; the middle of a surrogate pair rounds down."""
        n = bisect_right(self._wide_qt, position - 1)
        if n and self._wide_qt[n - 1] == position - 1:
            # ``position`` points between the two halves of a wide character.
            return self._wide[n - 1]
        return position - n
