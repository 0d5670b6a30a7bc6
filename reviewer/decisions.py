"""Counsel's decisions on findings, saved atomically beside the contract and restored on reopen."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Iterable

from .atomic import atomic_write_text
from .findings import Finding
from .i18n import tr

STATUSES = ("open", "accepted", "fixed", "false-alarm")
STATUS_LABELS = {
    "open": ("待处理", "Open"),
    "accepted": ("接受风险", "Accepted risk"),
    "fixed": ("已修改", "Fixed"),
    "false-alarm": ("误报", "False alarm"),
}


@dataclass(frozen=True, slots=True)
class Decision:
    status: str = "open"
    note: str = ""
    updated: str = ""


def user_data_dir() -> Path:
    """Where the tool keeps its own files when the contract's folder is read-only."""
    base = os.environ.get("XDG_DATA_HOME") or (
        os.environ.get("APPDATA") if os.name == "nt" else str(Path.home() / ".local" / "share")
    )
    return Path(base) / "contract-reviewer"


def decisions_path(contract: Path) -> Path:
    """``<contract>.review.json`` beside the contract, or in the user's data folder if that is read-only."""
    contract = Path(contract).resolve()
    beside = contract.with_name(contract.name + ".review.json")
    if os.access(contract.parent, os.W_OK):
        return beside
    import hashlib

    key = hashlib.sha256(str(contract).encode("utf-8")).hexdigest()[:16]
    return user_data_dir() / "decisions" / f"{contract.name}.{key}.review.json"


class DecisionStore:
    """Decisions keyed by :attr:`Finding.fingerprint`; every change is written at once, atomically."""

    def __init__(self, path: Path, decisions: dict[str, Decision] | None = None,
                 warning: str = "") -> None:
        self.path = Path(path)
        self.decisions: dict[str, Decision] = dict(decisions or {})
        self.warning = warning  # set when a damaged file was moved aside on load

    @classmethod
    def for_contract(cls, contract: Path) -> "DecisionStore":
        return cls.load(decisions_path(contract))

    @classmethod
    def load(cls, path: Path) -> "DecisionStore":
        path = Path(path)
        if not path.exists():
            return cls(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            items = data["decisions"]
            decisions = {k: Decision(v.get("status", "open"), v.get("note", ""), v.get("updated", ""))
                         for k, v in items.items()}
            if any(d.status not in STATUSES for d in decisions.values()):
                raise ValueError("unknown status")
        except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError):
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            aside = path.with_name(f"{path.name}.damaged-{stamp}")
            os.replace(path, aside)
            return cls(path, warning=tr(
                "审阅记录文件已损坏，已另存为 {aside}，本次从空白记录开始。",
                "The review decisions file was damaged; it was kept as {aside} and a new one is started.",
                aside=aside.name))
        return cls(path, decisions)

    def get(self, finding: Finding) -> Decision:
        return self.decisions.get(finding.fingerprint, Decision())

    def set(self, finding: Finding, status: str, note: str | None = None) -> Decision:
        if status not in STATUSES:
            raise ValueError(f"unknown status {status!r}; allowed: {', '.join(STATUSES)}")
        old = self.get(finding)
        new = Decision(status, old.note if note is None else note,
                       datetime.now().isoformat(timespec="seconds"))
        self.decisions[finding.fingerprint] = new
        self.save()
        return new

    def for_findings(self, findings: Iterable[Finding]) -> dict[str, Decision]:
        return {f.fingerprint: self.get(f) for f in findings}

    def save(self) -> None:
        payload = {"schema": 1, "decisions": {k: asdict(v) for k, v in sorted(self.decisions.items())}}
        atomic_write_text(self.path, json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
