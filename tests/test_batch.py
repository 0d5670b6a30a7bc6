"""Many contracts at once: one report each, a summary in XLSX and HTML, failures listed, all cores used."""

from __future__ import annotations

import io
import shutil
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pytest

import reviewer
from reviewer.commands.batch import ProgressBar, collect_inputs, output_names, run_batch
from reviewer.engine.rulepack import RuleSet

SEED = Path(__file__).resolve().parent.parent / "samples" / "seed-contract-scraped.txt"

RULES = """\
pack: batch-test
version: "7"
rules:
  - id: test-immediately
    type: pattern
    title: 期限不明
    category: vague-deadline
    severity: medium
    message: "{clause} 要求“立即”处理，没有可衡量的期限。"
    suggestion: 改为“在接到通知后 2 小时内响应、24 小时内修复”。
    scope: clause
    any: ['立即']
    per: match
    examples:
      fire: ['乙方应立即采取措施。']
      no_fire: ['乙方应在 2 小时内采取措施。']
  - id: test-ordinary-invoice
    type: pattern
    title: 普通发票
    category: invoice
    severity: low
    message: 只约定了增值税普通发票。
    scope: clause
    any: ['增值税普通发票']
    per: match
    examples:
      fire: ['乙方提供增值税普通发票。']
      no_fire: ['乙方提供增值税专用发票。']
  - id: test-court
    type: pattern
    title: 法院
    category: jurisdiction
    severity: high
    message: 争议由法院解决，地点未定。
    scope: clause
    any: ['人民法院']
    per: match
    examples:
      fire: ['向合同签订地人民法院起诉。']
      no_fire: ['提交仲裁委员会仲裁。']
"""

SMALL = """\
技术服务合同
甲方：某某贸易有限公司
乙方：某某信息技术有限公司
第一条 服务内容
1.1 乙方为甲方提供系统运维服务。
1.2 系统发生故障时，乙方应立即处理。
第二条 争议解决
2.1 争议提交甲方所在地人民法院诉讼解决。
"""


@pytest.fixture(scope="module")
def ruleset(tmp_path_factory) -> RuleSet:
    path = tmp_path_factory.mktemp("rules") / "batch-test.yaml"
    path.write_text(RULES, encoding="utf-8")
    return RuleSet.from_files([path])


@pytest.fixture()
def inbox(tmp_path) -> Path:
    folder = tmp_path / "in"
    (folder / "more").mkdir(parents=True)
    shutil.copy(SEED, folder / "seed.txt")
    shutil.copy(SEED, folder / "more" / "seed.txt")  # the same name twice: reports must not collide
    (folder / "more" / "运维合同.txt").write_text(SMALL, encoding="utf-8")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7\nthis is not really a PDF")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "notes.csv").write_text("not a contract", encoding="utf-8")
    (folder / "~$seed.docx").write_bytes(b"word lock file")
    (folder / "README.md").write_text("# 合同文件夹说明", encoding="utf-8")
    return folder


def direct(path: Path, ruleset: RuleSet):
    return reviewer.review(reviewer.load(path), rules=ruleset)


def test_inputs_are_found_named_and_never_overwritten(inbox, tmp_path):
    found = collect_inputs([inbox, inbox / "seed.txt"])
    names = [p.relative_to(inbox).as_posix() for p in found]
    assert names == ["broken.pdf", "empty.txt", "more/seed.txt", "more/运维合同.txt", "seed.txt"]
    outs = output_names(found, tmp_path / "out", "annotated")
    assert [p.name for p in outs] == ["broken.annotated.docx", "empty.annotated.docx", "seed.annotated.docx",
                                      "运维合同.annotated.docx", "seed-txt.annotated.docx"]
    three = output_names([inbox / "a" / "合同.docx", inbox / "合同.pdf", inbox / "b" / "合同.docx"], tmp_path, "md")
    assert [p.name for p in three] == ["合同.md", "合同-pdf.md", "合同-docx.md"]
    # writing into the contracts' own folder never targets a contract
    src = inbox / "more" / "运维合同.txt"
    clash = output_names([src], inbox / "more", "docx")
    assert clash == [inbox / "more" / "运维合同.docx"]
    docx_src = inbox / "合同.docx"
    docx_src.write_bytes(b"x")
    assert output_names([docx_src], inbox, "docx") == [inbox / "合同-docx.docx"]


def test_batch_writes_a_report_per_contract_and_a_summary(inbox, tmp_path, ruleset):
    calls = []
    out = tmp_path / "out"
    summary = run_batch([inbox], out, "html", ruleset=ruleset, jobs=2,
                        progress=lambda done, total, path: calls.append((done, total, Path(path).name)))
    assert [c[0] for c in calls] == [1, 2, 3, 4, 5] and {c[1] for c in calls} == {5}
    assert sorted(c[2] for c in calls) == sorted(["broken.pdf", "empty.txt", "seed.txt", "运维合同.txt", "seed.txt"])
    rows = {r.path.relative_to(inbox).as_posix(): r for r in summary.rows}
    assert sorted(p.name for p in out.iterdir()) == sorted(
        ["seed.html", "seed-txt.html", "运维合同.html", "summary.html", "summary.xlsx"])
    for name in ("broken.pdf", "empty.txt"):
        assert not rows[name].ok and rows[name].report is None and rows[name].error
    assert "PDF" in rows["broken.pdf"].error or "损坏" in rows["broken.pdf"].error
    for name in ("seed.txt", "more/seed.txt", "more/运维合同.txt"):
        row, expected = rows[name], direct(inbox / name, ruleset)
        assert row.ok and row.report.exists()
        assert row.counts == expected.counts() and row.pages == expected.document.page_count
        ranked = sorted(expected.findings, key=lambda f: (f.severity.rank, f.sort_key))[:3]
        assert [t.message for t in row.top] == [f.message for f in ranked]
    assert rows["more/运维合同.txt"].counts == {"high": 1, "medium": 1, "low": 0, "info": 0}
    assert rows["seed.txt"].counts["medium"] >= 2 and rows["seed.txt"].counts["low"] == 1
    assert summary.summary_xlsx == out / "summary.xlsx" and summary.summary_html == out / "summary.html"
    assert len(summary.failed) == 2 and len(summary.succeeded) == 3


