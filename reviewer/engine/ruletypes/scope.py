"""Where a rule looks: the whole contract, each clause, its heading or its body; and how it matches."""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import TYPE_CHECKING, Iterable, Iterator

from ..regexcheck import required_literals

if TYPE_CHECKING:  # pragma: no cover
    from ..context import ReviewContext
    from ...model.clauses import Clause
    from ...text.occurrences import Occurrences

SCOPES = ("document", "clause", "heading", "body")


def clause_units(ctx: "ReviewContext") -> list["Clause"]:
    """The innermost chapters/clauses (a clause with sub-clauses gives way to them); once per review."""
    cache = ctx.cache
    if "clause_units" not in cache:
        tree = ctx.document.clauses
        has_child = {n.parent for n in tree if n.kind in ("chapter", "clause") and n.parent is not None}
        cache["clause_units"] = [n for n in tree if n.kind in ("chapter", "clause") and n.index not in has_child]
    return cache["clause_units"]


def own_text(ctx: "ReviewContext") -> list[tuple[int, int, "Clause"]]:
    """The text of a clause with sub-clauses that none of them holds: the body between its heading
    and its first sub-clause (``4. 验收 ⏎ 承租人…视为验收合格。⏎ (1) …``), or after its last one."""
    cache = ctx.cache
    if "own_text" not in cache:
        tree = ctx.document.clauses
        text = ctx.document.text
        children: dict[int, list] = {}
        for n in tree:
            if n.kind in ("chapter", "clause") and n.parent is not None:
                children.setdefault(n.parent, []).append(n)
        out = []
        for n in tree:
            kids = children.get(n.index)
            if n.kind not in ("chapter", "clause") or not kids:
                continue
            first, last = min(k.start for k in kids), max(k.end for k in kids)
            for lo, hi in ((max(n.body_start, n.start), first), (last, n.end)):
                if hi - lo > 8 and text[lo:hi].strip():
                    out.append((lo, hi, n))
        cache["own_text"] = out
    return cache["own_text"]


def units(ctx: "ReviewContext", scope: str, clause_types: list[str] | None = None,
          not_clause_types: list[str] | None = None) -> list[tuple[int, int, "Clause | None"]]:
    """Spans to search, as ``(start, end, clause)`` in document order, filtered by clause type.

    Computed once per review for each combination, since many rules share one.
    """
    key = ("units", scope, tuple(clause_types or ()), tuple(not_clause_types or ()))
    if key not in ctx.cache:
        ctx.cache[key] = _units(ctx, scope, clause_types, not_clause_types)
    return ctx.cache[key]


def _units(ctx: "ReviewContext", scope: str, clause_types: list[str] | None,
           not_clause_types: list[str] | None) -> list[tuple[int, int, "Clause | None"]]:
    if scope == "document":
        if clause_types:
            nodes = ctx.clauses_of_type(*clause_types)
            return [(n.start, n.end, n) for n in nodes if not _excluded(ctx, n, not_clause_types)]
        return [(s, e, None) for s, e in ctx.contract_spans]
    out = []
    for node in clause_units(ctx):
        types = ctx.types_of(node)
        if clause_types and not (types & set(clause_types)):
            continue
        if _excluded(ctx, node, not_clause_types):
            continue
        if scope == "heading":
            if node.heading_end > node.heading_start:
                out.append((node.heading_start, node.heading_end, node))
            continue
        start = node.body_start if scope == "body" else node.start
        out.append((start, node.end, node))
    if scope in ("clause", "body"):
        # Terms of service say much before their first numbered clause: the preamble is read too.
        if not clause_types:
            out += [(n.start, n.end, n) for n in ctx.document.clauses if n.kind == "preamble" and n.end > n.start]
        for lo, hi, node in own_text(ctx):
            types = ctx.types_of(node)
            if clause_types and not (types & set(clause_types)) or _excluded(ctx, node, not_clause_types):
                continue
            out.append((lo, hi, node))
        out.sort(key=lambda u: u[0])
    return out


