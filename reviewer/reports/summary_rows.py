"""The rows of a batch summary: what each contract produced, or why it could not be read."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class TopFinding:
    severity: str
    clause: str
    message: str


@dataclass(frozen=True)
class ContractRow:
    """One contract of a batch: what it produced, or why it could not be read."""

    path: Path
    report: Path | None = None
    pages: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    top: tuple[TopFinding, ...] = ()
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.error

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass
class BatchSummary:
    """The rows in input order and where the summaries were written."""

    out_dir: Path
    fmt: str
    rows: list[ContractRow]
    summary_xlsx: Path | None = None
    summary_html: Path | None = None

    @property
    def failed(self) -> list[ContractRow]:
        return [r for r in self.rows if not r.ok]

    @property
    def all_failed(self) -> bool:
        """True when not one contract could be reviewed (the CLI then exits with 2)."""
        return not self.succeeded

    @property
    def succeeded(self) -> list[ContractRow]:
        return [r for r in self.rows if r.ok]

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for row in self.rows:
            for sev, n in row.counts.items():
                out[sev] = out.get(sev, 0) + n
        return out
