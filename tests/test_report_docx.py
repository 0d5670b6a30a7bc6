"""The Word report, read back with python-docx (and its XML where python-docx has no API)."""

from __future__ import annotations

import zipfile

import docx
import pytest
from docx.oxml.ns import qn
from lxml import etree

from reviewer.reports import write_report
from reviewer.reports.common import SEVERITY_COLOURS

from report_fixtures import seed_decisions, seed_result

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def result():
    return seed_result()


@pytest.fixture(scope="module")
def report_path(result, tmp_path_factory):
    return write_report(result, "docx", tmp_path_factory.mktemp("docx") / "seed.docx", seed_decisions(result))


def bookmarked(path) -> dict[str, str]:
    """Bookmark name → the text it encloses (paragraph ends as newlines)."""
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    names, open_, done = {}, {}, {}
    for event, el in etree.iterwalk(root, events=("start", "end")):
        if event == "start" and el.tag == W + "bookmarkStart":
            names[el.get(W + "id")] = el.get(W + "name")
            open_[el.get(W + "id")] = ""
        elif event == "start" and el.tag == W + "bookmarkEnd":
            done[names[el.get(W + "id")]] = open_.pop(el.get(W + "id"))
        elif event == "start" and el.tag == W + "t":
            for k in open_:
                open_[k] += el.text or ""
        elif event == "end" and el.tag == W + "p":
            for k in open_:
                open_[k] += "\n"
    return done


def test_word_styles_title_and_headings(report_path, result):
    d = docx.Document(str(report_path))
    assert d.paragraphs[0].style.name == "Title" and d.paragraphs[0].text == "合同审查报告"
    h1 = [p.text for p in d.paragraphs if p.style.name == "Heading 1"]
    assert h1 == ["问题统计", "问题清单", "问题详情", "合同全文"]
    h2 = [p.text for p in d.paragraphs if p.style.name == "Heading 2"]
    assert len(h2) == len(result.findings)
    assert h2[0].startswith("1. ")
    header = "\n".join(p.text for p in d.paragraphs[:12])
    for expected in ("电商平台智能客服系统升级合同", "我方：甲方", "2026-03-02", "builtin 2026.1"):
        assert expected in header


def test_chinese_fonts_are_named_for_east_asian_text(report_path):
    d = docx.Document(str(report_path))
    for name, font in (("Normal", "宋体"), ("Title", "黑体"), ("Heading 1", "黑体"), ("Heading 2", "黑体")):
        fonts = d.styles[name].element.rPr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:eastAsia")) == font
        assert fonts.get(qn("w:eastAsiaTheme")) is None
    # No style is left to the theme's East Asian font, which Word resolves by its own language settings.
    assert all(f.get(qn("w:eastAsiaTheme")) is None for f in d.styles.element.iter(qn("w:rFonts")))
    assert round(d.sections[0].page_width.cm, 1) == 21.0  # A4, not the template's Letter


def test_findings_table_has_a_repeated_header_and_a_row_per_finding(report_path, result):
    d = docx.Document(str(report_path))
    table = d.tables[1]
    header = table.rows[0]
    assert [c.text for c in header.cells] == ["序号", "严重程度", "条款", "类别", "问题", "处理结果"]
    assert header._tr.trPr.find(qn("w:tblHeader")) is not None
    findings = sorted(result.findings, key=lambda f: f.sort_key)
    assert len(table.rows) == len(findings) + 1
    for row, f in zip(table.rows[1:], findings):
        cells = [c.text for c in row.cells]
        assert cells[1] == f.severity.label_zh and cells[4] == f.message
        fill = row.cells[1]._tc.tcPr.find(qn("w:shd")).get(qn("w:fill"))
        assert fill == SEVERITY_COLOURS[f.severity][0]
    by_message = {row.cells[4].text: row.cells[5].text for row in table.rows[1:]}
    assert by_message["acceptance-vague 的问题说明"] == "接受风险\n已与业务确认：可接受"
    assert by_message["invoice-ordinary 的问题说明"] == "误报\n我方为小规模纳税人"
    counts = d.tables[0]
    assert [c.text for c in counts.rows[1].cells][-1] == str(len(findings))


def test_details_carry_quote_why_basis_suggestion(report_path, result):
    d = docx.Document(str(report_path))
    text = "\n".join(p.text for p in d.paragraphs)
    for f in result.findings:
        assert f"理由：{f.why}" in text
        assert f"修改建议：{f.suggestion}" in text
        if f.basis:
            assert f"依据：{f.basis}" in text


def test_every_finding_is_bookmarked_on_its_words_and_linked(report_path, result):
    marks = bookmarked(report_path)
    findings = sorted(result.findings, key=lambda f: f.sort_key)
    with zipfile.ZipFile(report_path) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    anchors = {el.get(W + "anchor") for el in root.iter(W + "hyperlink")}
    for n, f in enumerate(findings, 1):
        assert f"d{n}" in marks and f"d{n}" in anchors  # table row → details
        whole = f.clause is None and f.end - f.start == len(result.document.text)
        if whole:
            assert f"f{n}" not in marks
            continue
        assert marks[f"f{n}"] == f.text, f.rule
        if f.text:
            assert f"f{n}" in anchors  # details quote → highlighted words


def test_contract_text_is_all_there(report_path, result):
    d = docx.Document(str(report_path))
    paragraphs = [p.text for p in d.paragraphs]
    start = paragraphs.index("合同全文") + 1
    assert "\n".join(paragraphs[start:]) == result.document.text


def test_false_alarms_left_out(result, tmp_path):
    path = write_report(result, "docx", tmp_path / "r.docx", seed_decisions(result), include_false_alarms=False)
    d = docx.Document(str(path))
    assert len(d.tables[1].rows) == len(result.findings)
    assert "invoice-ordinary 的问题说明" not in [row.cells[4].text for row in d.tables[1].rows]
    assert any("1 项已标记为误报" in p.text for p in d.paragraphs[:12])
