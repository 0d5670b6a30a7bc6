"""The conditional rule: if the contract mentions X, it must also provide Y."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from .base import Hit, Param, RuleType
from .scope import Matcher

if TYPE_CHECKING:  # pragma: no cover
    from ..context import ReviewContext


class ConditionalRule(RuleType):
    """What it flags:
    A contract that brings something in (``if_any``: 用户画像, 个人信息 …) without the terms it
    then needs (``require``: each named element must be found, in the clauses of
    ``then_clause_type`` if given, else anywhere). The finding points at the first mention and
    names every missing element in ``{missing}``.

    Why it matters:
    Processing personal information without purpose, scope, security, deletion and breach
    terms breaks the law itself, not just good practice (个人信息保护法 第二十一条).

    Example:
      - id: personal-data-terms
        type: conditional
        if_any: [用户画像, 个人信息]
        require:
          处理目的: ['目的']
          删除或返还: ['删除', '返还']

    Better wording:
    The rule's ``suggestion`` gives the data-processing clause to add.
    """

    name = "conditional"
    params = {
        "if_any": Param(list, regex=True, required=True, doc="what brings the duty in"),
        "require": Param(dict, required=True, doc="element name → patterns; each element must be found"),
        "then_clause_type": Param(str, default=None, doc="look for the elements only in clauses of this type"),
        "min_missing": Param(int, default=1, doc="fire only when at least this many elements are missing"),
    }

    def setup(self) -> None:
        from ..regexcheck import regex_problem

        self.trigger = Matcher(self.options["if_any"])
        self.require: dict[str, Matcher] = {}
        for name, patterns in (self.options.get("require") or {}).items():
            items = patterns if isinstance(patterns, list) else [patterns]
            for p in items:
                problem = regex_problem(str(p))
                if problem:
                    raise ValueError(f"require.{name}: {problem}")
            self.require[str(name)] = Matcher([str(p) for p in items])
        if not self.require:
            raise ValueError("require: needs at least one element")

    def check(self, ctx: "ReviewContext") -> Iterable[Hit]:
        first = self.trigger.search_contract(ctx)
        if first is None:
            return
        ctype = self.options.get("then_clause_type")
        if ctype:
            where = [(n.start, n.end) for n in ctx.clauses_of_type(ctype)]
            missing = [name for name, m in self.require.items() if not any(m.search(ctx, s, e) for s, e in where)]
        else:
            missing = [name for name, m in self.require.items() if m.search_contract(ctx) is None]
        if len(missing) >= max(1, self.options.get("min_missing") or 1):
            yield Hit(first.start(), first.end(), {"missing": "、".join(missing), "trigger": first.group(0)})
