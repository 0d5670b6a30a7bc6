"""Amounts in figures against 大写, and instalment percentages that must add up to 100%."""

from __future__ import annotations

import pytest

from reviewer.loaders import load
from reviewer.engine.rulepack import RuleSet
from reviewer.engine.ruletest import run_rule

PACK = RuleSet.default(include_user=False)


def run(rule_id: str, source):
    """The document and the findings of one built-in rule (enabled even if the pack disables it)."""
    return run_rule(PACK, rule_id, source)


def test_seed_amount_and_percentages_are_blank_so_only_the_blank_rule_speaks(seed_path):
    assert run("amount-figures-vs-words", load(seed_path))[1] == []
    assert run("payment-percent-sum", load(seed_path))[1] == []


@pytest.mark.parametrize("text, span, problem", [
    ("3.1 服务费用总计为人民币100,000元（大写：壹万元整）。", "人民币100,000元（大写：壹万元整",
     "小写为 100,000 元，大写“壹万元整”却是 10,000 元"),
    ("3.1 服务费用总计为人民币100,000元(大写:壹万元整)。", "人民币100,000元(大写:壹万元整",
     "小写为 100,000 元，大写“壹万元整”却是 10,000 元"),
    ("3.1 服务费用总计为人民币____元（大写：壹拾万元整）。", "人民币____元（大写：壹拾万元整",
     "小写金额空白而大写为“壹拾万元整”"),
    ("3.1 合同总价为人民币10万元（大写：____元整）。", "人民币10万元（大写：____元整", "小写为 100,000 元而大写金额空白"),
    ("3.1 合同总价为人民币560,000元（壹佰万元整）。", "人民币560,000元（壹佰万元整",
     "小写为 560,000 元，大写“壹佰万元整”却是 1,000,000 元"),
    ("3.1 合同总价为大写：壹拾万元整（小写：¥110,000.00元）。", "壹拾万元整（小写：¥110,000.00元",
     "小写为 110,000 元，大写“壹拾万元整”却是 100,000 元"),
    ("5.1 报酬总额为人民币368,000元（大写： ）。", "人民币368,000元（大写： ", "小写为 368,000 元而大写金额空白"),
    ("3.1 合计：￥18,000.00（大写：壹万柒仟元整）。", "￥18,000.00（大写：壹万柒仟元整",
     "小写为 18,000 元，大写“壹万柒仟元整”却是 17,000 元"),
])
def test_amount_mismatch_fires(text, span, problem):
    doc, found = run("amount-figures-vs-words", text)
    assert [f.text for f in found] == [span]
    assert found[0].message == f"3.1的金额前后不一：{problem}。".replace("3.1", text.split(" ")[0])
    assert found[0].severity.value == "high"


@pytest.mark.parametrize("text", [
    "3.1 服务费用总计为人民币100,000元（大写：壹拾万元整）。",
    "3.1 服务费用总计为人民币____元（大写：______元整）。",  # both blank: the blank rule's finding
    "3.1 合同总价为人民币10万元（大写：拾万元整）。",
    "3.1 合同总价为人民币100,000.50元（大写：壹拾万元伍角）。",
    "3.1 合同总价为人民币壹拾万元整。",  # words alone
    "3.1 合同总价为人民币100,000元。",  # figures alone
])
def test_matching_or_single_amounts_do_not_fire(text):
    assert run("amount-figures-vs-words", text)[1] == []


@pytest.mark.parametrize("text, shares, problem", [
    ("3.2 付款方式\n(1)合同签订后10个工作日内，支付合同总金额的30%；\n(2)验收合格后10个工作日内，支付合同总金额的60%。",
     "30% + 60%", "合计 90%，少了 10%"),
    ("3.2 付款方式\n合同签订后支付合同总金额的30%，验收合格后支付剩余60%。", "30% + 60%", "合计 90%，少了 10%"),
    ("3.2 付款方式\n签订后支付合同价款的50%，上线后支付合同价款的40%，验收后支付合同价款的20%。",
     "50% + 40% + 20%", "合计 110%，多出 10%"),
    ("3.2 价款支付\n签订后支付合同总价的百分之三十，验收后支付合同总价的百分之六十。",
     "百分之三十 + 百分之六十", "合计 90%，少了 10%"),
])
def test_payment_shares_not_adding_up_fire(text, shares, problem):
    doc, found = run("payment-percent-sum", text)
    assert len(found) == 1
    assert found[0].message == f"3.2各期付款比例 {shares} {problem}。"


@pytest.mark.parametrize("text", [
    "3.2 付款方式\n合同签订后支付合同总金额的30%，验收合格后支付剩余70%。",
    "3.2 付款方式\n(1)合同签订后____个工作日内，支付合同总金额的____%；\n(2)验收合格后支付剩余____%。",
    "3.2 付款方式\n合同签订后支付合同总金额的30%，验收合格后支付剩余款项。逾期付款的，每日按未付金额的0.05%支付违约金。",
    "3.2 付款方式\n签订后支付30%，验收后支付60%，质保期满后支付10%。",
    "3.2 付款方式\n年服务费分四期支付，每季度支付年服务费的25%。",
    "3.2 付款方式\n方式一：签订后支付合同总价的100%。\n方式二：签订后支付合同总价的50%，验收后支付合同总价的50%。",
    "8.1 违约责任\n乙方逾期的，按合同总金额的5%支付违约金；甲方逾期的，按合同总金额的5%支付违约金。",
    "3.2 付款方式\n签订后支付合同总价的30%，验收后支付至合同总价的90%，质保期满后支付剩余10%。",
    "3.2 付款方式\n签订后支付合同总价的30%，验收后支付合同总价的70%。乙方逾期交付的，甲方有权扣除合同总价的10%。",
])
def test_whole_or_unsummable_schedules_do_not_fire(text):
    assert run("payment-percent-sum", text)[1] == []
