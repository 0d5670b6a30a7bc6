"""The required-clause rule: a contract of this kind must have a clause of a given type."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterable

from .base import Hit, Param, RuleType
from .scope import Matcher

if TYPE_CHECKING:  # pragma: no cover
    from ..context import ReviewContext


# A document that says it is part of another agreement: 本服务条款是《云服务协议》的补充协议,
# 本协议作为委托测试合同的附件. Not 附件为本协议的组成部分, which a main agreement says of its annexes.
PART_OF = re.compile(r"(?:本协议|本合同|本条款|本服务条款|本规则|本附件)[^。\n]{0,4}(?:是|为|作为|构成|系)[^。\n]{0,30}?"
                     r"(?:《[^》\n]{1,40}》|[^，,。；;\n本]{1,16}(?:合同|协议))\s*的\s*(?:补充协议|补充|组成部分|附件|附属文件)")
# A service level agreement, by its title: it sits under the service agreement it measures — unless
# the same document goes on with the terms of service themselves (a part headed 服务条款).
SLA_TITLE = re.compile(r"服务等级协议|服务级别协议|服务水平协议|\bSLA\b")
TERMS_PART = re.compile(r"^(?:服务|用户|使用|许可)(?:条款|协议)$")


def is_subsidiary(ctx: "ReviewContext") -> bool:
    """Whether the document is part of another agreement (an SLA, a supplement, an annex signed apart)."""
    if "subsidiary" not in ctx.cache:
        text = ctx.document.text
        start, end = anchor(ctx)
        sla = bool(SLA_TITLE.search(text[start:end])) and not any(
            TERMS_PART.match(n.heading.strip()) for n in ctx.document.clauses if n.heading)
        ctx.cache["subsidiary"] = sla or any(PART_OF.search(text, a, b) for a, b in ctx.contract_spans)
    return ctx.cache["subsidiary"]


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

    A document that is part of another agreement — a service level agreement, terms that call
    themselves a 补充协议 of a named agreement, an annex signed apart (本协议作为委托测试合同的附件) —
    is not asked for a clause whose type says ``main_agreement_holds`` (notices, entry into force,
    disputes in the built-in clause types): that agreement holds it.

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
        if ctx.ruleset.clause_types.held_by_main_agreement(self.options["clause_type"]) and is_subsidiary(ctx):
            return
        if ctx.clauses_of_type(self.options["clause_type"]):
            return
        if self.satisfied and self.satisfied.search_contract(ctx):
            return
        names = ctx.ruleset.clause_types.names()
        yield Hit(start, end, {"clause": None, "missing": names.get(self.options["clause_type"],
                                                                     self.options["clause_type"])},
                  whole_document=True)