def test_summary_xlsx_has_one_row_per_contract(inbox, tmp_path, ruleset):
    out = tmp_path / "out"
    summary = run_batch([inbox], out, "md", ruleset=ruleset, jobs=2)
    ws = openpyxl.load_workbook(out / "summary.xlsx").active
    header = [c.value for c in ws[1]]
    assert header == ["文件", "页数", "高", "中", "低", "提示", "合计", "主要问题", "报告", "错误"]
    assert ws.freeze_panes == "A2" and ws.max_row == len(summary.rows) + 1
    for r, row in enumerate(summary.rows, 2):
        values = [c.value for c in ws[r]]
        assert values[0] == str(row.path)
        if row.ok:
            assert values[2:7] == [row.counts["high"], row.counts["medium"], row.counts["low"], row.counts["info"],
                                   row.total]
            assert values[8] == row.report.name and ws.cell(row=r, column=9).hyperlink.target == row.report.name
            assert (values[7] or "").count("\n") == max(0, len(row.top) - 1)
        else:
            assert values[9] == row.error and values[2] is None


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs, self.text = [], []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs.append(dict(attrs)["href"])

    def handle_data(self, data):
        self.text.append(data)


def test_summary_html_links_every_report_and_lists_errors(inbox, tmp_path, ruleset):
    out = tmp_path / "out"
    summary = run_batch([inbox], out, "annotated", ruleset=ruleset, jobs=1)
    parser = _Links()
    parser.feed((out / "summary.html").read_text(encoding="utf-8"))
    from urllib.parse import unquote

    assert sorted(unquote(h) for h in parser.hrefs) == sorted(r.report.name for r in summary.succeeded)
    assert all((out / unquote(h)).exists() for h in parser.hrefs)
    text = "".join(parser.text)
    for row in summary.failed:
        assert row.error.split("\n")[0] in text
    assert "共 5 份合同，成功 3 份，失败 2 份" in text
    assert sorted(p.name for p in out.glob("*.annotated.docx")) == [
        "seed-txt.annotated.docx", "seed.annotated.docx", "运维合同.annotated.docx"]


def test_workers_and_one_process_agree(inbox, tmp_path, ruleset):
    one = run_batch([inbox], tmp_path / "one", "json", ruleset=ruleset, jobs=1)
    many = run_batch([inbox], tmp_path / "many", "json", ruleset=ruleset, jobs=3)
    assert [(r.path, r.counts, r.top, r.error) for r in one.rows] == [
        (r.path, r.counts, r.top, r.error) for r in many.rows]
    for a, b in zip(one.succeeded, many.succeeded):
        assert a.report.read_text(encoding="utf-8") == b.report.read_text(encoding="utf-8")


def test_reports_inside_the_input_folder_are_not_reviewed_again(inbox, ruleset):
    out = inbox / "reports"
    run_batch([inbox], out, "md", ruleset=ruleset, jobs=1)
    again = run_batch([inbox], out, "md", ruleset=ruleset, jobs=1)
    assert len(again.rows) == 5
    assert not any("reports" in r.path.parts for r in again.rows)


def test_decisions_beside_a_contract_are_used(inbox, tmp_path, ruleset):
    from reviewer.model.decisions import DecisionStore

    contract = inbox / "more" / "运维合同.txt"
    result = direct(contract, ruleset)
    court = next(f for f in result.findings if f.rule == "test-court")
    DecisionStore.for_contract(contract).set(court, "false-alarm", "地点已另行约定")
    summary = run_batch([contract], tmp_path / "out", "md", ruleset=ruleset, include_false_alarms=False)
    assert summary.rows[0].counts["high"] == 0
    assert "地点已另行约定" not in summary.rows[0].report.read_text(encoding="utf-8")
    summary = run_batch([contract], tmp_path / "out2", "md", ruleset=ruleset)
    assert "地点已另行约定" in summary.rows[0].report.read_text(encoding="utf-8")


def test_progress_bar_draws_only_on_a_terminal():
    stream = io.StringIO()
    ProgressBar(stream)(1, 4, "a.txt")
    assert stream.getvalue() == ""
    bar = ProgressBar(stream, width=8, force=True)
    bar(1, 4, Path("x/合同一.docx"))
    bar(4, 4, Path("x/合同四.pdf"))
    assert stream.getvalue() == "\r\x1b[2K[##------] 1/4 合同一.docx\r\x1b[2K[########] 4/4 合同四.pdf\n"


def test_a_batch_where_nothing_loads_still_writes_its_summary(tmp_path, ruleset):
    bad = tmp_path / "坏文件.pdf"
    bad.write_bytes(b"not a pdf at all")
    summary = run_batch([bad], tmp_path / "out", "xlsx", ruleset=ruleset)
    assert summary.all_failed and summary.rows[0].error
    assert (tmp_path / "out" / "summary.html").exists() and not (tmp_path / "out" / "坏文件.xlsx").exists()
