"""The contract text, read-only, with every finding highlighted at its exact characters."""

from __future__ import annotations

from bisect import bisect_left
from typing import Callable, Sequence

from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QTextBlockFormat, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextEdit, QWidget

from . import theme
from .offsets import OffsetMap


class HighlightManager:
    """Turns findings into ExtraSelections and sets them on the view in one call.

    Later selections paint over earlier ones, so the order is: least severe first, and within
    a severity the longest spans first — a short high finding inside a long info span stays
    visible. Decided findings (fixed, false alarm) keep only a thin grey underline.

    Qt lays out every line an ExtraSelection touches when it is set; for a long contract
    with thousands of findings only those within a screen of the visible text are set
    (``windowed``), again as the reader scrolls.
    """

    WINDOW_ABOVE = 300  # more findings than this: highlight only around the visible text

    def __init__(self, view: "DocumentView") -> None:
        self.view = view
        self.findings: list = []
        self.muted: Callable[[object], bool] = lambda f: False
        self.count = 0
        self.covered: tuple[int, int] | None = None  # text range highlighted, when windowed
        self._starts: list[int] = []
        self._longest = 0

    @property
    def windowed(self) -> bool:
        return len(self.findings) > self.WINDOW_ABOVE

    def apply(self, findings: Sequence, muted: Callable[[object], bool] = lambda f: False) -> None:
        self.findings = sorted((f for f in findings if f.end > f.start), key=lambda f: f.start)
        self._starts = [f.start for f in self.findings]
        self._longest = max((f.end - f.start for f in self.findings), default=0)
        self.muted = muted
        self.refresh()

    def refresh(self) -> None:
        chosen = self.findings
        self.covered = None
        if self.windowed:
            margin = self.view.viewport().height()
            lo, hi = self.view.visible_range(margin)
            first = bisect_left(self._starts, lo - self._longest)
            last = bisect_left(self._starts, hi)
            chosen = [f for f in self.findings[first:last] if f.end > lo]
            self.covered = (lo, hi)
        self._set(chosen)

    def viewport_moved(self) -> None:
        """The reader scrolled or resized: highlight the newly visible part when windowed."""
        if not self.windowed:
            return
        lo, hi = self.view.visible_range(0)
        if self.covered is None or not (self.covered[0] <= lo and hi <= self.covered[1]):
            self.refresh()

    def _set(self, findings: Sequence) -> None:
        view = self.view
        doc = view.document()
        length = doc.characterCount() - 1
        ordered = sorted(findings, key=lambda f: (-f.severity.rank, -(f.end - f.start), f.start))
        selections = []
        # Inside an edit block QTextCursor.setPosition skips laying out the line to remember the
        # cursor's x; outside it, placing each cursor lays out its paragraph.
        guard = QTextCursor(doc)
        guard.beginEditBlock()
        for finding in ordered:
            start, end = view.to_qt(finding.start), view.to_qt(finding.end)
            if start >= length:
                continue
            cursor = QTextCursor(doc)
            cursor.setPosition(start)
            cursor.setPosition(min(end, length), QTextCursor.MoveMode.KeepAnchor)
            fmt = QTextCharFormat()
            if self.muted(finding):
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
                fmt.setUnderlineColor(QColor("#9AA0A6"))
            else:
                fmt.setBackground(theme.highlight(finding.severity))
                if finding.severity.value == "high":
                    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
                    fmt.setUnderlineColor(theme.accent(finding.severity))
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            selection.format = fmt
            selections.append(selection)
        guard.endEditBlock()
        view.setExtraSelections(selections)
        self.count = len(selections)


