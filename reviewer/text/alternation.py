"""A regular-expression alternation of literal words, the same pattern on every run."""

from __future__ import annotations

import re
from typing import Iterable


def any_of(words: Iterable[str]) -> str:
    """``a|b|c`` matching any of ``words`` literally: longest first, so a word wins over its own prefix
    (乙方公司 before 乙方), and words of one length in code-point order, so that a set gives the same
    pattern in every process (its order changes with the string hash seed; compiled patterns are
    cached by their text, see :mod:`reviewer.text.regexcache`)."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))
