"""The validated rule pack kept between runs, so an unchanged pack loads in milliseconds, not 0.3 s.

Reading the built-in pack means parsing ~1,800 lines of YAML with positions, validating every
key and checking ~440 regular expressions; a ``check`` on one contract paid that every time.
Once a pack has loaded cleanly, its rules (the validated data, not the compiled rule types) are
kept in the user's cache folder, one file per list of rule files. The next run with the same
files reads them back and only builds the rule types.

An entry is used only when its key matches what the run sees now: for every rule file its path,
size, modification time (ns) and SHA-256 of its bytes, plus the program version, the Python
version and the size and modification time of the engine's own modules (an edited rule type
in a development checkout counts as a new program). The file itself starts with a magic line and
the SHA-256 of its payload; a file that is short, altered or unreadable is ignored and rebuilt,
never trusted. A rule set with any refused file is never kept: a broken file is parsed and
validated in full on every run and reported as ``file:line:col`` as ever. Writing is atomic and
best effort: a read-only or full cache folder just means no cache.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import __version__
from ..userdirs import cache_dir
from . import regexcheck

if TYPE_CHECKING:  # pragma: no cover
    from .rulepack import RuleSet

#: Bumped when the layout of an entry changes.
FORMAT = 1
MAGIC = b"contract-reviewer rule pack %d\n" % FORMAT
#: Entries kept in the cache folder; older ones are deleted when a new one is written.
KEEP = 16
_DIGEST = 32  # bytes of SHA-256


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
    return (FORMAT, __version__, sys.version, sys.implementation.cache_tag, _code_stamp(),
            tuple(s.stamp for s in sources))


def _code_stamp() -> tuple:
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


def load(sources: list[Source]) -> "RuleSet | None":
    """The cached rule set for exactly these sources, or None (missing, stale, damaged: rebuild)."""
    try:
        blob = entry_path(sources).read_bytes()
    except (OSError, ValueError):
        return None
    payload = _verified(blob)
    if payload is None:
        return None
    try:
        stored_key, data = marshal.loads(payload)
        if stored_key != key(sources):
            return None
        return _rebuild(data)
    except Exception:  # a well-formed file that still does not fit: never trust it, rebuild
        return None


def store(sources: list[Source], ruleset: "RuleSet") -> Path | None:
    """Keep ``ruleset`` (loaded cleanly from ``sources``) for the next run; never fails the run."""
    if ruleset.errors or any(s.data is None for s in sources):
        return None
    from ..atomic import atomic_write_bytes

    try:
        payload = marshal.dumps((key(sources), _flatten(ruleset)))
        written = atomic_write_bytes(entry_path(sources), MAGIC + hashlib.sha256(payload).digest() + payload)
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


def _verified(blob: bytes) -> bytes | None:
    """The payload when the header is ours and its SHA-256 matches, else None."""
    head = len(MAGIC) + _DIGEST
    if len(blob) <= head or not blob.startswith(MAGIC):
        return None
    digest, payload = blob[len(MAGIC):head], blob[head:]
    return payload if hashlib.sha256(payload).digest() == digest else None


# -- the rule set as plain data (str, int, bool, list, dict, tuple only) ----------------------------

def _flatten(ruleset: "RuleSet") -> dict[str, Any]:
    rules = []
    for rule in ruleset.rules:
        fields = {k: v for k, v in vars(rule).items() if k != "impl"}
        fields["severity"] = rule.severity.value
        fields["source"] = str(rule.source)
        rules.append(fields)
    specs = {tid: {**spec, "path": str(spec["path"])} for tid, spec in ruleset.clause_types.specs.items()}
    return {"rules": rules, "clause_types": specs, "packs": [dict(p) for p in ruleset.packs],
            "files": [str(p) for p in ruleset.files], "regex_analysis": regexcheck.analysis()}


def _rebuild(data: dict[str, Any]) -> "RuleSet":
    from ..model.findings import Severity
    from .rulepack import ClauseTypes, Rule, RuleSet
    from .ruletypes import registry

    regexcheck.remember(data["regex_analysis"])
    types = registry()
    rules = []
    for fields in data["rules"]:
        rule = Rule(**{**fields, "severity": Severity(fields["severity"]), "source": Path(fields["source"])})
        rule.impl = types[rule.type](rule.id, rule.params)
        rules.append(rule)
    specs = {tid: {**spec, "path": Path(spec["path"])} for tid, spec in data["clause_types"].items()}
    return RuleSet(rules, ClauseTypes(specs), data["packs"], [], [Path(p) for p in data["files"]])
