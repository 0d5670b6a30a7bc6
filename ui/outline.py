"""The outline: chapters and clauses with their finding counts; a click jumps to the clause."""

from __future__ import annotations

from bisect import bisect_left
from typing import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QFont, QIcon
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from . import theme
from .i18n import tr

OFFSET_ROLE = Qt.ItemDataRole.UserRole
CHANGE_ROLE = Qt.ItemDataRole.UserRole + 1  # comparing drafts: "added" | "changed" | "moved"
_SHOWN = ("title", "preamble", "chapter", "clause", "signature", "annex")
_KIND_NAMES = {
    "title": ("标题", "Title"),
    "preamble": ("首部", "Preamble"),
    "signature": ("签署页", "Signatures"),
    "annex": ("附件", "Annex"),
}


class OutlineView(QTreeWidget):
    """Tree of the document's clause nodes; emits ``offsetActivated(start)`` on a click."""

    offsetActivated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(2)
        self.setHeaderLabels([tr("条款", "Clause"), tr("问题", "Findings")])
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.setUniformRowHeights(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setIndentation(14)
        self.itemClicked.connect(self._on_clicked)
        self.itemActivated.connect(self._on_clicked)
        self._items: list[tuple[int, int, QTreeWidgetItem]] = []  # (start, end, item) in document order

    def show_outline(self, clauses: Sequence, findings: Sequence) -> None:
        """Fill the tree from a ClauseTree (or list of Clause) and count ``findings`` per node."""
        self.clear()
        self._items = []
        ordered = sorted(findings, key=lambda f: f.start)
        starts = [f.start for f in ordered]
        items: dict[int, QTreeWidgetItem] = {}
        for node in clauses:
            if node.kind not in _SHOWN:
                continue
            parent = items.get(node.parent) if node.parent is not None else None
            item = QTreeWidgetItem(parent if parent is not None else self)
            item.setText(0, self._name(node))
            item.setToolTip(0, node.display)
            item.setData(0, OFFSET_ROLE, node.start)
            lo, hi = bisect_left(starts, node.start), bisect_left(starts, node.end)
            if hi > lo:
                item.setText(1, str(hi - lo))
                rank = min(f.severity.rank for f in ordered[lo:hi])
                severity = ("high", "medium", "low", "info")[rank]
                item.setForeground(1, QBrush(theme.accent(severity)))
                bold = QFont(self.font())
                bold.setBold(True)
                item.setFont(1, bold)
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if node.kind == "chapter":
                font = QFont(self.font())
                font.setWeight(QFont.Weight.DemiBold)
                item.setFont(0, font)
            items[node.index] = item
            self._items.append((node.start, node.end, item))
        self.expandAll()

    def mark_changes(self, marks: dict[int, str]) -> None:
        """Comparing drafts: a coloured bar on each added / changed / moved node, keyed by its start."""
        from .change_bars import change_icon, change_name

        for start, _end, item in self._items:
            status = marks.get(start)
            item.setData(0, CHANGE_ROLE, status)
            item.setIcon(0, change_icon(status) if status else QIcon())
            tip = item.text(0) if not status else f"{item.text(0)}（{change_name(status)}）"
            item.setToolTip(0, tip)

    @staticmethod
    def _name(node) -> str:
        if node.kind in _KIND_NAMES and not node.heading:
            return tr(*_KIND_NAMES[node.kind])
        return node.display

    def chapter_names(self) -> list[str]:
        return [self.topLevelItem(i).text(0) for i in range(self.topLevelItemCount())]

    def select_offset(self, offset: int) -> None:
        """Mark the innermost shown node containing ``offset`` without emitting anything."""
        best = None
        for start, end, item in self._items:
            if start <= offset < max(end, start + 1):
                best = item  # later items are deeper or further: the last match is the innermost
        self.blockSignals(True)
        if best is not None:
            self.setCurrentItem(best)
            self.scrollToItem(best)
        else:
            self.clearSelection()
        self.blockSignals(False)

    def _on_clicked(self, item: QTreeWidgetItem, column: int = 0) -> None:
        offset = item.data(0, OFFSET_ROLE)
        if offset is not None:
            self.offsetActivated.emit(int(offset))
