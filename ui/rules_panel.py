"""Rule files and their rules: switch a rule on or off, change its severity, see broken files."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QBrush, QDesktopServices, QFont
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QPushButton,
                               QStyledItemDelegate, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

from . import theme
from .findings_model import severity_icon
from .i18n import category_name, severity_name, tr

RULE_ROLE = Qt.ItemDataRole.UserRole
SOURCE_ROLE = Qt.ItemDataRole.UserRole + 1
SEVERITY_ROLE = Qt.ItemDataRole.UserRole + 2
SEVERITIES = ("high", "medium", "low", "info")


class SeverityDelegate(QStyledItemDelegate):
    """A rule's severity, drawn as text and picked from a list only while it is being changed.

    One combo box per rule (117 of them) cost ~170 ms of the UI thread each time the list was
    filled, a stall counsel saw when the first review arrived; the editor exists only for the row
    being changed, and a pick applies at once.
    """

    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QWidget | None:
        if index.column() != 1 or not index.parent().isValid():
            return None
        combo = QComboBox(parent)
        for severity in SEVERITIES:
            combo.addItem(severity_icon(severity), severity_name(severity), severity)
        # A pick (mouse or keyboard) applies; opening the list and moving through it does not.
        combo.activated.connect(lambda _i, c=combo: self._picked(c))
        return combo

    def setEditorData(self, editor: QComboBox, index: QModelIndex) -> None:
        editor.setCurrentIndex(max(0, editor.findData(index.data(SEVERITY_ROLE))))

    def setModelData(self, editor: QComboBox, model, index: QModelIndex) -> None:
        severity = editor.currentData()
        if severity != index.data(SEVERITY_ROLE):
            model.setData(index, severity, SEVERITY_ROLE)

    def updateEditorGeometry(self, editor: QWidget, option, index: QModelIndex) -> None:
        rect = option.rect
        rect.setWidth(max(rect.width(), editor.sizeHint().width()))  # the column is as wide as its text
        editor.setGeometry(rect)

    def _picked(self, combo: QComboBox) -> None:
        self.commitData.emit(combo)
        self.closeEditor.emit(combo, QStyledItemDelegate.EndEditHint.NoHint)


class RulesPanel(QWidget):
    """Shows a :class:`~ui.rules_manager.RulesState`; asks for overrides through ``overrideRequested``.

    ``overrideRequested(rule_id, enabled, severity)``: ``enabled`` is True/False or None,
    ``severity`` a severity value or "" when unchanged.
    """

    overrideRequested = Signal(str, object, str)
    reloadRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.open_url = QDesktopServices.openUrl
        self._filling = False
        self._state = None
        self._stale = False
        self.errors_label = QLabel()
        self.errors_label.setObjectName("errorText")
        self.errors_label.setWordWrap(True)
        self.errors_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.errors_label.hide()
        self.summary = QLabel()
        self.summary.setObjectName("muted")
        self.tree = QTreeWidget()
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels([tr("规则", "Rule"), tr("级别", "Severity"), tr("类别", "Category")])
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setIndentation(14)
        self.tree.setItemDelegate(SeverityDelegate(self.tree))
        # A click on a rule's severity opens its list (F2 from the keyboard); moving through the
        # rules with the arrow keys never changes one. A double click on a rule opens its file.
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)
        self.tree.itemClicked.connect(self._on_clicked)
        self.tree.itemChanged.connect(self._on_item_changed)
        self.tree.itemDoubleClicked.connect(self._on_double_clicked)
        buttons = QHBoxLayout()
        self.folder_button = QPushButton(tr("打开我的规则文件夹", "Open my rules folder"))
        self.folder_button.clicked.connect(self.open_user_folder)
        self.reload_button = QPushButton(tr("重新加载", "Reload"))
        self.reload_button.clicked.connect(self.reloadRequested)
        buttons.addWidget(self.folder_button)
        buttons.addStretch(1)
        buttons.addWidget(self.reload_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        layout.addWidget(self.errors_label)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        self.summary.setText(tr("正在加载规则…", "Loading rules…"))

    # -- content -----------------------------------------------------------------------------

    def show_state(self, state) -> None:
        """Show a RulesState: filled at once when the panel is on screen, else when it is shown."""
        self._state = state
        self._show_errors(state)
        self._stale = True
        if self.isVisible():
            # On a later turn of the event loop: a rules load arrives together with a review, and
            # filling the tree in the same turn as the review is drawn would stall the window.
            QTimer.singleShot(0, self._fill_if_stale)

    def _fill_if_stale(self) -> None:
        if self._stale and self._state is not None:
            self._fill(self._state)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale and self._state is not None:
            self._fill(self._state)

    def _fill(self, state) -> None:
        """Fill the tree: files, then their rules; broken files in red."""
        self._stale = False
        self._filling = True
        expanded = {self.tree.topLevelItem(i).data(0, RULE_ROLE) for i in range(self.tree.topLevelItemCount())
                    if self.tree.topLevelItem(i).isExpanded()}
        self.tree.clear()
        ruleset = state.ruleset
        by_file: dict[str, list] = {}
        for rule in ruleset.rules:
            by_file.setdefault(str(rule.source), []).append(rule)
        broken = {str(e.path): e for e in state.errors if e.path is not None}
        kept = {str(p) for p in state.kept}
        files = [str(p) for p in state.files]
        for name in list(by_file) + list(broken):
            if name not in files:
                files.append(name)
        bold = QFont(self.tree.font())
        bold.setWeight(QFont.Weight.DemiBold)
        for name in files:
            rules = by_file.get(name, [])
            if not rules and name not in broken:
                continue  # override-only files: their effect shows on the rules they change
            item = QTreeWidgetItem(self.tree)
            item.setText(0, f"{Path(name).name}  ({len(rules)})")
            item.setToolTip(0, name)
            item.setData(0, RULE_ROLE, name)
            item.setFont(0, bold)
            item.setFirstColumnSpanned(True)
            if name in broken:
                item.setForeground(0, QBrush(theme.accent("high")))
                note = tr("（有错误，仍使用上次正确的版本）", " (broken; last good version in force)") \
                    if name in kept else tr("（有错误，未载入）", " (broken; not loaded)")
                item.setText(0, item.text(0) + note)
                item.setToolTip(0, str(broken[name]))
            for rule in rules:
                self._add_rule(item, rule)
            item.setExpanded(name in expanded or not expanded)
        self._filling = False
        active = sum(1 for r in ruleset.rules if r.enabled)
        self.summary.setText(tr("{n} 条规则，启用 {a} 条；双击规则打开其文件。",
                                "{n} rules, {a} on; double-click a rule to open its file.",
                                n=len(ruleset.rules), a=active))

    def _add_rule(self, parent: QTreeWidgetItem, rule) -> None:
        item = QTreeWidgetItem(parent)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEditable)
        item.setText(0, rule.title)
        item.setData(0, RULE_ROLE, rule.id)
        item.setData(0, SOURCE_ROLE, str(rule.source))
        item.setCheckState(0, Qt.CheckState.Checked if rule.enabled else Qt.CheckState.Unchecked)
        changed = [f"{key}: {where}" for key, where in rule.origin.items()
                   if key in ("enabled", "severity") and not where.startswith(rule.source.name + ":")]
        tip = f"{rule.id}\n{rule.source}:{rule.line}"
        if changed:
            tip += "\n" + tr("个人调整：", "Your changes: ") + ", ".join(changed)
            item.setText(0, rule.title + " *")
        item.setToolTip(0, tip)
        item.setText(2, category_name(rule.category))
        _show_severity(item, rule.severity.value)

    def _show_errors(self, state) -> None:
        if not state.errors:
            self.errors_label.hide()
            return
        lines = [tr("以下规则文件有错误：", "These rule files have mistakes:")]
        for error in state.errors:
            problems = getattr(error, "problems", None) or []
            if problems:
                lines += [f"• {p}" for p in problems]
            else:
                lines.append(f"• {error}")
        if state.kept:
            lines.append(tr("改正之前，仍按这些文件上次正确的版本审阅。",
                            "Until they are fixed, their last good version stays in force."))
        self.errors_label.setText("\n".join(lines))
        self.errors_label.show()

    # -- user actions --------------------------------------------------------------------------

    def rule_item(self, rule_id: str) -> QTreeWidgetItem | None:
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            for j in range(top.childCount()):
                if top.child(j).data(0, RULE_ROLE) == rule_id:
                    return top.child(j)
        return None

    def severity_of(self, rule_id: str) -> str | None:
        """The severity the list shows for a rule (None when it is not listed)."""
        item = self.rule_item(rule_id)
        return item.data(1, SEVERITY_ROLE) if item is not None else None

    def _on_item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        if self._filling or item.parent() is None:
            return
        if column == 0:
            enabled = item.checkState(0) == Qt.CheckState.Checked
            self.overrideRequested.emit(item.data(0, RULE_ROLE), enabled, "")
        elif column == 1 and item.text(1) != severity_name(item.data(1, SEVERITY_ROLE)):
            # A new severity picked in the list: show it, and ask for the override.
            self._filling = True
            _show_severity(item, item.data(1, SEVERITY_ROLE))
            self._filling = False
            self.overrideRequested.emit(item.data(0, RULE_ROLE), None, item.data(1, SEVERITY_ROLE))

    def _on_clicked(self, item: QTreeWidgetItem, column: int) -> None:
        if column == 1 and item.parent() is not None:
            self.tree.editItem(item, 1)
            editor = self.tree.viewport().findChild(QComboBox)
            if editor is not None:
                editor.showPopup()

    def _on_double_clicked(self, item: QTreeWidgetItem, column: int) -> None:
        path = item.data(0, SOURCE_ROLE if item.parent() is not None else RULE_ROLE)
        if path:
            self.open_url(QUrl.fromLocalFile(path))

    def open_user_folder(self) -> None:
        from reviewer.engine.rulepack import user_rules_dir

        folder = user_rules_dir()
        folder.mkdir(parents=True, exist_ok=True)
        self.open_url(QUrl.fromLocalFile(str(folder)))


def _show_severity(item: QTreeWidgetItem, severity: str) -> None:
    item.setData(1, SEVERITY_ROLE, severity)
    item.setText(1, severity_name(severity))
    item.setIcon(1, severity_icon(severity))