def literal_spans(spans: list[tuple], literals: list[str] | None, occurrences: "Occurrences") -> Iterable[tuple]:
    """The spans (sorted by start) that contain one of ``literals``: the only ones a match can be in.

    Each literal's occurrences are walked from one span to the next, so the cost follows the spans
    that hold it rather than all spans; the regex then decides exactly. Spans that do not overlap
    come one at a time, so a caller that stops at its first match (``per: document``,
    search_contract) looks no further.
    """
    if literals is None or not spans:
        return spans
    starts, disjoint = _span_index(spans)
    if disjoint:
        return _disjoint_literal_spans(spans, starts, literals, occurrences)
    chosen: set[int] = set()
    for lit in literals:
        at = occurrences.next_start(lit, starts[0])
        while at >= 0:
            # Nested spans (a chapter and its clauses): every span around the hit holds it.
            i = bisect_right(starts, at) - 1
            chosen.update(j for j in range(i + 1) if spans[j][0] <= at < spans[j][1])
            at = occurrences.next_start(lit, at + 1)
    return [spans[i] for i in sorted(chosen)]


def _disjoint_literal_spans(spans: list[tuple], starts: list[int], literals: list[str],
                           occurrences: "Occurrences") -> Iterator[tuple]:
    """The spans holding one of ``literals``, in text order, for spans that do not overlap."""
    heads = {lit: at for lit in literals if (at := occurrences.next_start(lit, starts[0])) >= 0}
    while heads:
        at = min(heads.values())
        i = bisect_right(starts, at) - 1
        if i >= 0 and at < spans[i][1]:
            yield spans[i]
            resume = spans[i][1]
        elif i + 1 < len(spans):
            resume = starts[i + 1]
        else:
            return
        for lit, head in list(heads.items()):
            if head < resume:
                nxt = occurrences.next_start(lit, resume)
                if nxt >= 0:
                    heads[lit] = nxt
                else:
                    del heads[lit]


_INDEX: dict[int, tuple[list, list[int], bool]] = {}


def _span_index(spans: list[tuple]) -> tuple[list[int], bool]:
    """Starts of ``spans`` and whether they are disjoint, remembered for the lists a review reuses."""
    entry = _INDEX.get(id(spans))
    if entry is None or entry[0] is not spans:
        starts = [span[0] for span in spans]
        disjoint = all(spans[i][1] <= starts[i + 1] for i in range(len(spans) - 1))
        if len(_INDEX) > 64:
            _INDEX.clear()
        entry = _INDEX[id(spans)] = (spans, starts, disjoint)
    return entry[1], entry[2]


def _excluded(ctx: "ReviewContext", node: "Clause", not_types: list[str] | None) -> bool:
    return bool(not_types) and bool(ctx.types_of(node) & set(not_types))


class Span:
    """A match as offsets into ``Document.text`` (like ``re.Match``: start(), end(), group(0))."""

    __slots__ = ("_start", "_end", "_text")

    def __init__(self, start: int, end: int, text: str) -> None:
        self._start, self._end, self._text = start, end, text

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def group(self, _index: int = 0) -> str:
        return self._text


