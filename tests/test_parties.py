"""The parties: labels, names, and which side is the vendor and which the customer."""

from __future__ import annotations

from pathlib import Path

import pytest

import reviewer
from reviewer.model.document import Document
from reviewer.loaders import Paragraph, RawDocument, assemble

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


def doc_from(text: str) -> Document:
    lines = text.strip("\n").split("\n")
    raw = RawDocument([Paragraph(line, 1, f"第 {i} 行") for i, line in enumerate(lines, 1)])
    return assemble(Path("example.txt"), "txt", raw)


def summary(doc: Document) -> list[tuple[str, str, str]]:
    return [(p.label, p.name, p.role) for p in doc.parties.parties]


def check_evidence(doc: Document) -> None:
    for party in doc.parties.parties:
        if party.role != "unknown":
            assert party.evidence and doc.text[party.start:party.end] == party.evidence, party


@pytest.mark.parametrize("name", ["seed-contract-scraped.txt", "seed-contract-clean.txt",
                                  "seed-contract-clean.docx", "seed-contract-clean.pdf"])
def test_seed_parties(name):
    doc = reviewer.load(SAMPLES / name)
    assert summary(doc) == [("甲方", "电商平台所有者", "customer"), ("乙方", "提供智能客服系统升级服务的公司", "vendor")]
    parties = doc.parties
    assert parties.customer.label == "甲方" and parties.vendor.label == "乙方"
    assert parties.customer.evidence == "“甲方”指的是需要升级智能客服系统的电商平台所有者"
    check_evidence(doc)


def test_header_names_and_duties():
    doc = doc_from("""
技术服务合同
甲方：北京某某科技有限公司
乙方：上海某某信息技术有限公司
第一条 乙方为甲方提供系统运维服务。
第二条 甲方应于每季度首月向乙方支付服务费人民币5万元。
第三条 乙方应在甲方支付服务费后五日内向甲方提供发票。
""")
    assert summary(doc) == [("甲方", "北京某某科技有限公司", "customer"), ("乙方", "上海某某信息技术有限公司", "vendor")]
    check_evidence(doc)
    assert doc.parties.vendor.evidence.startswith("乙方为甲方提供系统运维服务")


def test_entrusting_and_entrusted_party():
    doc = doc_from("""
委托开发合同
委托方：某某零售有限公司
受托方：某某软件有限公司
第一条 委托方委托受托方开发会员管理系统。
第二条 委托方应在验收合格后十日内向受托方支付开发费用。
""")
    assert summary(doc) == [("委托方", "某某零售有限公司", "customer"), ("受托方", "某某软件有限公司", "vendor")]
    assert doc.parties.customer.evidence == "委托方：某某零售有限公司"
    check_evidence(doc)


def test_role_in_brackets_decides_even_without_duties():
    doc = doc_from("""
合作协议
甲方（受托方）：某某咨询有限公司
乙方（委托方）：某某制造有限公司
第一条 双方应本着诚信原则合作。
""")
    assert summary(doc) == [("甲方", "某某咨询有限公司", "vendor"), ("乙方", "某某制造有限公司", "customer")]
    check_evidence(doc)


def test_bracket_with_other_role_words():
    doc = doc_from("""
云服务订阅协议
甲方（订阅方）：北京某某餐饮管理有限公司
乙方（服务方）：深圳某某科技有限公司
""")
    assert summary(doc) == [("甲方", "北京某某餐饮管理有限公司", "customer"), ("乙方", "深圳某某科技有限公司", "vendor")]


def test_short_names_in_a_sentence():
    doc = doc_from("""
本合同由北京某某科技有限公司（以下简称“甲方”）与上海某某软件有限公司（以下简称“乙方”）签订。
第一条 乙方应按期交付软件。
第二条 甲方应按期支付合同价款。
""")
    assert summary(doc) == [("甲方", "北京某某科技有限公司", "customer"), ("乙方", "上海某某软件有限公司", "vendor")]


def test_buyer_and_seller_with_blank_names():
    doc = doc_from("""
买卖合同
买方：____________
卖方：{{卖方名称}}
第一条 卖方应于2024年5月1日前交付货物。
""")
    assert summary(doc) == [("买方", "", "customer"), ("卖方", "", "vendor")]


