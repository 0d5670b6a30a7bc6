"""The phrase rule: words or patterns that should (not) appear in a clause, heading or body."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from ...text.tokens import is_whole_word
from .base import Hit, Param, RuleType
from .scope import SCOPES, EachMatcher, Matcher, literal_spans, units

if TYPE_CHECKING:  # pragma: no cover
    from ..context import ReviewContext


class PatternRule(RuleType):
    """What it flags:
    Wording that should not stand in a contract as written: a phrase or pattern (``any``),
    optionally only when other words are also there (``all``, within ``near`` characters) and
    not when an exception is there (``none``), searched in the whole contract, each clause,
    each clause heading or body, and only in clauses of the given ``clause_types``.

    Why it matters:
    Most one-sided terms have a recognisable wording: 归乙方所有, 有权暂停, 视为验收合格.
    A phrase rule finds each one at its exact words, so counsel can read it in context.

    Example:
      - id: suspension-right
        type: pattern
        scope: clause
        any: ['{them}有权(?:暂停|中止)']
        none: ['书面通知.{0,10}(?:日|天)']

    Better wording:
    Counsel write the rule's ``suggestion`` with the clause as it should read.
    """

    name = "pattern"
    params = {
        "scope": Param(str, choices=SCOPES, default="clause", doc="where to look"),
        "clause_types": Param(list, default=None, doc="only in clauses of these types"),
        "not_clause_types": Param(list, default=None, doc="never in clauses of these types"),
        "any": Param(list, regex=True, default=None, doc="patterns; the finding points at the match"),
        "keywords": Param(list, default=None, doc="literal words, like any but not regexes"),
        "all": Param(list, regex=True, default=None, doc="each must also match in the same place"),
        "none": Param(list, regex=True, default=None, doc="if any matches in the same place, no finding"),
        "near": Param(int, default=None, doc="all/none must match within this many characters"),
        "none_within": Param(str, choices=("near", "sentence"), default="near",
                             doc="look for none: near the match, or only in its own sentence (up to 。；)"),
        "unless_document": Param(list, regex=True, default=None, doc="no finding if the contract says this anywhere"),
        "if_document": Param(list, regex=True, default=None, doc="look only if the contract says this somewhere"),
        "if_heading": Param(list, regex=True, default=None,
                            doc="look only in clauses whose heading, or a parent clause's, says this (乙方的义务)"),
        "whole_word": Param(bool, default=False, doc="a match must be whole words (Chinese word segmentation)"),
        "per": Param(str, choices=("match", "clause", "document"), default="clause",
                     doc="one finding per match, per clause, or once"),
    }

    def setup(self) -> None:
        o = self.options
        self.scope = o.get("scope") or "clause"
        patterns = list(o.get("any") or []) + [__import__("re").escape(k) for k in o.get("keywords") or []]
        if not patterns:
            raise ValueError("a pattern rule needs any: or keywords:")
        self.any = Matcher(patterns)
        self.all = EachMatcher(o.get("all"))
        self.none = Matcher(o.get("none"))
        self.unless = Matcher(o.get("unless_document"))
        self.only_if = Matcher(o.get("if_document"))
        self.if_heading = Matcher(o.get("if_heading"))
        self.near = o.get("near")
        self.per = o.get("per") or "clause"
        self.whole_word = bool(o.get("whole_word"))
        self.none_in_sentence = o.get("none_within") == "sentence"

    def check(self, ctx: "ReviewContext") -> Iterable[Hit]:
        text = ctx.document.text
        if not self.any.possible(ctx.occurrences, 0, len(text)):
            return  # the words this rule looks for are nowhere in the contract
        if self.unless and self.unless.search_contract(ctx):
            return
        if self.only_if and not self.only_if.search_contract(ctx):
            return
        spans = units(ctx, self.scope, self.options.get("clause_types"), self.options.get("not_clause_types"))
        for start, end, node in literal_spans(spans, self.any.literals, ctx.occurrences):
            if self.if_heading and not self._heading_says(ctx, node):
                continue
            for m in self.any.finditer(ctx, start, end):
                lo, hi = (max(start, m.start() - self.near), min(end, m.end() + self.near)) if self.near else (start, end)
                if self.all and not self.all.all_found(ctx, lo, hi):
                    continue
                if self.none:
                    n_lo, n_hi = _sentence(text, m.start(), m.end(), lo, hi) if self.none_in_sentence else (lo, hi)
                    if self.none.search(ctx, n_lo, n_hi):
                        continue
                if not ctx.in_contract(m.start(), m.end()):
                    continue
                if self.whole_word and not is_whole_word(ctx.document.text, m.start(), m.end()):
                    continue
                yield Hit(m.start(), m.end(), {"match": m.group(0)})
                if self.per == "document":
                    return
                if self.per == "clause":
                    break


    def _heading_says(self, ctx: "ReviewContext", node) -> bool:
        """Whether the clause's heading, or one of its parents', matches ``if_heading``."""
        if node is None:
            return False
        tree = ctx.document.clauses
        return any(n.heading_end > n.heading_start and self.if_heading.search(ctx, n.heading_start, n.heading_end)
                   for n in [node, *tree.ancestors(node)])


_SENTENCE_ENDS = "。；;！？!?\n"


def _sentence(text: str, start: int, end: int, lo: int, hi: int) -> tuple[int, int]:
    """The sentence (between 。；！？ or line breaks) around ``text[start:end]``, within ``[lo, hi)``."""
    left = max(text.rfind(ch, lo, start) for ch in _SENTENCE_ENDS) + 1
    rights = [i for i in (text.find(ch, end, hi) for ch in _SENTENCE_ENDS) if i >= 0]
    return max(lo, left), min(rights) if rights else hi
