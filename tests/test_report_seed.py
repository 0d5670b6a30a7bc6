"""Every format on the real review of the seed: each finding present, each comment on its own words."""

from __future__ import annotations

import json

import docx
import openpyxl
import pytest

import reviewer
from reviewer.model.decisions import Decision
from reviewer.reports import FORMATS, write_report

from report_fixtures import SEED
from test_report_annotated import comment_ranges, comments
from test_report_html import ReportParser, marked_text
from test_report_json import load_schema, validate


@pytest.fixture(scope="module")
def reviewed():
    result = reviewer.review(reviewer.load(SEED))
    assert len(result.findings) > 10  # the seed has many problems; an empty review proves nothing
    first, last = result.findings[0], result.findings[-1]
    decisions = {first.fingerprint: Decision("accepted", "网页杂质，签署时用原件", ""),
                 last.fingerprint: Decision("false-alarm", "", "")}
    return result, decisions


@pytest.fixture(scope="module")
def written(reviewed, tmp_path_factory):
    result, decisions = reviewed
    folder = tmp_path_factory.mktemp("seed")
    return {fmt: write_report(result, fmt, folder / f"seed.{fmt}", decisions) for fmt in FORMATS}


def test_html(reviewed, written):
    result, _ = reviewed
    parser = ReportParser()
    parser.feed(written["html"].read_text(encoding="utf-8"))
    assert parser.errors == [] and len(parser.rows) == len(result.findings)
    assert "\n".join(parser.blocks) == result.document.text
    for n, f in enumerate(result.findings, 1):
        assert f.message in parser.rows[f"r{n}"][4]
        if f.end > f.start and not f.whole_document:
            assert marked_text(parser.marked[str(n)]) == f.text
    long_quote = next(cells[5] for cells in parser.rows.values() if len(cells[5]) > 100)
    assert long_quote.endswith("…") and len(long_quote) <= 120 + 20  # cut in the table, whole below


def test_annotated(reviewed, written):
    result, _ = reviewed
    ranges, notes = comment_ranges(written["annotated"]), comments(written["annotated"])
    assert len(notes) == len(result.findings)
    anchored = sorted(ranges[cid] for cid in notes)
    assert anchored == sorted("" if f.whole_document else f.text for f in result.findings)
    assert reviewer.load(written["annotated"]).text == result.document.text


def test_xlsx_docx_md_json(reviewed, written):
    result, decisions = reviewed
    ws = openpyxl.load_workbook(written["xlsx"]).active
    assert [ws.cell(row=r, column=5).value for r in range(2, ws.max_row + 1)] == [f.message for f in result.findings]
    assert ws.cell(row=2, column=10).value == "接受风险" and ws.cell(row=ws.max_row, column=10).value == "误报"
    table = docx.Document(str(written["docx"])).tables[1]
    assert [row.cells[4].text for row in table.rows[1:]] == [f.message for f in result.findings]
    md = written["md"].read_text(encoding="utf-8")
    assert md.count("\n| [") == len(result.findings)
    data = json.loads(written["json"].read_text(encoding="utf-8"))
    assert validate(data, load_schema()) == []
    doc = data["documents"][0]
    assert [(f["rule"], f["start"], f["end"]) for f in doc["findings"]] == [
        (f.rule, f.start, f.end) for f in result.findings]
    assert doc["findings"][0]["note"] == "网页杂质，签署时用原件"
    assert any(c["types"] for c in doc["clauses"])  # the review's clause types are carried over
