"""Run ``contract-review gui FILE --screenshot OUT`` with milestones recorded from outside the GUI.

``python3 -m benchmarks.gui_probe RESULT.json FILE --screenshot OUT.png`` wraps ``ui.app`` without
changing it: the window gets an event filter (first Show and first Paint), ``reviewShown`` is
timed, and a 5 ms UI-thread timer measures the longest stall of the event loop from the
first paint until the review is on screen. Times are ``time.monotonic()``, one clock for
every process on the machine, so the parent can subtract the moment it started this one.
Which engine and Qt modules were already imported when the window was first painted is
recorded too ("shown before any heavy import finishes"). With ``BENCH_GUI_PROFILE=FILE`` the
UI thread is profiled (cProfile) from the first paint until the review is shown, and the top
functions by own time are written to FILE: what the UI thread did while the worker loaded.
"""

from __future__ import annotations

import json
import os
import sys
import time

#: Modules whose presence at first paint means a heavy import ran before the window appeared.
HEAVY = ("reviewer.engine.run", "reviewer.engine.rulepack", "reviewer.structure.clause_parser", "pypdfium2", "docx", "lxml.etree",
         "yaml", "rjieba", "jieba", "pdfplumber", "openpyxl")

marks: dict = {"probe_start": time.monotonic()}
PROFILE_TO = os.environ.get("BENCH_GUI_PROFILE")
_profiler = None


def _install(window) -> None:
    from PySide6.QtCore import QEvent, QObject, QTimer

    class Milestones(QObject):
        def eventFilter(self, obj, event):  # noqa: N802 - Qt's name
            kind = event.type()
            if kind == QEvent.Type.Show:
                marks.setdefault("window_show", time.monotonic())
            elif kind == QEvent.Type.Paint and "window_paint" not in marks:
                marks["window_paint"] = time.monotonic()
                marks["heavy_at_paint"] = [m for m in HEAVY if m in sys.modules]
                stall_timer.start()
                if PROFILE_TO:
                    _start_profile()
            return False

    ticks: list[float] = []
    stall_timer = QTimer(window)
    stall_timer.setInterval(5)
    stall_timer.timeout.connect(lambda: ticks.append(time.monotonic()))

    def shown() -> None:
        if "review_shown" in marks:
            return
        marks["review_shown"] = time.monotonic()
        stall_timer.stop()
        _stop_profile()
        gaps = [b - a for a, b in zip(ticks, ticks[1:])]
        if ticks and "window_paint" in marks:
            gaps.append(ticks[0] - marks["window_paint"])
        marks["max_stall"] = max(gaps) if gaps else None
        marks["stalls_over_100ms"] = sum(1 for g in gaps if g > 0.1)
        marks["ticks"] = len(ticks)

    milestones = Milestones(window)
    window.installEventFilter(milestones)
    window.reviewShown.connect(shown)
    window._bench_milestones = milestones  # keep the filter alive as long as the window


def _start_profile() -> None:
    global _profiler
    import cProfile

    _profiler = cProfile.Profile()
    _profiler.enable()  # this (the UI) thread only: the worker's load and review are not in it


def _stop_profile() -> None:
    if _profiler is None:
        return
    import io
    import pstats

    _profiler.disable()
    buffer = io.StringIO()
    pstats.Stats(_profiler, stream=buffer).strip_dirs().sort_stats("tottime").print_stats(25)
    lines = buffer.getvalue().splitlines()
    first = next((i for i, line in enumerate(lines) if line.lstrip().startswith("ncalls")), 0)
    with open(PROFILE_TO, "w", encoding="utf-8") as fh:
        fh.write("\n".join(line.rstrip() for line in lines[first:] if line.strip()) + "\n")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    out, gui_argv = argv[0], argv[1:]
    code = 99
    try:
        import ui.app as app

        marks["ui_app_imported"] = time.monotonic()
        original = getattr(getattr(app, "App", None), "_new_window", None)
        if original is None:
            marks["hook_missing"] = "ui.app.App._new_window"
        else:
            def new_window(self, store=None):
                window = original(self, store)
                try:
                    _install(window)
                except Exception as error:  # noqa: BLE001 - a probe must never break the GUI
                    marks["hook_missing"] = f"cannot watch the window: {error!r}"
                return window

            app.App._new_window = new_window
        code = int(app.main(gui_argv))
    finally:
        marks["exit"] = time.monotonic()
        marks["code"] = code
        with open(out, "w", encoding="utf-8") as fh:
            json.dump(marks, fh)
    return code


if __name__ == "__main__":
    sys.exit(main())
