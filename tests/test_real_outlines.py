"""Real contracts read as a reader reads them: each one's clause tree matches its golden outline.

The golden outlines in tests/real/outlines/ were drafted by readers from the documents (Word's own
numbering for DOCX) and checked against the tool's tree line by line; where the two differ on a
judgement call rather than on the structure, tests/real/README.md says which way it went and why.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import reviewer
from reviewer.commands.outline import outline_lines

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus-real"
GOLDEN = ROOT / "tests" / "real" / "outlines"
OUTLINES = sorted(GOLDEN.glob("*.outline"))

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus-real is not beside this checkout")


def _source(stem: str) -> Path:
    return next(p for p in CORPUS.iterdir() if p.stem == stem and p.suffix in (".txt", ".md", ".docx"))


def test_every_readable_real_contract_has_a_golden_outline():
    readable = {p.stem for p in CORPUS.iterdir() if p.suffix in (".txt", ".md", ".docx") and p.name != "SOURCES.md"}
    assert readable == {p.stem for p in OUTLINES}


@pytest.mark.parametrize("golden", OUTLINES, ids=lambda p: p.stem)
def test_real_contract_matches_its_golden_outline(golden: Path):
    lines = outline_lines(reviewer.load(_source(golden.stem)))
    assert lines == golden.read_text(encoding="utf-8").splitlines()
