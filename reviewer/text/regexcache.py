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
the patterns this run used, up to :data:`MAX_BYTES`, and earlier runs' up to :data:`CARRY_BYTES`.
"""

from __future__ import annotations

import sys
from array import array
from pathlib import Path

import _sre
import re
from re import _compiler, _parser

from .keptcache import KeptCache, ProcessWide, default_path

#: Bumped when the layout of an entry changes.
FORMAT = 1
MAGIC = b"contract-reviewer regexes %d\n" % FORMAT
#: The code words of all entries kept, at most. A warm check uses ~0.4 MB, the first run, which
#: also validates the rule files, ~1.2 MB.
MAX_BYTES = 4 << 20
#: Of those, the ones of earlier runs, at most: patterns with another contract's party names are
#: of no use to the next one, and every warm run reads the whole file (~2.5 ms a megabyte).
CARRY_BYTES = 1 << 20
_SPECIAL = re.DEBUG | getattr(re, "TEMPLATE", 0)  # compiled as ever, never kept


def python_key() -> tuple:
    """What a pattern's compiled code depends on besides the pattern: the Python that compiled it."""
    return (FORMAT, sys.version, sys.implementation.cache_tag, _sre.MAGIC, _sre.CODESIZE)


class RegexCache(KeptCache):
    """Compiled pattern code by ``(pattern, flags)``, read from and written to one file."""

    magic = MAGIC
    max_bytes = MAX_BYTES
    carry_bytes = CARRY_BYTES

    python_key = staticmethod(python_key)

    @staticmethod
    def _size(key: tuple, entry: tuple) -> int:
        return len(entry[1])

    def compile(self, pattern, flags: int = 0):
        """What ``re._compiler.compile`` returns, from the kept code when there is some."""
        if not isinstance(pattern, str) or flags & _SPECIAL:
            return _compiler_compile(pattern, flags)
        key = (pattern, int(flags))
        entry = self._get(key)
        if entry is not None:
            try:
                return _from_entry(pattern, entry)
            except Exception:  # a shape or code the engine refuses: never trusted, compile it anew
                self._drop(key)
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
        self._add(key, entry)
        return compiled


def _from_entry(pattern: str, entry: tuple):
    flags, code, groups, groupindex, indexgroup = entry
    words = array("I")
    words.frombytes(code)
    return _sre.compile(pattern, flags, words.tolist(), groups, groupindex, indexgroup)


_compiler_compile = _compiler.compile
_process = ProcessWide()


def usable() -> bool:
    """False on a Python whose ``re`` internals are not the ones this cache was written for."""
    return (callable(getattr(_compiler, "_code", None)) and callable(getattr(_sre, "compile", None))
            and array("I").itemsize == _sre.CODESIZE)


def install(path: Path | None = None) -> RegexCache | None:
    """Serve every pattern this process compiles from the cache file (the user cache folder's by
    default), and write it at exit. Returns the cache, or None where ``re`` is not as expected."""
    if _process.cache is None and not usable():
        return None
    return _process.install(lambda: RegexCache(path or default_path("regexes")), _hook)


def _hook(cache: RegexCache) -> None:
    _compiler.compile = cache.compile


def uninstall() -> None:
    """Give ``re`` its own compiler back (the file is written now, not at exit)."""
    _process.uninstall(_unhook)


def _unhook() -> None:
    _compiler.compile = _compiler_compile