def test_english_party_a_and_b():
    doc = doc_from("""
SOFTWARE LICENCE AGREEMENT
This Agreement is made between ABC Technology Ltd. (hereinafter "Party A") and XYZ Software Inc. (hereinafter "Party B").
1. Party A shall pay Party B the licence fee of USD 10,000 within 30 days of the invoice.
2. Party B shall provide the Software and support services to Party A.
""")
    assert summary(doc) == [("Party A", "ABC Technology Ltd.", "customer"), ("Party B", "XYZ Software Inc.", "vendor")]
    check_evidence(doc)


def test_english_customer_and_supplier():
    doc = doc_from("""
SERVICES AGREEMENT
Customer: Harbour Foods Ltd.
Supplier: Northwind Systems Inc.
1. The Supplier shall deliver the Services described in Schedule 1.
""")
    assert summary(doc) == [("Customer", "Harbour Foods Ltd.", "customer"), ("Supplier", "Northwind Systems Inc.", "vendor")]


def test_unknown_when_nothing_tells():
    doc = doc_from("""
保密协议
甲方：某某银行股份有限公司
乙方：某某数据服务有限公司
双方应对在合作过程中知悉的对方商业秘密严格保密。
""")
    assert summary(doc) == [("甲方", "某某银行股份有限公司", "unknown"), ("乙方", "某某数据服务有限公司", "unknown")]
    assert doc.parties.customer is None and doc.parties.vendor is None


def test_common_words_are_not_parties():
    doc = doc_from("""
第一条 乙方应为甲方完善用户画像，并向客户提供服务。最终用户是指使用甲方网站的个人。
第二条 甲方应向乙方支付服务费用。
""")
    assert [p.label for p in doc.parties.parties] == ["甲方", "乙方"]
    assert doc.parties.vendor.label == "乙方" and doc.parties.customer.label == "甲方"


def test_no_parties_in_a_text_without_any():
    assert doc_from("本文没有当事人。").parties.parties == ()


@pytest.mark.parametrize("name, customer, vendor", [
    ("software-development-contract.txt", ("甲方", "上海澄明医疗器械有限公司"), ("乙方", "杭州云栈信息技术有限公司")),
    ("saas-subscription-agreement.txt", ("甲方", "北京禾川餐饮管理有限公司"), ("乙方", "深圳云帆数智科技有限公司")),
    ("data-processing-agreement.txt", ("甲方", "杭州知味连锁超市有限公司"), ("乙方", "")),
])
def test_samples(name, customer, vendor):
    doc = reviewer.load(SAMPLES / name)
    parties = doc.parties
    assert (parties.customer.label, parties.customer.name) == customer
    assert (parties.vendor.label, parties.vendor.name) == vendor
    check_evidence(doc)


# -- classes met in real contracts (../shared/corpus-real), each with made-up lines -----------------

@pytest.mark.parametrize("filled", [
    "«Client»", "[%cpName%#longInput#]", "{{ partyA.name }}", "×××（委托方名称）", "××国际咨询公司",
    "XX科技有限公司", "＿＿＿＿＿＿", "(          )",
])
def test_template_fields_and_blanks_are_no_name(filled):
    doc = doc_from(f"""
服务合同
甲方：{filled}
乙方：某某信息技术有限公司
第一条 乙方为甲方提供运维服务，甲方向乙方支付服务费。
""")
    assert summary(doc) == [("甲方", "", "customer"), ("乙方", "某某信息技术有限公司", "vendor")]


def test_the_next_form_field_is_no_name():
    doc = doc_from("""
买卖合同
出卖人：\t\t签订地点：
买受人：\t\t签订时间：\t年     月     日
第一条 出卖人应按期交付货物，买受人应支付价款。
""")
    assert summary(doc) == [("出卖人", "", "vendor"), ("买受人", "", "customer")]


def test_two_parties_on_one_signature_line():
    doc = doc_from("""
合作协议
第一条 乙方为甲方提供推广服务。
兹确认，本协议由以下双方盖章生效。
甲方： 乙方： 上海某某网络科技有限公司
（盖章） （盖章）
""")
    assert summary(doc) == [("甲方", "", "customer"), ("乙方", "上海某某网络科技有限公司", "vendor")]


