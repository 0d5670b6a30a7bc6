"""Run a rule set over a Document and turn every hit into a located, explained Finding."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Iterable

from ..model.findings import Finding, Severity
from .context import PERSPECTIVES, ReviewContext

if TYPE_CHECKING:  # pragma: no cover
    from ..model.document import Document
    from .rulepack import Rule, RuleSet


@dataclass
class ReviewResult:
    """A finished review: the findings in document order and what produced them."""

    document: "Document"
    findings: list[Finding]
    perspective: str
    packs: list[dict]  # [{"pack", "version", "path"}] of every rule file that took part
    clause_types: dict[int, frozenset[str]]
    review_date: date

    @property
    def pack_version(self) -> str:
        """One line naming the checklist that produced this review, for reports."""
        seen: dict[str, str] = {}
        for p in self.packs:
            seen.setdefault(p["pack"], p["version"])
        return ", ".join(f"{name} {version}" for name, version in seen.items())

    def counts(self) -> dict[str, int]:
        out = {s.value: 0 for s in Severity}
        for f in self.findings:
            out[f.severity.value] += 1
        return out


def review(document: "Document", rules: "RuleSet | None" = None, perspective: str = "customer",
           review_date: date | None = None) -> ReviewResult:
    """Check ``document`` against ``rules`` (the built-in pack plus user overrides by default)."""
    from .rulepack import RuleSet

    if perspective not in PERSPECTIVES:
        raise ValueError(f"perspective must be one of {PERSPECTIVES}, not {perspective!r}")
    ruleset = rules if rules is not None else RuleSet.default()
    ctx = ReviewContext(document, perspective, ruleset, review_date or date.today())
    findings: dict[tuple, Finding] = {}
    for rule in ruleset.active_rules(perspective):
        if not rule.reads(ctx.language):
            continue  # a Chinese checklist says nothing true about an English contract
        for finding in _findings_of(rule, ctx):
            findings.setdefault((finding.rule, finding.start, finding.end, finding.message), finding)
    ordered = sorted(findings.values(), key=lambda f: f.sort_key)
    return ReviewResult(document, ordered, perspective, ruleset.pack_infos(), ctx.clause_types,
                        ctx.review_date)


def _findings_of(rule: "Rule", ctx: ReviewContext) -> Iterable[Finding]:
    doc = ctx.document
    tree = doc.clauses
    for hit in rule.impl.check(ctx):
        start = max(0, min(hit.start, len(doc.text)))
        end = max(start, min(hit.end, len(doc.text)))
        if "clause" in hit.values:  # the rule type names the clause itself (None: the whole contract)
            node, clause = None, hit.values["clause"]
        else:
            node = tree.clause_at(start)
            clause = (node.number or None) if node is not None else None
        values = {
            **ctx.message_values(),
            "clause": clause or "",
            "clause_name": (node.display if node is not None else ""),
            "text": doc.text[start:end],
            **{k: v for k, v in hit.values.items() if k != "clause"},
        }
        yield Finding(
            rule=rule.id,
            category=rule.category,
            severity=hit.severity or rule.severity,
            start=start,
            end=end,
            clause=clause,
            page=doc.page_at(start),
            text=doc.text[start:end],
            title=rule.fill(rule.title, values),
            message=rule.fill(rule.message, values),
            why=rule.fill(rule.why, values),
            basis=rule.fill(rule.basis, values),
            suggestion=rule.fill(rule.suggestion, values),
            whole_document=hit.whole_document,
        )
