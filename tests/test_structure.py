"""The clause tree: the seed in every format, the samples, and small contracts of every numbering style."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import reviewer
from reviewer.model.document import Document
from reviewer.loaders import Paragraph, RawDocument, assemble
from reviewer.model.clauses import ClauseTree

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"

SEED_CLAUSES = {
    "1.1": "定义", "1.2": "解释", "2.1": "升级服务", "2.2": "服务期限", "3.1": "服务费用", "3.2": "付款方式",
    "3.3": "增值税发票", "4.1": "软件版权", "4.2": "知识产权归属", "5.1": "必威体育官网网址义务",
    "5.2": "必威体育官网网址期限", "6.1": "交付", "6.2": "验收", "6.3": "验收不合格", "7.1": "技术支持",
    "7.2": "维护服务", "8.1": "乙方违约", "8.2": "甲方违约", "9.1": "不可抗力定义", "9.2": "不可抗力影响",
    "10.1": "协商解决", "10.2": "仲裁", "11.1": "合同变更", "11.2": "合同终止", "12.1": "通知", "12.2": "送达",
}
SEED_CHAPTERS = [
    ("第一章", "定义与解释"), ("第二章", "服务内容"), ("第三章", "费用与支付"), ("第四章", "知识产权"),
    ("第五章", "必威体育官网网址条款"), ("第六章", "交付与验收"), ("第七章", "技术支持与维护"),
    ("第八章", "违约责任"), ("第九章", "不可抗力"), ("第十章", "争议解决"), ("第十一章", "合同的变更与终止"),
    ("第十二章", "通知与送达"),
]
SEED_ITEMS = {"2.1": 4, "3.2": 2, "6.1": 3, "6.2": 3, "7.1": 3, "11.2": 4}


def doc_from(text: str, name: str = "example.txt") -> Document:
    """A Document from inline text, one block per line, as the TXT loader makes it."""
    lines = text.strip("\n").split("\n")
    raw = RawDocument([Paragraph(line, 1, f"第 {i} 行") for i, line in enumerate(lines, 1)])
    return assemble(Path(name), "txt", raw)


def check_invariants(doc: Document) -> None:
    """Offsets are exact and nodes nest: what every consumer of the tree relies on."""
    text, tree = doc.text, doc.clauses
    chrome = [f for f in doc.foreign if f.kind in ("web-chrome", "advertising")]
    previous_end = {}
    for node in tree:
        assert node.index == tree.nodes.index(node)
        span = text[node.start:node.end]
        assert span and span == span.strip() and not span.startswith("\n") and not span.endswith("\n"), node
        block = doc.block_at(node.start)
        assert block is not None and block.start == node.start, node  # a node starts at a block
        assert text[node.heading_start:node.heading_end] == node.heading, node
        assert node.start <= node.heading_start <= node.heading_end <= node.end, node
        assert node.heading_end <= node.body_start <= node.end, node
        assert text[node.start:node.start + len(node.label)] == node.label, node
        if node.end < len(text):
            assert text[node.end] == "\n", node  # ends where a block ends
        for f in chrome:  # foreign blocks belong to no node's edges
            assert not (f.start <= node.start < f.end) and not (f.start < node.end <= f.end), (node, f)
        if node.parent is None:
            assert node.level in (0, 1), node
        else:
            parent = tree.nodes[node.parent]
            assert parent.index < node.index
            assert parent.start <= node.start and node.end <= parent.end, (parent, node)
            assert node.level == parent.level + 1, node
        # Siblings follow each other without overlap.
        if node.parent in previous_end:
            assert previous_end[node.parent] < node.start, node
        previous_end[node.parent] = node.end
    starts = [n.start for n in tree]
    assert starts == sorted(starts)


def outline(doc: Document) -> list[tuple]:
    return [(n.kind, n.number, n.heading) for n in doc.clauses]


# -- the seed --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed() -> Document:
    return reviewer.load(SAMPLES / "seed-contract-scraped.txt")


def test_seed_clauses_and_headings(seed):
    clauses = [n for n in seed.clauses if n.kind == "clause"]
    assert {n.number: n.heading for n in clauses} == SEED_CLAUSES
    assert [n.number for n in clauses] == list(SEED_CLAUSES)
    assert all(n.level == 2 and n.label == n.number for n in clauses)


def test_seed_chapters(seed):
    chapters = seed.clauses.of_kind("chapter")
    assert [(n.label, n.heading) for n in chapters] == SEED_CHAPTERS
    assert [n.number for n in chapters] == [str(i) for i in range(1, 13)]
    assert all(n.level == 1 and n.parent is None for n in chapters)
    first = chapters[0]
    assert seed.text[first.start:first.heading_end] == "第一章:定义与解释"
    assert seed.text[first.body_start:].startswith("1.1定义")


def test_seed_items_belong_to_their_clause(seed):
    tree = seed.clauses
    for number, count in SEED_ITEMS.items():
        clause = tree.get(number)
        items = tree.children(clause)
        assert [n.number for n in items] == [f"{number}({i})" for i in range(1, count + 1)]
        assert all(n.kind == "item" and n.level == 3 and n.label == f"({i})" for i, n in enumerate(items, 1))
    assert seed.text[tree.get("2.1(3)").start:tree.get("2.1(3)").end] == "(3)完善用户画像及数据分析功能;"
    assert len(tree.of_kind("item")) == sum(SEED_ITEMS.values())


def test_seed_heading_apart_from_body(seed):
    tree = seed.clauses
    arbitration = tree.get("10.2")
    assert seed.text[arbitration.start:arbitration.end] == "10.2仲裁\n如协商不成,任何一方均有权向合同签订地所在的人民法院提起诉讼。"
    assert (arbitration.label, arbitration.heading) == ("10.2", "仲裁")
    assert seed.text[arbitration.heading_start:arbitration.heading_end] == "仲裁"
    assert seed.text[arbitration.body_start:arbitration.end] == "如协商不成,任何一方均有权向合同签订地所在的人民法院提起诉讼。"
    definition = tree.get("1.1")
    assert seed.text[definition.body_start:].startswith("除非本合同另有规定")
    item = tree.get("6.1(2)")
    assert seed.text[item.body_start:item.end] == "操作手册;"


def test_seed_title_preamble_and_end_before_chrome(seed):
    tree = seed.clauses
    (title,) = tree.of_kind("title")
    assert seed.text[title.start:title.end] == title.heading == "电商平台智能客服系统升级合同"
    (preamble,) = tree.of_kind("preamble")
    assert seed.text[preamble.start:preamble.end] == "合同编号:__________"
    assert tree.of_kind("signature") == []  # the scraped text breaks off before any signature
    last = tree.get("12.2")
    assert seed.text[last.start:last.end] == "12.2送达\n双方确认以下地址为有效"
    chapter = tree.get("12")
    assert chapter.end == last.end
    assert seed.text[last.end + 1:].startswith("文档评论(0)")


def test_seed_invariants(seed):
    check_invariants(seed)


def test_seed_queries(seed):
    tree = seed.clauses
    offset = seed.text.index("如协商不成")
    assert tree.at(offset).number == "10.2"
    assert tree.clause_at(seed.text.index("优化自然语言")).number == "2.1"
    assert tree.at(0) is None  # the advertising line above the title belongs to no node
    assert [n.number for n in tree.ancestors(tree.get("6.2(3)"))] == ["6.2", "6"]


@pytest.mark.parametrize("name", [
    "seed-contract-clean.txt", "seed-contract-clean-gbk.txt", "seed-contract-clean.docx", "seed-contract-clean.pdf",
])
def test_clean_seed_same_tree_in_every_format(seed, name):
    doc = reviewer.load(SAMPLES / name)
    check_invariants(doc)
    tree = doc.clauses
    assert {n.number: n.heading for n in tree if n.kind == "clause"} == {
        **SEED_CLAUSES, "5.1": "保密义务", "5.2": "保密期限"}
    assert [n.heading for n in tree.of_kind("chapter")] == [h if h != "必威体育官网网址条款" else "保密条款"
                                                            for _, h in SEED_CHAPTERS]
    assert [n.number for n in tree.of_kind("item")] == [
        f"{c}({i})" for c, count in SEED_ITEMS.items() for i in range(1, count + 1)]
    assert [n.heading for n in tree.of_kind("title")] == ["电商平台智能客服系统升级合同"]
    reference = reviewer.load(SAMPLES / "seed-contract-clean.txt")
    assert outline(doc) == outline(reference)
    for node, ref in zip(tree, reference.clauses):
        assert doc.text[node.start:node.end] == reference.text[ref.start:ref.end]


def test_clean_seed_pdf_pages():
    doc = reviewer.load(SAMPLES / "seed-contract-clean.pdf")
    tree = doc.clauses
    assert doc.pages_of(tree.get("1.1").start, tree.get("1.1").end) == (1,)
    assert doc.page_count > 1
    last = tree.get("12.2")
    assert doc.page_at(last.start) == doc.page_count


def test_cut_seed_keeps_its_numbers():
    for name in ("seed-contract-cut.txt", "seed-contract-cut.docx"):
        doc = reviewer.load(SAMPLES / name)
        check_invariants(doc)
        assert [n.number for n in doc.clauses if n.kind == "clause"] == list(SEED_CLAUSES)


# -- the other samples -------------------------------------------------------------------------------


def test_software_development_sample():
    for name in ("software-development-contract.txt", "software-development-contract.docx"):
        doc = reviewer.load(SAMPLES / name)
        check_invariants(doc)
        tree = doc.clauses
        chapters = tree.of_kind("chapter")
        assert [n.label for n in chapters][:3] == ["第一条", "第二条", "第三条"]
        assert [n.number for n in chapters] == [str(i) for i in range(1, len(chapters) + 1)]
        assert tree.get("4").heading == "合同价款及支付方式"
        assert [n.number for n in tree.children(tree.get("4.2"))] == ["4.2(1)", "4.2(2)", "4.2(3)"]
        assert tree.get("4.1").label == "1." and tree.get("4.1").kind == "clause"
        (signature,) = tree.of_kind("signature")
        assert doc.text[signature.start:signature.end].startswith("（以下无正文）")


def test_saas_sample():
    for name in ("saas-subscription-agreement.txt", "saas-subscription-agreement.docx"):
        doc = reviewer.load(SAMPLES / name)
        check_invariants(doc)
        tree = doc.clauses
        top = [n for n in tree if n.parent is None and n.kind in ("chapter", "clause")]
        assert top[0].label.startswith("一") and top[0].heading == "定义"
        numbers = [int(n.number) for n in top]
        assert numbers == sorted(numbers) and 7 not in numbers  # 六 → 八 stays as written
        first_sub = tree.children(top[0])[0]
        assert first_sub.label == "（一）" and first_sub.number == "1.1"
        assert len(tree.of_kind("signature")) == 1


def test_data_processing_sample():
    for name in ("data-processing-agreement.txt", "data-processing-agreement.docx"):
        doc = reviewer.load(SAMPLES / name)
        check_invariants(doc)
        tree = doc.clauses
        assert tree.get("1").kind == "chapter" and tree.get("1").heading == "委托处理事项"
        assert [n.number for n in tree.children(tree.get("1"))][:3] == ["1.1", "1.2", "1.3"]
        assert len(tree.of_kind("signature")) == 1


# -- numbering styles ------------------------------------------------------------------------------

ARTICLES = """
技术服务合同
甲方：北京某某科技有限公司
乙方：上海某某信息技术有限公司
经双方友好协商，订立本合同。
第一条 服务内容
乙方为甲方提供系统运维服务。
第二条 服务费用
甲方应于每季度首月向乙方支付服务费人民币5万元。
第三条 保密 双方应对在履行本合同过程中知悉的对方商业秘密予以保密。
第十条 争议解决
（一）协商解决；
（二）向甲方所在地人民法院起诉。
第三条约定的保密义务在本合同终止后继续有效。
第二十一条 本合同一式两份，双方各执一份，自双方签字盖章之日起生效。
甲方（盖章）：
法定代表人：
日期：
乙方（盖章）：
法定代表人：
日期：
"""


def test_articles_without_chapters():
    doc = doc_from(ARTICLES)
    check_invariants(doc)
    tree = doc.clauses
    assert outline(doc) == [
        ("title", None, "技术服务合同"),
        ("preamble", None, ""),
        ("clause", "1", "服务内容"),
        ("clause", "2", "服务费用"),
        ("clause", "3", "保密"),
        ("clause", "10", "争议解决"),
        ("item", "10(1)", ""),
        ("item", "10(2)", ""),
        ("clause", "21", ""),
        ("signature", None, ""),
    ]
    third = tree.get("3")
    assert doc.text[third.body_start:third.end].startswith("双方应对在履行")
    assert doc.text[tree.get("21").body_start:].startswith("本合同一式两份")
    # A line that begins with a reference to 第三条 is body text of the item above it.
    assert doc.text[tree.get("10(2)").start:tree.get("10(2)").end].endswith("在本合同终止后继续有效。")
    (signature,) = tree.of_kind("signature")
    assert doc.text[signature.start:signature.end] == "甲方（盖章）：\n法定代表人：\n日期：\n乙方（盖章）：\n法定代表人：\n日期："
    preamble = tree.of_kind("preamble")[0]
    assert doc.text[preamble.start:preamble.end].endswith("订立本合同。")


def test_chinese_numerals_up_to_hundreds():
    doc = doc_from("第九十九条 甲\n正文。\n第一百零五条 乙\n正文。\n第二百条 丙\n正文。")
    assert [n.number for n in doc.clauses] == ["99", "105", "200"]
    assert [n.label for n in doc.clauses] == ["第九十九条", "第一百零五条", "第二百条"]
    digits = doc_from("第1条 甲\n正文。\n第１２条 乙\n正文。")
    assert [(n.number, n.label, n.heading) for n in digits.clauses] == [("1", "第1条", "甲"), ("12", "第１２条", "乙")]


def test_official_document_style():
    doc = doc_from("""
