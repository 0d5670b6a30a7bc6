"""The structure gallery: made-up fragments, one per numbering convention, each pinned to its outline.

Every ``tests/gallery/NAME.{txt,md,docx}`` with a ``NAME.outline`` must print exactly that outline.
The outlines were written by reading the fragments (tests/gallery/README.md), not by running the
parser, so a failure here is a convention the clause parser does not read yet.
"""

from __future__ import annotations

import re
import runpy
from pathlib import Path

import pytest

import reviewer
from reviewer.commands.outline import outline_lines
from reviewer.i18n import set_language

ROOT = Path(__file__).resolve().parent.parent
GALLERY = ROOT / "tests" / "gallery"
SOURCES = (".txt", ".md", ".docx")
CASES = sorted(path for path in GALLERY.iterdir()
               if path.suffix in SOURCES and path.with_suffix(".outline").exists())
EXCERPTS = runpy.run_path(str(ROOT / "scripts" / "gallery_excerpts.py"))


@pytest.fixture(autouse=True)
def chinese():
    set_language("zh")
    yield
    set_language(None)


@pytest.mark.parametrize("path", CASES, ids=lambda path: path.name)
def test_gallery_outline(path):
    expected = path.with_suffix(".outline").read_text(encoding="utf-8").splitlines()
    assert outline_lines(reviewer.load(path)) == expected


@pytest.mark.parametrize("path", CASES, ids=lambda path: path.name)
def test_outline_is_found_in_the_text(path):
    # Every node's label, heading, excerpt and page, in order, in the loaded text: the outlines
    # are typed by hand and this keeps their mechanical parts honest.
    assert EXCERPTS["check"](path.with_suffix(".outline")) == []


def test_every_case_has_its_outline_and_a_readme_row():
    sources = {path.stem for path in GALLERY.iterdir() if path.suffix in SOURCES and path.name != "README.md"}
    outlines = {path.stem for path in GALLERY.glob("*.outline")}
    readme = (GALLERY / "README.md").read_text(encoding="utf-8")
    rows = set(re.findall(r"^\| ([a-z0-9-]+) \|", readme, re.MULTILINE))
    assert sources == outlines
    assert rows == sources
    assert len(sources) >= 30