class Matcher:
    """A compiled list of regexes (party slots expanded per review) matched as one alternation."""

    def __init__(self, patterns: list[str] | None, literal: bool = False) -> None:
        self.patterns = [re.escape(p) for p in patterns] if literal else list(patterns or [])
        # Compiled on first use: a rule whose words are not in the contract never needs it.
        self._static: tuple[re.Pattern, list[str]] | None = None
        self._slots = any("{" in p for p in self.patterns)
        # The regex with the party slots of the review it was last expanded for. Kept with that review's
        # context itself, not its id(): a finished review's id can be reused by the next one.
        self._expanded: tuple["ReviewContext", tuple[re.Pattern, list[str]] | None] | None = None
        self._anchored = any("^" in p.replace("[^", "") or "\\A" in p for p in self.patterns)
        # Text every match must contain, one string per pattern (None: some pattern has none).
        # A span without any of them cannot match, and looking a word up (ctx.occurrences) is far
        # cheaper than a regex call.
        self.literals = required_literals(self.patterns)

    def possible(self, occurrences: "Occurrences", start: int, end: int) -> bool:
        """False when no match can lie in ``text[start:end]`` (none of the required literals is there)."""
        if self.literals is None:
            return True
        return any(occurrences.within(lit, start, end) for lit in self.literals)

    @staticmethod
    def _compile(patterns: list[str]) -> tuple[re.Pattern, list[str]] | None:
        """The alternation of ``patterns`` and the names of its (?P<at…>) groups.

        A group (?P<at>…) marks the words a match points at; numbered apart, since each pattern may have one.
        """
        if not patterns:
            return None
        rx = re.compile("|".join(f"(?:{p.replace('(?P<at>', f'(?P<at{i}>')})" for i, p in enumerate(patterns)))
        return rx, [name for name in rx.groupindex if name.startswith("at")]

    def __bool__(self) -> bool:
        return bool(self.patterns)

    def regex(self, ctx: "ReviewContext") -> re.Pattern | None:
        compiled = self._compiled(ctx)
        return compiled[0] if compiled is not None else None

    def _compiled(self, ctx: "ReviewContext") -> tuple[re.Pattern, list[str]] | None:
        if not self.patterns:
            return None
        if not self._slots:
            if self._static is None:
                self._static = self._compile(self.patterns)
            return self._static
        if self._expanded is None or self._expanded[0] is not ctx:
            self._expanded = (ctx, self._compile([ctx.expand(p) for p in self.patterns]))
        return self._expanded[1]

    def finditer(self, ctx: "ReviewContext", start: int, end: int) -> Iterator["Span"]:
        """Non-empty matches in ``text[start:end]``; ``^``/``$`` anchor at the ends of that span."""
        compiled = self._compiled(ctx)
        if compiled is None:
            return iter(())
        rx, marks = compiled
        text = ctx.document.text
        if end - start > 2000 and not self.possible(ctx.occurrences, start, end):
            return iter(())  # worth a literal check only on long spans; short ones the regex rejects fast
        if self._anchored:
            # re's pos argument does not make ^ match there, so search the slice itself.
            return (_span(m, marks, start) for m in rx.finditer(text[start:end]) if m.end() > m.start())
        return (_span(m, marks, 0) for m in rx.finditer(text, start, end) if m.end() > m.start())

    def search(self, ctx: "ReviewContext", start: int, end: int) -> "Span | None":
        return next(self.finditer(ctx, start, end), None)

    def search_contract(self, ctx: "ReviewContext") -> "Span | None":
        """The first match within one paragraph of the contract's own text (not web chrome).

        Same result as searching every paragraph in turn, but only the paragraphs that contain
        a required literal are searched.
        """
        spans = ctx.contract_spans
        if not self.patterns or not spans:
            return None
        rx, marks = self._compiled(ctx)
        text = ctx.document.text
        for start, end in literal_spans(spans, self.literals, ctx.occurrences):
            if not self._anchored:  # the usual case, without a generator per paragraph
                m = rx.search(text, start, end)
                if m is None:
                    continue
                if m.end() > m.start():
                    return _span(m, marks, 0)
            found = self.search(ctx, start, end)
            if found is not None:
                return found
        return None


def _span(m: re.Match, marks: list[str], shift: int) -> Span:
    """The match as a Span: the part its (?P<at>…) group marks, when that group took part and is not empty."""
    for name in marks:
        lo, hi = m.span(name)
        if hi > lo:
            return Span(lo + shift, hi + shift, m.group(name))
    return Span(m.start() + shift, m.end() + shift, m.group(0))


class EachMatcher:
    """Several patterns that must each match (``all:``), kept apart so each is checked alone."""

    def __init__(self, patterns: list[str] | None) -> None:
        self.matchers = [Matcher([p]) for p in (patterns or [])]

    def __bool__(self) -> bool:
        return bool(self.matchers)

    def all_found(self, ctx: "ReviewContext", start: int, end: int) -> bool:
        return all(m.search(ctx, start, end) is not None for m in self.matchers)