def test_role_word_before_a_merge_field_and_before_a_name():
    doc = doc_from("""
保密协议
委托方       «Client»            （以下简称“甲方”）与某某大学软件测试中心（简称“乙方”）签订本协议。
1、双方对对方的商业秘密保密。
""")
    assert summary(doc) == [("甲方", "", "customer"), ("乙方", "某某大学软件测试中心", "vendor")]
    doc = doc_from("""
测试合同
本合同由作为委托方的 «FirstParty»（以下简称“甲方”）与作为受托方的某某测试实验室（以下简称“乙方”）签订。
一、双方的义务
""")
    assert summary(doc) == [("甲方", "", "customer"), ("乙方", "某某测试实验室", "vendor")]


def test_role_label_then_short_name_and_a_guarantor():
    doc = doc_from("""
融资租赁合同
出租人：＿＿＿＿＿＿＿（以下简称甲方）
承租人：＿＿＿＿＿＿＿（以下简称乙方）
第一条 甲方为乙方购买租赁物件，乙方向甲方支付租金。
第二条 担保人担保乙方履行本合同。
甲方：＿＿＿＿＿＿　　　　　　　　乙方：＿＿＿＿＿＿
担保人：＿＿＿＿＿＿
""")
    assert summary(doc) == [("甲方", "", "vendor"), ("乙方", "", "customer"), ("担保人", "", "unknown")]
    check_evidence(doc)


@pytest.mark.parametrize("vendor, customer", [("出租人", "承租人"), ("保管人", "存货人"), ("咨询者", "委托方"),
                                              ("中介方", "委托方")])
def test_role_labels_of_model_texts(vendor, customer):
    doc = doc_from(f"""
合同
{vendor}：
{customer}：
第一条 双方应诚信履约。
""")
    assert summary(doc) == [(vendor, "", "vendor"), (customer, "", "customer")]


def test_captions_before_the_short_name_give_roles_not_names():
    doc = doc_from("""
设计合同
发包方（以下称甲方）：
设计方（以下称乙方）：
第一条 双方应诚信履约。
""")
    assert summary(doc) == [("甲方", "", "customer"), ("乙方", "", "vendor")]
    doc = doc_from("""
广告发布合同
广告客户或代理单位名称（以下称甲方）：\t 广告发布单位名称（以下称乙方）：\t 双方签订本合同。
一、双方应诚信履约。
""")
    assert summary(doc) == [("甲方", "", "customer"), ("乙方", "", "vendor")]


@pytest.mark.parametrize("a, b", [("甲方（委托方）", "乙方（服务方）"), ("甲方（餐饮服务接受方）", "乙方（餐饮服务提供方）"),
                                  ("用工单位（甲方）：", "派遣单位（乙方）："), ("委托方（甲方）：", "受托方（乙方）：")])
def test_label_and_role_word_in_brackets_either_way(a, b):
    doc = doc_from(f"""
服务合同
{a}
名称：
{b}
名称：
第一条 双方应诚信履约。
""")
    assert summary(doc) == [("甲方", "", "customer"), ("乙方", "", "vendor")]


def test_a_hint_in_the_bracket_marks_the_name_as_still_to_come():
    doc = doc_from("""
咨询服务合同（范本）
本合同由委托咨询者（委托咨询方名称，以下简称为委托方）为一方，××国际咨询公司（以下简称咨询者）为另一方签订。
１．定义
ａ）“委托方”指×××（委托方名称）；
ｂ）“咨询者”指×××（咨询者名称）；
""")
    assert summary(doc) == [("委托方", "", "customer"), ("咨询者", "", "vendor")]


def test_parties_after_the_first_clause_only_from_form_lines():
    doc = doc_from("""
数据服务合同
甲方（委托方）：
乙方（中介方）：
第一条 乙方向甲方提供中介服务。
丙方：
丁方：
第二条 通知
甲方：北京市某某区某某路1号
""")
    assert summary(doc) == [("甲方", "", "customer"), ("乙方", "", "vendor"), ("丙方", "", "unknown"),
                            ("丁方", "", "unknown")]


