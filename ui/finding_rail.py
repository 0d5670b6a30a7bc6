"""Finding cards beside the text, each level with the line it points at, like a review pane's comments."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Callable, Sequence

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen, QTextLayout, QTextOption
from PySide6.QtWidgets import QToolTip, QWidget

from . import theme
from .i18n import category_name, severity_name, status_name
from .offsets import OffsetMap

GUTTER = 16  # room left of the cards for the connector to the text line
MARGIN = 10
GAP = 6
PAD = 8
BAR = 4


@dataclass
class CardSlot:
    """Where one card sits, in document coordinates (the text's own y, independent of scrolling)."""

    finding: object
    anchor: float
    top: float = 0.0
    height: float = 0.0
    head: str = ""
    title: list[str] | None = None
    message: list[str] | None = None

    @property
    def bottom(self) -> float:
        return self.top + self.height


def stack(anchors: Sequence[float], heights: Sequence[float], gap: float = GAP,
          pin: int | None = None) -> list[float]:
    """Tops for cards wanting to sit at ``anchors`` (sorted), never overlapping.

    Each card sits as high as it wants, pushed down by the ones above it. With ``pin`` (the
    selected card), that card sits exactly at its anchor and the cards above it move up as
    far as needed to make room, as a word processor's comment pane does.
    """
    tops, floor = [], float("-inf")
    for anchor, height in zip(anchors, heights):
        top = max(anchor, floor)
        tops.append(top)
        floor = top + height + gap
    if pin is None or not 0 <= pin < len(tops):
        return tops
    tops[pin] = anchors[pin]
    for i in range(pin + 1, len(tops)):
        tops[i] = max(anchors[i], tops[i - 1] + heights[i - 1] + gap)
    for i in range(pin - 1, -1, -1):
        tops[i] = min(tops[i], tops[i + 1] - gap - heights[i])
    return tops


def wrap_text(text: str, font: QFont, width: float, max_lines: int) -> list[str]:
    """``text`` broken into at most ``max_lines`` lines of ``width``; the last one elided if cut."""
    text = " ".join(text.split())
    if not text or max_lines <= 0:
        return []
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout = QTextLayout(text, font)
    layout.setTextOption(option)
    layout.beginLayout()
    starts = []
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        starts.append(line.textStart())
    layout.endLayout()
    offsets = OffsetMap(text)
    starts = [offsets.to_py(s) for s in starts]
    if len(starts) <= max_lines:
        bounds = starts + [len(text)]
        return [text[bounds[i]:bounds[i + 1]].strip() for i in range(len(starts))]
    lines = [text[starts[i]:starts[i + 1]].strip() for i in range(max_lines - 1)]
    rest = text[starts[max_lines - 1]:]
    lines.append(QFontMetricsF(font).elidedText(rest, Qt.TextElideMode.ElideRight, width))
    return lines


class FindingRail(QWidget):
    """Paints one card per finding beside a :class:`DocumentView` and follows its scrolling.

    Cards are laid out once per change of findings or of the text's layout, in document
    coordinates; scrolling only repaints. ``laidOut`` is emitted after each layout.
    """

    findingActivated = Signal(object)
    laidOut = Signal()

    def __init__(self, view, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.setMinimumWidth(260)
        self.setMouseTracking(True)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.slots: list[CardSlot] = []
        self._tops: list[float] = []
        self._findings: list = []
        self._status: Callable[[object], str] = lambda f: "open"
        self._clause_label: Callable[[object], str] = lambda f: f.clause or ""
        self.selected = None
        self._hover = None
        self._extra_margin = 0.0
        self._expected_height = -1.0
        self._base_margin = None
        self._pending = QTimer(self)
        self._pending.setSingleShot(True)
        self._pending.setInterval(0)
        self._pending.timeout.connect(self.relayout)
        view.verticalScrollBar().valueChanged.connect(self.update)
        view.viewport().installEventFilter(self)
        view.document().documentLayout().documentSizeChanged.connect(self._on_doc_size)

    def sizeHint(self) -> QSize:
        return QSize(330, 400)

    # -- input -------------------------------------------------------------------------------

    def set_findings(self, findings: Sequence, status: Callable[[object], str] | None = None,
                     clause_label: Callable[[object], str] | None = None) -> None:
        self._findings = list(findings)
        if status is not None:
            self._status = status
        if clause_label is not None:
            self._clause_label = clause_label
        self.schedule_layout()

    def set_selected(self, finding) -> None:
        if finding is not self.selected:
            self.selected = finding
            # The selected card shows more of its message, so the stack below it moves.
            self.schedule_layout()

    def refresh(self) -> None:
        """Statuses changed: repaint without moving anything."""
        self.update()

    def schedule_layout(self) -> None:
        self._pending.start()

    # -- layout --------------------------------------------------------------------------------

    def _fonts(self) -> tuple[QFont, QFont, QFont]:
        base = QFont(self.font())
        small = QFont(base)
        small.setPointSizeF(base.pointSizeF() * 0.88)
        bold = QFont(base)
        bold.setWeight(QFont.Weight.DemiBold)
        return small, bold, base

    def card_width(self) -> float:
        return max(120.0, self.width() - GUTTER - MARGIN)

    def relayout(self) -> None:
        self._pending.stop()
        small, bold, _ = self._fonts()
        inner = self.card_width() - BAR - 2 * PAD
        fm_small, fm_bold = QFontMetricsF(small), QFontMetricsF(bold)
        slots = []
        compact_head = 2 * PAD + fm_small.height() + 4 + fm_bold.lineSpacing()
        for finding in self._findings:
            slot = CardSlot(finding, self.view.content_y(finding.start))
            if finding is self.selected:
                slot.title = wrap_text(finding.title, bold, inner, 3)
                slot.message = wrap_text(finding.message, small, inner, 8)
                slot.height = (2 * PAD + fm_small.height() + 4 + len(slot.title) * fm_bold.lineSpacing()
                               + (4 + len(slot.message) * fm_small.lineSpacing() if slot.message else 0))
            else:
                # Compact: one line of title, one of message, elided when painted. Dense clauses
                # (a run of blanks) then keep their cards near their lines, and thousands of
                # findings lay out without measuring any text.
                slot.height = compact_head + (4 + fm_small.lineSpacing() if finding.message.strip() else 0)
            slots.append(slot)
        slots.sort(key=lambda s: (s.anchor, s.finding.severity.rank, s.finding.start))
        pin = next((i for i, s in enumerate(slots) if s.finding is self.selected), None)
        for slot, top in zip(slots, stack([s.anchor for s in slots], [s.height for s in slots], pin=pin)):
            slot.top = top
        self.slots = slots
        self._tops = [slot.top for slot in slots]
        self._fit_document(slots[-1].bottom if slots else 0.0)
        self.update()
        self.laidOut.emit()

    def _head(self, finding) -> str:
        parts = [severity_name(finding.severity)]
        clause = self._clause_label(finding)
        if clause:
            parts.append(clause)
        parts.append(category_name(finding.category))
        status = self._status(finding)
        if status != "open":
            parts.append(status_name(status))
        return "  ·  ".join(parts)

    def _fit_document(self, cards_bottom: float) -> None:
        """Lengthen the text's bottom margin when the cards run past its end, so all can be scrolled to."""
        doc = self.view.document()
        frame = doc.rootFrame()
        fmt = frame.frameFormat()
        if self._base_margin is None:
            self._base_margin = fmt.bottomMargin()
        text_height = doc.documentLayout().documentSize().height() - self._extra_margin
        extra = max(0.0, cards_bottom + MARGIN - text_height)
        if abs(extra - self._extra_margin) > 1:
            self._extra_margin = extra
            self._expected_height = text_height + extra
            fmt.setBottomMargin(self._base_margin + extra)
            frame.setFrameFormat(fmt)

    def _on_doc_size(self, size) -> None:
        # Our own bottom margin changes the size too; the text did not move, so nothing to redo.
        if abs(size.height() - self._expected_height) < 1:
            return
        self.schedule_layout()

    def reset_document(self) -> None:
        """The view shows a new text: forget the margin added for the old one."""
        self._extra_margin = 0.0
        self._base_margin = None
        self.slots = []
        self._tops = []
        self.selected = None

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.schedule_layout()
        return False

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.schedule_layout()

    # -- geometry ------------------------------------------------------------------------------

    def _dy(self) -> float:
        """Rail y of document y 0: the viewport's top relative to the rail, minus the scroll."""
        viewport = self.view.viewport()
        top = viewport.mapTo(self.window(), QPoint(0, 0)).y() - self.mapTo(self.window(), QPoint(0, 0)).y()
        return top - self.view.scroll_offset()

    def card_rect(self, slot: CardSlot, dy: float | None = None) -> QRectF:
        return QRectF(GUTTER, slot.top + (self._dy() if dy is None else dy), self.card_width(), slot.height)

    def visible_slots(self, dy: float, margin: float = 40) -> list[CardSlot]:
        """The cards that meet the rail's height, found by bisecting the stacked tops."""
        if not self.slots:
            return []
        top, bottom = -dy - margin, -dy + self.height() + margin
        first = max(0, bisect_right(self._tops, top) - 1)
        # Every card before ``first`` ends above its successor's top, so above the rail.
        out = []
        for slot in self.slots[first:]:
            if slot.top > bottom:
                break
            if slot.bottom >= top:
                out.append(slot)
        return out

    def slot_at(self, point) -> CardSlot | None:
        dy = self._dy()
        for slot in self.visible_slots(dy, 0):
            if self.card_rect(slot, dy).contains(point):
                return slot
        return None

    def slot_of(self, finding) -> CardSlot | None:
        return next((s for s in self.slots if s.finding is finding), None)

    # -- painting ------------------------------------------------------------------------------

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor(theme.PANE))
        painter.setPen(QPen(QColor(theme.BORDER), 1))
        painter.drawLine(0, 0, 0, self.height())
        small, bold, _ = self._fonts()
        dy = self._dy()
        for slot in self.visible_slots(dy):
            self._paint_card(painter, slot, self.card_rect(slot, dy), slot.anchor + dy, small, bold)

    def _paint_card(self, painter: QPainter, slot: CardSlot, rect: QRectF, anchor_y: float,
                    small: QFont, bold: QFont) -> None:
        finding = slot.finding
        selected = finding is self.selected
        hovered = finding is self._hover
        status = self._status(finding)
        muted = status in ("false-alarm", "fixed")
        accent = theme.accent(finding.severity)
        painter.save()
        if muted:
            painter.setOpacity(0.55)
        # Connector: a tick at the text line, and a line to the card when the card was pushed down.
        line_colour = QColor(accent)
        line_colour.setAlpha(255 if selected else 110)
        painter.setPen(QPen(line_colour, 2 if selected else 1))
        painter.drawLine(QPoint(1, int(anchor_y + 10)), QPoint(7, int(anchor_y + 10)))
        if (selected or hovered) and abs(rect.top() - anchor_y) > 4:
            path = QPainterPath()
            path.moveTo(7, anchor_y + 10)
            path.cubicTo(GUTTER - 4, anchor_y + 10, GUTTER - 8, rect.top() + 12, GUTTER, rect.top() + 12)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(path)
        # Card body.
        border = QColor(accent) if selected else QColor("#C9CED6" if hovered else theme.BORDER)
        painter.setPen(QPen(border, 1.5 if selected else 1))
        painter.setBrush(QColor("#FFFFFF"))
        painter.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), 4, 4)
        bar = QPainterPath()
        bar.addRoundedRect(QRectF(rect.left(), rect.top(), BAR + 4, rect.height()), 4, 4)
        clip = QPainterPath()
        clip.addRect(QRectF(rect.left(), rect.top(), BAR, rect.height()))
        painter.fillPath(bar.intersected(clip), accent)
        # Text.
        x = rect.left() + BAR + PAD
        width = rect.width() - BAR - 2 * PAD
        y = rect.top() + PAD
        fm_small, fm_bold = QFontMetricsF(small), QFontMetricsF(bold)
        painter.setFont(small)
        painter.setPen(accent)
        if not slot.head:
            slot.head = self._head(finding)
        head = fm_small.elidedText(slot.head, Qt.TextElideMode.ElideRight, width)
        painter.drawText(QRectF(x, y, width, fm_small.height()), Qt.AlignmentFlag.AlignLeft, head)
        y += fm_small.height() + 4
        if slot.title is None:  # compact card: elide its one line of each now that it is on screen
            slot.title = [fm_bold.elidedText(" ".join(finding.title.split()), Qt.TextElideMode.ElideRight, width)]
            message = " ".join(finding.message.split())
            slot.message = [fm_small.elidedText(message, Qt.TextElideMode.ElideRight, width)] if message else []
        painter.setFont(bold)
        painter.setPen(QColor(theme.TEXT))
        for line in slot.title or []:
            painter.drawText(QRectF(x, y, width, fm_bold.lineSpacing()), Qt.AlignmentFlag.AlignLeft, line)
            y += fm_bold.lineSpacing()
        if slot.message:
            y += 4
            painter.setFont(small)
            painter.setPen(QColor(theme.MUTED))
            for line in slot.message:
                painter.drawText(QRectF(x, y, width, fm_small.lineSpacing()), Qt.AlignmentFlag.AlignLeft, line)
                y += fm_small.lineSpacing()
        painter.restore()

    # -- mouse ---------------------------------------------------------------------------------

    def mousePressEvent(self, event) -> None:
        slot = self.slot_at(event.position())
        if slot is not None and event.button() == Qt.MouseButton.LeftButton:
            self.findingActivated.emit(slot.finding)

    def mouseMoveEvent(self, event) -> None:
        slot = self.slot_at(event.position())
        hover = slot.finding if slot else None
        if hover is not self._hover:
            self._hover = hover
            self.setCursor(Qt.CursorShape.PointingHandCursor if hover else Qt.CursorShape.ArrowCursor)
            self.update()

    def leaveEvent(self, event) -> None:
        self._hover = None
        self.update()

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            slot = self.slot_at(QPointF(event.pos()))
            if slot is not None:
                f = slot.finding
                QToolTip.showText(event.globalPos(), f"<b>{f.title}</b><br>{f.message}", self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)
