"""Export the review as a report, in a worker, in every format the report module offers."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMenu, QWidget

from .i18n import tr
from .workers import Worker, WorkerPool

# What each format is called in the menu and the file dialog; unknown formats show their id.
_NAMES = {
    "md": ("Markdown 报告", "Markdown report"),
    "markdown": ("Markdown 报告", "Markdown report"),
    "html": ("HTML 报告", "HTML report"),
    "json": ("JSON 数据", "JSON data"),
    "xlsx": ("Excel 问题清单", "Excel issue list"),
    "csv": ("CSV 问题清单", "CSV issue list"),
    "docx": ("Word 审阅报告", "Word review report"),
    "annotated": ("带批注的合同副本 (Word)", "Contract copy with comments (Word)"),
    "pdf": ("PDF 报告", "PDF report"),
    "sarif": ("SARIF", "SARIF"),
}
_SUFFIX = {"markdown": "md", "annotated": "annotated.docx"}


def report_formats() -> list[tuple[str, str]]:
    """(format id, file-name ending such as ".annotated.docx") for every format the reports write."""
    from reviewer import reports

    suffixes = getattr(reports, "SUFFIXES", {})
    return [(fmt, suffixes.get(fmt) or "." + _SUFFIX.get(fmt, fmt)) for fmt in reports.FORMATS]


def format_name(fmt: str) -> str:
    zh, en = _NAMES.get(fmt, (fmt, fmt))
    return tr(zh, en)


def write_report(result, fmt: str, path: Path, decisions=None, for_vendor: bool = False) -> Path:
    """``for_vendor``: the copy that goes out, without decisions, internal notes or false alarms."""
    from reviewer.reports import write_report as _write

    written = _write(result, fmt, Path(path), decisions=decisions, include_false_alarms=not for_vendor,
                     include_notes=not for_vendor)
    return Path(written) if written else Path(path)


class Exporter(QObject):
    """Fills an export menu and writes the chosen report off the UI thread."""

    exported = Signal(str)  # path written
    failed = Signal(str)

    def __init__(self, session, parent: QWidget) -> None:
        super().__init__(parent)
        self.session = session
        self._workers = WorkerPool(self)

    def fill_menu(self, menu: QMenu) -> None:
        menu.clear()
        try:
            formats = report_formats()
        except ImportError:
            action = menu.addAction(tr("（报告模块不可用）", "(reports are not available)"))
            action.setEnabled(False)
            return
        for fmt, suffix in formats:
            action = menu.addAction(f"{format_name(fmt)} ({suffix})…")
            action.triggered.connect(lambda _=False, f=fmt, s=suffix: self.ask_and_export(f, s))
            action.setEnabled(self.session.current is not None)
        suffixes = dict(formats)
        if "annotated" in suffixes:
            menu.addSeparator()
            action = menu.addAction(tr("发给对方的批注副本（不含处理结果、备注和误报）…",
                                       "Commented copy for the vendor (no decisions, notes or false alarms)…"))
            action.triggered.connect(
                lambda _=False, s=suffixes["annotated"]: self.ask_and_export("annotated", s, for_vendor=True))
            action.setEnabled(self.session.current is not None)

    def ask_and_export(self, fmt: str, suffix: str, for_vendor: bool = False) -> None:
        current = self.session.current
        if current is None:
            return
        suggested = current.path.with_name(current.path.stem + suffix)
        path, _ = QFileDialog.getSaveFileName(self.parent(), tr("导出报告", "Export report"), str(suggested),
                                              f"{format_name(fmt)} (*{suffix})")
        if path:
            self.export(fmt, Path(path), for_vendor=for_vendor)

    def export(self, fmt: str, path: Path, for_vendor: bool = False) -> Worker | None:
        current = self.session.current
        if current is None:
            return None
        worker = Worker(write_report, current.result, fmt, path, dict(current.decisions.decisions),
                        for_vendor=for_vendor)
        worker.signals.result.connect(self._on_written)
        worker.signals.error.connect(self._on_error)
        return self._workers.start(worker)

    def wait(self, msecs: int = -1) -> bool:
        return self._workers.wait(msecs)

    def _on_written(self, path: Path) -> None:
        self.exported.emit(str(path))

    def _on_error(self, exc: BaseException) -> None:
        from .session import error_message

        self.failed.emit(error_message(exc))
