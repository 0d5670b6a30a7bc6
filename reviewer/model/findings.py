"""A finding: one problem in a contract, pinned to exact characters of ``Document.text``."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Severity(str, Enum):
    """How urgent a finding is, from must-fix to context."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    INFO = "info"

    @property
    def rank(self) -> int:
        """0 for high … 3 for info: sorts the most urgent first."""
        return _RANK[self]

    def at_least(self, other: "Severity") -> bool:
        return self.rank <= other.rank

    @property
    def label_zh(self) -> str:
        return _ZH[self]


_RANK = {Severity.HIGH: 0, Severity.MEDIUM: 1, Severity.LOW: 2, Severity.INFO: 3}
_ZH = {Severity.HIGH: "高", Severity.MEDIUM: "中", Severity.LOW: "低", Severity.INFO: "提示"}

#: The categories of the checklist. A rule pack may add more; it may not rename these.
CATEGORIES: tuple[str, ...] = (
    "blank", "truncated", "numbering", "cross-reference", "heading-mismatch", "foreign-text",
    "signature", "amount-mismatch", "payment-sum", "basis-outdated", "defined-term",
    "arbitration-invalid", "jurisdiction", "governing-law",
    "ip-ownership", "ip-indemnity", "data-protection", "customer-data",
    "liability-cap", "penalty", "suspension", "vague-deadline", "acceptance", "invoice",
    "prepayment", "auto-renewal", "unilateral-change", "force-majeure", "termination",
    "confidentiality", "subcontracting", "missing-clause",
)


@dataclass(frozen=True, slots=True)
class Finding:
    """One finding. ``start``/``end`` index ``Document.text``; ``text`` is ``text[start:end]``.

    ``clause`` (the number of the innermost numbered clause, or ``None`` for a finding about the
    whole document) and ``page`` are derived from ``start`` by the engine, in one place.
    """

    rule: str
    category: str
    severity: Severity
    start: int
    end: int
    clause: str | None
    page: int
    text: str
    title: str
    message: str
    why: str = ""
    basis: str = ""
    suggestion: str = ""
    #: About the contract as a whole (a missing clause): ``start``/``end`` only say where to show it.
    whole_document: bool = False

    @property
    def sort_key(self) -> tuple:
        return (self.start, self.end, self.severity.rank, self.rule, self.message)

    @property
    def fingerprint(self) -> str:
        """Identity that survives a re-review: the rule, the clause and the words it points at."""
        return f"{self.rule}|{self.clause or ''}|{self.text}"