软件开发合同
甲方：某某商贸有限公司
乙方：某某软件有限公司
一、项目内容
（一）开发范围
1. 乙方负责开发订单管理模块。
2. 乙方负责开发库存管理模块。
（1）含移动端；
（2）含管理后台。
（二）交付时间
乙方应于2024年6月30日前交付。
二、费用
甲方应向乙方支付开发费用人民币10万元。
""")
    check_invariants(doc)
    assert [(n.kind, n.number, n.label, n.heading, n.level) for n in doc.clauses if n.kind not in ("title", "preamble")] == [
        ("chapter", "1", "一、", "项目内容", 1),
        ("clause", "1.1", "（一）", "开发范围", 2),
        ("clause", "1.1.1", "1.", "", 3),
        ("clause", "1.1.2", "2.", "", 3),
        ("item", "1.1.2(1)", "（1）", "", 4),
        ("item", "1.1.2(2)", "（2）", "", 4),
        ("clause", "1.2", "（二）", "交付时间", 2),
        ("clause", "2", "二、", "费用", 1),
    ]


def test_decimal_depth():
    doc = doc_from("""
1. 定义
1.1 本合同中：
1.1.1 “服务”指乙方提供的运维服务；
1.1.2 “工作日”指法定工作日。
1.2 标题不影响解释。
2. 服务
2.1 乙方应提供服务，费用为1.5倍。
1.5倍的违约金由乙方承担。
""")
    check_invariants(doc)
    assert [(n.kind, n.number, n.level) for n in doc.clauses] == [
        ("chapter", "1", 1), ("clause", "1.1", 2), ("clause", "1.1.1", 3), ("clause", "1.1.2", 3),
        ("clause", "1.2", 2), ("chapter", "2", 1), ("clause", "2.1", 2),
    ]
    tree = doc.clauses
    assert tree.get("1").heading == "定义" and tree.get("1.1").heading == ""
    assert doc.text[tree.get("2.1").start:tree.get("2.1").end].endswith("1.5倍的违约金由乙方承担。")


def test_english_articles():
    doc = doc_from("""
