"""The difference between two spans of text, word by word (Chinese segmented by the tokens module).

difflib's SequenceMatcher runs on the word lists: on the 100-page benchmark contract it diffs
every clause against an edited copy in 0.03 s, against 0.07 s for diff-match-patch with words
encoded as characters (and diff-match-patch on characters splits 甲方 → 乙方 into 甲 → 乙).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from ..text.tokens import tokenize
from .units import fold

# Runs the segmenter cuts into single characters but counsel read as one word: a blank's
# underscores, a number with its separators, a Latin word.
_GLUE = (re.compile(r"[_＿\-—…﹍]+"), re.compile(r"[0-9０-９][0-9０-９.,，．%]*"), re.compile(r"[A-Za-z]+"))


@dataclass(frozen=True, slots=True)
class WordChange:
    """One difference: ``op`` "delete", "insert" or "replace"; offsets index each document's text."""

    op: str
    old_start: int
    old_end: int
    new_start: int
    new_end: int


@dataclass(frozen=True, slots=True)
class WordDiff:
    """The changes between ``old[old_start:old_end]`` and ``new[new_start:new_end]``, and the equal runs.

    ``equal`` holds ``(old_start, new_start, length)`` runs of identical characters, so an offset
    inside unchanged words can be carried from one draft to the other.
    """

    changes: tuple[WordChange, ...]
    equal: tuple[tuple[int, int, int], ...]

    def map_span(self, start: int, end: int) -> tuple[int, int] | None:
        """Where ``old[start:end]`` stands in ``new``, if those words are unchanged; else None."""
        for o, n, length in self.equal:
            if o <= start and end <= o + length:
                return n + start - o, n + end - o
        return None


def words(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """``(key, start, end)`` per word of ``text[start:end]``; whitespace is not a word."""
    out: list[tuple[str, int, int]] = []
    for word, s, e in tokenize(text[start:end]):
        key = fold(word)
        if not key:
            continue
        s, e = s + start, e + start
        if out and _glued(out[-1][0], key) and out[-1][2] == s:
            out[-1] = (out[-1][0] + key, out[-1][1], e)
        else:
            out.append((key, s, e))
    return out


def _glued(a: str, b: str) -> bool:
    return any(p.fullmatch(a) and p.fullmatch(a + b) for p in _GLUE)


def diff_words(old: str, old_start: int, old_end: int, new: str, new_start: int, new_end: int) -> WordDiff:
    """Word-level changes from ``old[old_start:old_end]`` to ``new[new_start:new_end]``."""
    a = words(old, old_start, old_end)
    b = words(new, new_start, new_end)
    matcher = SequenceMatcher(None, [w[0] for w in a], [w[0] for w in b], autojunk=False)
    changes: list[WordChange] = []
    equal: list[tuple[int, int, int]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            block: list[tuple[int, int, int]] = []
            for (_, os_, oe), (_, ns, ne) in zip(a[i1:i2], b[j1:j2]):
                if oe - os_ == ne - ns and old[os_:oe] == new[ns:ne]:
                    _extend(block, os_, ns, oe - os_)
                else:  # equal once folded (a Kangxi radical, a full-width digit): not the same characters
                    block.append((os_, ns, 0))
            equal += [run for run in block if run[2]]
            continue
        o_s = a[i1][1] if i1 < i2 else (a[i1 - 1][2] if i1 else old_start)
        o_e = a[i2 - 1][2] if i1 < i2 else o_s
        n_s = b[j1][1] if j1 < j2 else (b[j1 - 1][2] if j1 else new_start)
        n_e = b[j2 - 1][2] if j1 < j2 else n_s
        changes.append(WordChange(op, o_s, o_e, n_s, n_e))
    return WordDiff(tuple(changes), tuple(equal))


def _extend(runs: list[tuple[int, int, int]], o: int, n: int, length: int) -> None:
    """Add an equal run inside one equal block, joining it to the previous one across the same white space."""
    if runs:
        po, pn, pl = runs[-1]
        if pl and o - (po + pl) == n - (pn + pl) >= 0:
            runs[-1] = (po, pn, o + length - po)
            return
    runs.append((o, n, length))
