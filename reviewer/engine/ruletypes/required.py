"""The required-clause rule: a contract of this kind must have a clause of a given type."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from .base import Hit, Param, RuleType
from .scope import Matcher

if TYPE_CHECKING:  # pragma: no cover
    from ..context import ReviewContext


def anchor(ctx: "ReviewContext") -> tuple[int, int]:
    """Where a finding about the whole contract points: its title, else its first line."""
    doc = ctx.document
    titles = [t for t in doc.clauses.of_kind("title") if ctx.in_contract(t.start, t.end)]
    if titles:
        return titles[0].start, titles[0].end
    spans = ctx.contract_spans
    return spans[0] if spans else (0, 0)


class RequiredClauseRule(RuleType):
    """What it flags:
    A clause the contract must have and lacks — no clause of ``clause_type`` (recognised by
    its heading or its words), and none of the ``satisfied_by`` wordings anywhere.

    Why it matters:
    What a contract does not say is decided by default rules that rarely favour the customer:
    no liability cap, no governing law, no notice address.

    Example:
      - id: governing-law-missing
        type: required-clause
        clause_type: governing-law
        satisfied_by: ['适用.{0,6}法律']

    Better wording:
    The rule's ``suggestion`` gives a clause to add, ready to paste.
    """

    name = "required-clause"
    params = {
        "clause_type": Param(str, required=True, doc="the clause type that must be present"),
        "satisfied_by": Param(list, regex=True, default=None, doc="wording that also counts as present"),
        "only_if": Param(list, regex=True, default=None, doc="check only when the contract says this"),
        "unless": Param(list, regex=True, default=None, doc="do not check when the contract says this"),
        "unless_title": Param(list, regex=True, default=None,
                              doc="do not check a document whose title says this (an SLA, an NDA, a supplement)"),
    }

    def setup(self) -> None:
        self.satisfied = Matcher(self.options.get("satisfied_by"))
        self.only_if = Matcher(self.options.get("only_if"))
        self.unless = Matcher(self.options.get("unless"))
        self.unless_title = Matcher(self.options.get("unless_title"))

    def check(self, ctx: "ReviewContext") -> Iterable[Hit]:
        spans = ctx.contract_spans
        if not spans:
            return
        if self.only_if and not self.only_if.search_contract(ctx):
            return
        if self.unless and self.unless.search_contract(ctx):
            return
        start, end = anchor(ctx)
        if self.unless_title and self.unless_title.search(ctx, start, end):
            return
        if ctx.clauses_of_type(self.options["clause_type"]):
            return
        if self.satisfied and self.satisfied.search_contract(ctx):
            return
        names = ctx.ruleset.clause_types.names()
        yield Hit(start, end, {"clause": None, "missing": names.get(self.options["clause_type"],
                                                                     self.options["clause_type"])},
                  whole_document=True)