def test_the_side_that_runs_the_platform_provides_it():
    doc = doc_from("""
开发者服务协议
甲方：某某游戏有限公司
乙方：某某网络科技有限公司
第一条 运营平台指由乙方设立的某某游戏运营平台。
第二条 甲方负责提供和维护硬件资源，甲方应提供技术支持，甲方应提供客户服务，甲方负责提供游戏资料。
第三条 乙方负责为游戏提供宣传与推广。
""")
    assert summary(doc) == [("甲方", "某某游戏有限公司", "customer"), ("乙方", "某某网络科技有限公司", "vendor")]
    check_evidence(doc)


def test_what_a_side_is_called_outweighs_any_count_of_duties():
    doc = doc_from("""
委托测试合同
甲方（委托方）：某某软件有限公司
乙方（受托方）：某某测试中心
第一条 甲方应提供软件，甲方应提供资料，甲方应提供设备，甲方应提供系统，甲方应提供技术说明，甲方应提供方案。
第二条 甲方应提供培训，甲方应提供文件，甲方应提供产品，甲方应提供平台账号，甲方应提供服务器，甲方应提供支持。
第三条 乙方应出具测试报告。乙方自行支付差旅费用，乙方自行支付住宿费用，乙方自行支付设备运输费用。
""")
    assert summary(doc) == [("甲方", "某某软件有限公司", "customer"), ("乙方", "某某测试中心", "vendor")]


def test_a_definition_that_points_back_names_nobody():
    doc = doc_from("""
服务级别协议
1. “客户”指签订本协议的机构。
2. “供应商”指客户协议上载明的供应商实体。
3. 供应商应向客户提供服务，客户应支付服务费。
""")
    assert summary(doc) == [("客户", "", "customer"), ("供应商", "", "vendor")]


# Terms written to 您/用户/客户: the customer is the word the terms address, the vendor the name beside it.
_YOU = "您应遵守本条款。您应按时付费。您应保管好账户。"


@pytest.mark.parametrize("opening, vendor", [
    ("某某云智能助手服务条款（以下简称“本服务条款”）是某某云与您就本服务签订的协议。", ("某某云", "")),
    ("本协议由本协议接受方与上海某某网络科技有限公司（以下简称“某某云”或“我们”，某某集团的子公司）签订。",
     ("某某云", "上海某某网络科技有限公司")),
    ("版权所有 (c) 2001-2023，某某云计算（北京）有限责任公司\n用户须知：本协议是您与某某云公司之间的法律协议。",
     ("某某云公司", "某某云计算（北京）有限责任公司")),
    ("如果您利用{{ site.title }}提供的服务经营网站，应取得许可。", ("{{ site.title }}", "")),
    ("本服务协议是某某科技（深圳）有限公司（以下简称为“某某科技”）向用户（下称为“您”）提供的服务。",
     ("某某科技", "某某科技（深圳）有限公司")),
])
def test_terms_addressed_to_you(opening, vendor):
    doc = doc_from(f"服务条款\n{opening}\n1. 服务内容\n1.1 {_YOU}")
    assert summary(doc) == [(vendor[0], vendor[1], "vendor"), ("您", "", "customer")]
    check_evidence(doc)


def test_terms_addressed_to_users_or_customers():
    doc = doc_from("""
服务条款
“某某云服务”（以下简称“本服务”）是由北京某某科技有限公司（以下简称本公司）向用户提供的云服务。
1、用户不得滥用本服务。用户须遵守法律。用户须保管账户。
""")
    assert summary(doc) == [("本公司", "北京某某科技有限公司", "vendor"), ("用户", "", "customer")]
    doc = doc_from("""
CDN服务等级协议
本服务等级协议（以下简称“SLA”）规定了某某互联向客户提供的CDN服务的可用性。
1.定义 客户某一某某互联账号下的请求。客户可获得赔偿。客户应申请。
""")
    assert summary(doc) == [("某某互联", "", "vendor"), ("客户", "", "customer")]
    doc = doc_from("""
虚拟机的服务级别协议
本服务级别协议由某某互联制定，与客户从某某互联处购买服务所依据的协议相关。
一、定义
1. “客户”指签订本协议的机构。
2. 客户可申请服务抵扣。客户应提交索赔。
""")
    assert summary(doc) == [("某某互联", "", "vendor"), ("客户", "", "customer")]


