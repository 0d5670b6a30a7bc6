"""Our own small data files, parsed once and kept between runs as plain values.

``reviewer/data/foreign.yaml`` is read on every run; parsing it meant importing PyYAML (~10 ms)
whenever the rule pack came from its cache. Here the parsed value is kept in the user cache
folder, keyed by the SHA-256 of the file's text, the parser and the Python version, so an edited
file, another parser or another Python parses anew. The file is sealed (magic line and SHA-256,
see :func:`reviewer.atomic.seal`): a damaged one is ignored and rewritten, never trusted. Writing
is best effort; a read-only cache folder only means parsing every time.
"""

from __future__ import annotations

import hashlib
import sys
from typing import Any, Callable

from ..atomic import read_sealed, write_sealed
from ..userdirs import cache_dir

#: Bumped when the layout of an entry changes.
FORMAT = 1
MAGIC = b"contract-reviewer data %d\n" % FORMAT


def parsed(name: str, text: str, parse: Callable[[str], Any]) -> Any:
    """``parse(text)``, from the cache file ``data-<name>.bin`` when it was kept for this very text.

    The value must be made of what :mod:`marshal` keeps (str, numbers, None, lists, dicts …)."""
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    parser = f"{getattr(parse, '__module__', '')}.{getattr(parse, '__qualname__', type(parse).__qualname__)}"
    key = (FORMAT, sys.version, parser, digest)
    path = cache_dir() / f"data-{name}.bin"
    stored = read_sealed(path, MAGIC)
    if isinstance(stored, tuple) and len(stored) == 2 and stored[0] == key:
        return stored[1]
    value = parse(text)
    try:
        write_sealed(path, MAGIC, (key, value))
    except (OSError, ValueError, TypeError):  # read-only folder, full disk, a value marshal cannot keep
        pass
    return value
