"""What every report shares: span splitting, numbering, decisions, false alarms, labels."""

from __future__ import annotations

import pytest

from reviewer.model.decisions import Decision
from reviewer.model.findings import Severity
from reviewer.i18n import set_language
from reviewer.reports import FORMATS, report_name, write_report
from reviewer.reports.common import build_report, category_label, location_label
from reviewer.reports.segments import Segment, lay_out, points, split_spans
from reviewer.errors import ReviewerError

from report_fixtures import seed_decisions, seed_result


# -- split_spans ----------------------------------------------------------------------------------

def test_crossing_spans_are_cut_into_nested_pieces():
    # 0123456789: A = [2, 6), B = [4, 8) cross; every piece is covered entirely by its spans
    segs = split_spans(10, [(2, 6), (4, 8)])
    assert [(s.start, s.end, s.active) for s in segs] == [
        (0, 2, ()), (2, 4, (0,)), (4, 6, (0, 1)), (6, 8, (1,)), (8, 10, ())]
    assert [s.opens for s in segs] == [(), (0,), (1,), (), ()]


def test_enclosing_span_is_the_outer_element_whatever_the_order_given():
    segs = split_spans(10, [(3, 5), (1, 9)])
    inner = next(s for s in segs if s.start == 3)
    assert inner.active == (1, 0)  # the long span (index 1) opens first


def test_identical_spans_and_cuts():
    segs = split_spans(6, [(1, 5), (1, 5)], cuts=[3])
    assert [(s.start, s.end, s.active) for s in segs] == [
        (0, 1, ()), (1, 3, (0, 1)), (3, 5, (0, 1)), (5, 6, ())]
    assert segs[1].opens == (0, 1) and segs[2].opens == ()


def test_empty_spans_cover_nothing_and_become_points():
    spans = [(2, 2), (0, 4), (4, 4)]
    segs = split_spans(4, spans)
    assert all(0 not in s.active and 2 not in s.active for s in segs)
    assert points(spans) == {2: [0], 4: [2]}


def test_spans_out_of_range_are_clamped():
    assert split_spans(3, [(-5, 99)]) == [Segment(0, 3, (0,), (0,))]


def test_lay_out_keeps_pieces_inside_blocks_and_pins_newline_only_spans():
    result = seed_result([])
    doc = result.document
    b0, b1 = doc.blocks[0], doc.blocks[1]
    spans = [(b0.end - 2, b1.start + 2),  # crosses the newline between the two blocks
             (b0.end, b1.start),          # only the newline: shown as a pin at b0's end
             (b1.start + 1, b1.start + 1)]
    laid = lay_out(doc, spans)
    first, second = laid[0][1], laid[1][1]
    assert first[-1] == 1  # the pin comes after the block's last piece
    pieces = [p for p in first + second if isinstance(p, Segment)]
    assert all(doc.block_at(p.start).end >= p.end for p in pieces)
    covered = "".join(doc.text[p.start:p.end] for p in pieces if 0 in p.active)
    assert covered == doc.text[spans[0][0]:spans[0][1]].replace("\n", "")
    assert 2 in second and second.index(2) == 1  # after the piece [b1.start, b1.start+1)
    # the first piece of span 0 in the second block does not "open" it again
    opened = [p for p in pieces if 0 in p.opens]
    assert len(opened) == 1 and opened[0].start == spans[0][0]


# -- building the report --------------------------------------------------------------------------

def test_items_are_numbered_in_document_order_with_their_decisions():
    result = seed_result()
    report = build_report(result, seed_decisions(result))
    assert [i.number for i in report.items] == list(range(1, len(result.findings) + 1))
    assert [i.finding for i in report.items] == sorted(result.findings, key=lambda f: f.sort_key)
    by_rule = {i.finding.rule: i for i in report.items}
    assert by_rule["acceptance-vague"].decision.status == "accepted"
    assert by_rule["acceptance-vague"].value("decision") == "接受风险"
    assert by_rule["acceptance-vague"].value("note") == "已与业务确认：可接受"
    assert by_rule["fm-definition"].decision == Decision()
    assert sum(report.counts.values()) == len(result.findings)


def test_false_alarms_are_left_out_when_asked_and_counted():
    result = seed_result()
    report = build_report(result, seed_decisions(result), include_false_alarms=False)
    assert "invoice-ordinary" not in {i.finding.rule for i in report.items}
    assert report.omitted_false_alarms == 1
    assert report.total == len(result.findings) - 1
    assert report.counts[Severity.LOW] == sum(1 for f in result.findings if f.severity is Severity.LOW) - 1


