"""Run every rule's own examples: ``fire`` must fire, ``no_fire`` must not; ``todo`` is reported only."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .rulepack import Rule, RuleSet

if TYPE_CHECKING:  # pragma: no cover
    from .document import Document
    from .findings import Finding


@dataclass(frozen=True)
class ExampleResult:
    rule: str
    kind: str  # "fire" | "no_fire" | "todo"
    text: str
    fired: int  # how many findings the rule gave on the example
    source: Path
    line: int

    @property
    def passed(self) -> bool:
        return self.fired > 0 if self.kind in ("fire", "todo") else self.fired == 0

    @property
    def failing(self) -> bool:
        """A failure that counts: ``todo`` examples never fail the run."""
        return not self.passed and self.kind != "todo"


def run_rule(ruleset: RuleSet, rule: Rule | str, source: "Document | str",
             perspective: str | None = None) -> tuple["Document", list["Finding"]]:
    """Review ``source`` (a Document, or contract text) with this one rule, switched on even if
    the pack leaves it off; returns the document and the rule's findings."""
    from .engine import review
    from .loaders import from_text

    rule = ruleset.get(rule) if isinstance(rule, str) else rule
    only = RuleSet([_enabled(rule)], ruleset.clause_types, ruleset.packs, [], ruleset.files)
    side = perspective or (rule.perspective if rule.perspective != "any" else "customer")
    document = from_text(source, name=f"{rule.id}.example.txt") if isinstance(source, str) else source
    return document, [f for f in review(document, rules=only, perspective=side).findings if f.rule == rule.id]


def run_examples(ruleset: RuleSet, rule: Rule, perspective: str | None = None) -> list[ExampleResult]:
    out = []
    for kind in ("fire", "no_fire", "todo"):
        for text in rule.examples.get(kind, []):
            fired = len(run_rule(ruleset, rule, text, perspective)[1])
            out.append(ExampleResult(rule.id, kind, text, fired, rule.source, rule.line))
    return out


def _enabled(rule: Rule) -> Rule:
    if rule.enabled:
        return rule
    copy = Rule(**{**rule.__dict__})
    copy.enabled = True
    return copy


def run_all(ruleset: RuleSet) -> list[ExampleResult]:
    return [r for rule in ruleset.rules for r in run_examples(ruleset, rule)]
