"""“Compare with an earlier draft…” / “…with our template”: run the comparison, then mark the window.

The open contract is the new draft. The comparison runs in a worker; when it is back the change
bars, the outline marks and the findings list (new / open / resolved, resolved struck through)
show it until another review replaces it. Decisions made on the earlier draft are applied to the
open findings of this one (and saved beside it), marked as carried.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog

from .change_bars import ChangeBars, bars_of
from .i18n import tr
from .workers import JobControl, Worker, WorkerPool

if TYPE_CHECKING:  # pragma: no cover
    from .session import Reviewed


class ComparedWindow(Protocol):
    """What the controller acts on: the window's view, session, panes and status line (a MainWindow)."""

    view: Any
    session: Any
    findings: Any
    outline: Any
    progress_label: Any

    def show_error(self, message: str) -> None: ...

    def _status_of(self, finding: Any) -> str: ...

    def _clause_label(self, finding: Any) -> str: ...

OPEN_FILTER = ("合同文件 (*.pdf *.docx *.txt *.md);;所有文件 (*)", "Contracts (*.pdf *.docx *.txt *.md);;All files (*)")
DELTA_NAMES = {"new": ("新增风险", "New"), "resolved": ("已解决", "Resolved"), "open": ("仍存在", "Still open")}


def compare_with(old_path: Path, current: "Reviewed", template: bool = False,
                 control: JobControl | None = None, password: str | None = None):
    """Load and review ``old_path`` as ``current`` was reviewed, then compare (a worker's job)."""
    import reviewer
    from reviewer.compare import compare
    from reviewer.model.decisions import DecisionStore

    step = control.progress if control is not None else (lambda *_: None)
    step(10, tr("正在读取上一稿…", "Reading the earlier draft…"))
    document = reviewer.load(old_path, password=password)
    step(40, tr("正在审阅上一稿…", "Reviewing the earlier draft…"))
    old = reviewer.review(document, rules=current.ruleset, perspective=current.perspective)
    step(80, tr("正在比较…", "Comparing…"))
    store = None if template else DecisionStore.for_contract(old_path)
    return compare(old, current.result, old_decisions=store, new_decisions=current.decisions, template=template)


class CompareController(QObject):
    """Owns the comparison shown in ``window``; ``compared(comparison)`` once it is on screen."""

    compared = Signal(object)

    def __init__(self, window: ComparedWindow, job=compare_with) -> None:
        super().__init__(window)
        self.window = window
        self.job = job
        self.comparison: Any = None
        self.findings: list = []
        self._shown: dict[int, Any] = {}  # id(finding) -> ShownDecision, for the list's status
        self._workers = WorkerPool(self)
        self._worker: Worker | None = None
        self.bars = ChangeBars(window.view)
        window.session.reviewed.connect(self.clear)

    @property
    def active(self) -> bool:
        return self.comparison is not None

    # -- asking -----------------------------------------------------------------------------

    def ask(self, template: bool = False) -> None:
        current = self.window.session.current
        if current is None:
            self.window.show_error(tr("请先打开新稿，再选择要比较的上一稿。", "Open the new draft first, then pick the earlier one."))
            return
        title = tr("选择我方模板", "Choose our template") if template else tr("选择上一稿", "Choose the earlier draft")
        path, _ = QFileDialog.getOpenFileName(self.window, title, str(current.path.parent), tr(*OPEN_FILTER))
        if path:
            self.start(path, template)

    def start(self, old_path: str | Path, template: bool = False) -> None:
        current = self.window.session.current
        if current is None:
            return
        if self._worker is not None:
            self._worker.cancel()
        self._worker = worker = Worker(self.job, Path(old_path), current, template)
        worker.signals.result.connect(lambda value, w=worker: self._on_result(w, value))
        worker.signals.error.connect(lambda exc, w=worker: self._on_error(w, exc))
        self.window.progress_label.setText(tr("正在比较 {name}…", "Comparing with {name}…", name=Path(old_path).name))
        self._workers.start(worker)

    def wait(self, msecs: int = -1) -> bool:
        return self._workers.wait(msecs)

    def _on_error(self, worker: Worker, exc: BaseException) -> None:
        from .session import error_message

        if worker is self._worker:
            self._worker = None
            self.window.show_error(error_message(exc))

    def _on_result(self, worker: Worker, comparison) -> None:
        if worker is not self._worker:
            return
        self._worker = None
        current = self.window.session.current
        if current is None or comparison.new is not current.result:
            return  # another contract or review took over meanwhile
        self.show(comparison)

    # -- showing ----------------------------------------------------------------------------

    def show(self, comparison) -> None:
        """Mark the window with ``comparison`` (whose new draft is the open review)."""
        from reviewer.compare.delta import place_in_new

        window = self.window
        self.comparison = comparison
        carried = self._apply_carried(comparison)
        new_doc = comparison.new_document
        self.findings, delta, self._shown = [], {}, {}
        for change, shown in zip(comparison.findings, comparison.decisions):
            finding = change.new
            if finding is None:  # resolved: listed where its clause is (or stood) in this draft
                old = change.old
                at = place_in_new(comparison.clauses, old)
                finding = replace(old, start=at, end=at, page=new_doc.page_at(at))
            self.findings.append(finding)
            delta[id(finding)] = change.status
            self._shown[id(finding)] = (change.status, shown)
        names = {key: tr(*DELTA_NAMES[key]) for key in ("new", "resolved", "open")}
        window.findings.set_findings(self.findings, window._status_of, window._clause_label)
        window.findings.show_delta(delta, names, {i for i, (_, s) in self._shown.items() if s.origin == "carried"})
        marks = {change.new.start: change.status for change in comparison.clauses
                 if change.new is not None and change.status in ("added", "changed", "moved")}
        window.outline.mark_changes(marks)
        self.bars.set_bars(bars_of(comparison))
        counts = comparison.finding_counts()
        message = tr("与{what}比较：新增风险 {new}，已解决 {resolved}，仍存在 {open}",
                     "Compared with {what}: {new} new, {resolved} resolved, {open} still open",
                     what=comparison.old_document.name, **counts)
        if carried:
            message += tr("；已沿用上一稿的 {n} 条处理结果", "; {n} decisions carried from the earlier draft", n=carried)
        window.progress_label.setText(message)
        self.compared.emit(comparison)

    def _apply_carried(self, comparison) -> int:
        """Save the earlier draft's decisions on open findings beside this draft; how many."""
        from reviewer.compare.carry import save_carried

        current = self.window.session.current
        try:
            return save_carried(comparison.findings, comparison.decisions, current.decisions)
        except OSError as exc:
            from .session import error_message

            self.window.show_error(error_message(exc))
            return 0

    def in_text(self, findings: list) -> list:
        """The findings to show beside and in the text: a resolved one is no longer there (only listed)."""
        if self.comparison is None:
            return findings
        return [f for f in findings if self._shown.get(id(f), ("",))[0] != "resolved"]

    def status_of(self, finding) -> str:
        """The status shown: a resolved finding's earlier decision; otherwise this draft's decisions file."""
        status, shown = self._shown.get(id(finding), (None, None))
        if status == "resolved" and shown is not None:
            return shown.status
        current = self.window.session.current
        return current.decisions.get(finding).status if current is not None else "open"

    def clear(self, *_: object) -> None:
        if self.comparison is None:
            return
        self.comparison = None
        self.findings, self._shown = [], {}
        self.bars.set_bars([])
        self.window.outline.mark_changes({})
        self.window.findings.show_delta(None)