def test_locations_name_the_clause_the_whole_document_or_the_outside():
    result = seed_result()
    report = build_report(result)
    by_rule = {i.finding.rule: i for i in report.items}
    assert by_rule["heading-arbitration-court"].location == "10.2"
    assert by_rule["missing-governing-law"].location == "全文"
    assert by_rule["missing-governing-law"].whole_document
    assert by_rule["missing-governing-law"].value("text") == ""
    assert by_rule["web-chrome"].location == "合同外"


def test_labels_follow_the_language():
    result = seed_result()
    try:
        set_language("en")
        report = build_report(result, seed_decisions(result))
        item = next(i for i in report.items if i.finding.rule == "acceptance-vague")
        assert item.value("severity") == "Medium" and item.value("decision") == "Accepted risk"
        assert category_label("liability-cap") == "Liability cap"
        assert location_label(item.finding, result.document) == "6.2"
    finally:
        set_language("zh")
    assert category_label("liability-cap") == "责任限制"
    assert category_label("made-up-category") == "made-up-category"


def test_comment_text_carries_message_why_suggestion_and_decision():
    result = seed_result()
    report = build_report(result, seed_decisions(result))
    item = next(i for i in report.items if i.finding.rule == "acceptance-vague")
    assert item.comment_text().split("\n") == [
        "[中] acceptance-vague 的问题说明", "理由：acceptance-vague 的理由", "依据：acceptance-vague 的依据",
        "建议：acceptance-vague 的修改建议", "处理结果：接受风险（已与业务确认：可接受）"]
    plain = next(i for i in report.items if i.finding.rule == "fm-definition")
    assert "处理结果" not in plain.comment_text()


def test_report_names_and_unknown_formats(tmp_path):
    assert report_name("a/合同.pdf", "annotated") == "合同.annotated.docx"
    assert report_name("合同.docx", "xlsx") == "合同.xlsx"
    with pytest.raises(ReviewerError, match="pdf"):
        write_report(seed_result([]), "pdf", tmp_path / "x.pdf")
    assert set(FORMATS) == {"html", "docx", "annotated", "xlsx", "md", "json"}


def test_a_report_never_overwrites_the_contract(tmp_path):
    contract = tmp_path / "合同.txt"
    contract.write_text("第一条 甲方应付款。\n", encoding="utf-8")
    import reviewer
    from reviewer.engine.run import ReviewResult
    from datetime import date

    result = ReviewResult(reviewer.load(contract), [], "customer", [], {}, date(2026, 1, 1))
    with pytest.raises(ReviewerError):
        write_report(result, "md", contract)
    assert contract.read_text(encoding="utf-8") == "第一条 甲方应付款。\n"


def test_pages_are_named_for_a_contract_of_several_pages(samples_dir):
    from datetime import date

    import reviewer
    from reviewer.engine.run import ReviewResult
    from report_fixtures import finding

    doc = reviewer.load(samples_dir / "seed-contract-clean.pdf")
    assert doc.page_count > 1
    needle = "不可抗力包括"
    f = finding(doc, "fm", "force-majeure", Severity.MEDIUM, needle, "9.1")
    assert f.page > 1
    report = build_report(ReviewResult(doc, [f], "customer", [], {}, date(2026, 1, 1)))
    item = report.items[0]
    assert item.location == "9.1" and item.page_label == f"第 {f.page} 页"
    assert item.value("clause") == f"9.1（第 {f.page} 页）"
    single = build_report(seed_result()).items[0]
    assert single.page_label == "" and "页" not in single.value("clause")


def test_every_format_writes_a_review_without_findings(tmp_path):
    import json

    import docx
    import openpyxl

    result = seed_result([])
    paths = {fmt: write_report(result, fmt, tmp_path / f"empty.{fmt}") for fmt in FORMATS}
    assert "未发现问题。" in paths["html"].read_text(encoding="utf-8")
    assert "未发现问题。" in paths["md"].read_text(encoding="utf-8")
    assert json.loads(paths["json"].read_text(encoding="utf-8"))["documents"][0]["findings"] == []
    assert openpyxl.load_workbook(paths["xlsx"]).active.max_row == 1
    assert any(p.text == "未发现问题。" for p in docx.Document(str(paths["docx"])).paragraphs)
    annotated = docx.Document(str(paths["annotated"]))
    assert len(annotated.comments) == 0
    assert "\n".join(p.text for p in annotated.paragraphs) == result.document.text


def test_english_column_titles(tmp_path):
    import openpyxl

    try:
        set_language("en")
        path = write_report(seed_result(), "xlsx", tmp_path / "en.xlsx")
    finally:
        set_language("zh")
    ws = openpyxl.load_workbook(path).active
    assert ws.title == "Findings"
    assert [c.value for c in ws[1]][:6] == ["No.", "Severity", "Clause", "Category", "Issue", "Quoted text"]
