"""The Markdown report: headings, counts, the findings table, and each finding's quote and wording."""

from __future__ import annotations

import re

import pytest

from reviewer.reports import write_report

from report_fixtures import seed_decisions, seed_result


@pytest.fixture(scope="module")
def result():
    return seed_result()


def render(result, tmp_path, **kwargs) -> str:
    return write_report(result, "md", tmp_path / "seed.md", **kwargs).read_text(encoding="utf-8")


def unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def test_headings_counts_and_header(result, tmp_path):
    md = render(result, tmp_path)
    headings = [line for line in md.splitlines() if line.startswith("#")]
    assert headings[:4] == ["# 合同审查报告：电商平台智能客服系统升级合同", "## 问题统计", "## 问题清单", "## 问题详情"]
    lines = md.splitlines()
    counts = lines[lines.index("| 高 | 中 | 低 | 提示 | 合计 |") + 2]
    n = {s: sum(1 for f in result.findings if f.severity.value == s) for s in ("high", "medium", "low", "info")}
    assert counts == f"| {n['high']} | {n['medium']} | {n['low']} | {n['info']} | {len(result.findings)} |"
    assert "- **审查日期**：2026-03-02" in lines and "- **规则包版本**：builtin 2026.1" in lines


def test_every_finding_in_the_table_and_in_the_details(result, tmp_path):
    md = render(result, tmp_path, decisions=seed_decisions(result))
    rows = [line for line in md.splitlines() if line.startswith("| [")]
    findings = sorted(result.findings, key=lambda f: f.sort_key)
    assert len(rows) == len(findings)
    for n, (row, f) in enumerate(zip(rows, findings), 1):
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", row)[1:-1]]
        assert cells[0] == f"[{n}](#f{n})"
        assert unescape(cells[4]) == " ".join(f.message.split())
        section = md.split(f'<a id="f{n}"></a>')[1].split("<a id=")[0]
        assert f"- **修改建议**：{f.suggestion}" in unescape(section)
        whole = f.clause is None and f.end - f.start == len(result.document.text)
        quote = "\n".join(unescape(line[2:]) for line in section.splitlines() if line.startswith(">"))
        assert quote == ("" if whole or not f.text else f.text)


def test_markup_in_contract_text_stays_literal(result, tmp_path):
    md = render(result, tmp_path)
    assert "> \\_\\_\\_\\_\\_\\_\\_\\_\\_\\_" in md  # a blank, not emphasis
    assert "\\<b\\>" in md


def test_decisions_and_false_alarms(result, tmp_path):
    md = render(result, tmp_path, decisions=seed_decisions(result))
    assert "- **处理结果**：接受风险" in md and "- **备注**：已与业务确认：可接受" in md
    md = render(result, tmp_path, decisions=seed_decisions(result), include_false_alarms=False)
    assert "invoice-ordinary" not in md
    assert "1 项已标记为误报" in md
