"""The findings list with its filters and counts; selecting a row selects the finding everywhere."""

from __future__ import annotations

from typing import Callable, Sequence

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QPushButton, QTableView, QVBoxLayout, QWidget)

from .findings_model import (COL_CATEGORY, COL_CLAUSE, COL_SEVERITY, COL_STATUS, COL_TITLE, FINDING_ROLE,
                             FindingsFilter, FindingsModel, severity_icon)
from .i18n import STATUS_ORDER, category_name, severity_name, status_name, tr

SEVERITIES = ("high", "medium", "low", "info")


class FindingsPanel(QWidget):
    """Filters on top, the table below, a count line at the bottom.

    ``findingSelected(finding)`` fires when the reader picks a row; ``filtersChanged()``
    when the set of visible findings changes (the rail and highlights follow it).
    """

    findingSelected = Signal(object)
    filtersChanged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = FindingsModel(self)
        self.proxy = FindingsFilter(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setDynamicSortFilter(True)
        self._quiet = False

        self.severity_buttons: dict[str, QPushButton] = {}
        chips = QHBoxLayout()
        chips.setSpacing(4)
        for severity in SEVERITIES:
            button = QPushButton(severity_icon(severity), severity_name(severity))
            button.setCheckable(True)
            button.setToolTip(tr("只看此级别（可多选）", "Show only this severity (several allowed)"))
            button.toggled.connect(self._on_severity)
            self.severity_buttons[severity] = button
            chips.addWidget(button)
        chips.addStretch(1)

        self.category_box = QComboBox()
        self.category_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.category_box.setMinimumContentsLength(8)
        self.category_box.currentIndexChanged.connect(self._on_category)
        self.status_box = QComboBox()
        self.status_box.addItem(tr("全部状态", "All statuses"), None)
        for status in STATUS_ORDER:
            self.status_box.addItem(status_name(status), status)
        self.status_box.currentIndexChanged.connect(self._on_status)
        # Comparing drafts (issue 16): new / resolved / open; hidden until a comparison is shown.
        self.delta_box = QComboBox()
        self.delta_box.currentIndexChanged.connect(self._on_delta)
        self.delta_box.hide()
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("搜索问题、条款、原文…", "Search findings, clauses, text…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_words)
        boxes = QHBoxLayout()
        boxes.setSpacing(4)
        boxes.addWidget(self.category_box, 3)
        boxes.addWidget(self.status_box, 2)
        boxes.addWidget(self.delta_box, 2)

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # No sort column at first: the model is in document order already, and sorting thousands
        # of rows through Python comparisons would stall the window on every new review.
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        # Fixed, user-resizable widths from the font rather than ResizeToContents: measuring
        # thousands of rows is slow, and English category names would squeeze the title out.
        fm = self.fontMetrics()
        widths = {
            COL_SEVERITY: max(fm.horizontalAdvance(severity_name(s)) for s in SEVERITIES) + 34,
            COL_CLAUSE: fm.horizontalAdvance("10.2(10)") + 12,
            COL_CATEGORY: fm.horizontalAdvance("标题与正文不符") + 14,
            COL_STATUS: max(fm.horizontalAdvance(status_name(s)) for s in STATUS_ORDER) + 14,
        }
        header.setMinimumSectionSize(24)
        for column, width in widths.items():
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.selectionModel().currentRowChanged.connect(self._on_current)

        self.count_label = QLabel()
        self.count_label.setObjectName("muted")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        layout.addLayout(chips)
        layout.addLayout(boxes)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        self._update_counts()

    # -- content -----------------------------------------------------------------------------

    def set_findings(self, findings: Sequence, status_of: Callable[[object], str],
                     clause_label: Callable[[object], str] | None = None) -> None:
        self._quiet = True
        self.model.set_findings(findings, status_of, clause_label)
        self._fill_categories(findings)
        self._quiet = False
        self._update_counts()
        self.filtersChanged.emit()

    def _fill_categories(self, findings: Sequence) -> None:
        current = self.category_box.currentData()
        self.category_box.blockSignals(True)
        self.category_box.clear()
        self.category_box.addItem(tr("全部类别", "All categories"), None)
        counts: dict[str, int] = {}
        for f in findings:
            counts[f.category] = counts.get(f.category, 0) + 1
        for category in sorted(counts, key=lambda c: (-counts[c], c)):
            self.category_box.addItem(f"{category_name(category)} ({counts[category]})", category)
        index = self.category_box.findData(current) if current else 0
        self.category_box.setCurrentIndex(max(0, index))
        self.category_box.blockSignals(False)
        self.proxy.set_category(self.category_box.currentData())

    def status_changed(self, finding) -> None:
        self.model.status_changed(finding)
        self._update_counts()

    def visible_findings(self) -> list:
        return self.proxy.visible_findings()

    # -- selection -----------------------------------------------------------------------------

    def current_finding(self):
        index = self.table.currentIndex()
        return index.data(FINDING_ROLE) if index.isValid() else None

    def select(self, finding) -> bool:
        """Make ``finding`` the current row without emitting ``findingSelected``; False if filtered out."""
        row = self.model.row_of(finding)
        proxy_index = self.proxy.mapFromSource(self.model.index(row, 0)) if row >= 0 else None
        self._quiet = True
        try:
            if proxy_index is None or not proxy_index.isValid():
                self.table.selectionModel().clearSelection()
                return False
            self.table.selectionModel().setCurrentIndex(
                proxy_index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
            self.table.scrollTo(proxy_index)
            return True
        finally:
            self._quiet = False

    def neighbour(self, finding, step: int):
        """The visible finding ``step`` rows after (or before) ``finding``, wrapping around."""
        count = self.proxy.rowCount()
        if count == 0:
            return None
        row = -1
        if finding is not None:
            source_row = self.model.row_of(finding)
            if source_row >= 0:
                row = self.proxy.proxy_row_of(source_row)
        if row < 0:
            row = -1 if step > 0 else count
        return self.proxy.index((row + step) % count, 0).data(FINDING_ROLE)

    def clear_filters(self) -> None:
        for button in self.severity_buttons.values():
            button.setChecked(False)
        self.category_box.setCurrentIndex(0)
        self.status_box.setCurrentIndex(0)
        self.delta_box.setCurrentIndex(0)
        self.search.clear()

    # -- filter slots ---------------------------------------------------------------------------

    def _on_severity(self) -> None:
        self.proxy.set_severities({s for s, b in self.severity_buttons.items() if b.isChecked()})
        self._filters_changed()

    def _on_category(self) -> None:
        self.proxy.set_category(self.category_box.currentData())
        self._filters_changed()

    def _on_status(self) -> None:
        self.proxy.set_status(self.status_box.currentData())
        self._filters_changed()

    def show_delta(self, delta: dict[int, str] | None, names: dict[str, str] | None = None,
                   carried: set[int] | None = None) -> None:
        """Mark the findings new / open / resolved (by ``id``) and offer the filter; None hides it again."""
        self.delta_box.blockSignals(True)
        self.delta_box.clear()
        if delta:
            self.delta_box.addItem(tr("全部变化", "All changes"), None)
            for key, name in (names or {}).items():
                self.delta_box.addItem(f"{name} ({sum(1 for v in delta.values() if v == key)})", key)
            self.model.set_delta(delta, names or {}, carried)
        self.delta_box.setVisible(bool(delta))
        self.delta_box.blockSignals(False)
        self.proxy.set_delta(None)
        self._filters_changed()

    def _on_delta(self) -> None:
        self.proxy.set_delta(self.delta_box.currentData())
        self._filters_changed()

    def _on_words(self, text: str) -> None:
        self.proxy.set_words(text)
        self._filters_changed()

    def _filters_changed(self) -> None:
        self._update_counts()
        self.filtersChanged.emit()

    def _update_counts(self) -> None:
        counts = self.proxy.severity_counts()
        for severity, button in self.severity_buttons.items():
            button.setText(f"{severity_name(severity)} {counts.get(severity, 0)}")
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        if shown == total:
            self.count_label.setText(tr("共 {n} 条问题", "{n} findings", n=total))
        else:
            self.count_label.setText(tr("显示 {shown} 条，共 {total} 条", "Showing {shown} of {total}",
                                        shown=shown, total=total))

    def _on_current(self, current, previous) -> None:
        if self._quiet or not current.isValid():
            return
        self.findingSelected.emit(current.data(FINDING_ROLE))

