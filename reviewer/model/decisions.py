"""Counsel's decisions on findings, saved atomically beside the contract and restored on reopen."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Iterable

from ..errors import WriteError
from .findings import Finding
from ..i18n import tr
from ..text import jsontext

STATUSES = ("open", "accepted", "fixed", "false-alarm")
#: A decisions file holds a few KB per contract; anything past this is not one.
MAX_FILE_BYTES = 16 * 1024 * 1024
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
    beside = _beside(contract)
    if os.access(contract.parent, os.W_OK):
        return beside
    return _in_user_data(contract)


def _beside(contract: Path) -> Path:
    return contract.with_name(contract.name + ".review.json")


def _in_user_data(file: Path) -> Path:
    key = hashlib.sha256(str(file).encode("utf-8")).hexdigest()[:16]
    name = file.name.removesuffix(".review.json")
    return user_data_dir() / "decisions" / f"{name}.{key}.review.json"


class _Damaged(Exception):
    """A decisions file that cannot be understood; the message says why, for the warning."""


class DecisionStore:
    """Decisions keyed by :attr:`Finding.fingerprint`; every change is written at once, atomically."""

    def __init__(self, path: Path, decisions: dict[str, Decision] | None = None,
                 warning: str = "") -> None:
        self.path = Path(path)
        self.decisions: dict[str, Decision] = dict(decisions or {})
        self.warning = warning  # set when a damaged file was moved aside on load

    @classmethod
    def for_contract(cls, contract: Path) -> "DecisionStore":
        path = decisions_path(contract)
        store = cls.load(path)
        beside = _beside(Path(contract).resolve())
        if path != beside and not path.exists() and beside.is_file():
            # The folder turned read-only after decisions were saved beside the contract: carry them
            # over to the user's data folder rather than start again (the old file stays as it is).
            try:
                store.decisions = _read_decisions(beside)
            except _Damaged as problem:
                store.warning = _left_in_place(beside, str(problem), path)
            except OSError as error:
                store.warning = _left_in_place(beside, str(error.strerror or error), path)
        return store

    @classmethod
    def load(cls, path: Path) -> "DecisionStore":
        """The decisions in ``path``; a file that cannot be read is kept aside, never overwritten."""
        path = Path(path)
        if not path.exists():
            return cls(path)
        try:
            return cls(path, _read_decisions(path))
        except _Damaged as problem:
            return cls._set_aside(path, str(problem))
        except OSError as error:
            return cls._set_aside(path, str(error.strerror or error))

    @classmethod
    def _set_aside(cls, path: Path, reason: str) -> "DecisionStore":
        """Rename the unreadable file (never delete it) and start an empty store; the warning says where it went."""
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        aside = path.with_name(f"{path.name}.damaged-{stamp}")
        number = 1
        while aside.exists():  # two damaged files in one second must not overwrite each other
            number += 1
            aside = path.with_name(f"{path.name}.damaged-{stamp}-{number}")
        try:
            os.replace(path, aside)
        except OSError:
            # The folder does not let us rename it: leave it untouched and save elsewhere.
            elsewhere = _in_user_data(path)
            return cls(elsewhere, warning=_left_in_place(path, reason, elsewhere))
        return cls(path, warning=tr(
            "审阅记录文件已损坏（{reason}），已原样另存为 {aside}，本次从空白记录开始。",
            "The review decisions file was damaged ({reason}); it was kept as {aside} and a new one is started.",
            reason=reason, aside=aside.name))

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
        # Imported here: `check` reads decisions on every run and writes them only from the window.
        from ..atomic import atomic_write_text

        payload = {"schema": 1, "decisions": {k: asdict(v) for k, v in sorted(self.decisions.items())}}
        try:
            atomic_write_text(self.path, jsontext.dumps(payload) + "\n")
        except WriteError:
            raise
        except OSError as error:  # still an OSError for the window's handler, with a plain message
            raise WriteError.from_os_error(self.path, error) from None


def _left_in_place(path: Path, reason: str, elsewhere: Path) -> str:
    return tr("审阅记录文件 {path} 无法读取（{reason}），且无法移到一旁；原文件保持不动，本次的审阅记录改存到 {elsewhere}。",
              "The review decisions file {path} cannot be read ({reason}) nor moved aside; it is left as it is, "
              "and this session's decisions are saved to {elsewhere}.", path=path, reason=reason, elsewhere=elsewhere)


def _read_decisions(path: Path) -> dict[str, Decision]:
    """Parse a decisions file strictly: anything unexpected raises _Damaged with the reason."""
    if path.stat().st_size > MAX_FILE_BYTES:
        raise _Damaged(tr("文件过大", "the file is too large"))
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except UnicodeDecodeError:
        raise _Damaged(tr("不是 UTF-8 文本", "not UTF-8 text")) from None
    except RecursionError:
        raise _Damaged(tr("嵌套过深", "nested too deep")) from None
    except ValueError as error:
        raise _Damaged(tr("JSON 格式错误：{e}", "invalid JSON: {e}", e=error)) from None
    items = data.get("decisions") if isinstance(data, dict) else None
    if not isinstance(items, dict):
        raise _Damaged(tr("缺少 decisions 一项", "no decisions entry"))
    decisions = {}
    for key, value in items.items():
        if not isinstance(value, dict):
            raise _Damaged(tr("“{k}”不是一条审阅记录", "“{k}” is not a decision", k=key))
        status, note, updated = value.get("status", "open"), value.get("note", ""), value.get("updated", "")
        if status not in STATUSES or not isinstance(note, str) or not isinstance(updated, str):
            raise _Damaged(tr("“{k}”的内容无效", "“{k}” holds invalid values", k=key))
        decisions[key] = Decision(status, note, updated)
    return decisions
