"""Run every rule's own examples: ``fire`` must fire, ``no_fire`` must not; ``todo`` is reported only."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .rulepack import Rule, RuleSet

if TYPE_CHECKING:  # pragma: no cover
    from ..model.document import Document
    from ..model.findings import Finding


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
    from .run import review
    from ..loaders import from_text

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


# -- fixture contracts beside the rules ---------------------------------------------------------------

FIXTURE_SUFFIXES = (".txt", ".md", ".docx", ".pdf")


@dataclass(frozen=True)
class FixtureResult:
    """One expectation of a fixture contract: ``rule`` must (``fire``) or must not (``no_fire``) be
    found, at ``text`` when given; ``problem`` is set when the fixture itself could not be run."""

    fixture: Path
    line: int
    rule: str
    kind: str
    text: str | None
    found: int
    problem: str = ""

    @property
    def failing(self) -> bool:
        if self.problem:
            return True
        return self.found == 0 if self.kind == "fire" else self.found > 0


def fixture_folders(ruleset: RuleSet, only: list[Path] | None = None) -> list[Path]:
    """``fixtures/`` folders beside the rule files in force (or beside the given paths)."""
    bases = [p if p.is_dir() else p.parent for p in (only or ruleset.files)]
    seen: list[Path] = []
    for base in bases:
        folder = (base / "fixtures").resolve()
        if folder.is_dir() and folder not in seen:
            seen.append(folder)
    return seen


def run_fixtures(ruleset: RuleSet, folder: Path) -> list[FixtureResult]:
    """Review each contract in ``folder`` with the whole rule set and check its ``.expect.yaml``."""
    from .. import load, review
    from ..errors import ReviewerError
    from ..i18n import tr
    from .yamlpos import YamlProblem, load_located

    out: list[FixtureResult] = []
    for contract in sorted(p for p in folder.iterdir() if p.suffix.lower() in FIXTURE_SUFFIXES):
        expect = contract.with_name(contract.stem + ".expect.yaml")
        if not expect.exists():
            continue
        try:
            located = load_located(expect.read_text(encoding="utf-8"))
            data = located.data or {}
            if not isinstance(data, dict):
                raise YamlProblem(tr("应为映射（perspective、fire、no_fire）。",
                                     "must be a mapping (perspective, fire, no_fire)."))
            document = load(contract)
            result = review(document, rules=ruleset, perspective=data.get("perspective", "customer"))
        except (YamlProblem, ReviewerError, ValueError, OSError) as exc:
            line = getattr(exc, "line", 1)
            out.append(FixtureResult(expect, line, "-", "fire", None, 0, problem=str(getattr(exc, "message", exc))))
            continue
        text = document.text
        for kind in ("fire", "no_fire"):
            for i, item in enumerate(data.get(kind) or []):
                line = located.pos((kind, i))[0]
                item = {"rule": item} if isinstance(item, str) else item
                if not isinstance(item, dict) or not isinstance(item.get("rule"), str):
                    out.append(FixtureResult(expect, line, "-", kind, None, 0, problem=tr(
                        "每一项应写 rule:（以及可选的 text:）", "each item needs rule: (and optionally text:)")))
                    continue
                words = item.get("text")
                spans = _occurrences(text, words) if words else None
                if spans == []:
                    out.append(FixtureResult(expect, line, item["rule"], kind, words, 0, problem=tr(
                        "合同中没有“{w}”这段文字", "the contract does not contain “{w}”", w=words)))
                    continue
                found = sum(1 for f in result.findings if f.rule == item["rule"] and (
                    spans is None or any(f.start < e and s < max(f.end, f.start + 1) for s, e in spans)))
                out.append(FixtureResult(expect, line, item["rule"], kind, words, found))
    return out


def _occurrences(text: str, words: str) -> list[tuple[int, int]]:
    out, at = [], text.find(words)
    while at >= 0:
        out.append((at, at + len(words)))
        at = text.find(words, at + 1)
    return out
