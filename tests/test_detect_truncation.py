"""Truncated clauses and a contract that ends mid-clause: the seed's 12.2, not its complete 6.1."""

from __future__ import annotations

import pytest

from reviewer.loaders import load
from reviewer.engine.rulepack import RuleSet
from reviewer.engine.ruletest import run_rule

PACK = RuleSet.default(include_user=False)


def run(rule_id: str, source):
    """The document and the findings of one built-in rule (enabled even if the pack disables it)."""
    return run_rule(PACK, rule_id, source)


def test_seed_is_truncated_at_12_2_and_at_the_end_not_at_6_1(seed_path):
    doc, clauses = run("truncated-clause", load(seed_path))
    assert [(f.clause, f.text, f.severity.value) for f in clauses] == [("12.2", "双方确认以下地址为有效", "high")]
    assert clauses[0].message == "12.2在“双方确认以下地址为有效”处中断（“以下/如下”所指的内容没有写出），条款不完整。"
    doc, ends = run("document-ends-mid-clause", load(seed_path))
    assert [(f.clause, f.text) for f in ends] == [("12.2", "为有效")]
    # The web chrome after 12.2 is not where the contract ends.
    assert ends[0].end == doc.text.index("文档评论") - 1
    assert "12.2" in ends[0].message and "双方确认以下地址为有效" in ends[0].message
    assert clauses[0].start != ends[0].start  # two findings, two anchors


def test_the_cut_seed_sample_is_truncated_at_6_1():
    doc, found = run("truncated-clause", load("samples/seed-contract-cut.txt"))
    assert [f.clause for f in found] == ["6.1", "12.2"]
    assert found[0].text.endswith("提供以下")


@pytest.mark.parametrize("text, clause, tail", [
    ("6.1 交付\n乙方应在合同签订后完成交付，并向甲方提供以下文件和资料：", "6.1", "乙方应在合同签订后完成交付，并向甲方提供以下文件和资料："),
    ("3.1 乙方应按照甲方的要求提供服务，并\n3.2 甲方应按约定付款。", "3.1", "乙方应按照甲方的要求提供服务，并"),
    ("4.4 乙方每月5日前提交运维报告，报告内容包括\n4.5 甲方应按时付款。", "4.4", "乙方每月5日前提交运维报告，报告内容包括"),
    ("1.1 甲方应付款。\n1.2 乙方应交付。\n1.3 双方应配合。\n1.4 乙方应保密。\n1.5 乙方应在收到通知后三日内向甲\n1.6 其他。",
     "1.5", "乙方应在收到通知后三日内向甲"),
])
def test_cut_clauses_fire(text, clause, tail):
    found = run("truncated-clause", text)[1]
    assert [(f.clause, f.text) for f in found] == [(clause, tail)]


@pytest.mark.parametrize("text", [
    "6.1 交付\n乙方需向甲方提供以下文件和资料：\n(1)系统升级报告；\n(2)操作手册；\n(3)技术支持联系方式。",
    "第一章 定义与解释\n1.1 定义\n本合同中的术语定义如下。\n1.2 解释\n标题不影响条款的解释。",
    "第十二条 本合同一式两份，双方各执一本。\n甲方（盖章）：\n乙方（盖章）：",
    "3.1 交货\n1.交货时间：合同签订后15日内。\n2.运输方式：■乙方负责送货 □甲方自提\n3.上门安装调试：/\n4.其他约定：/",
    "5.1 付款\n序号｜节点｜比例\n1｜签订后｜30%",
    "1.1 服务内容（详见附件一）",  # a missing period is not a cut, when the others lack it too
])
def test_complete_clauses_do_not_fire(text):
    assert run("truncated-clause", text)[1] == []


@pytest.mark.parametrize("text, fires", [
    ("第十条 争议解决\n双方发生争议的，应协商解决；协商不成的，", True),
    ("12.1 通知\n书面通知应送达对方。\n12.2 送达", True),  # the text stops after a heading
    ("12.1 通知\n双方的通知应以书面形式送达对方。\n12.2 本合同一式两份，双方各执一份。", False),
    ("第十二条 其他\n本合同自双方签字盖章之日起生效。\n甲方（盖章）：\n乙方（盖章）：", False),
])
def test_document_end(text, fires):
    assert bool(run("document-ends-mid-clause", text)[1]) is fires