def test_english_opening_with_defined_names():
    doc = doc_from("""
WEB SITE HOSTING AGREEMENT
This AGREEMENT ("this Agreement") is entered into by and between Acme Widgets, a Delaware corporation \
("the Customer"), and NetHost Systems, a Florida corporation ("NetHost").
SERVICES
NetHost will provide hosting services. The Customer is responsible for paying NetHost the monthly fee.
""")
    assert summary(doc) == [("the Customer", "Acme Widgets", "customer"), ("NetHost", "NetHost Systems", "vendor")]


# A sentence that names both sides says who gives whom. Made-up lines, one per way of saying it; in
# some 甲方 supplies, so that no test passes by 甲方 being the customer out of habit.
@pytest.mark.parametrize("line, roles", [
    ("乙方承诺为甲方提供的网络加速服务可用性不低于百分之九十九。", ("customer", "vendor")),
    ("乙方为甲方在展览中心搭建展台一个。", ("customer", "vendor")),
    ("甲方向乙方出租厢式货车两辆，用于乙方门店配送。", ("vendor", "customer")),
    ("乙方向甲方出售数控机床一台。", ("customer", "vendor")),
    ("甲方向乙方提供标准机柜五个及配套电力。", ("vendor", "customer")),
    ("乙方按季度向甲方预付托管费。", ("vendor", "customer")),
    ("甲方应向乙方支付年度授权费人民币三万元。", ("customer", "vendor")),
    ("乙方向甲方采购打印机十台，明细如下：", ("vendor", "customer")),
    ("甲方委托乙方对其办公楼进行消防检测。", ("customer", "vendor")),
    ("甲方聘请乙方担任常年法律顾问。", ("customer", "vendor")),
    ("乙方接受甲方的委托，为其办理商标注册。", ("customer", "vendor")),
    ("乙方承接甲方仓库的屋面防水工程。", ("customer", "vendor")),
    ("甲方授予乙方在其服务器上使用考勤软件的非独占权利。", ("vendor", "customer")),
    ("乙方授权甲方在内部网络中安装使用本软件。", ("customer", "vendor")),
])
def test_a_sentence_naming_both_sides_says_who_supplies(line, roles):
    doc = doc_from(f"""
合同
甲方：某某甲有限公司
乙方：某某乙有限公司
第一条 {line}
""")
    assert [p.role for p in doc.parties.parties] == list(roles)
    check_evidence(doc)
    assert doc.parties.vendor.evidence.startswith(line.rstrip("。：")[:10])


@pytest.mark.parametrize("line", [
    "甲方应向乙方提供必要的资料和工作条件。",  # what a customer gives its vendor to work with
    "甲方授权乙方在宣传中使用甲方的商标。",  # a licence of the licensee's own marks
    "若乙方委托甲方代发工资，甲方应书面通知乙方。",  # an errand, not the contract's service
    "乙方应向甲方支付违约金人民币一万元。",  # a penalty, not the price
])
def test_sentences_naming_both_sides_that_do_not_say_who_supplies(line):
    doc = doc_from(f"""
合同
甲方：某某甲有限公司
乙方：某某乙有限公司
第一条 {line}
""")
    assert [p.role for p in doc.parties.parties] == ["unknown", "unknown"]


def test_provided_by_a_side_and_provided_for_it():
    # "对乙方提供的软件": 乙方 provides it; "为甲方提供的服务": 甲方 is who it is for.
    doc = doc_from("""
保密协议
甲方：某某甲有限公司
乙方：某某乙有限公司
第一条 甲方不得对乙方提供的软件进行反向工程。
""")
    assert [p.role for p in doc.parties.parties] == ["customer", "vendor"]
    doc = doc_from("""
服务协议
甲方：某某甲有限公司
乙方：某某乙有限公司
第一条 本条所称服务，是指为甲方提供的数据备份服务。
""")
    assert [p.role for p in doc.parties.parties] == ["unknown", "unknown"]
