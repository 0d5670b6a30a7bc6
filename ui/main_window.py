"""The review window: composes the text, the card rail, outline, findings, detail and rules panes."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (QDockWidget, QFileDialog, QHBoxLayout, QLabel, QMainWindow, QMessageBox,
                               QProgressBar, QStackedWidget, QWidget)

from . import theme
from .document_view import DocumentView, finding_at
from .compare_dialog import CompareController
from .export import Exporter
from .finding_detail import FindingDetail
from .finding_rail import FindingRail
from .findings_panel import FindingsPanel
from .i18n import perspective_name, status_name, tr
from .menus import MenuSlots, WindowMenus
from .outline import OutlineView
from .rules_manager import RulesManager
from .rules_panel import RulesPanel
from .session import ReviewSession
from .settings import Settings

OPEN_FILTER = ("合同文件 (*.pdf *.docx *.txt *.md);;所有文件 (*)", "Contracts (*.pdf *.docx *.txt *.md);;All files (*)")


class MainWindow(QMainWindow):
    """Wires the panes together with signals; owns no review logic of its own.

    ``reviewShown`` fires once a review is on screen with its cards laid out (the screenshot
    mode and the tests wait for it); ``languageChangeRequested(code)`` asks the app to rebuild.
    """

    reviewShown = Signal()
    languageChangeRequested = Signal(str)

    def __init__(self, settings: Settings | None = None, session: ReviewSession | None = None,
                 rules: RulesManager | None = None) -> None:
        super().__init__()
        self.settings = settings or Settings()
        self.session = session or ReviewSession(self)
        self.rules = rules or RulesManager(parent=self)
        # Owned by the window, so Qt deletes them on the UI thread. A parentless QObject can be
        # freed by Python's cycle collector on whatever thread runs it: a worker's, fatally.
        for helper in (self.session, self.rules):
            if helper.parent() is None:
                helper.setParent(self)
        self.perspective = self.settings.perspective
        self.selected = None
        self.error_box: QMessageBox | None = None
        self._generation = 0  # counts reviews put on screen; stale display steps check it
        self._announce: int | None = None
        self.setWindowTitle(tr("合同审阅", "Contract Review"))
        self.setAcceptDrops(True)
        self.setDockOptions(QMainWindow.DockOption.AnimatedDocks | QMainWindow.DockOption.AllowTabbedDocks)
        self.setStyleSheet(theme.STYLE_SHEET)
        self._build_panes()
        self.compare = CompareController(self)  # compare with an earlier draft / our template
        self.menus = WindowMenus(self, MenuSlots(
            open=self.ask_open, open_path=self.open_path, recent_files=lambda: self.settings.recent_files,
            next=self.select_next, previous=self.select_previous, rereview=self.rereview, quit=self.close,
            fill_export=self.exporter.fill_menu, change_language=self.languageChangeRequested.emit,
            compare=self.compare.ask,
            docks=(self.outline_dock, self.findings_dock, self.detail_dock, self.rules_dock)))
        self.recent_menu, self.export_menu = self.menus.recent_menu, self.menus.export_menu
        self.perspective_box = self.menus.perspective_box
        self._fill_perspectives(None)
        self._build_status_bar()
        self._connect()
        self._restore_layout()

    # -- construction ----------------------------------------------------------------------------

    def _build_panes(self) -> None:
        self.view = DocumentView()
        self.rail = FindingRail(self.view)
        self.rail.setFixedWidth(310)
        reading = QWidget()
        row = QHBoxLayout(reading)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.view, 1)
        row.addWidget(self.rail)
        self.empty = QLabel(tr("打开或拖入一份合同（PDF、Word、TXT）开始审阅\n\nCtrl+O 打开文件",
                               "Open or drop a contract (PDF, Word, TXT) to start\n\nCtrl+O to open a file"))
        self.empty.setObjectName("emptyState")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(reading)
        self.setCentralWidget(self.stack)

        self.outline = OutlineView()
        self.findings = FindingsPanel()
        self.detail = FindingDetail(rule_source=self._rule_source)
        self.rules_panel = RulesPanel()
        self.outline_dock = self._dock("outline", tr("目录", "Outline"), self.outline,
                                       Qt.DockWidgetArea.LeftDockWidgetArea)
        self.findings_dock = self._dock("findings", tr("问题列表", "Findings"), self.findings,
                                        Qt.DockWidgetArea.RightDockWidgetArea)
        # Docks added to one area stack top to bottom: the list above the detail.
        self.detail_dock = self._dock("detail", tr("问题详情", "Finding detail"), self.detail,
                                      Qt.DockWidgetArea.RightDockWidgetArea)
        self.rules_dock = self._dock("rules", tr("规则", "Rules"), self.rules_panel,
                                     Qt.DockWidgetArea.RightDockWidgetArea)
        self.tabifyDockWidget(self.findings_dock, self.rules_dock)
        self.findings_dock.raise_()
        self.exporter = Exporter(self.session, self)

    def _dock(self, name: str, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"{name}Dock")  # saveState() keys the layout by object name
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetClosable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        self.addDockWidget(area, dock)
        return dock

    def _build_status_bar(self) -> None:
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setFixedWidth(180)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.progress_label = QLabel()
        self.counts_label = QLabel()
        self.statusBar().addWidget(self.progress_label, 1)
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.counts_label)

    def _connect(self) -> None:
        s = self.session
        s.busy.connect(self._on_busy)
        s.progress.connect(self._on_progress)
        s.reviewed.connect(self.show_review)
        s.failed.connect(self.show_error)
        s.passwordNeeded.connect(self._on_password_needed)
        self.findings.findingSelected.connect(self.select_finding)
        self.findings.filtersChanged.connect(self._on_filters)
        self.rail.findingActivated.connect(self.select_finding)
        self.rail.laidOut.connect(self._on_rail_laid_out)
        self.view.offsetClicked.connect(self._on_text_clicked)
        self.outline.offsetActivated.connect(self._on_outline)
        self.detail.decisionChanged.connect(self.decide)
        self.perspective_box.activated.connect(self._on_perspective)
        self.rules.stateChanged.connect(self.rules_panel.show_state)
        self.rules.stateChanged.connect(self._on_rules_state)
        self.rules.rulesChanged.connect(self._on_rules_changed)
        self.rules.failed.connect(self.show_error)
        self.rules_panel.overrideRequested.connect(self._on_override)
        self.rules_panel.reloadRequested.connect(self.rules.reload)
        self.exporter.exported.connect(
            lambda path: self.statusBar().showMessage(tr("报告已导出：{p}", "Report written: {p}", p=path), 8000))
        self.exporter.failed.connect(self.show_error)

    # -- opening --------------------------------------------------------------------------------

    def ask_open(self) -> None:
        start = str(self.session.current.path.parent) if self.session.current else ""
        path, _ = QFileDialog.getOpenFileName(self, tr("打开合同", "Open a contract"), start, tr(*OPEN_FILTER))
        if path:
            self.open_path(path)

    def open_path(self, path: str | Path) -> None:
        """Load and review ``path`` in a worker; the open contract stays until the new one is ready."""
        self.detail.flush_note()
        self.progress_label.setText(tr("正在打开 {name}…", "Opening {name}…", name=Path(path).name))
        ruleset = self.rules.ruleset or self.rules.store.current
        self.session.open(path, self.perspective, ruleset)

    def ask_password(self, path: Path, wrong: bool) -> str | None:
        """The PDF's open password from counsel, or None if they cancel."""
        from PySide6.QtWidgets import QInputDialog, QLineEdit

        prompt = (tr("密码不正确，请重新输入“{name}”的打开密码：", "Wrong password. Enter the password of “{name}” again:",
                     name=path.name) if wrong else
                  tr("“{name}”已加密，请输入打开密码：", "“{name}” is encrypted. Enter its password:", name=path.name))
        text, ok = QInputDialog.getText(self, tr("需要密码", "Password needed"), prompt, QLineEdit.EchoMode.Password)
        return text if ok else None

    def _on_password_needed(self, path: str, perspective: str, wrong: bool) -> None:
        password = self.ask_password(Path(path), wrong)
        if password is None:
            self.progress_label.setText(tr("已取消打开 {name}", "Opening {name} cancelled", name=Path(path).name))
            return
        ruleset = self.rules.ruleset or self.rules.store.current
        self.session.open(path, perspective, ruleset, password=password)

    def dragEnterEvent(self, event) -> None:
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        files = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if files:
            event.acceptProposedAction()
            self.open_path(files[0])

    # -- showing a review ------------------------------------------------------------------------

    def show_review(self, reviewed) -> None:
        """Put a finished review on screen; ``reviewShown`` once its cards are laid out.

        The work is split into steps, one per turn of the event loop, so that a long contract
        with thousands of findings never freezes the window for the whole of it.
        """
        self._generation += 1
        generation = self._generation
        document = reviewed.document
        new_text = self.view.text != document.text
        previous = None if new_text else self.selected
        self.selected = None
        self.settings.add_recent(reviewed.path)
        self.setWindowTitle(f"{document.name} — {tr('合同审阅', 'Contract Review')}")
        self._fill_perspectives(document)
        self.detail.show_finding(None)
        self.stack.setCurrentIndex(1)
        counts = reviewed.result.counts()
        self.counts_label.setText("  ".join(f"{tr(*_SEV[k])} {counts.get(k, 0)}"
                                            for k in ("high", "medium", "low", "info")))
        self.progress_label.setText(tr("{name}：{n} 条问题", "{name}: {n} findings",
                                       name=document.name, n=len(reviewed.findings)))
        notices = [reviewed.decisions.warning] if reviewed.decisions.warning else []
        notices += list(document.notes)
        unread = [str(p.page) for p in document.page_problems]
        if unread:
            notices.append(tr("第 {pages} 页没有可读取的文字（可能是扫描页），这些页没有审查，请对照原件人工核对。",
                              "Page(s) {pages} have no readable text (scanned pages?) and were not reviewed; "
                              "check them against the original.", pages="、".join(unread)))
        if notices:
            self.show_error("\n\n".join(notices))

        def text() -> None:
            self.rail.reset_document()
            self.view.show_text(document.text, _headings(document))

        def reselect() -> None:
            # A re-review (rules, perspective) keeps counsel's place: the same finding stays selected.
            same = [f for f in reviewed.findings if previous is not None and f.fingerprint == previous.fingerprint]
            if same:
                self.select_finding(min(same, key=lambda f: abs(f.start - previous.start)), scroll=False)

        def announce() -> None:
            self._announce = generation
            self.rail.schedule_layout()

        steps = [text] if new_text else []
        steps += [lambda: self.findings.set_findings(reviewed.findings, self._status_of, self._clause_label),
                  lambda: self.outline.show_outline(document.clauses, reviewed.findings),
                  self.rules.adopt_current, reselect, announce]
        self._run_steps(generation, steps)

    def _run_steps(self, generation: int, steps: list) -> None:
        if generation != self._generation or not steps:
            return  # a newer review took over
        steps[0]()
        if len(steps) > 1:
            QTimer.singleShot(0, self, lambda: self._run_steps(generation, steps[1:]))

    def _on_rail_laid_out(self) -> None:
        if self._announce == self._generation:
            self._announce = None
            self.reviewShown.emit()

    def _on_filters(self) -> None:
        visible = self.compare.in_text(self.findings.visible_findings())
        self.view.highlights.apply(visible, muted=lambda f: self._status_of(f) in ("fixed", "false-alarm"))
        self.rail.set_findings(visible, self._status_of, self._clause_label)

    def _fill_perspectives(self, document) -> None:
        labels = {"customer": "甲方", "vendor": "乙方"}
        if document is not None:
            for party in document.parties.parties:
                if party.role in labels and party.label:
                    labels[party.role] = party.label
        self.perspective_box.blockSignals(True)
        self.perspective_box.clear()
        for key in ("customer", "vendor"):
            self.perspective_box.addItem(perspective_name(key, labels[key]), key)
        self.perspective_box.setCurrentIndex(0 if self.perspective == "customer" else 1)
        self.perspective_box.blockSignals(False)

    # -- selecting findings -----------------------------------------------------------------------

    def select_finding(self, finding, scroll: bool = True) -> None:
        """Select ``finding`` everywhere: its characters in the text, its card, row, detail, clause."""
        if finding is None:
            return
        self.selected = finding
        self.view.select_span(finding.start, finding.end, scroll=scroll)
        self.rail.set_selected(finding)
        self.findings.select(finding)
        decision = self.session.current.decisions.get(finding) if self.session.current else None
        self.detail.show_finding(finding, decision.status if decision else "open",
                                 decision.note if decision else "", self._clause_name(finding))
        self.outline.select_offset(finding.start)

    def select_clause(self, number: str) -> bool:
        """Select the first finding of clause ``number`` ("10.2"); False when it has none."""
        finding = next((f for f in self.findings.visible_findings() if f.clause == number), None)
        self.select_finding(finding)
        return finding is not None

    def select_next(self) -> None:
        self.select_finding(self.findings.neighbour(self.selected, +1))

    def select_previous(self) -> None:
        self.select_finding(self.findings.neighbour(self.selected, -1))

    def _on_text_clicked(self, offset: int) -> None:
        finding = finding_at(self.findings.visible_findings(), offset)
        if finding is not None:
            self.select_finding(finding)

    def _on_outline(self, offset: int) -> None:
        self.view.scroll_to(offset)

    # -- deciding -------------------------------------------------------------------------------

    def decide(self, finding, status: str, note: str) -> None:
        """Save counsel's decision at once; the list, cards and highlights show it."""
        try:
            decision = self.session.set_decision(finding, status, note)
        except OSError as exc:
            from .session import error_message

            self.show_error(error_message(exc))
            return
        self.findings.status_changed(finding)
        visible = self.compare.in_text(self.findings.visible_findings())
        self.rail.set_findings(visible, self._status_of, self._clause_label)
        self.view.highlights.apply(visible,
                                   muted=lambda f: self._status_of(f) in ("fixed", "false-alarm"))
        stamp = datetime.now().strftime("%H:%M:%S")
        self.detail.show_saved(tr("已保存（{s}，{t}）", "Saved ({s}, {t})", s=status_name(decision.status), t=stamp))

    def _status_of(self, finding) -> str:
        if self.compare.active:
            return self.compare.status_of(finding)
        current = self.session.current
        return current.decisions.get(finding).status if current is not None else "open"

    def _clause_label(self, finding) -> str:
        return finding.clause or ""

    def _clause_name(self, finding) -> str:
        current = self.session.current
        if current is None or not finding.clause:
            return ""
        node = current.document.clauses.get(finding.clause)
        return node.display if node is not None else finding.clause

    def _rule_source(self, rule_id: str):
        current = self.session.current
        ruleset = current.ruleset if current is not None else self.rules.ruleset
        rule = ruleset.get(rule_id) if ruleset is not None else None
        return (Path(rule.source), rule.line) if rule is not None else None

    # -- perspective and rules --------------------------------------------------------------------

    def _on_perspective(self, index: int) -> None:
        perspective = self.perspective_box.itemData(index)
        if perspective and perspective != self.perspective:
            self.perspective = perspective
            self.settings.perspective = perspective
            self.rereview()

    def rereview(self) -> None:
        self.session.rereview(perspective=self.perspective, ruleset=self.rules.ruleset)

    def _on_rules_changed(self, state) -> None:
        current = self.session.current
        if current is not None and state.ruleset is not current.ruleset:
            self.session.rereview(perspective=self.perspective, ruleset=state.ruleset)

    def _on_rules_state(self, state) -> None:
        if state.errors:
            self.statusBar().showMessage(tr("有 {n} 个规则文件有错误，详见“规则”面板。",
                                            "{n} rule file(s) have mistakes; see the Rules panel.",
                                            n=len(state.errors)), 15000)

    def _on_override(self, rule_id: str, enabled, severity: str) -> None:
        self.rules.set_override(rule_id, enabled=enabled, severity=severity or None)

    # -- feedback ----------------------------------------------------------------------------------

    def _on_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.progress.setValue(0)
        self.menus.rereview_action.setEnabled(not busy)
        if not busy and self.session.current is None:
            self.progress_label.setText("")

    def _on_progress(self, percent: int, message: str) -> None:
        self.progress.setValue(percent)
        if message:
            self.progress_label.setText(message)

    def show_error(self, message: str) -> None:
        """Show the engine's message in a dialog that does not block (tests read ``error_box``)."""
        if self.session.current is not None:
            self.progress_label.setText(tr("{name}：{n} 条问题", "{name}: {n} findings",
                                           name=self.session.current.document.name,
                                           n=len(self.session.current.findings)))
        else:
            self.progress_label.setText("")
        box = QMessageBox(QMessageBox.Icon.Warning, tr("合同审阅", "Contract Review"), message,
                          QMessageBox.StandardButton.Ok, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.error_box = box
        box.open()

    # -- layout memory -------------------------------------------------------------------------------

    def _restore_layout(self) -> None:
        if self.settings.geometry is not None:
            self.restoreGeometry(self.settings.geometry)
        else:
            self.resize(1600, 1000)
        self._default_layout = self.settings.window_state is None
        if not self._default_layout:
            self.restoreState(self.settings.window_state)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._default_layout:
            # Dock sizes only take once the window has its size: set the default split on first show.
            self._default_layout = False
            height = self.height()
            self.resizeDocks([self.outline_dock, self.findings_dock], [230, 440], Qt.Orientation.Horizontal)
            self.resizeDocks([self.findings_dock, self.detail_dock], [int(height * 0.5), int(height * 0.4)],
                             Qt.Orientation.Vertical)

    def closeEvent(self, event) -> None:
        self.detail.flush_note()
        self.settings.geometry = self.saveGeometry()
        self.settings.window_state = self.saveState()
        self.settings.sync()
        self.session.cancel()
        # Workers still running (a rules reload, an export) would report to widgets that are
        # about to go; let them end first.
        self.rules.shutdown()
        self.exporter.wait(10000)
        self.compare.wait(10000)
        super().closeEvent(event)


_SEV = {"high": ("高", "High"), "medium": ("中", "Medium"), "low": ("低", "Low"), "info": ("提示", "Info")}


def _headings(document) -> list[tuple[int, int, int]]:
    """Heading spans to set in bold: chapter headings whole, clause numbers with their titles."""
    out = []
    for node in document.clauses:
        if node.kind == "chapter":
            out.append((node.start, max(node.heading_end, node.start), 0))
        elif node.kind in ("clause", "title") and node.heading_end > node.start:
            out.append((node.start, node.heading_end, 1 if node.kind == "clause" else 0))
    return [(s, e, level) for s, e, level in out if e > s]