SOFTWARE LICENCE AGREEMENT
This Agreement is made between ABC Technology Ltd. (hereinafter "Party A") and XYZ Software Inc. (hereinafter "Party B").
ARTICLE 1 DEFINITIONS
1.1 "Software" means the program supplied by Party B.
1.2 Headings are for convenience only.
ARTICLE 2 - FEES AND PAYMENT
2.1 Fees. Party A shall pay Party B the licence fee of USD 10,000 within 30 days.
2.2 Party B shall provide the Software and support services to Party A.
ARTICLE III TERM
This Agreement remains in force for one year.
IN WITNESS WHEREOF the parties have signed this Agreement.
Party A (Signature):
Party B (Signature):
""")
    check_invariants(doc)
    assert outline(doc) == [
        ("title", None, "SOFTWARE LICENCE AGREEMENT"),
        ("preamble", None, ""),
        ("chapter", "1", "DEFINITIONS"),
        ("clause", "1.1", ""),
        ("clause", "1.2", ""),
        ("chapter", "2", "FEES AND PAYMENT"),
        ("clause", "2.1", "Fees"),
        ("clause", "2.2", ""),
        ("clause", "3", "TERM"),
        ("signature", None, ""),
    ]
    fees = doc.clauses.get("2.1")
    assert doc.text[fees.body_start:].startswith("Party A shall pay")
    assert doc.clauses.get("3").label == "ARTICLE III"


def test_english_sections():
    doc = doc_from("""
