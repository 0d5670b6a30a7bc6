"""The window's menus and toolbar: actions wired to the window's own slots."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox, QDockWidget, QMainWindow, QMenu, QToolButton

from .i18n import tr
from .qtfix import protect_none

protect_none()  # before any other Qt call: see qtfix



@dataclass(frozen=True)
class MenuSlots:
    """What the menus act on: the window's slots and docks, handed over by the window."""

    open: Callable[[], None]
    open_path: Callable[[str], None]
    recent_files: Callable[[], Sequence[str]]
    next: Callable[[], None]
    previous: Callable[[], None]
    rereview: Callable[[], None]
    quit: Callable[[], None]
    fill_export: Callable[[QMenu], None]
    change_language: Callable[[str], None]
    compare: Callable[..., None]  # compare(template=False): with an earlier draft, or our template
    docks: Sequence[QDockWidget]


class WindowMenus:
    """Builds the menu bar and toolbar of ``window``; keeps the actions other code enables."""

    def __init__(self, window: QMainWindow, slots: MenuSlots) -> None:
        self.window = w = window
        self.slots = slots
        self.open_action = self._action(tr("打开…", "Open…"), slots.open, QKeySequence.StandardKey.Open,
                                        tr("打开合同文件 (Ctrl+O)", "Open a contract (Ctrl+O)"))
        self.next_action = self._action(tr("下一条", "Next"), slots.next, Qt.Key.Key_F8,
                                        tr("下一条问题 (F8)", "Next finding (F8)"))
        self.prev_action = self._action(tr("上一条", "Previous"), slots.previous,
                                        QKeySequence(Qt.Modifier.SHIFT | Qt.Key.Key_F8),
                                        tr("上一条问题 (Shift+F8)", "Previous finding (Shift+F8)"))
        self.rereview_action = self._action(tr("重新审阅", "Review again"), slots.rereview, Qt.Key.Key_F5,
                                            tr("重新审阅 (F5)", "Review again (F5)"))
        quit_action = self._action(tr("退出", "Quit"), slots.quit, QKeySequence.StandardKey.Quit)

        self.recent_menu = QMenu(tr("最近打开", "Recent files"), w)
        self.recent_menu.aboutToShow.connect(self.fill_recent)
        self.export_menu = QMenu(tr("导出报告", "Export report"), w)
        self.export_menu.aboutToShow.connect(lambda: slots.fill_export(self.export_menu))

        file_menu = w.menuBar().addMenu(tr("文件", "File"))
        file_menu.addAction(self.open_action)
        file_menu.addMenu(self.recent_menu)
        file_menu.addSeparator()
        file_menu.addMenu(self.export_menu)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)
        review_menu = w.menuBar().addMenu(tr("审阅", "Review"))
        review_menu.addActions([self.next_action, self.prev_action, self.rereview_action])
        # Issue 16: the open contract is the new draft.
        review_menu.addSeparator()
        self.compare_action = self._action(tr("与上一稿比较…", "Compare with an earlier draft…"),
                                           lambda: slots.compare(template=False))
        self.template_action = self._action(tr("与我方模板比较…", "Compare with our template…"),
                                            lambda: slots.compare(template=True))
        review_menu.addActions([self.compare_action, self.template_action])
        view_menu = w.menuBar().addMenu(tr("视图", "View"))
        for dock in slots.docks:
            view_menu.addAction(dock.toggleViewAction())
        view_menu.addSeparator()
        language_menu = view_menu.addMenu(tr("语言 / Language", "Language / 语言"))
        for code, name in (("zh", "中文"), ("en", "English")):
            action = language_menu.addAction(name)
            action.triggered.connect(lambda _=False, c=code: slots.change_language(c))

        toolbar = w.addToolBar(tr("工具栏", "Toolbar"))
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.addAction(self.open_action)
        toolbar.addWidget(self._menu_button(tr("最近", "Recent"), self.recent_menu))
        toolbar.addSeparator()
        self.perspective_box = QComboBox()
        self.perspective_box.setToolTip(tr("我方在合同中的身份；更改后重新审阅",
                                           "Which side we are; changing it reviews again"))
        toolbar.addWidget(self.perspective_box)
        toolbar.addSeparator()
        toolbar.addActions([self.prev_action, self.next_action])
        toolbar.addSeparator()
        toolbar.addWidget(self._menu_button(tr("导出报告", "Export"), self.export_menu))
        toolbar.addAction(self.rereview_action)

    def _action(self, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        action = QAction(text, self.window)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setToolTip(tip)
        action.triggered.connect(slot)
        return action

    @staticmethod
    def _menu_button(text: str, menu: QMenu) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setMenu(menu)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        return button

    def fill_recent(self) -> None:
        """The recent-files menu, rebuilt each time it opens."""
        menu = self.recent_menu
        menu.clear()
        files = self.slots.recent_files()
        for path in files:
            action = menu.addAction(Path(path).name)
            action.setToolTip(path)
            action.triggered.connect(lambda _=False, p=path: self.slots.open_path(p))
        if not files:
            menu.addAction(tr("（无）", "(none)")).setEnabled(False)
