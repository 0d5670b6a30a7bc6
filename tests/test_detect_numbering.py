"""Clause numbering (skips, repeats, going backwards) and references to clauses or annexes that do not exist."""

from __future__ import annotations

import pytest

from reviewer.loaders import load
from reviewer.engine.rulepack import RuleSet
from reviewer.engine.ruletest import run_rule

PACK = RuleSet.default(include_user=False)


def run(rule_id: str, source):
    """The document and the findings of one built-in rule (enabled even if the pack disables it)."""
    return run_rule(PACK, rule_id, source)


def test_seed_numbering_and_references_are_sound(seed_path):
    assert run("numbering-sequence", load(seed_path))[1] == []
    assert run("cross-reference-missing", load(seed_path))[1] == []


@pytest.mark.parametrize("text, at, problem", [
    ("第八章 违约\n8.1 违约应赔偿。\n第九章 不可抗力\n9.1 不可抗力包括自然灾害。\n第十一章 变更\n11.1 变更应书面进行。", "第十一章",
     "第九章 之后是 第十一章，缺少 第十章"),
    ("5.1 甲方应按时付款。\n5.3 乙方应按时交付。", "5.3", "5.1 之后是 5.3，缺少 5.2"),
    ("7.1 乙方提供维护。\n7.2 乙方提供培训。\n7.2 乙方提供咨询。", "7.2", "7.2 重复出现（前面已有一个 7.2）"),
    ("6.1 甲方付款。\n6.3 乙方交付。\n6.2 双方配合。", "6.3", "6.1 之后是 6.3，缺少 6.2"),
    ("第一条 标的\n甲方委托乙方开发。\n第二条 价款\n价款十万元。\n第二条 付款\n分两期支付。\n第三条 其他\n另行约定。",
     "第二条", "第二条 重复出现（前面已有一个 第二条）"),
    ("一、标的\n甲方委托乙方开发。\n二、价款\n价款十万元。\n四、付款\n分两期支付。", "四、", "二、 之后是 四、，缺少 三、"),
    ("6.1 乙方应提供以下文件：\n(1)升级报告；\n(3)操作手册。", "(3)", "6.1 (1) 之后是 6.1 (3)，缺少 6.1 (2)"),
])
def test_numbering_problems(text, at, problem):
    doc, found = run("numbering-sequence", text)
    assert f"条款编号有误：{problem}。" in [f.message for f in found]
    assert [f.text for f in found if problem in f.message] == [at]


def test_backwards_numbering_is_named():
    doc, found = run("numbering-sequence", "6.1 甲方付款。\n6.2 乙方交付。\n6.3 双方配合。\n6.2 其他。")
    assert [f.message for f in found] == ["条款编号有误：6.2 重复出现（前面已有一个 6.2）。"]
    doc, found = run("numbering-sequence", "第一章 总则\n第三章 价款\n第二章 交付")
    assert "编号倒退" in found[-1].message


@pytest.mark.parametrize("text", [
    "5.1 甲方应按时付款。\n5.2 乙方应按时交付。\n5.3 双方应相互配合。",
    "6.1 乙方应提供以下文件：\n(1)升级报告；\n(2)操作手册。\n6.2 验收标准如下：\n(1)功能满足约定；\n(2)文件齐全。",
    # articles keep counting across chapters
    "第一章 总则\n第一条 目的\n为明确权利义务。\n第二章 价款\n第二条 价款\n价款十万元。",
    # paragraphs 1. 2. restart in every article, and in the annex
    "第一条 标的\n1.甲方委托乙方开发。\n2.乙方按期交付。\n第二条 价款\n1.价款十万元。\n2.分两期支付。\n"
    "甲方（盖章）：\n附件1 需求说明书\n1.客户经理移动端。\n2.审批工作台。",
])
def test_sound_numbering_does_not_fire(text):
    assert run("numbering-sequence", text)[1] == []


@pytest.mark.parametrize("text, ref, target", [
    ("1.1 乙方应按第15条的约定提供服务。\n1.2 甲方应按时付款。", "第15条", "第15条"),
    ("第一条 乙方应遵守本合同第十二条的约定。\n第二条 甲方应付款。", "第十二条", "第12条"),
    ("1.1 变更按第 3.4 条办理。\n1.2 甲方应付款。", "第 3.4 条", "第3.4条"),
    ("1.1 服务内容详见附件三。\n1.2 甲方应按时付款。", "附件三", "附件三"),
    ("1.1 按照本合同5.6条执行。\n1.2 甲方应付款。", "本合同5.6条", "第5.6条"),
])
def test_missing_references_fire(text, ref, target):
    doc, found = run("cross-reference-missing", text)
    assert [f.text for f in found] == [ref]
    assert found[0].message == f"1.1引用了“{ref}”，但本合同中没有{target}。" or found[0].message.endswith(
        f"引用了“{ref}”，但本合同中没有{target}。")


def test_one_finding_per_missing_annex_naming_the_other_places():
    text = ("第一条 标的\n1.乙方按附件一开发。\n第二条 验收\n1.甲方依据附件一验收。\n"
            "第三条 其他\n1.本合同附件：附件一《需求说明书》。")
    doc, found = run("cross-reference-missing", text)
    assert len(found) == 1
    assert found[0].message == ("第一条第1款引用了“附件一”（另见 第二条第1款、第三条第1款），"
                                "但本合同中没有附件一。")


@pytest.mark.parametrize("text", [
    "1.1 乙方应按第1.2条的约定提供服务。\n1.2 甲方应按时付款。",
    "1.1 违约金依照《中华人民共和国民法典》第五百八十五条的规定计算。\n1.2 本条及前款另有约定的除外。",
    "1.1 根据民法典第585条、第586条的规定。\n1.2 其他。",
    "根据《中华人民共和国民法典》第三编第二十章的规定订立本合同。\n1.1 甲方付款。",
    "1.1 服务内容详见附件一。\n1.2 甲方应按时付款。\n附件一：服务清单\n系统运维服务。",
    "第一条 乙方应遵守第二条的约定。\n第二条 甲方应付款。",
    "1.1 第三方的权利不受影响。\n1.2 第1期款项于签订后支付。",
    "1.1 本合同为主合同第8条所述的服务合同。\n1.2 其余按《框架协议》第二十条执行。",
])
def test_existing_or_statutory_references_do_not_fire(text):
    assert run("cross-reference-missing", text)[1] == []


def test_a_number_run_into_the_line_before_is_not_missing():
    text = "3.1 价款\n总价十万元。\n3.2 付款方式：(1)签订后支付30%；\n(2)验收后支付70%。\n3.3 发票\n乙方开具发票。"
    assert run("numbering-sequence", text)[1] == []