Section 1 Definitions
Section 1.1 "Services" means the hosting services.
Section 1.2 Headings do not affect interpretation.
Section 2 Fees
2.1 The Customer shall pay the fees monthly.
""")
    check_invariants(doc)
    assert [(n.kind, n.number, n.label, n.heading) for n in doc.clauses] == [
        ("chapter", "1", "Section 1", "Definitions"),
        ("clause", "1.1", "Section 1.1", ""),
        ("clause", "1.2", "Section 1.2", ""),
        ("chapter", "2", "Section 2", "Fees"),
        ("clause", "2.1", "2.1", ""),
    ]


def test_full_width_numbers():
    doc = doc_from("""
采购合同
第一章：总则
１．１　本合同适用于甲方向乙方采购办公设备。
１．２　定义
本合同所称设备指附件一所列设备。
第二章　价款
２．１　甲方应向乙方支付价款人民币３万元。
（１）首付款３０％；
（２）尾款７０％。
""")
    check_invariants(doc)
    assert outline(doc) == [
        ("title", None, "采购合同"),
        ("chapter", "1", "总则"),
        ("clause", "1.1", ""),
        ("clause", "1.2", "定义"),
        ("chapter", "2", "价款"),
        ("clause", "2.1", ""),
        ("item", "2.1(1)", ""),
        ("item", "2.1(2)", ""),
    ]
    tree = doc.clauses
    assert tree.get("1.1").label == "１．１"
    assert doc.text[tree.get("1.1").body_start:].startswith("本合同适用于")
    assert doc.text[tree.get("1").heading_start:tree.get("1").heading_end] == "总则"


def test_other_list_styles():
    doc = doc_from("""
