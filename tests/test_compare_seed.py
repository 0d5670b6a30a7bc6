"""The seed and its draft 2: every clause paired right, the risk delta, decisions carried forward.

samples/seed-contract-draft2.txt is the seed with: 2.2 服务地点 inserted (2.2 服务期限 becomes 2.3,
its blank filled: 为期两年), 4.2 turned round (知识产权均归甲方所有), 7.2 维护服务 removed, and a
one-sided 8.3 费用调整 added. The DOCX files are built from the text by scripts/make_samples.py.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reviewer import load, review
from reviewer.compare import compare
from reviewer.compare.carry import save_carried
from reviewer.model.decisions import DecisionStore

SAMPLES = Path(__file__).resolve().parent.parent / "samples"

EXPECTED_CLAUSES = [
    ("title", "title", "same"), ("preamble", "preamble", "same"),
    ("1", "1", "same"), ("1.1", "1.1", "same"), ("1.2", "1.2", "same"),
    ("2", "2", "same"), ("2.1", "2.1", "same"), (None, "2.2", "added"), ("2.2", "2.3", "changed"),
    ("3", "3", "same"), ("3.1", "3.1", "same"), ("3.2", "3.2", "same"), ("3.3", "3.3", "same"),
    ("4", "4", "same"), ("4.1", "4.1", "same"), ("4.2", "4.2", "changed"),
    ("5", "5", "same"), ("5.1", "5.1", "same"), ("5.2", "5.2", "same"),
    ("6", "6", "same"), ("6.1", "6.1", "same"), ("6.2", "6.2", "same"), ("6.3", "6.3", "same"),
    ("7", "7", "same"), ("7.1", "7.1", "same"), ("7.2", None, "removed"),
    ("8", "8", "same"), ("8.1", "8.1", "same"), ("8.2", "8.2", "same"), (None, "8.3", "added"),
    ("9", "9", "same"), ("9.1", "9.1", "same"), ("9.2", "9.2", "same"),
    ("10", "10", "same"), ("10.1", "10.1", "same"), ("10.2", "10.2", "same"),
    ("11", "11", "same"), ("11.1", "11.1", "same"), ("11.2", "11.2", "same"),
    ("12", "12", "same"), ("12.1", "12.1", "same"), ("12.2", "12.2", "same"),
]

RESOLVED = [("2.2", "blank-placeholder", "____"),
            ("4.2", "ip-deliverables-vest-in-vendor", "因本合同产生的任何知识产权均归乙方所有"),
            ("7.2", "vague-deadline-service-duty", "立即")]
NEW = [("8.3", "unilateral-change-by-them")]


def compared(old_name: str, new_name: str, **stores):
    old = review(load(SAMPLES / old_name))
    new = review(load(SAMPLES / new_name))
    return compare(old, new, **stores)


@pytest.fixture(scope="module", params=[("seed-contract-clean.txt", "seed-contract-draft2.txt"),
                                        ("seed-contract-clean.docx", "seed-contract-draft2.docx"),
                                        ("seed-contract-clean.pdf", "seed-contract-draft2.docx")],
                ids=["txt", "docx", "pdf-to-docx"])
def comparison(request):
    return compared(*request.param)


def test_every_clause_is_paired_right(comparison):
    assert [(c.old_number, c.new_number, c.status) for c in comparison.clauses] == EXPECTED_CLAUSES


def test_the_changed_clauses_show_their_words(comparison):
    old, new = comparison.old_document.text, comparison.new_document.text
    words = {c.new_number: [(old[w.old_start:w.old_end], new[w.new_start:w.new_end]) for w in c.diff.changes]
             for c in comparison.clauses if c.status == "changed"}
    assert words["4.2"] == [("乙方", "甲方")]
    assert words["2.3"] == [("____年", "两年")]


def test_findings_of_changed_and_removed_clauses_are_resolved_the_new_clause_new_the_rest_open(comparison):
    resolved = [(c.old.clause, c.old.rule, c.old.text) for c in comparison.findings if c.status == "resolved"]
    new = [(c.new.clause, c.new.rule) for c in comparison.findings if c.status == "new"]
    assert resolved == RESOLVED
    assert new == NEW
    opened = [c for c in comparison.findings if c.status == "open"]
    assert len(opened) == len(comparison.old.findings) - len(RESOLVED) == len(comparison.new.findings) - len(NEW)
    for change in opened:
        assert change.old.rule == change.new.rule and change.old.text == change.new.text
        assert change.old.clause == change.new.clause  # nothing with a finding was renumbered here


def test_an_open_finding_follows_its_clause_to_its_new_number(tmp_path):
    # The blank of 2.2 stays unfilled in this draft: the finding is open at 2.3.
    text = (SAMPLES / "seed-contract-draft2.txt").read_text(encoding="utf-8").replace("为期两年", "为期____年")
    (tmp_path / "d2.txt").write_text(text, encoding="utf-8")
    result = compare(review(load(SAMPLES / "seed-contract-clean.txt")), review(load(tmp_path / "d2.txt")))
    (blank,) = [c for c in result.findings if c.old is not None and c.old.clause == "2.2"]
    assert (blank.status, blank.new.clause, blank.new.text) == ("open", "2.3", "____")


@pytest.fixture()
def drafts(tmp_path):
    for name in ("seed-contract-clean.txt", "seed-contract-draft2.txt"):
        shutil.copy(SAMPLES / name, tmp_path / name)
    return tmp_path / "seed-contract-clean.txt", tmp_path / "seed-contract-draft2.txt"


def test_decisions_on_open_findings_carry_forward_and_words_changed_ask_again(drafts, tmp_path):
    old_path, new_path = drafts
    old = review(load(old_path))
    store = DecisionStore.for_contract(old_path)
    by_rule = {f.rule: f for f in old.findings}
    store.set(by_rule["invoice-ordinary-vat-only"], "accepted", "普票可以接受")
    store.set(by_rule["ip-deliverables-vest-in-vendor"], "fixed", "已要求改为甲方")
    new_store = DecisionStore.for_contract(new_path)
    result = compare(old, review(load(new_path)), old_decisions=store, new_decisions=new_store)
    shown = {(c.status, c.finding.rule): d for c, d in zip(result.findings, result.decisions)}
    invoice = shown["open", "invoice-ordinary-vat-only"]
    assert (invoice.status, invoice.note, invoice.origin) == ("accepted", "普票可以接受", "carried")
    assert shown["resolved", "ip-deliverables-vest-in-vendor"].status == "fixed"
    assert shown["open", "blank-placeholder"].origin == ""
    assert result.carried_count() == 1
    # The new draft's own decision wins over the carried one.
    new_finding = next(c.new for c in result.findings if c.new and c.new.rule == "invoice-ordinary-vat-only")
    new_store.set(new_finding, "open", "再谈")
    again = compare(old, review(load(new_path)), old_decisions=store, new_decisions=new_store)
    mine = next(d for c, d in zip(again.findings, again.decisions) if c.finding.rule == "invoice-ordinary-vat-only")
    assert (mine.status, mine.note, mine.origin) == ("open", "再谈", "own")


def test_a_finding_whose_words_changed_asks_again_showing_the_earlier_decision(tmp_path):
    old_path, new_path = tmp_path / "a.txt", tmp_path / "b.txt"
    text = (SAMPLES / "seed-contract-clean.txt").read_text(encoding="utf-8")
    old_path.write_text(text.replace("乙方应在接到", "乙方应在收到"), encoding="utf-8")
    # 4.2 still gives the vendor the IP, in other words: the finding is new and asks again.
    new_path.write_text(text.replace("任何知识产权均归乙方所有", "全部知识产权均归乙方所有"), encoding="utf-8")
    old = review(load(old_path))
    store = DecisionStore.for_contract(old_path)
    store.set(next(f for f in old.findings if f.rule == "ip-deliverables-vest-in-vendor"), "accepted", "")
    # The words of the "立即" finding are unchanged though its sentence changed: still open, carried.
    store.set(next(f for f in old.findings if f.rule == "vague-deadline-service-duty"), "accepted", "")
    result = compare(old, review(load(new_path)), old_decisions=store)
    rows = {c.finding.rule: (c.status, d.origin, d.earlier.status if d.earlier else None)
            for c, d in zip(result.findings, result.decisions) if c.status != "resolved"}
    assert rows["ip-deliverables-vest-in-vendor"] == ("new", "", "accepted")
    assert rows["vague-deadline-service-duty"] == ("open", "carried", None)


def test_carried_decisions_can_be_saved_beside_the_new_draft(drafts):
    old_path, new_path = drafts
    old = review(load(old_path))
    store = DecisionStore.for_contract(old_path)
    store.set(next(f for f in old.findings if f.rule == "suspension-unilateral"), "accepted", "可接受")
    new_store = DecisionStore.for_contract(new_path)
    result = compare(old, review(load(new_path)), old_decisions=store, new_decisions=new_store)
    assert save_carried(result.findings, result.decisions, new_store) == 1
    reopened = DecisionStore.for_contract(new_path)
    finding = next(f for f in result.new.findings if f.rule == "suspension-unilateral")
    assert reopened.get(finding).status == "accepted"


def test_against_the_template_no_decision_is_carried(drafts):
    old_path, new_path = drafts
    old = review(load(old_path))
    store = DecisionStore.for_contract(old_path)
    store.set(next(f for f in old.findings if f.rule == "suspension-unilateral"), "accepted", "")
    result = compare(old, review(load(new_path)), old_decisions=store, template=True)
    assert result.carried_count() == 0
