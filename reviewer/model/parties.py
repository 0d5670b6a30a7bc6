"""The parties of a contract: their labels (甲方/乙方 …), names, and which side is the vendor."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Party:
    """One side: ``label`` as the contract calls it ("甲方"), its ``name`` if stated, its role.

    ``role`` is "customer", "vendor" or "unknown"; ``evidence`` is the offset span of the text
    the role was inferred from (a definition, a payment duty), for explaining the guess.
    """

    label: str
    name: str = ""
    role: str = "unknown"
    start: int = -1
    end: int = -1
    evidence: str = ""


@dataclass(frozen=True, slots=True)
class Parties:
    """Both sides. ``customer``/``vendor`` return the matching :class:`Party` or ``None``."""

    parties: tuple[Party, ...] = field(default_factory=tuple)

    def by_role(self, role: str) -> Party | None:
        return next((p for p in self.parties if p.role == role), None)

    @property
    def customer(self) -> Party | None:
        return self.by_role("customer")

    @property
    def vendor(self) -> Party | None:
        return self.by_role("vendor")

    def to_dict(self) -> list[dict]:
        return [{"label": p.label, "name": p.name, "role": p.role} for p in self.parties]

