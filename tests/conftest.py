"""Shared fixtures: the repository's samples, and Qt kept offscreen."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("CONTRACT_REVIEW_LANG", "zh")

# The whole session (and every process it starts) keeps its compiled rule packs in a folder of its
# own, never in the user's real cache: a test must not read a pack another run left, nor leave one.
_CACHE = tempfile.mkdtemp(prefix="contract-review-test-cache-")
os.environ["CONTRACT_REVIEW_CACHE_DIR"] = _CACHE
atexit.register(shutil.rmtree, _CACHE, ignore_errors=True)

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SEED = SAMPLES / "seed-contract-scraped.txt"


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return SAMPLES


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED
