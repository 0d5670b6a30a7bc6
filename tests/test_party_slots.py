"""How rules name the sides in terms written to 您, and the rule-type options that read real wording."""

from __future__ import annotations

from datetime import date

from reviewer.engine.context import ReviewContext
from reviewer.engine.rulepack import RuleSet
from reviewer.engine.run import review
from reviewer.loaders import from_text

REVIEW_DATE = date(2026, 11, 29)

# Terms written to 您 by a vendor that names itself once and then speaks as 我们 and 本公司.
TERMS = (
    "云存储服务协议\n"
    "本协议是您与上海某某云计算有限公司（以下简称“某某云”）之间的协议。某某云向您提供云存储服务。\n"
    "1. 服务\n"
    "1.1 您应按时支付服务费。您可随时查看账单。\n"
    "1.2 我们可以暂停您对服务的使用。\n"
    "1.3 本公司有权随时对本协议条款内容做出修改，您继续使用本服务的，视为接受修改后的内容。\n"
)


def _context(text: str, perspective: str = "customer") -> ReviewContext:
    return ReviewContext(from_text(text), perspective, RuleSet.default(include_user=False), REVIEW_DATE)


def _rules(text: str, perspective: str = "customer") -> set[str]:
    findings = review(from_text(text), perspective=perspective, review_date=REVIEW_DATE).findings
    return {f.rule for f in findings}


def test_the_drafter_of_terms_written_to_you_is_the_vendor():
    ctx = _context(TERMS)
    assert ctx.party_terms["customer"] == ["您"]
    assert {"某某云", "我们", "本公司"} <= set(ctx.party_terms["vendor"])
    assert "suspension-unilateral" in _rules(TERMS)


def test_the_first_person_is_not_the_drafter_in_a_contract_between_jia_and_yi():
    ctx = _context("服务合同\n甲方：北京某某有限公司\n乙方：上海某某有限公司\n1. 我们双方约定如下。\n")
    assert "我们" not in ctx.party_terms["vendor"]


def test_a_choice_of_owners_is_read_by_the_sides_initials():
    ctx = _context("技术服务合同\n甲方：北京某某有限公司\n乙方：上海某某有限公司\n1. 甲方支付服务费，乙方提供服务。\n")
    assert ctx.expand("{us_initial}") == "[甲]" and ctx.expand("{them_initial}") == "[乙]"
    choice = "第六条 成果归属\n（二）乙方使用甲方资料产生的改进成果，归        （{}）方所有。\n"
    assert "ip-ownership-choice-excludes-us" in _rules(choice.format("乙、双"))
    assert "ip-ownership-choice-excludes-us" not in _rules(choice.format("甲、双"))
    assert "ip-ownership-choice-excludes-us" in _rules(choice.format("甲、双"), perspective="vendor")


def test_a_marked_group_is_where_the_finding_points():
    text = "7.2 维护服务\n如发生重大故障，乙方应在接到甲方通知后立即采取措施予以解决。\n"
    [finding] = [f for f in review(from_text(text), review_date=REVIEW_DATE).findings
                 if f.rule == "vague-deadline-service-duty"]
    assert finding.text == "立即"


def test_the_preamble_of_terms_is_read_like_a_clause():
    text = ("软件授权协议\n"
            "说明：更新后的用户协议一经在官网发布即生效并取代旧版协议，您继续使用即视为接受。\n"
            "一、授权\n1. 您可以在本协议范围内使用本软件。\n")
    assert "unilateral-change-deemed-accepted" in _rules(text)


def test_a_rule_can_look_only_where_the_contract_says_something():
    """if_document: the vendor owning the software is a finding only in a contract to develop it."""
    owned = "第八条 乙方拥有该软件的全部知识产权。\n"
    assert "ip-commissioned-work-vests-in-vendor" not in _rules("软件许可协议\n" + owned)
    assert "ip-commissioned-work-vests-in-vendor" in _rules("软件开发合同\n第三条 开发周期九十天。\n" + owned)


def test_a_required_clause_is_not_asked_of_a_document_titled_otherwise():
    """unless_title: an NDA needs no warranty against third-party IP claims."""
    body = "\n2. 乙方向甲方交付测试工具软件，并对甲方送测程序保密。\n"
    assert "ip-indemnity-missing" in _rules("软件测试服务合同" + body)
    assert "ip-indemnity-missing" not in _rules("软件测试保密协议" + body)


def test_each_review_gets_its_own_party_slots():
    """A pattern's slots are expanded for the review at hand, even when a finished review's id is reused."""
    from reviewer.engine.ruletypes.scope import Matcher

    matcher = Matcher(["{us}"])
    document = from_text("服务合同\n甲方：北京某某有限公司\n乙方：上海某某有限公司\n1. 甲方支付服务费，乙方提供服务。\n")
    rules = RuleSet.default(include_user=False)
    for i in range(40):
        ctx = ReviewContext(document, ("customer", "vendor")[i % 2], rules, REVIEW_DATE)
        assert matcher.regex(ctx).pattern == ctx.expand("(?:{us})")
        del ctx
