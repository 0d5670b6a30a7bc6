"""Clause alignment by content: renumbered, moved, split, merged, renamed; words diffed word by word."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewer import load
from reviewer.compare.align import align
from reviewer.compare.clauses import ClauseChanges
from reviewer.compare.units import fold, units_of
from reviewer.compare.words import diff_words

ROOT = Path(__file__).resolve().parent.parent
SEED_TEXT = (ROOT / "samples" / "seed-contract-clean.txt").read_text(encoding="utf-8")


def draft(tmp_path: Path, name: str, text: str):
    path = tmp_path / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    return load(path)


def changes(old, new) -> ClauseChanges:
    return ClauseChanges(old, new, align(units_of(old), units_of(new)))


def not_same(result: ClauseChanges) -> list[tuple]:
    return [(c.old_number, c.new_number, c.status, c.relation) for c in result if c.status != "same"]


def edited(*pairs: tuple[str, str]) -> str:
    text = SEED_TEXT
    for old, new in pairs:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    return draft(tmp_path_factory.mktemp("seed"), "seed", SEED_TEXT)


# -- units and words ---------------------------------------------------------------------------


def test_a_unit_is_its_words_without_its_number(seed):
    units = {u.number: u for u in units_of(seed)}
    assert seed.text[units["2.2"].label_end:units["2.2"].end].startswith("服务期限\n本合同项下")
    assert units["2.2"].key.startswith("服务期限本合同项下")  # whitespace folded out
    assert seed.text[units["2.2"].start:units["2.2"].label_end] == "2.2"
    # A chapter's own words stop where its first clause begins; list items stay in their clause.
    assert units["4"].key == "知识产权"
    assert units["2.1"].key.endswith("(4)其他双方协商确定的升级内容。")
    assert "2.1(1)" not in units


def test_fold_reads_kangxi_radicals_and_full_width_as_their_plain_forms():
    assert fold("甲\u2f45 ＡＢ１ 2") == "甲方AB12"


def test_a_changed_party_is_one_word_changed_not_two_characters():
    old, new = "因本合同产生的任何知识产权均归乙方所有。", "因本合同产生的任何知识产权均归甲方所有。"
    diff = diff_words(old, 0, len(old), new, 0, len(new))
    assert [(c.op, old[c.old_start:c.old_end], new[c.new_start:c.new_end]) for c in diff.changes] == [
        ("replace", "乙方", "甲方")]
    # Unchanged words carry over; the changed ones do not.
    assert diff.map_span(0, 4) == (0, 4)
    assert diff.map_span(old.index("乙方"), old.index("乙方") + 2) is None


def test_a_filled_blank_and_a_new_amount_are_whole_words():
    old, new = "人民币____元(大写:____元整)", "人民币100,000元(大写:壹拾万元整)"
    diff = diff_words(old, 0, len(old), new, 0, len(new))
    got = [(old[c.old_start:c.old_end], new[c.new_start:c.new_end]) for c in diff.changes]
    assert got[0] == ("____", "100,000")
    assert len(got) == 2


def test_word_offsets_index_the_whole_documents():
    old, new = "甲:为期____年。", "乙乙:为期两年。"
    diff = diff_words(old, 2, len(old), new, 3, len(new))
    (change,) = diff.changes
    assert new[change.new_start:change.new_end] == "两年"
    assert old[change.old_start:change.old_end] == "____年"


# -- alignment ---------------------------------------------------------------------------------


def test_identical_drafts_are_all_same(seed):
    result = changes(seed, seed)
    assert not_same(result) == []
    assert len(result) == len(units_of(seed))


def test_a_clause_inserted_renumbers_the_rest_of_its_chapter_which_stays_same(tmp_path, seed):
    new = draft(tmp_path, "new", edited(("3.1服务费用", "3.1预付款\n\n甲方无须预付任何款项。\n\n3.2服务费用"),
                                        ("3.2付款方式", "3.3付款方式"), ("3.3增值税发票", "3.4增值税发票")))
    result = changes(seed, new)
    assert not_same(result) == [(None, "3.1", "added", None)]
    pairs = {(c.old_number, c.new_number) for c in result}
    assert {("3.1", "3.2"), ("3.2", "3.3"), ("3.3", "3.4")} <= pairs


def test_a_clause_moved_to_another_chapter_is_moved(tmp_path, seed):
    clause = "5.2保密期限\n\n本合同项下的保密义务自双方签订之日起算,至合同终止或履行完毕后____年止。\n\n"
    new = draft(tmp_path, "new", edited((clause, ""), ("(4)法律法规规定的其他终止情形。\n\n",
                                                       "(4)法律法规规定的其他终止情形。\n\n" + clause.replace("5.2", "11.3"))))
    result = changes(seed, new)
    assert not_same(result) == [("5.2", "11.3", "moved", None)]
    (moved,) = [c for c in result if c.status == "moved"]
    assert moved.in_place is False


def test_a_clause_that_crosses_a_chapter_boundary_is_moved(tmp_path, seed):
    # 4.2 now stands after the heading of chapter 5: the same order of words, another chapter.
    new = draft(tmp_path, "new", edited(
        ("4.2知识产权归属\n\n除非双方另有约定,因本合同产生的任何知识产权均归乙方所有。\n\n第五章:保密条款\n\n",
         "第五章:保密条款\n\n5.0知识产权归属\n\n除非双方另有约定,因本合同产生的任何知识产权均归乙方所有。\n\n")))
    result = changes(seed, new)
    assert ("4.2", "5.0", "moved", None) in not_same(result)
    assert ("5", "5", "same") in [(c.old_number, c.new_number, c.status) for c in result]


def test_two_clauses_swapped_one_is_moved(tmp_path, seed):
    one = "1.1定义"
    block_1 = SEED_TEXT[SEED_TEXT.index(one):SEED_TEXT.index("1.2解释")]
    block_2 = SEED_TEXT[SEED_TEXT.index("1.2解释"):SEED_TEXT.index("第二章")]
    new = draft(tmp_path, "new", edited((block_1 + block_2, block_2.replace("1.2", "1.1") + block_1.replace("1.1", "1.2"))))
    moved = [row for row in not_same(changes(seed, new))]
    assert len(moved) == 1 and moved[0][2] == "moved"
    assert moved[0][:2] in (("1.1", "1.2"), ("1.2", "1.1"))


def test_a_split_clause_pairs_with_both_pieces(tmp_path, seed):
    new = draft(tmp_path, "new", edited(("甲方有权要求乙方在指定期限内进行整改。若乙方",
                                         "甲方有权要求乙方在指定期限内进行整改。\n\n6.4整改不合格\n\n若乙方")))
    assert not_same(changes(seed, new)) == [("6.3", "6.3", "changed", "split"), ("6.3", "6.4", "changed", "split")]


def test_merged_clauses_pair_with_the_one_they_became(tmp_path, seed):
    new = draft(tmp_path, "new", edited(("客观情况。\n\n9.2不可抗力影响\n\n由于", "客观情况。由于")))
    result = changes(seed, new)
    assert not_same(result) == [("9.1", "9.1", "changed", "merged"), ("9.2", "9.1", "changed", "merged")]
    (diff,) = {id(c.diff): c.diff for c in result if c.relation}.values()
    assert [seed.text[c.old_start:c.old_end] for c in diff.changes] == ["9.2不可抗力影响"]


def test_a_renamed_chapter_is_changed_even_when_its_heading_shares_little(tmp_path, seed):
    new = draft(tmp_path, "new", edited(("第五章:保密条款", "第五章:商业秘密"), ("第二章:服务内容", "第二章:服务范围")))
    assert not_same(changes(seed, new)) == [("2", "2", "changed", None), ("5", "5", "changed", None)]


def test_a_clause_replaced_by_an_unrelated_one_is_removed_and_added(tmp_path, seed):
    new = draft(tmp_path, "new", edited(
        ("乙方应定期对智能客服系统进行维护,保证系统稳定运行。如发生重大故障,乙方应在接到甲方通知后立即采取措施予以解决。",
         "乙方可将本合同项下的全部工作转包给第三方。")))
    assert not_same(changes(seed, new)) == [("7.2", None, "removed", None), (None, "7.2", "added", None)]


def test_mirrored_clauses_far_apart_are_not_paired(tmp_path):
    # The two late-payment clauses of samples/software-development-contract.txt score 66: without
    # neighbours to vouch for them, the one removed here and the one added there stay apart.
    old = draft(tmp_path, "old", "合同\n第一条 乙方未按本合同约定期限交付的，每逾期一日，应按合同总价款的万分之五向"
                                 "甲方支付违约金，但违约金总额不超过合同总价款的5%。\n第二条 保密。\n第三条 适用中国法律。\n")
    new = draft(tmp_path, "new", "合同\n第一条 保密。\n第二条 适用中国法律。\n第三条 甲方未按本合同约定期限付款的，"
                                 "每逾期一日，应按逾期付款金额的千分之五向乙方支付违约金。\n")
    rows = not_same(changes(old, new))
    assert ("1", None, "removed", None) in rows and (None, "3", "added", None) in rows


def test_a_pdf_and_a_docx_of_the_same_contract_are_the_same():
    pdf = load(ROOT / "samples" / "seed-contract-clean.pdf")
    docx = load(ROOT / "samples" / "seed-contract-clean.docx")
    assert not_same(changes(pdf, docx)) == []


def test_offsets_of_unchanged_words_carry_over_a_renumbering(tmp_path, seed):
    new = draft(tmp_path, "new", edited(("2.2服务期限", "2.2服务地点\n\n乙方在甲方处服务。\n\n2.3服务期限")))
    result = changes(seed, new)
    start = seed.text.index("为期____年")
    mapped = result.map_span(start, start + 6)
    assert mapped is not None and new.text[mapped[0]:mapped[1]] == "为期____"


# -- the redline -------------------------------------------------------------------------------


def _accept_reject(paragraphs) -> tuple[str, str]:
    accepted, rejected = [], []
    for p in paragraphs:
        accepted.append("".join(t for op, t in p.chunks if op != "delete") + ("" if p.mark == "delete" else "\n"))
        rejected.append("".join(t for op, t in p.chunks if op != "insert") + ("" if p.mark == "insert" else "\n"))
    return "".join(accepted)[:-1], "".join(rejected)[:-1]


@pytest.mark.parametrize("pairs", [
    [("5.2保密期限\n\n本合同项下的保密义务自双方签订之日起算,至合同终止或履行完毕后____年止。\n\n", ""),
     ("(4)法律法规规定的其他终止情形。\n\n", "(4)法律法规规定的其他终止情形。\n\n11.3保密期限\n\n本合同项下的保密义务自双方签订之日起算,"
                                    "至合同终止或履行完毕后____年止。\n\n")],
    [("进行整改。若乙方", "进行整改。\n\n6.4整改不合格\n\n若乙方"), ("客观情况。\n\n9.2不可抗力影响\n\n由于", "客观情况。由于")],
    [("电商平台智能客服系统升级合同\n", ""), ("12.2送达\n\n双方确认以下地址为有效", "12.2送达\n\n双方确认以下地址为有效。\n\n12.3附则")],
], ids=["moved", "split-merged", "first-and-last"])
def test_the_redline_accepted_is_the_new_draft_and_rejected_the_old(tmp_path, seed, pairs):
    from reviewer import review
    from reviewer.compare import compare
    from reviewer.compare.stream import redline

    new = draft(tmp_path, "new", edited(*pairs))
    comparison = compare(review(seed), review(new))
    assert _accept_reject(redline(comparison)) == (new.text, seed.text)


def test_a_long_stretch_without_anchors_is_cut_at_clear_matches(tmp_path, seed, monkeypatch):
    # The parties renamed everywhere: no clause that mentions them is identical any more. With a
    # tiny budget the stretch between anchors is cut at clear one-to-one matches first (the path
    # a 100-page contract takes); every clause must still pair with itself, in place.
    import sys

    module = sys.modules["reviewer.compare.align"]  # the package's ``align`` is the function
    monkeypatch.setattr(module, "_CUT_ABOVE", 4)
    new = draft(tmp_path, "new", SEED_TEXT.replace("甲方", "客户").replace("乙方", "供应商"))
    result = changes(seed, new)
    assert {c.status for c in result} == {"same", "changed"}
    assert all(c.old_number == c.new_number and c.in_place for c in result)
