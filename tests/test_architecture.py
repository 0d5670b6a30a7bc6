"""The house shows its parts: the layers point one way, no module imports itself round a circle."""

from __future__ import annotations

import os
from pathlib import Path

import grimp
from importlinter import cli as importlinter_cli

ROOT = Path(__file__).resolve().parent.parent


def test_import_linter_contracts_are_kept(capsys):
    old = os.getcwd()
    os.chdir(ROOT)
    try:
        code = importlinter_cli.lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True,
                                             no_logo=True)
    finally:
        os.chdir(old)
    report = capsys.readouterr().out
    assert code == 0, report
    assert "0 broken" in report


def _circles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    found.append(sorted(group))
    return found


def test_circle_finder_finds_a_circle():
    assert _circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _circles({"a": {"b"}, "b": set()}) == []


def test_no_import_circle_between_modules():
    # Imports made only for type checkers count too: a circle there still ties the modules together.
    graph = grimp.build_graph("reviewer", "ui", cache_dir=None)
    edges = {m: set(graph.find_modules_directly_imported_by(m)) for m in graph.modules}
    assert _circles(edges) == []


def test_reviewer_top_level_holds_packages_and_a_few_shared_modules():
    modules = sorted(p.name for p in (ROOT / "reviewer").glob("*.py"))
    assert modules == ["__init__.py", "atomic.py", "errors.py", "i18n.py", "userdirs.py"]
    packages = sorted(p.name for p in (ROOT / "reviewer").iterdir() if (p / "__init__.py").exists())
    assert packages == ["commands", "compare", "data", "engine", "loaders", "model", "reports", "structure", "text"]