第一条 交付
乙方应交付以下材料：
① 源代码；
② 用户手册。
第二条 付款
1) 首付款；
2) 尾款。
第三条 责任
a) 赔偿损失；
b) 支付违约金。
(a) 继续履行；
""")
    check_invariants(doc)
    numbers = [n.number for n in doc.clauses if n.kind == "item"]
    assert numbers == ["1(1)", "1(2)", "2(1)", "2(2)", "3(a)", "3(b)", "3(a)"]


def test_wrong_numbering_is_kept_as_written():
    doc = doc_from("""
第九章 违约
9.1 违约方应赔偿损失。
第十一章 争议
11.1 协商解决。
11.3 仲裁。
11.3 诉讼。
11.2 其他。
5.1 回到前面。
""")
    check_invariants(doc)
    tree = doc.clauses
    assert [(n.kind, n.number) for n in tree] == [
        ("chapter", "9"), ("clause", "9.1"), ("chapter", "11"), ("clause", "11.1"), ("clause", "11.3"),
        ("clause", "11.3"), ("clause", "11.2"), ("clause", "5.1"),
    ]
    chapter = tree.get("11")
    assert [n.number for n in tree.children(chapter)] == ["11.1", "11.3", "11.3", "11.2", "5.1"]


def test_heading_rules():
    doc = doc_from("""
第一章 定义与解释
1.1定义
本合同所称服务指运维服务。
1.2 本合同一式两份
1.3 【保密】双方应保守秘密。
1.4 甲方 应当按时付款。
1.5 期限：一年
1.6 验收
""")
    tree = doc.clauses
    assert [(n.number, n.heading) for n in tree] == [
        ("1", "定义与解释"), ("1.1", "定义"), ("1.2", ""), ("1.3", "保密"), ("1.4", ""), ("1.5", ""), ("1.6", ""),
    ]
    bracket = tree.get("1.3")
    assert doc.text[bracket.heading_start:bracket.heading_end] == "保密"
    assert doc.text[bracket.body_start:bracket.end] == "双方应保守秘密。"
    assert doc.text[tree.get("1.2").body_start:tree.get("1.2").end] == "本合同一式两份"


def test_no_numbering_becomes_paragraph_clauses():
    doc = doc_from("""
保密协议
甲方：某某银行股份有限公司
乙方：某某数据服务有限公司
双方经友好协商，就保密事宜达成如下协议：
乙方应对在合作过程中知悉的甲方客户信息严格保密，不得向任何第三方披露。
保密期限为合作终止后三年。
乙方违反本协议的，应赔偿甲方因此遭受的全部损失。
甲方（盖章）：
乙方（盖章）：
签订日期：2024年1月1日
""")
    check_invariants(doc)
    tree = doc.clauses
    assert [(n.kind, n.number) for n in tree] == [
        ("title", None), ("preamble", None), ("clause", None), ("clause", None), ("clause", None), ("signature", None),
    ]
    clauses = tree.leaves_and_clauses()
    assert [doc.text[n.start:n.end] for n in clauses][1] == "保密期限为合作终止后三年。"
    assert all(n.level == 1 and n.label == "" and n.body_start == n.start for n in clauses)


def test_no_numbering_with_heading_lines():
    doc = doc_from("""
