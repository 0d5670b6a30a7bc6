"""One finding in full: what, where, why, basis, wording to paste, its rule, and counsel's decision."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (QButtonGroup, QFrame, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton,
                               QRadioButton, QScrollArea, QVBoxLayout, QWidget)

from . import theme
from .i18n import STATUS_ORDER, category_name, severity_name, status_name, tr

MAX_QUOTE = 400  # characters of matched text shown; long spans (page chrome) are cut


def _label(text: str = "", object_name: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if object_name:
        label.setObjectName(object_name)
    return label


class FindingDetail(QScrollArea):
    """Shows the selected finding; emits ``decisionChanged(finding, status, note)`` as counsel decide.

    ``rule_source(rule_id) -> (Path, line) | None`` finds the rule's YAML file;
    ``open_url`` is what opens it (replaceable, so tests do not launch an editor).
    """

    decisionChanged = Signal(object, str, str)

    def __init__(self, rule_source: Callable[[str], tuple[Path, int] | None] = lambda rid: None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rule_source = rule_source
        self.open_url: Callable[[QUrl], object] = QDesktopServices.openUrl
        self.finding = None
        self._loading = False
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)

        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.setSpacing(6)

        top = QHBoxLayout()
        self.badge = QLabel()
        self.badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.badge.setMinimumWidth(40)
        top.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignTop)
        self.title = _label()
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.title.setFont(font)
        top.addWidget(self.title, 1)
        layout.addLayout(top)
        self.meta = _label(object_name="muted")
        layout.addWidget(self.meta)

        self.sections: dict[str, tuple[QLabel, QLabel]] = {}
        for key, zh, en in (("quote", "原文", "Text"), ("message", "问题", "Problem"),
                            ("why", "为什么重要", "Why it matters"), ("basis", "依据", "Basis"),
                            ("suggestion", "建议措辞", "Suggested wording")):
            head = _label(tr(zh, en), "sectionLabel")
            value = _label()
            self.sections[key] = (head, value)
            if key == "suggestion":
                row = QHBoxLayout()
                row.addWidget(head, 1)
                self.copy_button = QPushButton(tr("复制", "Copy"))
                self.copy_button.setToolTip(tr("复制建议措辞到剪贴板", "Copy the suggested wording"))
                self.copy_button.clicked.connect(self.copy_suggestion)
                row.addWidget(self.copy_button)
                layout.addLayout(row)
            else:
                layout.addWidget(head)
            if key == "quote":
                value.setStyleSheet(f"background: #F7F7F4; border-left: 3px solid {theme.BORDER}; padding: 6px;")
            layout.addWidget(value)

        rule_row = QHBoxLayout()
        self.rule_label = _label(object_name="muted")
        rule_row.addWidget(self.rule_label, 1)
        self.open_rule_button = QPushButton(tr("打开规则文件", "Open rule file"))
        self.open_rule_button.clicked.connect(self.open_rule_file)
        rule_row.addWidget(self.open_rule_button)
        layout.addLayout(rule_row)

        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setStyleSheet(f"color: {theme.BORDER};")
        layout.addWidget(line)
        layout.addWidget(_label(tr("处理", "Decision"), "sectionLabel"))
        self.status_group = QButtonGroup(self)
        self.status_buttons: dict[str, QRadioButton] = {}
        statuses = QHBoxLayout()
        for i, status in enumerate(STATUS_ORDER):
            button = QRadioButton(status_name(status))
            self.status_group.addButton(button, i)
            self.status_buttons[status] = button
            statuses.addWidget(button)
        statuses.addStretch(1)
        self.status_group.idClicked.connect(self._on_status_clicked)
        layout.addLayout(statuses)
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(tr("备注（例如：已与对方沟通，同意修改）", "Note (e.g. agreed with the vendor)"))
        self.note.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 16)
        self.note.textChanged.connect(self._on_note_edited)
        layout.addWidget(self.note)
        self.saved_label = _label(object_name="muted")
        layout.addWidget(self.saved_label)
        layout.addStretch(1)
        self.setWidget(body)

        self._note_timer = QTimer(self)
        self._note_timer.setSingleShot(True)
        self._note_timer.setInterval(600)
        self._note_timer.timeout.connect(self.flush_note)
        self.placeholder = _label(tr("在列表或正文中选择一条问题，查看详情。",
                                     "Select a finding in the list or the text to see it here."), "muted")
        layout.insertWidget(0, self.placeholder)
        self.show_finding(None)

    # -- content -----------------------------------------------------------------------------

    def show_finding(self, finding, status: str = "open", note: str = "", clause_name: str = "") -> None:
        self.flush_note()
        self.finding = finding
        self._loading = True
        try:
            empty = finding is None
            self.placeholder.setVisible(empty)
            for widget in self.widget().findChildren(QWidget):
                if widget is not self.placeholder and widget.parent() is self.widget():
                    widget.setVisible(not empty)
            for button in (self.copy_button, self.open_rule_button, *self.status_buttons.values()):
                button.setVisible(not empty)
            if empty:
                return
            severity = finding.severity.value
            colour = theme.accent(severity).name()
            self.badge.setText(severity_name(severity))
            self.badge.setStyleSheet(f"background: {colour}; color: white; border-radius: 3px; padding: 2px 6px;")
            self.title.setText(finding.title)
            where = clause_name or finding.clause or tr("全文", "Whole document")
            self.meta.setText(tr("条款 {c}  ·  第 {p} 页  ·  {cat}", "Clause {c}  ·  page {p}  ·  {cat}",
                                 c=where, p=finding.page, cat=category_name(finding.category)))
            quote = finding.text if len(finding.text) <= MAX_QUOTE else finding.text[:MAX_QUOTE] + "…"
            self._set_section("quote", quote)
            self._set_section("message", finding.message)
            self._set_section("why", finding.why)
            self._set_section("basis", finding.basis)
            self._set_section("suggestion", finding.suggestion)
            self.copy_button.setVisible(bool(finding.suggestion))
            source = self.rule_source(finding.rule)
            self.rule_label.setText(tr("规则 {rule}", "Rule {rule}", rule=finding.rule)
                                    + (f"  ({source[0].name}:{source[1]})" if source else ""))
            self.open_rule_button.setEnabled(source is not None)
            self.set_decision(status, note)
        finally:
            self._loading = False

    def _set_section(self, key: str, text: str) -> None:
        head, value = self.sections[key]
        value.setText(text)
        head.setVisible(bool(text))
        value.setVisible(bool(text))

    def set_decision(self, status: str, note: str, updated: str = "") -> None:
        """Show a decision without emitting ``decisionChanged``."""
        was, self._loading = self._loading, True
        try:
            button = self.status_buttons.get(status) or self.status_buttons["open"]
            button.setChecked(True)
            if self.note.toPlainText() != note:
                self.note.setPlainText(note)
            self.saved_label.setText("")
        finally:
            self._loading = was

    def status(self) -> str:
        return STATUS_ORDER[max(0, self.status_group.checkedId())]

    # -- actions --------------------------------------------------------------------------------

    def choose_status(self, status: str) -> None:
        """What a click on a status button does (tests call it too)."""
        self.status_buttons[status].setChecked(True)
        self._on_status_clicked(STATUS_ORDER.index(status))

    def _on_status_clicked(self, button_id: int) -> None:
        if self._loading or self.finding is None:
            return
        self._note_timer.stop()
        self.decisionChanged.emit(self.finding, STATUS_ORDER[button_id], self.note.toPlainText())

    def _on_note_edited(self) -> None:
        if not self._loading and self.finding is not None:
            self._note_timer.start()

    def flush_note(self) -> None:
        """Save a note still being typed (called before the shown finding changes)."""
        if self._note_timer.isActive() and self.finding is not None:
            self._note_timer.stop()
            self.decisionChanged.emit(self.finding, self.status(), self.note.toPlainText())

    def show_saved(self, message: str) -> None:
        self.saved_label.setText(message)

    def copy_suggestion(self) -> None:
        if self.finding is None or not self.finding.suggestion:
            return
        QGuiApplication.clipboard().setText(self.finding.suggestion)
        self.copy_button.setText(tr("已复制", "Copied"))
        QTimer.singleShot(1500, self, lambda: self.copy_button.setText(tr("复制", "Copy")))

    def open_rule_file(self) -> None:
        if self.finding is None:
            return
        source = self.rule_source(self.finding.rule)
        if source is not None:
            self.open_url(QUrl.fromLocalFile(str(source[0])))

