"""The methods ``dataclasses`` writes as source, kept compiled between runs.

Python 3.11 makes each dataclass's ``__init__``, ``__repr__``, ``__eq__`` … by writing their
source and compiling it with ``exec``; our ~30 dataclasses (and our libraries') cost a one-page
``check`` some 13-20 ms of compiling, about a sixth of the run, every run. This cache hands
``dataclasses`` an ``exec`` that compiles each source once and keeps the code object (by
:mod:`marshal`, as Python keeps a module's code in ``__pycache__``); the next run executes the
kept code. The code is exactly what ``exec`` would have compiled: same source, file name
``<string>``, and the ``__future__`` features of ``dataclasses`` itself, none of the caller's.

Only the application installs it (:func:`install`, from ``contract-review``'s entry point): a
program that imports ``reviewer`` as a library keeps its ``dataclasses`` as they were.

Trust: as for the regex cache (:mod:`reviewer.text.keptcache`), a file is read only when it is
intact and was written by the same Python (version, build, marshal format); a kept code object is
used only for the very source it was compiled from, so no entry can go stale. The file sits in
the user's own cache folder, as trusted as Python's ``__pycache__`` beside their programs.
"""

from __future__ import annotations

import builtins
import marshal
import sys
import types
from pathlib import Path

import dataclasses

from .keptcache import KeptCache, ProcessWide, default_path

#: Bumped when the layout of an entry changes.
FORMAT = 1
MAGIC = b"contract-reviewer code %d\n" % FORMAT
#: The sources of all entries kept, at most, in characters (a run uses ~0.1 M).
MAX_CHARS = 1 << 20


def python_key() -> tuple:
    """What a source's code object depends on besides the source: the Python that compiled it."""
    return (FORMAT, sys.version, sys.implementation.cache_tag, marshal.version)


def future_flags(module: types.ModuleType) -> int:
    """The compiler flags of the ``from __future__ import …`` in ``module``: what its ``exec`` of a
    source passes on to the compiler."""
    import __future__

    return sum(feature.compiler_flag for name in __future__.all_feature_names
               if getattr(module, name, None) is (feature := getattr(__future__, name)))


class CodeCache(KeptCache):
    """Code objects by ``(source, compiler flags)``, read from and written to one file."""

    magic = MAGIC
    max_bytes = carry_bytes = MAX_CHARS

    python_key = staticmethod(python_key)

    @staticmethod
    def _size(key: tuple, entry: types.CodeType) -> int:
        return len(key[0])

    def __init__(self, path: Path, flags: int = 0) -> None:
        super().__init__(path)
        self.flags = flags

    def compile(self, source: str) -> types.CodeType:
        """``compile(source, "<string>", "exec")`` as the hooked module's ``exec`` would, kept."""
        key = (source, self.flags)
        code = self._get(key)
        if isinstance(code, types.CodeType):
            return code
        if code is not None:
            self._drop(key)
        code = builtins.compile(source, "<string>", "exec", flags=self.flags, dont_inherit=True)
        self._add(key, code)
        return code

    def exec(self, source, globals=None, locals=None, /):  # noqa: A002 - builtins.exec's own signature
        """``exec`` for the hooked module: a source string runs as its kept code."""
        if isinstance(source, str):
            source = self.compile(source)
        return builtins.exec(source, globals, locals)


_process = ProcessWide()


def install(path: Path | None = None) -> CodeCache | None:
    """Serve the methods ``dataclasses`` compiles from the cache file (the user cache folder's by
    default), and write it at exit. Returns the cache, or None where ``dataclasses`` already has an
    ``exec`` of its own."""
    if _process.cache is None and "exec" in vars(dataclasses):  # someone else's hook already
        return None
    return _process.install(lambda: CodeCache(path or default_path("code"), future_flags(dataclasses)), _hook)


def _hook(cache: CodeCache) -> None:
    dataclasses.exec = cache.exec


def uninstall() -> None:
    """Give ``dataclasses`` the built-in ``exec`` back (the file is written now, not at exit)."""
    _process.uninstall(_unhook)


def _unhook() -> None:
    del dataclasses.exec
