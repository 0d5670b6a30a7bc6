"""The open contract and its review: loads and re-reviews in workers, keeps the last good state."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from .i18n import tr
from .workers import JobControl, Worker, WorkerPool

if TYPE_CHECKING:  # pragma: no cover
    from reviewer.model.decisions import DecisionStore
    from reviewer.model.document import Document
    from reviewer.engine.run import ReviewResult


@dataclass(frozen=True)
class Reviewed:
    """Everything the window shows for one contract, produced off the UI thread in one piece."""

    path: Path
    document: "Document"
    result: "ReviewResult"
    ruleset: Any
    decisions: "DecisionStore"
    perspective: str

    @property
    def findings(self) -> list:
        return self.result.findings


def load_and_review(path: Path, perspective: str, ruleset: Any = None,
                    control: JobControl | None = None, password: str | None = None) -> Reviewed:
    """Read ``path``, build its structure, review it and read its saved decisions.

    ``ruleset`` may be a rule set, a function returning one (loaded here, off the UI thread),
    or None for the default rules.
    """
    import reviewer
    from reviewer.model.decisions import DecisionStore

    step = control.progress if control is not None else (lambda *_: None)
    step(5, tr("正在读取文件…", "Reading the file…"))
    document = reviewer.load(path, password=password)
    step(35, tr("正在分析条款结构…", "Finding the clauses…"))
    # Computed here so the UI thread never pays for them (both are cached on the Document).
    document.clauses
    document.parties
    if ruleset is None or callable(ruleset):
        step(55, tr("正在加载规则…", "Loading the rules…"))
        ruleset = ruleset() if callable(ruleset) else default_ruleset()
    step(70, tr("正在审阅…", "Reviewing…"))
    result = reviewer.review(document, rules=ruleset, perspective=perspective)
    step(95, tr("正在读取审阅记录…", "Reading saved decisions…"))
    decisions = DecisionStore.for_contract(path)
    return Reviewed(Path(path), document, result, ruleset, decisions, perspective)


def review_again(current: Reviewed, perspective: str, ruleset: Any,
                 control: JobControl | None = None) -> Reviewed:
    """The same document under another perspective or rule set; decisions carry over by fingerprint."""
    import reviewer

    if control is not None:
        control.progress(20, tr("正在重新审阅…", "Reviewing again…"))
    result = reviewer.review(current.document, rules=ruleset, perspective=perspective)
    return replace(current, result=result, ruleset=ruleset, perspective=perspective)


def default_ruleset() -> Any:
    from reviewer.engine.rulepack import RuleSet

    return RuleSet.default()


class ReviewSession(QObject):
    """Owns the current :class:`Reviewed`; replaces it only when a new one is complete.

    A failed open leaves the previous contract in place (``failed`` carries the engine's
    message); a newer request supersedes an older one, whose result is then dropped.
    """

    busy = Signal(bool)
    progress = Signal(int, str)
    reviewed = Signal(object)  # Reviewed
    failed = Signal(str)
    #: A PDF that needs its password: (path, perspective, was the last password wrong).
    passwordNeeded = Signal(str, str, bool)

    def __init__(self, parent: QObject | None = None, job=load_and_review, rejob=review_again) -> None:
        super().__init__(parent)
        self._workers = WorkerPool(self)
        self._job = job
        self._rejob = rejob
        self._current_worker: Worker | None = None
        self.current: Reviewed | None = None

    @property
    def is_busy(self) -> bool:
        return self._current_worker is not None

    def open(self, path: str | Path, perspective: str, ruleset: Any = None, password: str | None = None) -> None:
        if password is None:
            self._start(Worker(self._job, Path(path), perspective, ruleset))
        else:
            self._start(Worker(self._job, Path(path), perspective, ruleset, password=password))

    def rereview(self, perspective: str | None = None, ruleset: Any = None) -> bool:
        """Review the open contract again; False when there is none."""
        if self.current is None:
            return False
        self._start(Worker(self._rejob, self.current, perspective or self.current.perspective,
                           ruleset if ruleset is not None else self.current.ruleset))
        return True

    def cancel(self) -> None:
        if self._current_worker is not None:
            self._current_worker.cancel()
            self._current_worker = None
            self.busy.emit(False)

    def wait(self, msecs: int = -1) -> bool:
        return self._workers.wait(msecs)

    def set_decision(self, finding, status: str, note: str | None = None):
        """Record counsel's decision at once; raises OSError when the file cannot be written."""
        if self.current is None:
            raise RuntimeError("no contract is open")
        return self.current.decisions.set(finding, status, note)

    # -- worker plumbing ---------------------------------------------------------------------------

    def _start(self, worker: Worker) -> None:
        if self._current_worker is not None:
            self._current_worker.cancel()
        self._current_worker = worker
        worker.signals.progress.connect(self._on_progress)
        worker.signals.result.connect(self._on_result)
        worker.signals.error.connect(self._on_error)
        self.busy.emit(True)
        self._workers.start(worker)

    def _is_current(self) -> bool:
        return self._current_worker is not None and self.sender() is self._current_worker.signals

    def _on_progress(self, percent: int, message: str) -> None:
        if self._is_current():
            self.progress.emit(percent, message)

    def _on_result(self, value: Reviewed) -> None:
        if not self._is_current():
            return
        self._current_worker = None
        self.current = value
        self.busy.emit(False)
        self.reviewed.emit(value)

    def _on_error(self, exc: BaseException) -> None:
        from reviewer.errors import PasswordRequired

        if not self._is_current():
            return
        worker, self._current_worker = self._current_worker, None
        self.busy.emit(False)
        if isinstance(exc, PasswordRequired) and exc.path is not None:
            self.passwordNeeded.emit(str(exc.path), worker.args[1] if worker is not None else "customer",
                                     exc.wrong_password)
            return
        self.failed.emit(error_message(exc))


def error_message(exc: BaseException) -> str:
    """What counsel read: the engine's own message, or a plain sentence for anything else."""
    from reviewer.errors import ReviewerError

    if isinstance(exc, ReviewerError):
        return str(exc)
    if isinstance(exc, OSError):
        where = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
        return tr("无法读取或写入文件：{where}{why}", "Cannot read or write the file: {where}{why}",
                  where=where, why=exc.strerror or exc)
    return tr("内部错误：{kind}: {why}\n请将此信息反馈给开发人员。",
              "Internal error: {kind}: {why}\nPlease report this to the developers.",
              kind=type(exc).__name__, why=exc)