class DocumentView(QTextEdit):
    """Shows ``Document.text`` as is; positions convert through an :class:`OffsetMap`.

    Emits ``offsetClicked(offset)`` (a Python offset) when the reader clicks without
    selecting, so the window can select the finding under the mouse.
    """

    offsetClicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("documentView")
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setAcceptRichText(False)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        self.document().setDocumentMargin(28)
        self.highlights = HighlightManager(self)
        self.verticalScrollBar().valueChanged.connect(self._viewport_moved)
        self.offsets = OffsetMap("")
        self._text = ""
        self._press_pos = None

    # -- content ----------------------------------------------------------------------------

    def show_text(self, text: str, headings: Sequence[tuple[int, int, int]] = ()) -> None:
        """Show ``text``; ``headings`` are (start, end, level) spans drawn as headings (level 0 = chapter)."""
        self._text = text
        self.offsets = OffsetMap(text)
        self.setExtraSelections([])
        self.setPlainText(text)
        doc = self.document()
        cursor = QTextCursor(doc)
        # One edit block: the layout is redone once at the end, not after each heading's format.
        cursor.beginEditBlock()
        cursor.select(QTextCursor.SelectionType.Document)
        block = QTextBlockFormat()
        # Chinese reads better with air between lines and paragraphs than Qt's default 100 %.
        block.setLineHeight(155, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        block.setBottomMargin(4)
        cursor.mergeBlockFormat(block)
        for start, end, level in headings:
            cursor.setPosition(self.to_qt(start))
            cursor.setPosition(self.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
            fmt = QTextCharFormat()
            fmt.setFontWeight(QFont.Weight.Bold if level == 0 else QFont.Weight.DemiBold)
            if level == 0:
                fmt.setFontPointSize(self.font().pointSizeF() * 1.12)
            cursor.mergeCharFormat(fmt)
            if level == 0:
                spaced = QTextBlockFormat()
                spaced.setTopMargin(14)
                cursor.mergeBlockFormat(spaced)
        cursor.endEditBlock()
        self.moveCursor(QTextCursor.MoveOperation.Start)

    @property
    def text(self) -> str:
        return self._text

    def to_qt(self, offset: int) -> int:
        return self.offsets.to_qt(offset)

    def to_py(self, position: int) -> int:
        return self.offsets.to_py(position)

    # -- selection and scrolling ------------------------------------------------------------

    def select_span(self, start: int, end: int, scroll: bool = True) -> None:
        """Select ``text[start:end]``; with ``scroll``, bring it to the upper third of the view."""
        bar = self.verticalScrollBar()
        kept = bar.value()
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.to_qt(start))
        cursor.setPosition(self.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)  # this scrolls the cursor into view on its own
        if scroll:
            self.scroll_to(start)
        else:
            bar.setValue(kept)

    def scroll_to(self, offset: int) -> None:
        y = self.content_y(offset)
        bar = self.verticalScrollBar()
        bar.setValue(max(0, int(y - self.viewport().height() / 3)))

    def selected_span(self) -> tuple[int, int]:
        cursor = self.textCursor()
        return self.to_py(cursor.selectionStart()), self.to_py(cursor.selectionEnd())

    # -- geometry for the finding rail -------------------------------------------------------

    def content_y(self, offset: int) -> float:
        """Top of the line holding ``offset``, in document coordinates (independent of scrolling)."""
        doc = self.document()
        position = min(self.to_qt(offset), max(0, doc.characterCount() - 1))
        block = doc.findBlock(position)
        if not block.isValid():
            return 0.0
        layout = block.layout()
        rect = doc.documentLayout().blockBoundingRect(block)
        line = layout.lineForTextPosition(position - block.position()) if layout else None
        if line is None or not line.isValid():
            return rect.top()
        return layout.position().y() + line.y()

    def scroll_offset(self) -> int:
        return self.verticalScrollBar().value()

    def visible_range(self, margin: int = 0) -> tuple[int, int]:
        """Python offsets of the first and last character on screen, ``margin`` pixels beyond it."""
        layout = self.document().documentLayout()
        top = self.scroll_offset() - margin
        bottom = self.scroll_offset() + self.viewport().height() + margin
        first = layout.hitTest(QPointF(0, max(0, top)), Qt.HitTestAccuracy.FuzzyHit)
        last = layout.hitTest(QPointF(self.viewport().width(), bottom), Qt.HitTestAccuracy.FuzzyHit)
        end = len(self._text) if last < 0 else self.to_py(last) + 1
        return (0 if first < 0 else self.to_py(first)), min(len(self._text), end)

    def _viewport_moved(self, *_: object) -> None:
        self.highlights.viewport_moved()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.highlights.viewport_moved()

    def offset_at(self, point) -> int:
        """Python offset of the character under ``point`` (viewport coordinates)."""
        return self.to_py(self.cursorForPosition(point).position())

    # -- events ------------------------------------------------------------------------------

    def mousePressEvent(self, event) -> None:
        self._press_pos = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        super().mouseReleaseEvent(event)
        press, self._press_pos = self._press_pos, None
        if event.button() != Qt.MouseButton.LeftButton or self.textCursor().hasSelection():
            return
        point = event.position().toPoint()
        if press is not None and (press - point).manhattanLength() > 3:
            return
        self.offsetClicked.emit(self.offset_at(point))


def finding_at(findings: Sequence, offset: int):
    """The finding under ``offset``: the shortest span covering it, the most severe on a tie."""
    hits = [f for f in findings if f.start <= offset < f.end]
    if not hits:
        return None
    return min(hits, key=lambda f: (f.end - f.start, f.severity.rank, f.start))

