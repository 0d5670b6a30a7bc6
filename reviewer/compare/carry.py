"""Counsel's decisions carried from the earlier draft to the findings still open in the new one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence

from ..model.decisions import Decision

if TYPE_CHECKING:  # pragma: no cover
    from ..model.decisions import DecisionStore
    from .delta import FindingChange

#: Where a decision shown for a finding comes from.
OWN, CARRIED, NONE = "own", "carried", ""


@dataclass(frozen=True)
class ShownDecision:
    """The decision shown for one finding of the delta, and where it comes from.

    ``origin``: ``own`` (recorded on this finding in its own draft's file), ``carried`` (an open
    finding without its own decision takes the one made on the earlier draft), or empty (open).
    ``earlier`` is the earlier draft's decision on a finding whose words changed: shown so counsel
    see what they said, never applied.
    """

    decision: Decision
    origin: str = NONE
    earlier: Decision | None = None

    @property
    def status(self) -> str:
        return self.decision.status

    @property
    def note(self) -> str:
        return self.decision.note


def _recorded(store: "DecisionStore | None", finding) -> Decision | None:
    if store is None or finding is None:
        return None
    return store.decisions.get(finding.fingerprint)


def carry_decisions(changes: Sequence["FindingChange"], old_store: "DecisionStore | None",
                    new_store: "DecisionStore | None") -> list[ShownDecision]:
    """One :class:`ShownDecision` per change, in the same order.

    A new draft's own decision always wins; an open finding without one takes the earlier
    draft's; a resolved finding shows what was decided on it; a new finding shows nothing, and
    its ``earlier`` decision when it replaced a decided finding whose words changed.
    """
    out = []
    for change in changes:
        own = _recorded(new_store, change.new)
        earlier = _recorded(old_store, change.old)
        if change.status == "resolved":
            out.append(ShownDecision(earlier or Decision(), OWN if earlier else NONE))
        elif own is not None:
            out.append(ShownDecision(own, OWN))
        elif change.status == "open" and earlier is not None:
            out.append(ShownDecision(earlier, CARRIED))
        else:
            before = _recorded(old_store, change.previous)
            out.append(ShownDecision(Decision(), NONE, before))
    return out


def save_carried(changes: Sequence["FindingChange"], shown: Sequence[ShownDecision],
                 new_store: "DecisionStore") -> int:
    """Write the carried decisions into the new draft's decisions file; returns how many."""
    count = 0
    for change, decision in zip(changes, shown):
        if decision.origin == CARRIED and change.new is not None:
            new_store.decisions[change.new.fingerprint] = decision.decision
            count += 1
    if count:
        new_store.save()
    return count
