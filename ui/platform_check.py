"""Before Qt starts on Linux: a plain message and exit 2, not Qt's abort, when no window can open here."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

from .i18n import tr

#: The Debian/Ubuntu package that brings each system library Qt's xcb plugin (libqxcb.so and
#: libQt6XcbQpa) links against; the Qt libraries themselves come with the PySide6 wheel.
XCB_PACKAGES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb-xinput.so.0": "libxcb-xinput0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-glx.so.0": "libxcb-glx0",
    "libxcb.so.1": "libxcb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libXext.so.6": "libxext6",
    "libXrender.so.1": "libxrender1",
    "libSM.so.6": "libsm6",
    "libICE.so.6": "libice6",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libGLX.so.0": "libglx0",
    "libOpenGL.so.0": "libopengl0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
}

#: Platform plugins that draw on a display server; the others (offscreen, minimal, vnc, eglfs …) need none.
DISPLAY_PLATFORMS = ("xcb", "wayland", "wayland-egl")
_NOT_FOUND = re.compile(r"^\s*(\S+)\s+=>\s+not found\s*$")


def requested_platforms(env: Mapping[str, str]) -> list[str]:
    """The plugins named by QT_QPA_PLATFORM ("xcb", "wayland;xcb", "xcb:option"), in order; [] if unset."""
    value = env.get("QT_QPA_PLATFORM", "")
    return [part.split(":")[0].strip().lower() for part in value.split(";") if part.strip()]


def display_problem(env: Mapping[str, str]) -> str | None:
    """The message when the window would need a display and there is none (an SSH session, a container)."""
    names = requested_platforms(env)
    if any(name not in DISPLAY_PLATFORMS for name in names):
        return None
    if env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"):
        return None
    return tr("无法打开审查窗口：这里没有图形显示（DISPLAY 和 WAYLAND_DISPLAY 都没有设置，例如在 SSH 会话或容器里）。\n"
              "不开窗口也能审查：contract-review check 合同.docx（contract-review --help 列出所有命令）。\n",
              "Cannot open the review window: there is no display here (neither DISPLAY nor WAYLAND_DISPLAY "
              "is set, as in an SSH session or a container).\n"
              "The command line reviews without a window: contract-review check CONTRACT.docx "
              "(contract-review --help lists every command).\n")


def uses_xcb(env: Mapping[str, str]) -> bool:
    """Whether Qt will load its xcb plugin: asked for by name, or left to choose with no Wayland around."""
    names = requested_platforms(env)
    if names:
        return names[0] == "xcb"
    return not env.get("WAYLAND_DISPLAY")


def xcb_plugin() -> Path | None:
    """PySide6's libqxcb.so, found without importing Qt (importing it is what aborts)."""
    spec = importlib.util.find_spec("PySide6")
    for root in (spec.submodule_search_locations or []) if spec else []:
        plugin = Path(root) / "Qt" / "plugins" / "platforms" / "libqxcb.so"
        if plugin.is_file():
            return plugin
    return None


def ldd(path: Path) -> str:
    """``ldd``'s listing of what ``path`` links against, or "" when ldd cannot be run."""
    try:
        return subprocess.run(["ldd", str(path)], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return ""


def missing_libraries(ldd_output: str) -> list[str]:
    """The libraries ldd reports as ``not found``, each once, in its order."""
    missing: list[str] = []
    for line in ldd_output.splitlines():
        match = _NOT_FOUND.match(line)
        if match and match.group(1) not in missing:
            missing.append(match.group(1))
    return missing


def missing_libraries_message(missing: list[str]) -> str:
    """Which libraries are missing and the ``apt-get install`` line that brings them."""
    packages = list(dict.fromkeys(XCB_PACKAGES[name] for name in missing if name in XCB_PACKAGES))
    unknown = [name for name in missing if name not in XCB_PACKAGES]
    lines = [tr("无法打开审查窗口：Qt 的 xcb 显示插件需要的系统库没有安装：{libs}。",
                "Cannot open the review window: Qt's xcb display plugin needs system libraries that are "
                "not installed: {libs}.", libs=", ".join(missing))]
    if packages:
        lines.append(tr("安装它们（Debian/Ubuntu）：sudo apt-get install {p}", "Install them (Debian/Ubuntu): "
                        "sudo apt-get install {p}", p=" ".join(packages)))
    for name in unknown:
        lines.append(tr("{lib} 所在的软件包：apt-file search {lib}", "The package that has {lib}: apt-file search {lib}",
                        lib=name))
    lines.append(tr("不开窗口也能审查：contract-review check 合同.docx。",
                    "The command line reviews without a window: contract-review check CONTRACT.docx."))
    return "\n".join(lines) + "\n"


def window_problem(env: Mapping[str, str] | None = None, system: str = sys.platform,
                   ldd_output: str | None = None) -> str | None:
    """Why the window cannot open on this machine, in words for the user; None when it can (or off Linux).

    ``ldd_output`` stands in for running ``ldd`` on PySide6's xcb plugin (tests fake it).
    """
    if not system.startswith("linux"):
        return None
    env = os.environ if env is None else env
    message = display_problem(env)
    if message or not uses_xcb(env):
        return message
    if ldd_output is None:
        plugin = xcb_plugin()
        ldd_output = ldd(plugin) if plugin is not None else ""
    missing = missing_libraries(ldd_output)
    return missing_libraries_message(missing) if missing else None
