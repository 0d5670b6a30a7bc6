"""The checklist on real contracts nobody here wrote: every finding judged, recall, precision and traps held."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("quality_report", ROOT / "scripts" / "quality_report.py")
quality = sys.modules.get(_spec.name) or importlib.util.module_from_spec(_spec)
if _spec.name not in sys.modules:
    sys.modules[_spec.name] = quality  # dataclasses look their module up by name
    _spec.loader.exec_module(quality)

pytestmark = pytest.mark.skipif(
    not quality.real_available(),
    reason=f"the real contracts are not beside the repository ({quality.REAL_CORPUS} is absent)")


@pytest.fixture(scope="module")
def real():
    return quality.evaluate_real()


@pytest.fixture(scope="module")
def work(real):
    return [r for r in real if r.part == "work"]


def _unjudged(work) -> list[str]:
    out = []
    for r in work:
        for unit in quality.shown(r):
            if unit.verdict == "unjudged":
                f = unit.findings[0]
                out.append(f"{r.labels.stem}: {f.category} {f.rule} clause={f.clause} {f.text[:30]!r}")
    return out


def _explain(work) -> str:
    lines = [f"MISS {r.labels.stem}: {lab.category} {lab.clause} {lab.quote!r}"
             for r in work for lab, f in r.found if f is None]
    lines += [f"NOISE {r.labels.stem}: {u.findings[0].category} {u.findings[0].rule} {u.findings[0].text[:30]!r}"
              for r in work for u in quality.shown(r) if u.verdict == "noise"]
    return "\n".join(lines)


def test_both_parts_are_there(real):
    parts = [r.part for r in real]
    assert parts.count("work") == 19 and parts.count("blind") == 10


def test_every_finding_on_the_work_part_is_judged(work):
    """A finding no label mentions is a change nobody judged: add it to acceptable or must_not_find."""
    assert _unjudged(work) == []


def test_work_part_recall(work):
    score = quality.total(quality.scores(work))
    assert score.recall >= quality.REAL_FLOORS["recall"], _explain(work)


def test_work_part_precision(work):
    assert quality.precision(work)["overall"].precision >= quality.REAL_FLOORS["precision"], _explain(work)


def test_work_part_traps(work):
    score = quality.total(quality.scores(work))
    assert score.false_alarm_rate <= quality.REAL_FLOORS["traps"], _explain(work)


def test_blanks_are_shown_once_per_field(work):
    """Two findings on one field count once in precision."""
    for r in work:
        units = [u for u in quality.shown(r) if u.category == "blank"]
        ends = [(u.findings[0].start, max(f.end for f in u.findings)) for u in units]
        assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(ends, ends[1:]))
