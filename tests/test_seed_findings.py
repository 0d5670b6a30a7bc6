"""The scraped seed shows the findings CHECKLIST.md's "The seed contract" lists for sections B–D, and no others."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from reviewer.engine.run import review
from reviewer.loaders import load

SEED = Path(__file__).resolve().parent.parent / "samples" / "seed-contract-scraped.txt"

REVIEW_DATE = date(2026, 11, 29)
SECTION_A = {"blank", "truncated", "numbering", "cross-reference", "foreign-text", "signature",
             "amount-mismatch", "payment-sum"}
TITLE = "电商平台智能客服系统升级合同"

#: (rule, category, clause, exact text at the finding's offsets) — the checklist's list for the
#: seed, outside section A: heading-mismatch and jurisdiction at 10.2, ip-ownership at 4.2,
#: data-protection at 2.1, vague-deadline at 7.2, acceptance at 6.2, invoice at 3.3, suspension at
#: 8.2, liability-cap and governing-law missing, force-majeure at 9.1.
REQUIRED = [
    ("liability-cap-missing", "liability-cap", None, TITLE),
    ("governing-law-missing", "governing-law", None, TITLE),
    ("personal-data-terms-missing", "data-protection", "2.1", "用户画像"),
    ("invoice-ordinary-vat-only", "invoice", "3.3", "增值税普通发票"),
    ("ip-deliverables-vest-in-vendor", "ip-ownership", "4.2", "因本合同产生的任何知识产权均归乙方所有"),
    ("acceptance-untestable-criteria", "acceptance", "6.2", "运行稳定,无明显缺陷"),
    ("vague-deadline-service-duty", "vague-deadline", "7.2", "立即"),
    ("suspension-unilateral", "suspension", "8.2", "乙方有权暂停"),
    ("force-majeure-definition-damaged", "force-majeure", "9.1", "自然灾害、行为、社会异常事件"),
    ("dispute-heading-arbitration-body-court", "heading-mismatch", "10.2", "仲裁"),
    ("jurisdiction-signing-place-unstated", "jurisdiction", "10.2", "合同签订地"),
]

#: (category, clause) pairs a counsel would strike: each is an ordinary clause a naive rule misreads.
STRUCK = [
    ("truncated", "6.1"),          # complete: its colon introduces the list (1)–(3)
    ("ip-indemnity", "4.1"),       # 4.1 is the vendor's non-infringement warranty
    ("confidentiality", "5.2"),    # survives termination by ____ years (the blank is reported as blank)
    ("vague-deadline", "9.2"),     # 立即通知 of force majeure is the usual wording
    ("vague-deadline", "6.3"),     # 指定期限 is set by 甲方, in our favour
    ("penalty", "8.1"),            # liquidated damages bind only the vendor: fine for the customer
    ("termination", "11.2"),       # 严重违约 is not the only trigger: 6.3 gives 甲方 a right to terminate
    ("unilateral-change", "11.1"),  # changes need both parties' agreement
    ("ip-ownership", "4.1"),
    ("suspension", "8.1"),
]


@pytest.fixture(scope="module")
def seed():
    document = load(SEED)
    result = review(document, perspective="customer", review_date=REVIEW_DATE)
    return document, result.findings


def _find(findings, rule, clause):
    return [f for f in findings if f.rule == rule and f.clause == clause]


@pytest.mark.parametrize("rule, category, clause, text", REQUIRED, ids=[r[0] for r in REQUIRED])
def test_required_finding_is_there_at_its_words(seed, rule, category, clause, text):
    document, findings = seed
    hits = _find(findings, rule, clause)
    assert len(hits) == 1, [(f.rule, f.clause, f.text) for f in findings]
    finding = hits[0]
    assert finding.category == category
    assert finding.text == text
    assert document.text[finding.start:finding.end] == text
    assert finding.message and finding.why and finding.suggestion


def test_no_other_finding_outside_section_a(seed):
    _document, findings = seed
    got = sorted((f.rule, f.clause or "") for f in findings if f.category not in SECTION_A)
    assert got == sorted((r, c or "") for r, _cat, c, _t in REQUIRED)


@pytest.mark.parametrize("category, clause", STRUCK, ids=[f"{c}@{n}" for c, n in STRUCK])
def test_nothing_counsel_would_strike(seed, category, clause):
    _document, findings = seed
    assert [(f.rule, f.text) for f in findings if f.category == category and f.clause == clause] == []


def test_complete_clause_6_1_is_not_truncated(seed):
    document, findings = seed
    node = document.clauses.get("6.1")
    assert node is not None and document.text[node.start:node.end].endswith("技术支持联系方式。")
    assert [f for f in findings if f.category == "truncated" and node.start <= f.start < node.end] == []


def test_heading_mismatch_reads_like_the_checklist_example(seed):
    _document, findings = seed
    finding = _find(findings, "dispute-heading-arbitration-body-court", "10.2")[0]
    assert finding.severity.value == "high"
    assert finding.message == "10.2 标题为“仲裁”，正文却约定向人民法院起诉，争议解决方式前后矛盾。"
    assert "《中华人民共和国仲裁法》（2025年修订）第二十七条" in finding.basis
    assert "《中华人民共和国民事诉讼法》第三十五条" in finding.basis
    assert finding.suggestion.startswith("将 10.2 改为：“协商不成的")
    assert "【××仲裁委员会】" in finding.suggestion


def test_messages_quote_the_contract(seed):
    _document, findings = seed
    by_rule = {f.rule: f for f in findings}
    assert by_rule["jurisdiction-signing-place-unstated"].message == (
        "10.2 约定由“合同签订地”的法院管辖，但合同没有写明签订地点，管辖法院无法确定。")
    assert "“用户画像”" in by_rule["personal-data-terms-missing"].message
    assert "安全事件通知时限" in by_rule["personal-data-terms-missing"].message
    assert by_rule["force-majeure-definition-damaged"].message.startswith("9.1 的不可抗力定义“自然灾害、行为、社会异常事件”")
    assert by_rule["suspension-unilateral"].message.startswith("8.2 约定“乙方有权暂停”")
    assert by_rule["governing-law-missing"].severity.value == "low"
    assert by_rule["liability-cap-missing"].severity.value == "medium"
