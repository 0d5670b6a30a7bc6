"""The whole built-in pack on the labelled corpus: recall of must-finds and false alarms on traps."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from reviewer.model.findings import CATEGORIES, Finding, Severity
from reviewer.loaders import from_text

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("quality_report", ROOT / "scripts" / "quality_report.py")
quality = importlib.util.module_from_spec(_spec)
sys.modules.setdefault(_spec.name, quality)  # dataclasses look their module up by name
_spec.loader.exec_module(quality)


@pytest.fixture(scope="module")
def results():
    return quality.evaluate()


@pytest.fixture(scope="module")
def table(results):
    return quality.scores(results)


def _explain(results) -> str:
    lines = []
    for r in results:
        lines += [f"MISS {r.labels.name}: {lab.category} {lab.clause} {lab.quote!r}" for lab, f in r.found if f is None]
        lines += [f"TRAP {r.labels.name}: {lab.category} {lab.clause} {lab.quote!r} <- {sorted({f.rule for f in h})}"
                  for lab, h in r.traps if h]
    return "\n".join(lines)


def test_every_labels_file_is_evaluated(results):
    assert len(results) == len(quality.label_files()) >= 9
    assert {r.perspective for r in results} == {"customer", "vendor"}


def test_every_checklist_category_has_a_must_find_and_a_trap(table):
    assert [c for c in CATEGORIES if table.get(c) is None or table[c].must == 0] == []
    assert [c for c in CATEGORIES if table[c].traps == 0] == []


def test_overall_recall_and_false_alarms(results, table):
    overall = quality.total(table)
    assert overall.recall >= quality.MIN_RECALL, _explain(results)
    assert overall.false_alarm_rate <= quality.MAX_FALSE_ALARMS, _explain(results)


def test_sections_b_to_d_recall_and_false_alarms(results, table):
    own = [c for c in table if c not in quality.SECTION_A]
    score = quality.total(table, own)
    assert score.must >= 100 and score.traps >= 100
    assert score.recall >= quality.MIN_RECALL, _explain(results)
    assert score.false_alarm_rate <= quality.MAX_FALSE_ALARMS, _explain(results)


def test_the_seed_exactly(results):
    seed = next(r for r in results if r.labels.name == "seed-contract-scraped.yaml")
    missing = [(lab.category, lab.clause, lab.quote) for lab, f in seed.found if f is None]
    struck = [(lab.category, lab.clause, lab.quote, sorted({f.rule for f in h})) for lab, h in seed.traps if h]
    assert missing == []
    assert struck == []
    # The checklist's list is all there: one labelled must-find per item of its seed section.
    categories = {lab.category for lab, _ in seed.found}
    assert {"foreign-text", "blank", "heading-mismatch", "jurisdiction", "ip-ownership", "truncated",
            "data-protection", "vague-deadline", "acceptance", "invoice", "suspension", "liability-cap",
            "governing-law", "force-majeure"} <= categories


# -- the matching itself, on a document small enough to check by hand --------------------------

def _finding(category: str, start: int, end: int, clause: str | None, text: str) -> Finding:
    return Finding("r", category, Severity.MEDIUM, start, end, clause, 1, text, "t", "m")


@pytest.fixture()
def small():
    return from_text("采购合同\n10.1 协商\n双方协商解决。\n10.2 仲裁\n提交仲裁。")


def test_a_quote_is_found_only_by_an_overlapping_finding_of_its_category(small):
    label = quality.Label("arbitration-invalid", "10.2", "提交仲裁")
    at = small.text.index("提交仲裁")
    assert quality._hits(_finding("arbitration-invalid", at, at + 2, "10.2", "提交"), label, small)
    assert not quality._hits(_finding("jurisdiction", at, at + 2, "10.2", "提交"), label, small)
    assert not quality._hits(_finding("arbitration-invalid", 0, 4, None, "采购合同"), label, small)


def test_a_null_quote_with_a_clause_needs_a_finding_in_that_clause(small):
    label = quality.Label("arbitration-invalid", "10", None)
    assert quality._hits(_finding("arbitration-invalid", 0, 1, "10.2", "采"), label, small)
    assert not quality._hits(_finding("arbitration-invalid", 0, 1, "1", "采"), label, small)
    assert quality._hits(_finding("arbitration-invalid", 0, 1, None, "采"), quality.Label("arbitration-invalid", None, None),
                         small)


def test_each_finding_satisfies_one_must_find_only(small):
    labels = [quality.Label("missing-clause", None, None), quality.Label("missing-clause", None, None)]
    one = [_finding("missing-clause", 0, 4, None, "采购合同")]
    assert sum(f is not None for f in quality._match(labels, one, small)) == 1
    two = one + [_finding("missing-clause", 0, 4, None, "采购合同")]
    assert sum(f is not None for f in quality._match(labels, two, small)) == 2


def test_the_report_lists_every_category_and_the_overall_row(results, table):
    text = quality.render_markdown(results, table)
    for category in table:
        assert f"| `{category}` |" in text
    assert "| **overall** |" in text


# -- clause types: the vocabulary the rules' clause_types rely on ------------------------------

def _types(text: str) -> dict[str, set[str]]:
    from reviewer.engine.run import review

    document = from_text(text)
    result = review(document, perspective="customer")
    return {n.number: set(result.clause_types.get(n.index, ())) for n in document.clauses if n.number}


def test_a_combined_heading_gets_both_types():
    types = _types("服务合同\n第十一条 法律适用与争议解决\n本合同适用中华人民共和国法律。协商不成的，向甲方所在地人民法院起诉。")
    assert {"governing-law", "dispute"} <= types["11"]


def test_untitled_clauses_are_typed_by_their_words():
    types = _types("服务合同\n第十条 其他\n1.本合同适用中华人民共和国法律。\n2.协商不成的，提交北京仲裁委员会仲裁。\n"
                   "3.本合同自双方签字盖章之日起生效。\n4.双方的通知以书面形式送达首部载明的地址。")
    assert "governing-law" in types["10.1"] and "dispute" in types["10.2"]
    assert "effective" in types["10.3"] and "notice" in types["10.4"]
    assert "dispute" not in types["10.1"] and "effective" not in types["10.4"]


def test_sub_clauses_inherit_their_chapter_heading():
    types = _types("服务合同\n第九章 不可抗力\n9.1 定义\n不可抗力包括地震、台风。\n9.2 通知\n受影响的一方应在3日内通知对方。")
    assert "force-majeure" in types["9.1"] and "force-majeure" in types["9.2"]


def test_a_mention_in_passing_does_not_type_a_clause():
    types = _types("服务合同\n第五条 甲方的权利和义务\n1.双方对知悉的商业秘密负有保密义务，该义务在本协议终止后二年内持续有效。\n"
                   "2.甲方应在本合同生效之日起5日内提供资料。")
    assert "termination" not in types["5.1"] and "confidentiality" in types["5.1"]
    assert "effective" not in types["5.2"]



def test_parties_are_detected_as_labelled(results):
    """The corpus is reviewed with the parties the tool finds itself; they must be the labelled ones."""
    assert [r.labels.name for r in results if not r.parties_ok] == []


# -- judging every finding (the real contracts' precision) -------------------------------------

def test_the_most_specific_label_judges_a_finding(small):
    at = small.text.index("提交仲裁")
    finding = _finding("arbitration-invalid", at, at + 4, "10.2", "提交仲裁")
    anywhere = quality.Label("arbitration-invalid", None, None)
    here = quality.Label("arbitration-invalid", "10.2", "提交仲裁")
    assert quality.judge(finding, [anywhere], [here], small) == "noise"
    assert quality.judge(finding, [here], [anywhere], small) == "correct"
    assert quality.judge(finding, [], [], small) == "unjudged"
    assert quality.judge(finding, [here], [here], small) == "noise"  # a contradiction is not credited


def test_a_rule_narrows_a_whole_document_judgement(small):
    finding = _finding("missing-clause", 0, 4, None, "采购合同")
    notice = quality.Label("missing-clause", None, None, rule="missing-notice-clause")
    assert quality.judge(finding, [notice], [], small) == "unjudged"
    assert quality.judge(finding, [quality.Label("missing-clause", None, None, rule="r")], [], small) == "correct"


def test_overlapping_blanks_are_shown_once(small):
    blanks = [_finding("blank", 0, 4, None, "采购合同"), _finding("blank", 2, 6, None, "合同\n1")]
    result = quality.FileResult(Path("x.yaml"), Path("x.txt"), "customer", blanks, verdicts=["noise", "correct"])
    units = quality.shown(result)
    assert len(units) == 1 and units[0].verdict == "correct"
    counts = quality.precision([result])["overall"]
    assert (counts.shown, counts.correct) == (1, 1)
