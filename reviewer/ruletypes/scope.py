"""Where a rule looks: the whole contract, each clause, its heading or its body; and how it matches."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterator

if TYPE_CHECKING:  # pragma: no cover
    from ..engine import ReviewContext
    from ..structure import Clause

SCOPES = ("document", "clause", "heading", "body")


def clause_units(ctx: "ReviewContext") -> list["Clause"]:
    """The innermost chapters/clauses (a clause with sub-clauses gives way to them)."""
    tree = ctx.document.clauses
    has_child = {n.parent for n in tree if n.kind in ("chapter", "clause") and n.parent is not None}
    return [n for n in tree if n.kind in ("chapter", "clause") and n.index not in has_child]


def units(ctx: "ReviewContext", scope: str, clause_types: list[str] | None = None,
          not_clause_types: list[str] | None = None) -> list[tuple[int, int, "Clause | None"]]:
    """Spans to search, as ``(start, end, clause)``, filtered by clause type."""
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
    return out


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
        self._static = None if any("{" in p for p in self.patterns) else self._compile(self.patterns)
        self._cache: dict[int, re.Pattern | None] = {}
        self._anchored = any("^" in p.replace("[^", "") or "\\A" in p for p in self.patterns)

    @staticmethod
    def _compile(patterns: list[str]) -> re.Pattern | None:
        return re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None

    def __bool__(self) -> bool:
        return bool(self.patterns)

    def regex(self, ctx: "ReviewContext") -> re.Pattern | None:
        if self._static is not None or not self.patterns:
            return self._static
        key = id(ctx)
        if key not in self._cache:
            self._cache.clear()
            self._cache[key] = self._compile([ctx.expand(p) for p in self.patterns])
        return self._cache[key]

    def finditer(self, ctx: "ReviewContext", start: int, end: int) -> Iterator["Span"]:
        """Non-empty matches in ``text[start:end]``; ``^``/``$`` anchor at the ends of that span."""
        rx = self.regex(ctx)
        if rx is None:
            return iter(())
        text = ctx.document.text
        if self._anchored:
            # re's pos argument does not make ^ match there, so search the slice itself.
            return (Span(m.start() + start, m.end() + start, m.group(0))
                    for m in rx.finditer(text[start:end]) if m.end() > m.start())
        return (Span(m.start(), m.end(), m.group(0)) for m in rx.finditer(text, start, end) if m.end() > m.start())

    def search(self, ctx: "ReviewContext", start: int, end: int) -> "Span | None":
        return next(self.finditer(ctx, start, end), None)


class EachMatcher:
    """Several patterns that must each match (``all:``), kept apart so each is checked alone."""

    def __init__(self, patterns: list[str] | None) -> None:
        self.matchers = [Matcher([p]) for p in (patterns or [])]

    def __bool__(self) -> bool:
        return bool(self.matchers)

    def all_found(self, ctx: "ReviewContext", start: int, end: int) -> bool:
        return all(m.search(ctx, start, end) is not None for m in self.matchers)
