"""Colours and the style sheet: light severity backgrounds that keep the text readable."""

from __future__ import annotations

from PySide6.QtGui import QColor

from .qtfix import protect_none

protect_none()  # before any other Qt call: see qtfix

# (highlight background, strong accent for bars/badges, text on the accent)
SEVERITY_COLOURS = {
    "high": ("#F9D3D0", "#C62828", "#FFFFFF"),
    "medium": ("#FCE1C2", "#E07B00", "#FFFFFF"),
    "low": ("#FBF0A9", "#B59A00", "#FFFFFF"),
    "info": ("#DCE6F2", "#5B7A99", "#FFFFFF"),
}

STATUS_COLOURS = {
    "open": "#5F6B7A",
    "accepted": "#8A5A00",
    "fixed": "#2E7D32",
    "false-alarm": "#8C8C8C",
}

TEXT = "#1F2328"
MUTED = "#6B7280"
BORDER = "#D8DCE2"
PANE = "#F4F5F7"
PAPER = "#FFFFFF"
SELECTION = "#B9D4F5"


def _key(severity) -> str:
    return getattr(severity, "value", severity)


def highlight(severity) -> QColor:
    return QColor(SEVERITY_COLOURS.get(_key(severity), SEVERITY_COLOURS["info"])[0])


def accent(severity) -> QColor:
    return QColor(SEVERITY_COLOURS.get(_key(severity), SEVERITY_COLOURS["info"])[1])


def status_colour(status: str) -> QColor:
    return QColor(STATUS_COLOURS.get(status, STATUS_COLOURS["open"]))


STYLE_SHEET = f"""
QMainWindow, QDockWidget {{ background: {PANE}; }}
QDockWidget::title {{ padding: 6px 8px; background: {PANE}; color: {MUTED}; }}
QToolBar {{ background: {PANE}; border: none; border-bottom: 1px solid {BORDER}; spacing: 4px; padding: 3px 6px; }}
QToolBar QToolButton {{ padding: 4px 8px; border-radius: 4px; }}
QToolBar QToolButton:hover {{ background: #E6E8EC; }}
QStatusBar {{ background: {PANE}; color: {MUTED}; border-top: 1px solid {BORDER}; }}
QTreeView, QTableView, QListView {{ background: {PAPER}; border: 1px solid {BORDER};
    selection-background-color: {SELECTION}; selection-color: {TEXT}; alternate-background-color: #FAFBFC; }}
QHeaderView::section {{ background: {PANE}; color: {MUTED}; border: none;
    border-bottom: 1px solid {BORDER}; padding: 4px 6px; }}
QTextEdit#documentView {{ background: {PAPER}; border: 1px solid {BORDER}; color: {TEXT};
    selection-background-color: {SELECTION}; selection-color: {TEXT}; }}
QFrame#detailCard {{ background: {PAPER}; border: 1px solid {BORDER}; border-radius: 4px; }}
QLabel#sectionLabel {{ color: {MUTED}; font-weight: bold; }}
QLabel#muted {{ color: {MUTED}; }}
QLabel#errorText {{ color: #B3261E; }}
QLabel#emptyState {{ color: {MUTED}; font-size: 15pt; }}
QLineEdit, QComboBox, QPlainTextEdit {{ background: {PAPER}; border: 1px solid {BORDER};
    border-radius: 3px; padding: 3px 5px; }}
QPushButton {{ background: {PAPER}; border: 1px solid {BORDER}; border-radius: 3px; padding: 4px 10px; }}
QPushButton:hover {{ background: #EEF1F5; }}
QPushButton:checked {{ background: #DDE7F3; border-color: #8FB0D8; }}
"""
