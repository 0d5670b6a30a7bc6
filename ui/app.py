"""Start the review window: ``contract-review gui [FILE] [--screenshot OUT.png] [--lang zh|en]``."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

SCREENSHOT_TIMEOUT_MS = 120_000


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    from .i18n import tr

    parser = argparse.ArgumentParser(prog="contract-review gui",
                                     description=tr("打开合同审阅窗口。", "Open the contract review window."))
    parser.add_argument("file", nargs="?", help=tr("要打开的合同文件", "contract to open"))
    parser.add_argument("--screenshot", metavar="OUT.png",
                        help=tr("审阅显示后保存窗口截图并退出", "save a picture of the window once the review "
                                "is shown, then exit"))
    parser.add_argument("--select", metavar="CLAUSE",
                        help=tr("审阅显示后选中该条款（如 10.2）的第一条问题", "once shown, select the first "
                                "finding in this clause (e.g. 10.2)"))
    parser.add_argument("--lang", choices=("zh", "en"), help=tr("界面语言", "language of the window"))
    parser.add_argument("--perspective", choices=("customer", "vendor"),
                        help=tr("我方身份：customer（客户）或 vendor（供应商）",
                                "which side we are: customer or vendor"))
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Entry point for ``contract-review gui``; returns the process exit code."""
    args = parse_args(sys.argv[1:] if argv is None else argv)
    from .i18n import set_language
    from .platform_check import window_problem

    if args.lang:
        set_language(args.lang)
    problem = window_problem()  # before Qt loads a platform plugin: Qt's own answer is an abort
    if problem:
        sys.stderr.write(problem)
        return 2
    return run_gui(args.file, args.screenshot, lang=args.lang, perspective=args.perspective, select=args.select)


class App:
    """Owns the window; rebuilds it when the language changes, keeping the open review."""

    def __init__(self, settings, perspective: str | None = None) -> None:
        self.settings = settings
        self.perspective = perspective
        self.window = self._new_window()

    def _new_window(self, store=None):
        from .main_window import MainWindow
        from .rules_manager import RulesManager

        window = MainWindow(self.settings, rules=RulesManager(store) if store is not None else None)
        if self.perspective:
            window.perspective = self.perspective
        window.languageChangeRequested.connect(self.change_language)
        return window

    def change_language(self, code: str) -> None:
        from .i18n import language, set_language

        self.settings.language = code
        if code == language():
            return
        set_language(code)
        old = self.window
        old.detail.flush_note()
        self.settings.geometry = old.saveGeometry()
        self.settings.window_state = old.saveState()
        self.perspective = old.perspective
        self.window = self._new_window(old.rules.store)
        current = old.session.current
        self.window.show()
        if current is not None:
            self.window.session.current = current
            self.window.show_review(current)
        else:
            self.window.rules.adopt_current()
        old.close()
        old.deleteLater()


def run_gui(path: str | Path | None = None, screenshot: str | Path | None = None, lang: str | None = None,
            perspective: str | None = None, settings=None, select: str | None = None) -> int:
    """Show the window (optionally on ``path``); with ``screenshot``, save a picture and exit."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from .fonts import ui_font
    from .i18n import set_language
    from .settings import Settings

    if screenshot and not path:
        print("--screenshot needs a FILE", file=sys.stderr)
        return 2
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "contract-review"])
    app.setApplicationName("contract-review")
    app.setOrganizationName("ContractReviewer")
    scratch = None
    if settings is None and screenshot:
        # A screenshot uses a throwaway settings file: the default layout, and no recent-file entry.
        scratch = tempfile.TemporaryDirectory(prefix="contract-review-shot-")
        settings = Settings(Path(scratch.name) / "settings.ini")
    settings = settings or Settings()
    set_language(lang or settings.language)
    app.setFont(ui_font())
    shell = App(settings, perspective)
    window = shell.window
    if screenshot:
        window.resize(1600, 1000)
    window.show()
    outcome = {"code": 0}
    if select:
        window.reviewShown.connect(lambda: window.select_clause(select))
    if screenshot:
        target = Path(screenshot)

        def shoot() -> None:
            app.processEvents()
            ok = window.grab().save(str(target))
            if not ok:
                print(f"could not write {target}", file=sys.stderr)
            outcome["code"] = 0 if ok else 1
            app.exit(outcome["code"])

        def failed(message: str) -> None:
            print(message, file=sys.stderr)
            app.exit(2)

        window.reviewShown.connect(lambda: QTimer.singleShot(300, shoot))
        window.session.failed.connect(failed)
        # A timer owned by the window, so it dies with it and cannot end a later event loop.
        deadline = QTimer(window)
        deadline.setSingleShot(True)
        deadline.timeout.connect(lambda: (print("timed out waiting for the review", file=sys.stderr),
                                          app.exit(3)))
        deadline.start(SCREENSHOT_TIMEOUT_MS)
    if path:
        QTimer.singleShot(0, lambda: window.open_path(path))
    else:
        QTimer.singleShot(0, window.rules.reload)
    code = app.exec()
    final = shell.window
    final.session.wait(5000)
    final.close()
    # Delete the window now, on this thread: left to Python's cycle collector it could be freed
    # later from a worker thread, which Qt objects do not survive.
    import shiboken6

    for item in {id(window): window, id(final): final}.values():
        if shiboken6.isValid(item):
            shiboken6.delete(item)
    if scratch is not None:
        scratch.cleanup()
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
