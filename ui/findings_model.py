"""The findings as a table model, and the filter (severity, category, status, words) in front of it."""

from __future__ import annotations

from contextlib import contextmanager
from typing import Callable, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPainter, QPixmap

from . import theme
from .i18n import category_name, severity_name, status_name, tr

FINDING_ROLE = Qt.ItemDataRole.UserRole
STATUS_ROLE = Qt.ItemDataRole.UserRole + 1
DELTA_ROLE = Qt.ItemDataRole.UserRole + 2  # new / open / resolved while comparing drafts

COL_SEVERITY, COL_CLAUSE, COL_CATEGORY, COL_TITLE, COL_STATUS = range(5)

_icons: dict[str, QIcon] = {}


def severity_icon(severity) -> QIcon:
    """A small filled dot in the severity's colour (made once per severity)."""
    key = getattr(severity, "value", severity)
    if key not in _icons:
        pixmap = QPixmap(12, 12)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(theme.accent(key))
        painter.drawEllipse(1, 1, 10, 10)
        painter.end()
        _icons[key] = QIcon(pixmap)
    return _icons[key]


class FindingsModel(QAbstractTableModel):
    """One row per finding in document order; ``status_of(finding)`` gives counsel's decision."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._findings: list = []
        self._status: Callable[[object], str] = lambda f: "open"
        self._clause_label: Callable[[object], str] = lambda f: f.clause or ""
        self._rows: dict[int, int] = {}
        #: While comparing drafts (issue 16): id(finding) -> "new" | "open" | "resolved".
        self._delta: dict[int, str] = {}
        self._delta_names: dict[str, str] = {}
        self._carried: set[int] = set()

    def headers(self) -> list[str]:
        return [tr("级别", "Severity"), tr("条款", "Clause"), tr("类别", "Category"),
                tr("问题", "Finding"), tr("状态", "Status")]

    # -- filling -----------------------------------------------------------------------------

    def set_findings(self, findings: Sequence, status_of: Callable[[object], str] | None = None,
                     clause_label: Callable[[object], str] | None = None) -> None:
        self.beginResetModel()
        self._findings = list(findings)
        self._rows = {id(f): i for i, f in enumerate(self._findings)}
        self._delta, self._carried = {}, set()
        if status_of is not None:
            self._status = status_of
        if clause_label is not None:
            self._clause_label = clause_label
        self.endResetModel()

    def finding(self, row: int):
        return self._findings[row]

    def findings(self) -> list:
        return self._findings

    def row_of(self, finding) -> int:
        return self._rows.get(id(finding), -1)

    def status_of(self, finding) -> str:
        return self._status(finding)

    def set_delta(self, delta: dict[int, str], names: dict[str, str], carried: set[int] | None = None) -> None:
        """Mark each finding new / open / resolved (keys are ``id(finding)``); resolved ones are struck through.

        ``carried`` (ids) are findings whose decision came from the earlier draft: their status says so.
        """
        self._delta = dict(delta)
        self._delta_names = dict(names)
        self._carried = set(carried or ())
        if self._findings:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._findings) - 1, self.columnCount() - 1))

    def delta_of(self, finding) -> str | None:
        return self._delta.get(id(finding))

    def status_changed(self, finding) -> None:
        row = self.row_of(finding)
        if row >= 0:
            self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    # -- Qt model interface ----------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._findings)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else 5

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < 5:
            return self.headers()[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._findings)):
            return None
        finding = self._findings[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            status = self._status(finding)
            shown = status_name(status) + (tr("（沿用）", " (carried)") if id(finding) in self._carried else "")
            return (severity_name(finding.severity), self._clause_label(finding),
                    category_name(finding.category), finding.title, shown)[column]
        delta = self._delta.get(id(finding))
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = f"{finding.title}\n{finding.message}" if finding.message else finding.title
            return f"[{self._delta_names.get(delta, delta)}] {tip}" if delta else tip
        if role == Qt.ItemDataRole.FontRole and delta == "resolved":
            font = QFont()
            font.setStrikeOut(True)
            return font
        if role == Qt.ItemDataRole.DecorationRole and column == COL_SEVERITY:
            return severity_icon(finding.severity)
        if role == Qt.ItemDataRole.ForegroundRole:
            status = self._status(finding)
            if column == COL_STATUS:
                return QBrush(theme.status_colour(status))
            if status in ("fixed", "false-alarm") or delta == "resolved":
                return QBrush(QColor("#9AA0A6"))
            return None
        if role == FINDING_ROLE:
            return finding
        if role == STATUS_ROLE:
            return self._status(finding)
        if role == DELTA_ROLE:
            return delta
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


class FindingsFilter(QSortFilterProxyModel):
    """Shows the findings that pass every filter; sorts by document position unless told otherwise."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.severities: set[str] = set()  # empty = every severity
        self.category: str | None = None
        self.status: str | None = None
        self.words: str = ""
        self.delta: str | None = None  # comparing drafts: only new / open / resolved findings
        self.setSortRole(FINDING_ROLE)

    @contextmanager
    def _filter_change(self):
        # beginFilterChange arrived in Qt 6.9; older versions only know invalidateFilter.
        modern = hasattr(self, "beginFilterChange")
        if modern:
            self.beginFilterChange()
        yield
        if modern:
            self.endFilterChange()
        else:  # pragma: no cover - Qt < 6.9
            self.invalidateFilter()

    def set_severities(self, severities: set[str]) -> None:
        with self._filter_change():
            self.severities = set(severities)

    def set_category(self, category: str | None) -> None:
        with self._filter_change():
            self.category = category or None

    def set_status(self, status: str | None) -> None:
        with self._filter_change():
            self.status = status or None

    def set_delta(self, delta: str | None) -> None:
        with self._filter_change():
            self.delta = delta or None

    def set_words(self, words: str) -> None:
        with self._filter_change():
            self.words = words.strip().lower()

    def accepts(self, finding, status: str, ignore_severity: bool = False, delta: str | None = None) -> bool:
        if self.delta and delta != self.delta:
            return False
        if not ignore_severity and self.severities and finding.severity.value not in self.severities:
            return False
        if self.category and finding.category != self.category:
            return False
        if self.status and status != self.status:
            return False
        if self.words:
            haystack = " ".join((finding.title, finding.message, finding.text, finding.clause or "",
                                 finding.rule, category_name(finding.category))).lower()
            if not all(word in haystack for word in self.words.split()):
                return False
        return True

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        # Straight to the Python objects: going through index().data() costs several times more.
        model = self.sourceModel()
        finding = model.finding(source_row)
        return self.accepts(finding, model.status_of(finding), delta=model.delta_of(finding))

    def lessThan(self, left: QModelIndex | QPersistentModelIndex, right: QModelIndex | QPersistentModelIndex) -> bool:
        a, b = left.data(FINDING_ROLE), right.data(FINDING_ROLE)
        column = left.column()
        if column == COL_SEVERITY:
            return (a.severity.rank, a.start) < (b.severity.rank, b.start)
        if column in (COL_CATEGORY, COL_TITLE, COL_STATUS):
            ka, kb = str(left.data()), str(right.data())
            if ka != kb:
                return ka < kb
        return a.sort_key < b.sort_key

    def severity_counts(self) -> dict[str, int]:
        """Findings per severity that pass the other filters (what each severity button would show)."""
        model = self.sourceModel()
        counts = {"high": 0, "medium": 0, "low": 0, "info": 0}
        for finding in model.findings():
            if self.accepts(finding, model.status_of(finding), ignore_severity=True, delta=model.delta_of(finding)):
                counts[finding.severity.value] = counts.get(finding.severity.value, 0) + 1
        return counts

    def visible_findings(self) -> list:
        """The findings that pass the filters, in the order the list shows them."""
        model = self.sourceModel()
        if self.sortColumn() < 0:  # unsorted: the model's own (document) order, no Qt round trips
            return [f for f in model.findings() if self.accepts(f, model.status_of(f), delta=model.delta_of(f))]
        return [self.index(row, 0).data(FINDING_ROLE) for row in range(self.rowCount())]

    def proxy_row_of(self, source_row: int) -> int:
        return self.mapFromSource(self.sourceModel().index(source_row, 0)).row()
