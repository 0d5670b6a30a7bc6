"""What a run compiles, kept in one sealed file for the next: the base of the regex and code caches.

A subclass says what an entry is (:meth:`KeptCache._size`), which Python its entries belong to
(:meth:`KeptCache.python_key`) and how an entry is made and checked; this class reads the file,
remembers which entries the run used, and writes the file back at exit when the run made any new
one: the entries this run used, then a bounded share of earlier runs' (:attr:`KeptCache.carry_bytes`).

Trust: the file is read only when its magic line and the SHA-256 of its payload match
(:func:`reviewer.atomic.read_sealed`), and its entries only when the same Python wrote them.
Writing is atomic and best effort: a cache not written is only a slower next run.
"""

from __future__ import annotations

import atexit
import sys
from pathlib import Path
from typing import Any, Callable, ClassVar, Hashable

from ..atomic import read_sealed, write_sealed


def default_path(stem: str) -> Path:
    """``<stem>-cpython-311.bin`` in the user cache folder: one file per Python, as none of
    another Python's entries is of use to this one."""
    from ..userdirs import cache_dir

    return cache_dir() / f"{stem}-{sys.implementation.cache_tag}.bin"


class KeptCache:
    """Entries by key, read from one file and written back when this run added any."""

    #: The file's first line; a file that does not start with it is someone else's.
    magic: ClassVar[bytes]
    #: The entries kept, at most, by :meth:`_size`.
    max_bytes: ClassVar[int]
    #: Of those, the ones this run did not use, at most.
    carry_bytes: ClassVar[int]

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        stored = read_sealed(self.path, self.magic)
        ok = isinstance(stored, tuple) and len(stored) == 2 and stored[0] == self.python_key()
        self._entries: dict[Hashable, Any] = stored[1] if ok and isinstance(stored[1], dict) else {}
        self._used: dict[Hashable, None] = {}  # in order of first use this run
        self._new = 0

    @staticmethod
    def python_key() -> tuple:
        """What an entry depends on besides its key: the Python that made it."""
        raise NotImplementedError

    @staticmethod
    def _size(key: Hashable, entry: Any) -> int:
        """What an entry counts against :attr:`max_bytes`."""
        raise NotImplementedError

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def compiled(self) -> int:
        """Entries this run made from scratch (not found in the file)."""
        return self._new

    def _get(self, key: Hashable) -> Any:
        """The kept entry, or None; a returned entry counts as used."""
        entry = self._entries.get(key)
        if entry is not None:
            self._used[key] = None
        return entry

    def _drop(self, key: Hashable) -> None:
        """Forget an entry found unfit: it is made anew, never trusted."""
        self._entries.pop(key, None)

    def _add(self, key: Hashable, entry: Any) -> None:
        self._entries[key] = entry
        self._used[key] = None
        self._new += 1

    def save(self) -> Path | None:
        """Write the entries when this run made any: this run's first, then earlier runs' up to
        :attr:`carry_bytes` (every run would read what a long-gone contract needed); best effort."""
        if not self._new:
            return None
        kept, size, carried = {}, 0, 0
        entries = dict(self._entries)  # a snapshot: a worker thread may still be adding one
        for key in list(self._used):
            entry = entries.get(key)
            if entry is None:
                continue
            size += self._size(key, entry)
            if size > self.max_bytes:
                break
            kept[key] = entry
        for key, entry in entries.items():
            if key in kept:
                continue
            carried += self._size(key, entry)
            if size + carried > self.max_bytes or carried > self.carry_bytes:
                break
            kept[key] = entry
        try:
            written = write_sealed(self.path, self.magic, (self.python_key(), kept))
        except (OSError, ValueError, TypeError):  # read-only folder, full disk
            return None
        self._new = 0
        return written

    def save_at_exit(self) -> None:
        """:meth:`save`, where nothing may go wrong: a cache not written is only a slower next run."""
        try:
            self.save()
        except Exception:  # noqa: BLE001 - e.g. a worker thread still compiling while the program ends
            pass

    def keep_at_exit(self) -> None:
        """Write the file when the program ends (for a cache installed process-wide)."""
        atexit.register(self.save_at_exit)

    def stop(self) -> None:
        """Write the file now rather than at exit."""
        atexit.unregister(self.save_at_exit)
        self.save()


class ProcessWide:
    """The one cache of a kind that serves the whole process: hooked in once, written at exit."""

    def __init__(self) -> None:
        self.cache: KeptCache | None = None

    def install(self, make: Callable[[], KeptCache], hook: Callable[[KeptCache], None]) -> KeptCache:
        """Make the cache and ``hook`` it in, unless it already is; the cache serving now."""
        if self.cache is None:
            cache = make()
            hook(cache)
            cache.keep_at_exit()
            self.cache = cache
        return self.cache

    def uninstall(self, unhook: Callable[[], None]) -> None:
        """``unhook`` the cache and write its file now, if one is installed."""
        cache, self.cache = self.cache, None
        if cache is not None:
            unhook()
            cache.stop()
