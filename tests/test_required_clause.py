"""Missing clauses with the built-in checklist: what a document that is part of another agreement
leaves to it, and the wordings of online terms that are a notice or an entry-into-force clause."""

from __future__ import annotations

import pytest

from reviewer.engine.rulepack import RuleSet
from reviewer.engine.ruletest import run_rule

PACK = RuleSet.default(include_user=False)
MISSING = ("missing-notice-clause", "missing-effective-clause", "missing-dispute-clause")


def fired(rule_id: str, text: str) -> bool:
    return bool(run_rule(PACK, rule_id, text)[1])


@pytest.mark.parametrize("text", [
    "云存储服务等级协议\n1. 定义\n服务月：一个自然月。\n2. 服务可用性\n可用性不低于99.9%。\n3. 赔偿\n按月度服务费的10%发放代金券。",
    "某某助手服务条款\n1.1 本服务条款是《某某云服务协议》的补充协议，您使用本服务即视为同意本条款。\n2.1 乙方提供问答服务。",
    "软件测试保密协议\n1、双方对测试中获悉的资料负有保密义务。\n2、本协议作为软件委托测试合同的附件，一式两份。",
])
def test_a_document_that_is_part_of_another_agreement_leaves_notices_disputes_and_entry_into_force_to_it(text):
    assert not any(fired(rule, text) for rule in MISSING)


def test_a_main_agreement_that_names_its_annexes_as_parts_of_it_is_still_checked():
    text = "技术服务合同\n第一条 乙方提供运维服务。\n第二条 附件一为本合同不可分割的组成部分。"
    assert all(fired(rule, text) for rule in MISSING)


def test_an_sla_bundled_with_the_terms_of_service_is_checked_as_terms():
    text = ("服务水平协议\n范围与承诺\n服务可靠性 99.9%。\n服务条款\n用户使用规则\n用户须遵守法律法规。\n"
            "免责条款\n因第三方造成的服务中断，本公司不承担责任。")
    assert fired("missing-dispute-clause", text)


@pytest.mark.parametrize("rule, text", [
    ("missing-notice-clause", "网站服务协议\n1.1 本公司将通过邮件、站内信或短信等方式通知您。\n2.1 您应遵守本协议。"),
    ("missing-notice-clause", "软件授权协议\n1. 修改会公布于本公司网站相关页面上，一经公布视为通知。\n2. 您应遵守本协议。"),
    ("missing-effective-clause", "软件授权协议\n1. 您一旦开始安装本软件，即被视为完全理解并接受本协议的各项条款。\n2. 您应遵守本协议。"),
])
def test_online_terms_give_notice_and_take_effect_in_their_own_words(rule, text):
    assert not fired(rule, text)
