"""The validated rule pack kept between runs, so an unchanged pack loads in milliseconds, not 0.3 s.

Reading the built-in pack means parsing ~1,800 lines of YAML with positions, validating every
key and checking ~440 regular expressions; a ``check`` on one contract paid that every time.
Once a pack has loaded cleanly, :mod:`reviewer.engine.rulepack` keeps its rules here as plain
data (the validated rules, not the compiled rule types), one entry per list of rule files; the
next run with the same files reads them back and only builds the rule types. A rule set with
a refused file is never kept: a broken file is parsed and validated in full on every run and
reported as ``file:line:col`` as ever.

An entry is used only when its key matches what the run sees now: for every rule file its path,
size, modification time (ns) and SHA-256 of its bytes, plus the program version, the Python
version and the size and modification time of the engine's own modules (an edited rule type
in a development checkout counts as a new program). The file itself starts with a magic line and
the SHA-256 of its payload; a file that is short, altered or unreadable is ignored and rebuilt,
never trusted. The payload is read with :mod:`marshal`, which makes values and, unlike pickle,
runs nothing. Writing is atomic and best effort: a read-only or full cache folder just means
no cache.
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path
from typing import Any

from ..atomic import read_sealed, write_sealed
from ..userdirs import cache_dir

#: Bumped when the layout of an entry changes.
FORMAT = 1
MAGIC = b"contract-reviewer rule pack %d\n" % FORMAT
#: Entries kept in the cache folder; older ones are deleted when a new one is written.
KEEP = 16


class Source:
    """One rule file as this run reads it: its bytes (None when unreadable) and its stamp in the key."""

    __slots__ = ("path", "data", "stamp")

    def __init__(self, path: Path, data: bytes | None, stamp: tuple) -> None:
        self.path = path
        self.data = data
        self.stamp = stamp

    @classmethod
    def read(cls, path: Path, text: str | None = None) -> "Source":
        """Stat, then read (or take ``text`` as given): the bytes hashed are the bytes parsed."""
        try:
            st = os.stat(path)
            size, mtime = st.st_size, st.st_mtime_ns
        except OSError:
            size = mtime = -1
        if text is not None:
            data: bytes | None = text.encode("utf-8", "surrogatepass")
        else:
            try:
                data = Path(path).read_bytes()
            except OSError:
                data = None
        digest = hashlib.sha256(data).hexdigest() if data is not None else ""
        return cls(Path(path), data, (str(path), os.path.abspath(path), size, mtime, digest))


def entry_path(sources: list[Source]) -> Path:
    """One cache file per list of rule files (by absolute path): a changed file replaces its entry."""
    names = "\n".join(s.stamp[1] for s in sources)
    return cache_dir() / f"rulepack-{hashlib.sha256(names.encode('utf-8', 'surrogatepass')).hexdigest()[:24]}.bin"


def key(sources: list[Source]) -> tuple:
    """Everything a cached pack depends on; an entry is used only if its key is equal."""
    return (FORMAT, program_version(), sys.version, sys.implementation.cache_tag, _code_stamp(),
            tuple(s.stamp for s in sources))


def program_version() -> str:
    """``reviewer.__version__``.

    Read from the package already imported (Python imports a package before its modules):
    importing it by name would tie this module into a circle with the package, which imports
    the engine to review.
    """
    return getattr(sys.modules[__name__.partition(".")[0]], "__version__", "")


def _code_stamp() -> tuple:
    """Size and modification time of the engine's modules: an edited validator or rule type (in a
    development checkout, where the version does not change) makes every entry stale."""
    here = Path(__file__).resolve().parent
    modules = sorted(here.glob("*.py")) + sorted((here / "ruletypes").glob("*.py"))
    modules.append(here.parent / "model" / "findings.py")  # the built-in categories and severities
    stamps = []
    for module in modules:
        try:
            st = module.stat()
        except OSError:
            continue
        stamps.append((module.name, st.st_size, st.st_mtime_ns))
    return tuple(stamps)


def load(sources: list[Source]) -> Any:
    """The plain data kept for exactly these sources, or None (missing, stale, damaged: rebuild)."""
    stored = read_sealed(entry_path(sources), MAGIC)
    if not isinstance(stored, tuple) or len(stored) != 2:  # none, damaged, or hashed right yet not ours
        return None
    stored_key, data = stored
    return data if stored_key == key(sources) else None


def store(sources: list[Source], data: Any) -> Path | None:
    """Keep ``data`` (str, int, float, bool, None, bytes, lists, tuples, dicts) for the next run with
    these sources; best effort, never fails the run."""
    if any(s.data is None for s in sources):
        return None
    try:
        written = write_sealed(entry_path(sources), MAGIC, (key(sources), data))
    except (OSError, ValueError, TypeError):  # read-only folder, full disk, a value marshal cannot keep
        return None
    _prune(written.parent)
    return written


def _prune(folder: Path) -> None:
    """Keep the most recently written :data:`KEEP` entries (each ``--rules`` combination makes one)."""
    try:
        entries = sorted(folder.glob("rulepack-*.bin"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
        for old in entries[KEEP:]:
            old.unlink()
    except OSError:  # another process pruned first, or the folder went read-only: no matter
        pass

