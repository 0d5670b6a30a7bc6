"""A plain message and exit 2 instead of Qt's abort when the window cannot open on this Linux machine."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from reviewer.i18n import set_language
from ui.platform_check import XCB_PACKAGES, missing_libraries, window_problem

ROOT = Path(__file__).resolve().parent.parent
X11 = {"DISPLAY": ":0"}
# What ldd printed for PySide6 6.11's libqxcb.so on a Debian 12 machine without two of the libraries.
LDD = """\
\tlinux-vdso.so.1 (0x00007ffd5c3f5000)
\tlibQt6XcbQpa.so.6 => /venv/PySide6/Qt/plugins/platforms/../../lib/libQt6XcbQpa.so.6 (0x00007f0e8a5e1000)
\tlibxkbcommon-x11.so.0 => /lib/x86_64-linux-gnu/libxkbcommon-x11.so.0 (0x00007f0e8a4ff000)
\tlibxcb-cursor.so.0 => /lib/x86_64-linux-gnu/libxcb-cursor.so.0 (0x00007f0e8a4f8000)
\tlibxcb-icccm.so.4 => not found
\tlibxcb-util.so.1 => /lib/x86_64-linux-gnu/libxcb-util.so.1 (0x00007f0e8a4f0000)
\tlibxcb-keysyms.so.1 => not found
\tlibxcb.so.1 => /lib/x86_64-linux-gnu/libxcb.so.1 (0x00007f0e8a3c6000)
\tlibxcb-icccm.so.4 => not found
\tlibxcb-keysyms.so.1 => not found
"""
ALL_THERE = "\n".join(line for line in LDD.splitlines() if "not found" not in line)


@pytest.fixture(autouse=True)
def chinese():
    set_language("zh")
    yield
    set_language("zh")


def test_missing_libraries_each_once_in_order():
    assert missing_libraries(LDD) == ["libxcb-icccm.so.4", "libxcb-keysyms.so.1"]
    assert missing_libraries(ALL_THERE) == []


def test_missing_xcb_libraries_named_with_the_install_line():
    message = window_problem(X11, "linux", LDD)
    assert "libxcb-icccm.so.4, libxcb-keysyms.so.1" in message
    assert "sudo apt-get install libxcb-icccm4 libxcb-keysyms1\n" in message
    assert "contract-review check" in message
    set_language("en")
    assert "Install them (Debian/Ubuntu): sudo apt-get install libxcb-icccm4 libxcb-keysyms1" in \
        window_problem(X11, "linux", LDD)


def test_the_issue_sonames_map_to_their_debian_packages():
    assert {name: XCB_PACKAGES[name] for name in (
        "libxcb-cursor.so.0", "libxkbcommon-x11.so.0", "libxcb-icccm.so.4", "libxcb-keysyms.so.1")} == {
        "libxcb-cursor.so.0": "libxcb-cursor0", "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
        "libxcb-icccm.so.4": "libxcb-icccm4", "libxcb-keysyms.so.1": "libxcb-keysyms1"}


def test_a_library_without_a_known_package_is_still_named():
    message = window_problem(X11, "linux", "\tlibxcb-new-thing.so.7 => not found\n")
    assert "libxcb-new-thing.so.7" in message and "apt-file search libxcb-new-thing.so.7" in message
    assert "apt-get install" not in message


@pytest.mark.parametrize("env", [{**X11}, {**X11, "QT_QPA_PLATFORM": "xcb"}, {**X11, "QT_QPA_PLATFORM": "xcb:nograb"}])
def test_xcb_checked_when_qt_will_load_it(env):
    assert window_problem(env, "linux", LDD) is not None
    assert window_problem(env, "linux", ALL_THERE) is None


@pytest.mark.parametrize("env", [
    {**X11, "QT_QPA_PLATFORM": "offscreen"},
    {"QT_QPA_PLATFORM": "minimal"},
    {"QT_QPA_PLATFORM": "wayland", "WAYLAND_DISPLAY": "wayland-0"},
    {"WAYLAND_DISPLAY": "wayland-0"},  # left to choose on a Wayland desktop: Qt takes its wayland plugin
])
def test_xcb_not_checked_when_qt_will_not_load_it(env):
    assert window_problem(env, "linux", LDD) is None


def test_no_display_at_all():
    for env in ({}, {"QT_QPA_PLATFORM": "xcb"}, {"QT_QPA_PLATFORM": "wayland;xcb"}):
        message = window_problem(env, "linux", ALL_THERE)
        assert "DISPLAY" in message and "WAYLAND_DISPLAY" in message and "contract-review check" in message
    assert window_problem({"QT_QPA_PLATFORM": "offscreen"}, "linux", ALL_THERE) is None


def test_other_systems_are_left_to_qt():
    assert window_problem({}, "win32", LDD) is None
    assert window_problem({}, "darwin", LDD) is None


def test_gui_without_a_display_exits_2_with_a_plain_message(seed_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env.update(PYTHONPATH=str(ROOT), CONTRACT_REVIEW_LANG="en")
    proc = subprocess.run([sys.executable, "-m", "ui.launch", "gui", str(seed_path)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.startswith("Cannot open the review window: there is no display here")
    assert "contract-review check" in proc.stderr and "Traceback" not in proc.stderr and proc.stdout == ""
