"""The project's frame: the engine never imports Qt or the GUI."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_engine_does_not_import_qt_or_ui():
    offenders = []
    for path in (ROOT / "reviewer").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            for name in names:
                if name.split(".")[0] in ("PySide6", "shiboken6", "ui"):
                    offenders.append(f"{path.relative_to(ROOT)}: {name}")
    assert offenders == []


def test_seed_sample_is_the_scraped_original():
    import pytest

    original = ROOT.parent / "shared" / "seed" / "seed-contract-scraped.txt"
    if not original.exists():
        pytest.skip("the shared seed folder is not beside this checkout")
    assert (ROOT / "samples" / "seed-contract-scraped.txt").read_bytes() == original.read_bytes()
