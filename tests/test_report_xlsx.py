"""The XLSX issue tracker, read back with openpyxl."""

from __future__ import annotations

import openpyxl
import pytest

from reviewer.model.findings import Severity
from reviewer.reports import write_report
from reviewer.reports.common import SEVERITY_COLOURS

from report_fixtures import finding, seed_decisions, seed_result

HEADER = ["序号", "严重程度", "条款", "类别", "问题", "原文", "理由", "依据", "修改建议", "处理结果", "备注", "规则"]


@pytest.fixture(scope="module")
def result():
    return seed_result()


def open_sheet(result, tmp_path, **kwargs):
    path = write_report(result, "xlsx", tmp_path / "seed.xlsx", **kwargs)
    wb = openpyxl.load_workbook(path)
    return wb, wb.worksheets[0]


def test_header_frozen_filtered_and_one_row_per_finding(result, tmp_path):
    wb, ws = open_sheet(result, tmp_path, decisions=seed_decisions(result))
    assert ws.title == "问题清单"
    assert [c.value for c in ws[1]] == HEADER
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:L{len(result.findings) + 1}"
    assert ws.max_row == len(result.findings) + 1
    assert all(ws.column_dimensions[c].width >= 6 for c in "ABCDEFGHIJKL")
    assert ws.column_dimensions["E"].width >= 30  # the message column is wide enough to read
    assert ws.cell(row=2, column=5).alignment.wrap_text


def test_rows_match_the_findings(result, tmp_path):
    _, ws = open_sheet(result, tmp_path, decisions=seed_decisions(result))
    findings = sorted(result.findings, key=lambda f: f.sort_key)
    for r, f in enumerate(findings, 2):
        row = {HEADER[i]: (c.value if c.value is not None else "") for i, c in enumerate(ws[r])}
        assert row["序号"] == r - 1
        assert row["严重程度"] == f.severity.label_zh
        assert row["问题"] == f.message and row["理由"] == f.why and row["依据"] == f.basis
        assert row["修改建议"] == f.suggestion and row["规则"] == f.rule
        whole = f.start == 0 and f.end == len(result.document.text)
        assert row["原文"] == ("" if whole else f.text)
        assert row["条款"] == (f.clause or ("全文" if whole else row["条款"]))
        fill, font = SEVERITY_COLOURS[f.severity]
        cell = ws.cell(row=r, column=2)
        assert cell.fill.fgColor.rgb.endswith(fill) and cell.font.color.rgb.endswith(font)


def test_decisions_and_notes_are_columns(result, tmp_path):
    _, ws = open_sheet(result, tmp_path, decisions=seed_decisions(result))
    by_rule = {row[11].value: row for row in ws.iter_rows(min_row=2)}
    assert (by_rule["acceptance-vague"][9].value, by_rule["acceptance-vague"][10].value) == (
        "接受风险", "已与业务确认：可接受")
    assert by_rule["invoice-ordinary"][9].value == "误报"
    assert by_rule["fm-definition"][9].value == "待处理" and by_rule["fm-definition"][10].value is None
    validations = ws.data_validations.dataValidation
    assert any('"待处理,接受风险,已修改,误报"' == v.formula1 and "J2" in str(v.sqref) for v in validations)


def test_false_alarms_left_out(result, tmp_path):
    _, ws = open_sheet(result, tmp_path, decisions=seed_decisions(result), include_false_alarms=False)
    assert ws.max_row == len(result.findings)
    assert "invoice-ordinary" not in {row[11].value for row in ws.iter_rows(min_row=2)}


def test_summary_sheet(result, tmp_path):
    wb, _ = open_sheet(result, tmp_path)
    ws = wb["概要"]
    values = {row[0].value: row[1].value for row in ws.iter_rows() if row[0].value}
    assert values["合同"] == "电商平台智能客服系统升级合同"
    assert values["规则包版本"] == "builtin 2026.1"
    assert values["高"] == sum(1 for f in result.findings if f.severity is Severity.HIGH)
    assert values["合计"] == len(result.findings)


def test_text_that_looks_like_a_formula_stays_text(result, tmp_path):
    doc = result.document
    odd = finding(doc, "odd", "blank", Severity.LOW, "合同编号", None,
                  message="=HYPERLINK(\"http://x\")\x07")
    custom = seed_result([odd])
    _, ws = open_sheet(custom, tmp_path)
    cell = ws.cell(row=2, column=5)
    assert cell.data_type == "s" and cell.value == '=HYPERLINK("http://x")'
