"""Compiled regular expressions kept between runs: Python compiles every pattern anew in each process.

A ``check`` on one contract compiles about 500 patterns: the ~300 ``re.compile`` of our modules at
import, the rule pack's, and the ones a review builds with the contract's party names. Python
keeps compiled patterns only in memory, and turning a pattern into the engine's code (parsing,
optimising character sets of Chinese text) took ~0.13 s of a 0.25 s run; running that code is
cheap. This cache keeps, per pattern and flags, exactly what ``re`` hands to its C engine
(``_sre.compile``): the code words, the flags, the group count and names. The next run hands
them over again without parsing.

It hooks ``re``'s compiler, so every pattern of the process is served, ours and our libraries'
(PyYAML's reader compiles one of 5 ms), without touching the 300 places that compile one. Only
the application installs it (:func:`install`, from ``contract-review``'s entry point): a program
that imports ``reviewer`` as a library keeps its ``re`` as it was.

Trust: a file is read only when its magic line and the SHA-256 of its payload match, and its
entries only when it was written by the same Python (version, build, ``_sre.MAGIC``); the C engine
checks every code it is given and refuses an invalid one (``RuntimeError``), and an entry that
fails for any reason is dropped and compiled as usual. A pattern's code depends only on the
pattern, its flags and the Python that compiled it, so no entry can go stale otherwise. Writing
is atomic and best effort, at exit and only when this run compiled something new; the file keeps
the patterns used most recently, up to :data:`MAX_BYTES`.
"""

from __future__ import annotations

import atexit
import sys
from array import array
from pathlib import Path

import _sre
import re
from re import _compiler, _parser

from ..atomic import read_sealed, write_sealed

#: Bumped when the layout of an entry changes.
FORMAT = 1
MAGIC = b"contract-reviewer regexes %d\n" % FORMAT
#: The code words of all entries kept, at most (a run on one contract uses ~0.6 MB).
MAX_BYTES = 4 << 20
_SPECIAL = re.DEBUG | getattr(re, "TEMPLATE", 0)  # compiled as ever, never kept


def python_key() -> tuple:
    """What a pattern's compiled code depends on besides the pattern: the Python that compiled it."""
    return (FORMAT, sys.version, sys.implementation.cache_tag, _sre.MAGIC, _sre.CODESIZE)


class RegexCache:
    """Compiled pattern code by ``(pattern, flags)``, read from and written to one file."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._entries: dict[tuple, tuple] = _read(self.path)
        self._used: dict[tuple, None] = {}  # in order of first use this run
        self._new = 0

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def compiled(self) -> int:
        """Patterns this run compiled from scratch (not found in the file)."""
        return self._new

    def compile(self, pattern, flags: int = 0):
        """What ``re._compiler.compile`` returns, from the kept code when there is some."""
        if not isinstance(pattern, str) or flags & _SPECIAL:
            return _compiler_compile(pattern, flags)
        key = (pattern, int(flags))
        entry = self._entries.get(key)
        if entry is not None:
            try:
                compiled = _from_entry(pattern, entry)
            except Exception:  # a shape or code the engine refuses: never trusted, compile it anew
                del self._entries[key]
            else:
                self._used[key] = None
                return compiled
        flags = int(flags)
        parsed = _parser.parse(pattern, flags)  # a bad pattern raises re.error here, as re.compile does
        try:
            code = _compiler._code(parsed, flags)
            groupindex = parsed.state.groupdict
            indexgroup = [None] * parsed.state.groups
            for name, index in groupindex.items():
                indexgroup[index] = name
            entry = (flags | parsed.state.flags, array("I", code).tobytes(), parsed.state.groups - 1,
                     dict(groupindex), tuple(indexgroup))
            compiled = _from_entry(pattern, entry)
        except Exception:  # a Python whose re internals differ from 3.11-3.13's: compile as ever, keep nothing
            return _compiler_compile(pattern, flags)
        self._entries[key] = entry
        self._used[key] = None
        self._new += 1
        return compiled

    def save(self) -> Path | None:
        """Write the entries (this run's first) when this run compiled any; best effort."""
        if not self._new:
            return None
        kept, size = {}, 0
        for key in [*self._used, *self._entries]:
            entry = self._entries.get(key)
            if entry is None or key in kept:
                continue
            size += len(entry[1])
            if size > MAX_BYTES:
                break
            kept[key] = entry
        try:
            written = write_sealed(self.path, MAGIC, (python_key(), kept))
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


def _from_entry(pattern: str, entry: tuple):
    flags, code, groups, groupindex, indexgroup = entry
    words = array("I")
    words.frombytes(code)
    return _sre.compile(pattern, flags, words.tolist(), groups, groupindex, indexgroup)


def _read(path: Path) -> dict:
    """The entries of a file written by this Python, or none (missing, damaged, another Python)."""
    stored = read_sealed(path, MAGIC)
    if not isinstance(stored, tuple) or len(stored) != 2 or stored[0] != python_key():
        return {}
    return stored[1] if isinstance(stored[1], dict) else {}


_compiler_compile = _compiler.compile
_installed: RegexCache | None = None


def usable() -> bool:
    """False on a Python whose ``re`` internals are not the ones this cache was written for."""
    return (callable(getattr(_compiler, "_code", None)) and callable(getattr(_sre, "compile", None))
            and array("I").itemsize == _sre.CODESIZE)


def install(path: Path | None = None) -> RegexCache | None:
    """Serve every pattern this process compiles from the cache file (the user cache folder's by
    default), and write it at exit. Returns the cache, or None where ``re`` is not as expected."""
    global _installed
    if _installed is not None:
        return _installed
    if not usable():
        return None
    if path is None:
        from ..userdirs import cache_dir

        path = cache_dir() / f"regexes-{sys.implementation.cache_tag}.bin"  # one per Python: none of theirs is ours
    cache = RegexCache(path)
    _compiler.compile = cache.compile
    atexit.register(cache.save_at_exit)
    _installed = cache
    return cache


def uninstall() -> None:
    """Give ``re`` its own compiler back (the file is written now, not at exit)."""
    global _installed
    cache, _installed = _installed, None
    if cache is None:
        return
    _compiler.compile = _compiler_compile
    atexit.unregister(cache.save_at_exit)
    cache.save()
