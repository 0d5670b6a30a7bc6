"""The window's remembered choices (language, recent files, layout, perspective) over QSettings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from .qtfix import protect_none

protect_none()  # before any other Qt call: see qtfix

MAX_RECENT = 10


class Settings:
    """Typed access to QSettings; pass ``path`` (an INI file) to keep tests away from the user's own."""

    def __init__(self, path: str | Path | None = None) -> None:
        if path is None:
            self._qs = QSettings("ContractReviewer", "contract-review")
        else:
            self._qs = QSettings(str(path), QSettings.Format.IniFormat)

    # -- language -----------------------------------------------------------------------------

    @property
    def language(self) -> str | None:
        """"zh", "en", or None to follow the system."""
        value = self._qs.value("ui/language", "")
        return value if value in ("zh", "en") else None

    @language.setter
    def language(self, code: str | None) -> None:
        self._qs.setValue("ui/language", code or "")

    # -- perspective ------------------------------------------------------------------------------

    @property
    def perspective(self) -> str:
        value = self._qs.value("review/perspective", "customer")
        return value if value in ("customer", "vendor") else "customer"

    @perspective.setter
    def perspective(self, value: str) -> None:
        self._qs.setValue("review/perspective", value)

    # -- recent files -------------------------------------------------------------------------------

    @property
    def recent_files(self) -> list[str]:
        value = self._qs.value("files/recent", [])
        if isinstance(value, str):  # QSettings hands back a lone string for a one-item list
            value = [value]
        return [str(v) for v in (value or []) if v]

    def add_recent(self, path: str | Path) -> list[str]:
        path = str(Path(path).resolve())
        files = [path] + [p for p in self.recent_files if p != path]
        self._qs.setValue("files/recent", files[:MAX_RECENT])
        return self.recent_files

    def remove_recent(self, path: str | Path) -> None:
        path = str(Path(path).resolve())
        self._qs.setValue("files/recent", [p for p in self.recent_files if p != path])

    # -- window layout ---------------------------------------------------------------------------------

    @property
    def geometry(self) -> QByteArray | None:
        value = self._qs.value("window/geometry")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self._qs.setValue("window/geometry", value)

    @property
    def window_state(self) -> QByteArray | None:
        value = self._qs.value("window/state")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    @window_state.setter
    def window_state(self, value: QByteArray) -> None:
        self._qs.setValue("window/state", value)

    def sync(self) -> None:
        self._qs.sync()
