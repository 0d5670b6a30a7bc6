"""Guard against PySide6 6.12.0 dropping a reference to None on every call of a void method."""

from __future__ import annotations

import sys

# PySide6 6.12.0 returns None from methods declared void (setText, drawText, setInterval …)
# without taking a reference to it. Python 3.12 made None immortal, so nothing happens there;
# on 3.11 None's count (about 5,000 at start) runs down by one per call and the interpreter
# aborts with "none_dealloc" a few thousand calls later, i.e. after seconds of scrolling.
# 6.11.3 does not have the bug; pyproject should exclude 6.12.0. Until every install does,
# the window lifts None's count out of reach when it detects the leak.

_LIFT = 1 << 48
_checked = False


def void_calls_leak_none() -> bool:
    """True when calling a void Qt method costs None a reference (this PySide6 on Python < 3.12)."""
    if sys.version_info >= (3, 12):
        return False
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(16):
        probe.setObjectName("probe")
    return sys.getrefcount(None) <= before - 16


def protect_none() -> bool:
    """Make None's reference count effectively endless when the leak is present; True if it was.

    Called by every module of ``ui`` through which Qt is used (theme, workers, settings, fonts,
    menus), once per process; ``ui`` itself stays free of Qt so the command line starts fast.
    """
    global _checked
    if _checked:
        return False
    _checked = True
    if not void_calls_leak_none():
        return False
    import ctypes

    # ob_refcnt is the first field of every CPython object; None is never freed in a healthy
    # interpreter, so a larger count changes nothing but the distance to the abort.
    ctypes.c_ssize_t.from_address(id(None)).value += _LIFT
    return True