服务协议
保密
乙方应对合作中知悉的信息保密。
保密期限为三年。
违约责任
乙方违约的，应赔偿损失。
""")
    check_invariants(doc)
    clauses = doc.clauses.leaves_and_clauses()
    assert [n.heading for n in clauses] == ["保密", "违约责任"]
    assert doc.text[clauses[0].body_start:clauses[0].end] == "乙方应对合作中知悉的信息保密。\n保密期限为三年。"


def test_annex_and_a_list_of_annexes():
    doc = doc_from("""
系统集成合同
第十二条 附件
本合同附件如下：
附件1：需求说明书
附件2：报价单
第十三条 其他
本合同自签字盖章之日起生效。
甲方（盖章）：
乙方（盖章）：
附件一：报价单
1. 软件许可费：10万元
2. 实施费：5万元
""")
    check_invariants(doc)
    tree = doc.clauses
    assert [(n.kind, n.number, n.heading) for n in tree] == [
        ("title", None, "系统集成合同"),
        ("clause", "12", "附件"),
        ("clause", "13", "其他"),
        ("signature", None, ""),
        ("annex", "附件1", "报价单"),
        ("clause", "1", ""),
        ("clause", "2", ""),
    ]
    annex = tree.of_kind("annex")[0]
    assert annex.label == "附件一" and annex.level == 1
    assert [n.parent for n in tree if n.number in ("1", "2")] == [annex.index, annex.index]
    assert tree.get("12") is not None and tree.get("12").end < tree.of_kind("signature")[0].start


def test_chrome_is_no_part_of_any_node():
    doc = doc_from("""
网站大量收购闲置独家精品文档,联系QQ:2885784924
示例合同.doc
示例合同
第一条 标的
乙方向甲方提供服务。
第二条 价款
甲方支付价款。
查看更多
相关文档
""")
    check_invariants(doc)
    tree = doc.clauses
    assert tree.nodes[0].kind == "title" and tree.nodes[0].heading == "示例合同"
    assert doc.text[tree.get("2").start:tree.get("2").end] == "第二条 价款\n甲方支付价款。"


def test_empty_and_foreign_only_documents():
    assert len(doc_from("").clauses) == 0
    assert len(doc_from("查看更多").clauses) == 0


def test_tree_type():
    assert isinstance(doc_from("第一条 标的\n正文。").clauses, ClauseTree)


# -- robustness: any mix of numbering keeps the offsets exact ----------------------------------------

_LINES = st.sampled_from([
    "第一章 总则", "第三章：费用", "第十一章", "第一条 定义", "第五条 保密 双方应保密。", "第二十一条",
    "1. 定义", "2、服务", "1.1 甲方应付款。", "1.2定义", "3.5", "1.1.1 细则。", "（一）范围", "(1) 第一项；",
    "（2）第二项。", "① 源代码", "a) 赔偿", "一、项目", "ARTICLE 2 FEES", "附件一：报价单", "甲方（盖章）：",
    "日期：", "正文一句话。", "查看更多", "本合同一式两份。", "鉴于双方协商一致，订立本合同。", "",
])


@settings(max_examples=200, deadline=None)
@given(st.lists(_LINES, min_size=1, max_size=25))
def test_any_numbering_gives_a_consistent_tree(lines):
    doc = doc_from("\n".join(lines))
    check_invariants(doc)


def test_signature_block_after_the_annexes():
    from reviewer.loaders import from_text

    doc = from_text("服务合同\n第一条 服务\n乙方提供服务。\n附件一：设备清单\n1. 复合机，20台；\n2. 管理软件，20套。\n"
                    "甲方（盖章）：某某公司\n签订日期：____年__月__日\n乙方（盖章）：某某科技\n签订日期：____年__月__日")
    kinds = [(n.kind, doc.text[n.start:n.end].split("\n")[0]) for n in doc.clauses if n.kind in ("annex", "signature")]
    assert kinds == [("annex", "附件一：设备清单"), ("signature", "甲方（盖章）：某某公司")]
    annex = next(n for n in doc.clauses if n.kind == "annex")
    assert doc.text[annex.start:annex.end].endswith("2. 管理软件，20套。")
