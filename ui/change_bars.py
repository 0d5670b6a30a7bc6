"""Change bars in the text's left margin: added, changed and moved clauses of the draft being compared."""

from __future__ import annotations

from typing import Sequence

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QWidget

from .i18n import tr

#: What a bar's colour says; "removed" is a short tick where the deleted clause stood.
CHANGE_COLOURS = {"added": "#1E8E3E", "changed": "#E37400", "moved": "#1A73E8", "removed": "#C5221F"}
CHANGE_NAMES = {"added": ("新增", "added"), "changed": ("修改", "changed"), "moved": ("移动", "moved"),
                "removed": ("删除", "removed")}
BAR_WIDTH = 4
_ICONS: dict[str, QIcon] = {}


def change_name(status: str) -> str:
    return tr(*CHANGE_NAMES[status])


def change_icon(status: str) -> QIcon:
    """A small upright bar in the change's colour (made once per status)."""
    if status not in _ICONS:
        pixmap = QPixmap(8, 14)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.fillRect(2, 1, BAR_WIDTH, 12, QColor(CHANGE_COLOURS[status]))
        painter.end()
        _ICONS[status] = QIcon(pixmap)
    return _ICONS[status]


def bars_of(comparison) -> list[tuple[int, int, str]]:
    """``(start, end, status)`` in the new draft's text for every clause not the same as before."""
    bars: list[tuple[int, int, str]] = []
    changes = comparison.clauses
    for change in changes:
        if change.new is not None and change.status in ("added", "changed", "moved"):
            bars.append((change.new.start, change.new.end, change.status))
        elif change.status == "removed":
            anchor = changes.anchor_of_old(change.old.index)
            at = comparison.alignment.new[anchor].end if anchor >= 0 else 0
            bars.append((at, at, "removed"))
    return bars


class ChangeBars(QWidget):
    """Draws over the left margin of a :class:`DocumentView`'s viewport; clicks pass through to the text."""

    def __init__(self, view) -> None:
        super().__init__(view.viewport())
        self.view = view
        self.bars: list[tuple[int, int, str]] = []
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        view.verticalScrollBar().valueChanged.connect(self.update)
        view.viewport().installEventFilter(self)
        self.hide()

    def set_bars(self, bars: Sequence[tuple[int, int, str]]) -> None:
        self.bars = list(bars)
        self.setVisible(bool(self.bars))
        self._fit()
        self.update()

    def eventFilter(self, watched, event) -> bool:
        if event.type() == event.Type.Resize:
            self._fit()
        return False

    def _fit(self) -> None:
        viewport = self.view.viewport()
        self.setGeometry(0, 0, BAR_WIDTH * 3, viewport.height())
        self.raise_()

    def rects(self) -> list[tuple[QRect, str]]:
        """Where each bar is drawn now, in this widget's coordinates (only those on screen)."""
        top = self.view.verticalScrollBar().value()
        line = self.view.fontMetrics().lineSpacing()
        out = []
        for start, end, status in self.bars:
            y0 = self.view.content_y(start) - top
            y1 = (self.view.content_y(max(start, end - 1)) - top + line * 1.5) if end > start else y0 + line / 2
            if y1 < 0 or y0 > self.height():
                continue
            x = 2 if status != "removed" else 0
            width = BAR_WIDTH if status != "removed" else BAR_WIDTH * 3
            out.append((QRect(x, int(y0), width, max(3, int(y1 - y0))), status))
        return out

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        for rect, status in self.rects():
            painter.fillRect(rect, QColor(CHANGE_COLOURS[status]))
        painter.end()
