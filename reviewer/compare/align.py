"""Pair the clauses of two drafts by their words, not their numbers.

1. Identical words, in reading order: the longest common subsequence of the two drafts' units
   (Myers' diff, from diff-match-patch, over one character per distinct unit). These are the
   anchors; a clause renumbered because another was inserted before it is one of them.
2. Between two anchors, the units left pair by similarity (rapidfuzz's ratio, 0–100), in
   order, maximising the summed similarity (a small dynamic programme; long stretches are cut
   first at clear one-to-one matches).
3. What is still unpaired pairs across the whole contract: identical words first, then similar
   ones above a higher bar, since no neighbours vouch for them. These are moved clauses.
4. A clause that became a run of adjacent clauses (split), or the reverse (merged).
5. A chapter whose heading changed beyond recognition pairs with the chapter its clauses went to.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

import diff_match_patch
from rapidfuzz import fuzz, process

from .units import Unit

# Thresholds on rapidfuzz's ratio (0-100). Measured on the 16 labelled contracts and samples
# (10,792 pairs of different units of one contract): median 8, 99th percentile 32, 99.9th 52;
# above 60 only mirrored clauses (甲方逾期… / 乙方逾期…, 63-67) and headings of a few characters
# (甲方的权利和义务 / 乙方的权利和义务, 87.5). Edits counsel make score 70-99.
SIMILAR = 50  # between two anchors: order vouches for the pair
SIMILAR_SHORT = 70  # the same for words under SHORT characters (headings), which score high by chance
MOVED = 75  # anywhere in the contract: nothing vouches for the pair but the words
MOVED_SHORT = 90
SHORT = 20
SPLIT = 80  # a clause against the run of clauses it became, and each piece against the clause
_CUT_ABOVE = 2500  # cells: a longer stretch between anchors is first cut at clear matches
_CLEAR = 90
#: Myers' diff is O(N·D): two unrelated 1,000-clause contracts take 0.3 s. Past this budget
#: diff-match-patch falls back to a coarser diff; the similarity passes then pair what it missed.
_LCS_SECONDS = 2.0


@dataclass(frozen=True, slots=True)
class Match:
    """Units paired: one to one, or one to several adjacent ones (split / merged)."""

    old: tuple[int, ...]
    new: tuple[int, ...]
    score: float

    @property
    def relation(self) -> str | None:
        if len(self.new) > 1:
            return "split"
        if len(self.old) > 1:
            return "merged"
        return None


@dataclass
class Alignment:
    """The pairs made between ``old`` and ``new`` units, and which of them keep their place."""

    old: list[Unit]
    new: list[Unit]
    matches: list[Match] = field(default_factory=list)
    #: Matches in reading order with their neighbours (the longest chain in both drafts' order).
    in_place: set[int] = field(default_factory=set)  # indices into ``matches``

    def __post_init__(self) -> None:
        self.of_old: dict[int, int] = {}
        self.of_new: dict[int, int] = {}

    def add(self, match: Match) -> None:
        number = len(self.matches)
        self.matches.append(match)
        for i in match.old:
            self.of_old[i] = number
        for j in match.new:
            self.of_new[j] = number

    def drop(self, number: int) -> None:
        match = self.matches[number]
        for i in match.old:
            self.of_old.pop(i, None)
        for j in match.new:
            self.of_new.pop(j, None)
        self.matches[number] = Match((), (), 0.0)

    def partner_of_old(self, i: int) -> int | None:
        """The single new unit paired with old unit ``i`` (the first piece of a split)."""
        m = self.of_old.get(i)
        return None if m is None else self.matches[m].new[0]

    def partner_of_new(self, j: int) -> int | None:
        m = self.of_new.get(j)
        return None if m is None else self.matches[m].old[0]


def _group(unit: Unit) -> str:
    # Chapters and clauses pair with each other: a 第X条 that gains sub-clauses turns from a
    # clause into a chapter in the parser's eyes without changing what it is.
    return "body" if unit.kind in ("chapter", "clause") else unit.kind


def _bar(a: Unit, b: Unit, long_bar: float, short_bar: float) -> float:
    return short_bar if max(len(a.key), len(b.key)) < SHORT else long_bar


def align(old: list[Unit], new: list[Unit]) -> Alignment:
    """Pair ``old`` units with ``new`` ones (see the module's description for how)."""
    result = Alignment(old, new)
    i = j = 0
    for bi, bj, size in _common_runs(old, new):
        _between(result, list(range(i, bi)), list(range(j, bj)))
        for k in range(size):
            result.add(Match((bi + k,), (bj + k,), 100.0))
        i, j = bi + size, bj + size
    _between(result, list(range(i, len(old))), list(range(j, len(new))))
    _anywhere(result)
    _splits(result, reverse=False)
    _splits(result, reverse=True)
    _chapters_by_clauses(result)
    result.matches = [m for m in result.matches if m.old or m.new]
    _reindex(result)
    result.in_place = _chain(result.matches)
    return result


def _common_runs(old: list[Unit], new: list[Unit]) -> list[tuple[int, int, int]]:
    """``(old index, new index, length)`` of the runs of identical units in a longest common subsequence.

    difflib's matching blocks are not one: on a long contract that repeats its boilerplate they
    pair the wrong copies (454 of 892 identical units paired on the 100-page benchmark contract).
    """
    table: dict[tuple[str, str], str] = {}

    def encode(units: list[Unit]) -> str:
        return "".join(table.setdefault((_group(u), u.key), chr(0x100 + len(table))) for u in units)

    a, b = encode(old), encode(new)
    differ = diff_match_patch.diff_match_patch()
    differ.Diff_Timeout = _LCS_SECONDS
    runs = []
    i = j = 0
    for op, text in differ.diff_main(a, b, False):
        if op == differ.DIFF_EQUAL:
            runs.append((i, j, len(text)))
            i, j = i + len(text), j + len(text)
        elif op == differ.DIFF_DELETE:
            i += len(text)
        else:
            j += len(text)
    return runs


def _reindex(result: Alignment) -> None:
    result.of_old, result.of_new = {}, {}
    for number, match in enumerate(result.matches):
        for i in match.old:
            result.of_old[i] = number
        for j in match.new:
            result.of_new[j] = number


# -- between anchors ----------------------------------------------------------------------------


def _scores(result: Alignment, olds: list[int], news: list[int], long_bar: float,
            short_bar: float) -> dict[tuple[int, int], float]:
    """Similarity of every (old, new) pair of the same group that clears its bar."""
    out: dict[tuple[int, int], float] = {}
    if not olds or not news:
        return out
    keys = [result.new[j].key for j in news]
    for i in olds:
        u = result.old[i]
        for _, score, k in process.extract(u.key, keys, scorer=fuzz.ratio, score_cutoff=long_bar, limit=None):
            v = result.new[news[k]]
            if _group(u) == _group(v) and score >= _bar(u, v, long_bar, short_bar):
                out[i, news[k]] = score
    return out


def _between(result: Alignment, olds: list[int], news: list[int]) -> None:
    """Pair the units between two anchors, in order, by similarity."""
    if not olds or not news:
        return
    if len(olds) * len(news) > _CUT_ABOVE:
        cuts = _clear_matches(result, olds, news)
        if cuts:
            i0, j0 = 0, 0
            for i, j, score in cuts:
                oi, nj = olds.index(i), news.index(j)
                _between(result, olds[i0:oi], news[j0:nj])
                result.add(Match((i,), (j,), score))
                i0, j0 = oi + 1, nj + 1
            _between(result, olds[i0:], news[j0:])
            return
    scores = _scores(result, olds, news, SIMILAR, SIMILAR_SHORT)
    for i, j in _best_chain(olds, news, scores):
        result.add(Match((i,), (j,), scores[i, j]))


def _clear_matches(result: Alignment, olds: list[int], news: list[int]) -> list[tuple[int, int, float]]:
    """One-to-one matches above _CLEAR whose runner-up is far behind, longest chain in order."""
    keys = [result.new[j].key for j in news]
    wanted: dict[int, list[tuple[int, float]]] = {}
    for i in olds:
        best = process.extract(result.old[i].key, keys, scorer=fuzz.ratio, score_cutoff=_CLEAR - 10, limit=2)
        if best and best[0][1] >= _CLEAR and (len(best) == 1 or best[1][1] < best[0][1] - 5):
            j = news[best[0][2]]
            if _group(result.old[i]) == _group(result.new[j]):
                wanted.setdefault(j, []).append((i, best[0][1]))
    pairs = sorted((found[0][0], j, found[0][1]) for j, found in wanted.items() if len(found) == 1)
    chain = _increasing([p[1] for p in pairs])
    return [pairs[k] for k in chain]


def _best_chain(olds: list[int], news: list[int], scores: dict[tuple[int, int], float]) -> list[tuple[int, int]]:
    """The in-order pairing that maximises the summed similarity above the bar (weighted LCS)."""
    if not scores:
        return []
    n, m = len(olds), len(news)
    row_of = {i: x for x, i in enumerate(olds)}
    column_of = {j: y for y, j in enumerate(news)}
    gain = {(row_of[i], column_of[j]): s - SIMILAR + 1 for (i, j), s in scores.items()}
    table = [[0.0] * (m + 1) for _ in range(n + 1)]
    for x in range(1, n + 1):
        row, above = table[x], table[x - 1]
        for y in range(1, m + 1):
            best = above[y] if above[y] >= row[y - 1] else row[y - 1]
            g = gain.get((x - 1, y - 1))
            if g is not None and above[y - 1] + g > best:
                best = above[y - 1] + g
            row[y] = best
    out = []
    x, y = n, m
    while x and y:
        g = gain.get((x - 1, y - 1))
        if g is not None and table[x][y] == table[x - 1][y - 1] + g:
            out.append((olds[x - 1], news[y - 1]))
            x, y = x - 1, y - 1
        elif table[x][y] == table[x - 1][y]:
            x -= 1
        else:
            y -= 1
    return out[::-1]


# -- anywhere in the contract --------------------------------------------------------------------


def _anywhere(result: Alignment) -> None:
    """Pair what is left across the whole contract: identical words, then similar ones."""
    olds = [i for i in range(len(result.old)) if i not in result.of_old]
    news = [j for j in range(len(result.new)) if j not in result.of_new]
    waiting: dict[tuple[str, str], list[int]] = {}
    for j in news:
        waiting.setdefault((_group(result.new[j]), result.new[j].key), []).append(j)
    for i in olds:
        queue = waiting.get((_group(result.old[i]), result.old[i].key))
        if queue:
            # The same words in several places (boilerplate repeated): the copy nearest where it stood.
            near = _expected_place(result, i)
            best = min(range(len(queue)), key=lambda k: (abs(queue[k] - near), k))
            result.add(Match((i,), (queue.pop(best),), 100.0))
    olds = [i for i in olds if i not in result.of_old]
    news = [j for j in news if j not in result.of_new]
    scores = _scores(result, olds, news, MOVED, MOVED_SHORT)
    for (i, j), score in sorted(scores.items(), key=lambda kv: (-kv[1], kv[0])):
        if i not in result.of_old and j not in result.of_new:
            result.add(Match((i,), (j,), score))


def _expected_place(result: Alignment, i: int) -> int:
    """Where old unit ``i`` would stand in the new draft: after the partner of its nearest paired predecessor."""
    k = i - 1
    while k >= 0:
        j = result.partner_of_old(k)
        if j is not None:
            return j + 1
        k -= 1
    return 0


# -- split and merged ----------------------------------------------------------------------------


def _splits(result: Alignment, reverse: bool) -> None:
    """One clause that became a run of adjacent ones (``reverse``: several that became one)."""
    ones, many = (result.new, result.old) if reverse else (result.old, result.new)
    of_one, of_many = (result.of_new, result.of_old) if reverse else (result.of_old, result.of_new)

    def side(match: Match) -> tuple[tuple[int, ...], tuple[int, ...]]:
        return (match.new, match.old) if reverse else (match.old, match.new)

    for i, unit in enumerate(ones):
        current = of_one.get(i)
        if current is not None:
            one_side, many_side = side(result.matches[current])
            if len(one_side) != 1 or len(many_side) != 1 or result.matches[current].score >= 100:
                continue
            own = many_side[0]
        else:
            own = None
        region = _region(result, i, reverse)
        free = [j for j in region if j not in of_many or j == own]
        best: tuple[float, list[int]] | None = None
        for run in _runs(free, many, own):
            joined = "".join(many[j].key for j in run)
            score = fuzz.ratio(unit.key, joined)
            if score < SPLIT or (current is not None and score <= result.matches[current].score):
                continue
            if all(fuzz.partial_ratio(many[j].key, unit.key) >= SPLIT for j in run):
                if best is None or score > best[0]:
                    best = (score, run)
        if best is not None:
            if current is not None:
                result.drop(current)
            run = tuple(best[1])
            result.add(Match(run, (i,), best[0]) if reverse else Match((i,), run, best[0]))


def _region(result: Alignment, i: int, reverse: bool) -> list[int]:
    """The other draft's units between the partners of unit ``i``'s nearest paired neighbours."""
    ones, many = (result.new, result.old) if reverse else (result.old, result.new)
    of_one = result.of_new if reverse else result.of_old
    partner = result.partner_of_new if reverse else result.partner_of_old

    def partner_near(k: int, step: int) -> int | None:
        k += step
        while 0 <= k < len(ones):
            if k in of_one:
                return partner(k)
            k += step
        return None

    lo, hi = partner_near(i, -1), partner_near(i, +1)
    lo = -1 if lo is None else lo
    hi = len(many) if hi is None or hi <= lo else hi
    return list(range(lo + 1, hi))


def _runs(free: list[int], units: list[Unit], own: int | None, longest: int = 4):
    """Runs of 2..``longest`` adjacent free units (holding ``own`` if given).

    The units of a run share a parent, or are a heading and its first clauses: a chapter whose
    first clause lost its number reads as the chapter's own words.
    """
    chosen = set(free)
    for start in free:
        run = [start]
        while len(run) < longest:
            nxt = run[-1] + 1
            if nxt not in chosen or units[nxt].parent not in (units[start].parent, start):
                break
            run.append(nxt)
            if own is None or own in run:
                yield list(run)


# -- chapters ------------------------------------------------------------------------------------


def _chapters_by_clauses(result: Alignment) -> None:
    """An unpaired chapter pairs with the unpaired chapter most of its paired clauses went to."""
    children_new: dict[int, int] = {}
    votes: dict[tuple[int, int], int] = {}
    for j, unit in enumerate(result.new):
        if unit.parent is not None:
            children_new[j] = unit.parent
    totals: dict[int, int] = {}
    for i, unit in enumerate(result.old):
        parent = unit.parent
        if parent is None or parent in result.of_old or result.old[parent].kind != "chapter":
            continue
        j = result.partner_of_old(i)
        if j is None:
            continue
        totals[parent] = totals.get(parent, 0) + 1
        target = children_new.get(j)
        if target is not None and target not in result.of_new and result.new[target].kind == "chapter":
            votes[parent, target] = votes.get((parent, target), 0) + 1
    for (x, y), count in sorted(votes.items(), key=lambda kv: -kv[1]):
        if x not in result.of_old and y not in result.of_new and count * 2 >= totals[x]:
            score = fuzz.ratio(result.old[x].key, result.new[y].key)
            result.add(Match((x,), (y,), score))


# -- order ---------------------------------------------------------------------------------------


def _increasing(values: list[int]) -> list[int]:
    """Indices of a longest strictly increasing subsequence of ``values``."""
    tails: list[int] = []
    tail_at: list[int] = []
    back = [-1] * len(values)
    for k, v in enumerate(values):
        pos = bisect_left(tails, v)
        if pos == len(tails):
            tails.append(v)
            tail_at.append(k)
        else:
            tails[pos] = v
            tail_at[pos] = k
        back[k] = tail_at[pos - 1] if pos else -1
    out = []
    k = tail_at[-1] if tail_at else -1
    while k >= 0:
        out.append(k)
        k = back[k]
    return out[::-1]


def _chain(matches: list[Match], which=None) -> set[int]:
    """Matches (indices) in the longest chain that keeps both drafts' reading order."""
    chosen = [k for k, m in enumerate(matches) if which is None or which(m)]
    chosen.sort(key=lambda k: (matches[k].old[0], matches[k].new[0]))
    chain = _increasing([matches[k].new[0] for k in chosen])
    return {chosen[k] for k in chain}


def chain_of(matches: list[Match], which) -> set[int]:
    """The in-order chain among the matches ``which`` selects (chapters among chapters …)."""
    return _chain(matches, which)
