"""The signature block and foreign text (page chrome, spam substituted into clauses) as findings."""

from __future__ import annotations

import pytest

from reviewer.model.document import ForeignSpan
from reviewer.model.findings import Severity
from reviewer.loaders import from_text, load
from reviewer.engine.rulepack import RuleSet
from reviewer.engine.ruletest import run_rule

PACK = RuleSet.default(include_user=False)


def run(rule_id: str, source):
    """The document and the findings of one built-in rule (enabled even if the pack disables it)."""
    return run_rule(PACK, rule_id, source)


def test_seed_has_no_signature_block_one_finding_at_its_last_clause(seed_path):
    doc, found = run("signature-block-missing", load(seed_path))
    assert [(f.clause, f.text, f.severity.value) for f in found] == [(None, "双方确认以下地址为有效", "medium")]
    assert found[0].message == "合同文本在“双方确认以下地址为有效”之后结束，没有双方签字、盖章和签署日期的位置。"
    assert run("signature-date-missing", load(seed_path))[1] == []  # no block: nothing to date


@pytest.mark.parametrize("text, block_missing, date_missing", [
    ("第十条 本合同自双方签字盖章之日起生效。", True, False),
    ("第十条 本合同一式两份。\n（以下无正文）", True, False),  # the announcement of a page is not the page
    ("第十条 本合同一式两份。\n甲方（盖章）：\n乙方（盖章）：", False, True),
    ("第十条 本合同一式两份。\n甲方（盖章）：\n乙方（盖章）：\n签订日期：____年____月____日", False, False),
    ("第十条 本合同一式两份。\n甲方（盖章）：\n乙方（盖章）：\n日期： 年 月 日", False, False),
    ("签订日期：2026年3月1日\n第十条 本合同一式两份。\n甲方（盖章）：\n乙方（盖章）：", False, False),
    ("第十条 本合同一式两份。\n甲方：北京甲科技有限公司（盖章）\n法定代表人或授权代表（签字）：\n2026年3月1日", False, False),
])
def test_signature_block_and_date(text, block_missing, date_missing):
    assert bool(run("signature-block-missing", text)[1]) is block_missing
    assert bool(run("signature-date-missing", text)[1]) is date_missing


def test_seed_foreign_text_inside_clauses_is_high_outside_is_info(seed_path):
    doc, inside = run("foreign-text", load(seed_path))
    doc, outside = run("foreign-text-page-chrome", load(seed_path))
    assert {f.severity for f in inside} == {Severity.HIGH} and {f.severity for f in outside} == {Severity.INFO}
    assert [(f.clause, f.text) for f in inside] == [
        ("5", "必威体育官网网址"), ("5.1", "必威体育官网网址"), ("5.1", "必威体育官网网址"),
        ("5.2", "必威体育官网网址"), ("5.2", "必威体育官网网址")]
    assert inside[0].message == "第五章标题中的“必威体育官网网址”疑为“保密”被替换的垃圾文字。"
    assert inside[2].message == "5.1正文中的“必威体育官网网址”疑为“保密”被替换的垃圾文字。"
    assert "恢复为“保密”" in inside[0].suggestion
    # The page chrome before and after the contract: one finding each, whole stretches.
    assert [f.clause for f in outside] == [None, None]
    assert outside[0].start == 0 and outside[0].text.endswith("查看更多")
    assert outside[1].text.startswith("文档评论(0)") and outside[1].end == len(doc.text)
    assert outside[0].message.startswith("合同正文之前的“网站大量收购闲置独家精品文档")
    assert "正式文本" in outside[0].why and "保密义务" in inside[0].why
    assert outside[1].message.startswith("合同正文之后的“文档评论(0)”")


def test_foreign_span_inside_a_list_item_names_its_clause():
    doc = from_text("6.1 乙方应提供：\n(1)系统升级报告；\n(2)加微信abc123领取模板；")
    start = doc.text.index("加微信")
    doc.foreign = (ForeignSpan(start, start + len("加微信abc123领取模板"), "contact"),)
    found = run("foreign-text", doc)[1]
    assert [f.message for f in found] == ["6.1(2)正文中的“加微信abc123领取模板”是混入条款的联系方式，不属于合同内容。"]


def test_clean_contract_has_no_foreign_findings():
    for rule in ("foreign-text", "foreign-text-page-chrome"):
        assert run(rule, "第五章 保密条款\n5.1 双方对获悉的商业秘密应予以严格保密。")[1] == []
