"""The risk delta: every finding of either draft is resolved, new or still open."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence

if TYPE_CHECKING:  # pragma: no cover
    from ..model.findings import Finding
    from .clauses import ClauseChanges

DELTA_STATUSES = ("new", "open", "resolved")


@dataclass(frozen=True)
class FindingChange:
    """``open``: in both drafts, the same rule at the same words (wherever its clause moved);
    ``resolved``: in the old draft only; ``new``: in the new draft only.

    ``previous`` is set on a new finding when the same rule had a finding in the clause it came
    from whose words changed: the earlier decision is shown, not applied (counsel decide again).
    """

    status: str
    old: "Finding | None"
    new: "Finding | None"
    previous: "Finding | None" = None

    @property
    def finding(self) -> "Finding":
        """The finding to show: the new draft's, or the old one for a resolved finding."""
        return self.new if self.new is not None else self.old  # type: ignore[return-value]


def finding_delta(old: Sequence["Finding"], new: Sequence["Finding"], clauses: "ClauseChanges") -> list[FindingChange]:
    """Pair ``old`` findings with ``new`` ones through the clause alignment; the rest resolved / new."""
    at: dict[tuple[str, int, int], list[int]] = {}
    for k, g in enumerate(new):
        at.setdefault((g.rule, g.start, g.end), []).append(k)
    claimed: dict[int, int] = {}  # new index -> old index
    pairs: dict[int, int] = {}
    mapped: dict[int, tuple[int, int]] = {}
    for k, f in enumerate(old):
        if f.whole_document:
            continue
        span = clauses.map_span(f.start, f.end)
        if span is None:
            continue
        mapped[k] = span
        for m in at.get((f.rule, *span), ()):
            if m not in claimed and new[m].text == f.text:
                claimed[m], pairs[k] = k, m
                break
    # The words are still there but the rule now marks a little more or less of them.
    by_rule: dict[str, list[int]] = {}
    for m, g in enumerate(new):
        if m not in claimed:
            by_rule.setdefault(g.rule, []).append(m)
    for k, span in mapped.items():
        if k in pairs:
            continue
        for m in by_rule.get(old[k].rule, ()):
            g = new[m]
            if m not in claimed and not g.whole_document and g.start < span[1] and span[0] < g.end:
                claimed[m], pairs[k] = k, m
                break
    # About the contract as a whole (a missing clause): the same rule is the same finding.
    for k, f in enumerate(old):
        if f.whole_document and k not in pairs:
            for m in by_rule.get(f.rule, ()):
                if m not in claimed and new[m].whole_document:
                    claimed[m], pairs[k] = k, m
                    break
    out: list[tuple[tuple, FindingChange]] = []
    for k, f in enumerate(old):
        if k in pairs:
            g = new[pairs[k]]
            out.append(((g.start, 0, g.sort_key), FindingChange("open", f, g)))
        else:
            out.append(((place_in_new(clauses, f), 1, f.sort_key), FindingChange("resolved", f, None)))
    resolved_in = _resolved_by_unit(old, pairs, clauses)
    for m, g in enumerate(new):
        if m not in claimed:
            previous = _previous(g, clauses, resolved_in)
            out.append(((g.start, 0, g.sort_key), FindingChange("new", None, g, previous)))
    out.sort(key=lambda p: p[0])
    return [change for _, change in out]


def place_in_new(clauses: "ClauseChanges", f: "Finding") -> int:
    """Where a resolved finding is listed among the new draft's: at its clause's new place, if any."""
    a = clauses.alignment
    i = clauses.old_unit_at(f.start)
    if i is None:
        return 0
    number = a.of_old.get(i)
    if number is not None:
        return a.new[a.matches[number].new[0]].start
    j = clauses.anchor_of_old(i)
    return a.new[j].end if j >= 0 else 0


def _resolved_by_unit(old: Sequence["Finding"], pairs: dict[int, int], clauses: "ClauseChanges") -> dict:
    out: dict[tuple[int, str], "Finding"] = {}
    for k, f in enumerate(old):
        if k in pairs or f.whole_document:
            continue
        i = clauses.old_unit_at(f.start)
        if i is not None:
            out.setdefault((i, f.rule), f)
    return out


def _previous(g: "Finding", clauses: "ClauseChanges", resolved_in: dict) -> "Finding | None":
    if g.whole_document:
        return None
    a = clauses.alignment
    j = clauses.new_unit_at(g.start)
    number = a.of_new.get(j) if j is not None else None
    if number is None:
        return None
    for i in a.matches[number].old:
        if (i, g.rule) in resolved_in:
            return resolved_in[i, g.rule]
    return None
