"""Hand-built reviews of the seed for the report tests: findings at real offsets, every awkward case."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import reviewer
from reviewer.model.decisions import Decision
from reviewer.engine.run import ReviewResult
from reviewer.model.findings import Finding, Severity

SEED = Path(__file__).resolve().parent.parent / "samples" / "seed-contract-scraped.txt"
PACKS = [{"pack": "builtin", "version": "2026.1", "path": "rules/builtin.yaml"}]
REVIEW_DATE = date(2026, 3, 2)


def finding(doc, rule: str, category: str, severity: Severity, needle: str, clause: str | None,
            *, inner: str | None = None, occurrence: int = 0, message: str = "", empty: bool = False) -> Finding:
    """A finding on ``needle`` (or on ``inner`` within it) as the engine would make it."""
    start = -1
    for _ in range(occurrence + 1):
        start = doc.text.index(needle, start + 1)
    end = start + len(needle)
    if inner is not None:
        start = doc.text.index(inner, start, end)
        end = start + len(inner)
    if empty:
        end = start
    return Finding(rule=rule, category=category, severity=severity, start=start, end=end, clause=clause,
                   page=doc.page_at(start), text=doc.text[start:end], title=rule,
                   message=message or f"{rule} 的问题说明", why=f"{rule} 的理由", basis=f"{rule} 的依据",
                   suggestion=f"{rule} 的修改建议")


def seed_findings(doc) -> list[Finding]:
    """Findings that exercise the reports: nested, crossing, empty, multi-line and whole-document spans."""
    text = doc.text
    out = [
        finding(doc, "web-chrome", "foreign-text", Severity.INFO, "网站大量收购闲置独家精品文档", None),
        finding(doc, "blank-contract-no", "blank", Severity.MEDIUM, "合同编号:__________", None,
                inner="__________"),
        finding(doc, "spam-in-word", "foreign-text", Severity.HIGH, "必威体育官网网址", "5", occurrence=0),
        finding(doc, "invoice-ordinary", "invoice", Severity.LOW, "增值税普通发票", "3.3"),
        finding(doc, "acceptance-vague", "acceptance", Severity.MEDIUM, "系统运行稳定,无明显缺陷", "6.2"),
        # two findings that cross each other: 自然灾害、行为、社会 / 行为、社会异常事件
        finding(doc, "fm-definition", "force-majeure", Severity.MEDIUM, "自然灾害、行为、社会异常事件", "9.1",
                inner="自然灾害、行为、社会"),
        finding(doc, "fm-crossing", "force-majeure", Severity.LOW, "自然灾害、行为、社会异常事件", "9.1",
                inner="行为、社会异常事件"),
        # an empty span: the word lost between 、 and 行为
        finding(doc, "fm-missing-word", "force-majeure", Severity.MEDIUM, "自然灾害、行为", "9.1",
                inner="行为", empty=True),
        # nested: the whole of 10.2's body, and the court inside it
        finding(doc, "heading-arbitration-court", "heading-mismatch", Severity.HIGH,
                "如协商不成,任何一方均有权向合同签订地所在的人民法院提起诉讼。", "10.2",
                message="10.2 标题为“仲裁”，正文却约定向人民法院起诉 <b>&amp;</b>"),
        finding(doc, "jurisdiction-signing-place", "jurisdiction", Severity.MEDIUM, "合同签订地所在的人民法院",
                "10.2"),
        # over two blocks: the heading line and the truncated body of 12.2
        finding(doc, "truncated-clause", "truncated", Severity.HIGH, "12.2送达\n双方确认以下地址为有效", "12.2"),
    ]
    whole = Finding(rule="missing-governing-law", category="governing-law", severity=Severity.LOW, start=0,
                    end=len(text), clause=None, page=1, text=text, title="missing-governing-law",
                    message="合同没有法律适用条款。", why="没有约定适用法律。", basis="",
                    suggestion="增加：本合同适用中华人民共和国法律。")
    out.append(whole)
    return sorted(out, key=lambda f: f.sort_key)


def seed_result(findings=None) -> ReviewResult:
    doc = reviewer.load(SEED)
    return ReviewResult(doc, seed_findings(doc) if findings is None else findings, "customer", PACKS, {},
                        REVIEW_DATE)


def seed_decisions(result: ReviewResult) -> dict[str, Decision]:
    """One false alarm (the ordinary-invoice finding) and one accepted risk with a note."""
    by_rule = {f.rule: f for f in result.findings}
    return {
        by_rule["invoice-ordinary"].fingerprint: Decision("false-alarm", "我方为小规模纳税人", "2026-03-02T10:00:00"),
        by_rule["acceptance-vague"].fingerprint: Decision("accepted", "已与业务确认：可接受", "2026-03-02T10:05:00"),
    }
