"""Compare two drafts (or our template with their draft): clauses by content, the risk delta, decisions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .align import Alignment, align
from .carry import ShownDecision, carry_decisions
from .clauses import ClauseChange, ClauseChanges
from .delta import FindingChange, finding_delta
from .units import units_of

if TYPE_CHECKING:  # pragma: no cover
    from ..model.decisions import DecisionStore
    from ..engine.run import ReviewResult


@dataclass
class Comparison:
    """Everything a comparison report shows.

    ``template`` is True for `compare --template OURS THEIRS`: the old draft is our standard
    template and the new one their contract; decisions are not carried then.
    """

    old: "ReviewResult"
    new: "ReviewResult"
    alignment: Alignment
    clauses: ClauseChanges
    findings: list[FindingChange]
    decisions: list[ShownDecision]
    template: bool = False

    @property
    def old_document(self):
        return self.old.document

    @property
    def new_document(self):
        return self.new.document

    def finding_counts(self) -> dict[str, int]:
        out = {"new": 0, "open": 0, "resolved": 0}
        for change in self.findings:
            out[change.status] += 1
        return out

    def carried_count(self) -> int:
        return sum(1 for d in self.decisions if d.origin == "carried")


def compare(old: "ReviewResult", new: "ReviewResult", old_decisions: "DecisionStore | None" = None,
            new_decisions: "DecisionStore | None" = None, template: bool = False) -> Comparison:
    """Compare two reviewed drafts; ``old_decisions`` (the store beside OLD) carry to open findings."""
    old_units = units_of(old.document)
    new_units = units_of(new.document)
    alignment = align(old_units, new_units)
    clauses = ClauseChanges(old.document, new.document, alignment)
    findings = finding_delta(old.findings, new.findings, clauses)
    decisions = carry_decisions(findings, None if template else old_decisions, new_decisions)
    return Comparison(old, new, alignment, clauses, findings, decisions, template)


__all__ = ["ClauseChange", "Comparison", "FindingChange", "ShownDecision", "compare"]
