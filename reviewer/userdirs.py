"""The user's cache folder, where the compiled rule pack and jieba's dictionary cache are kept."""

from __future__ import annotations

import os
from pathlib import Path

#: Overrides the cache folder (the test suite points it at a temporary folder).
CACHE_ENV = "CONTRACT_REVIEW_CACHE_DIR"


def cache_dir() -> Path:
    """``$CONTRACT_REVIEW_CACHE_DIR``, else ``%LOCALAPPDATA%\\contract-reviewer\\cache`` on Windows,
    else ``$XDG_CACHE_HOME/contract-reviewer`` (``~/.cache/contract-reviewer``)."""
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override)
    if os.name == "nt":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "contract-reviewer" / "cache"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "contract-reviewer"
