"""Foreign text: the seed's web chrome, advertising, contact handles and substituted spam, and what is not."""

from __future__ import annotations

from pathlib import Path

import pytest

import reviewer
from reviewer.model.document import Document
from reviewer.structure.foreign import KINDS, find_foreign, vocabulary
from reviewer.loaders import Paragraph, RawDocument, assemble

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "samples" / "seed-contract-scraped.txt"

HEAD_CHROME = (
    "电商平台智能客服系统升级合同.doc\n"
    "1. 1、本文档共5页,可阅读全部内容。\n"
    "2. 2、有哪些信誉好的足球投注网站(book118)网站文档一经付费(服务费),不意味着购买了该文档的版权,"
    "仅供个人/单位学习、研究之用,不得用于商业用途,未经授权,严禁复制、发行、汇编、翻译或者网络传播等,侵权必究。\n"
)
TAIL_CHROME = "文档评论(0)\n133****1728 + 关注\n实名认证\n内容提供者\n该用户很懒,什么也没介绍\n1亿VIP精品文档\n相关文档"
SPAM = "必威体育官网网址"


def doc_from(text: str) -> Document:
    lines = text.strip("\n").split("\n")
    raw = RawDocument([Paragraph(line, 1, f"第 {i} 行") for i, line in enumerate(lines, 1)])
    return assemble(Path("example.txt"), "txt", raw)


def texts(doc: Document, kind: str) -> list[str]:
    return [doc.text[f.start:f.end] for f in doc.foreign if f.kind == kind]


@pytest.fixture(scope="module")
def seed() -> Document:
    return reviewer.load(SEED)


def test_seed_advertising_line(seed):
    assert texts(seed, "advertising") == ["网站大量收购闲置独家精品文档,联系QQ:2885784924"]
    assert seed.foreign[0].start == 0


def test_seed_web_chrome_blocks(seed):
    head, tail = texts(seed, "web-chrome")
    assert head.startswith(HEAD_CHROME)
    assert head.endswith("如果您已付费下载过本站文档,您可以点击 这里二次下载\n"
                         "4. 4、如文档侵犯商业秘密、侵犯著作权、侵犯人身权等,请点击“版权申诉”(推荐),"
                         "也可以打举报电话:400-050-0827(电话支持时间:9:00-18:30)。\n查看更多")
    assert head.count("\n") == 5  # the file name, four notices and 查看更多: six blocks
    assert tail == TAIL_CHROME
    assert seed.text.endswith(tail)
    # The title right after the chrome is contract text.
    after = seed.text.index(head) + len(head) + 1
    assert seed.text[after:].startswith("电商平台智能客服系统升级合同\n合同编号")
    assert not any(f.start <= after < f.end for f in seed.foreign)


def test_seed_contact_handles(seed):
    assert texts(seed, "contact") == ["QQ:2885784924", "电话:400-050-0827", "133****1728"]
    blocks = [f for f in seed.foreign if f.kind in ("web-chrome", "advertising")]
    for handle in (f for f in seed.foreign if f.kind == "contact"):
        assert any(b.start <= handle.start and handle.end <= b.end for b in blocks)


def test_seed_spam_substituted_for_confidentiality(seed):
    spam = [f for f in seed.foreign if f.kind == "spam" and f.replaces]
    places, at = [], seed.text.find(SPAM)
    while at >= 0:
        places.append((at, at + len(SPAM)))
        at = seed.text.find(SPAM, at + 1)
    assert len(places) == 5
    assert [(f.start, f.end) for f in spam] == places
    assert {f.replaces for f in spam} == {"保密"}
    assert all(seed.text[f.start:f.end] == SPAM for f in spam)
    # Exactly the spam: the words around it are contract text.
    chapter = seed.text[spam[0].start - 4:spam[0].end + 2]
    assert chapter == "第五章:必威体育官网网址条款"
    sentence_end = seed.text[spam[2].start - 5:spam[2].end + 1]
    assert sentence_end == "应予以严格必威体育官网网址。"


def test_seed_spam_inside_the_chrome(seed):
    in_chrome = [f for f in seed.foreign if f.kind == "spam" and not f.replaces]
    assert [seed.text[f.start:f.end] for f in in_chrome] == ["有哪些信誉好的足球投注网站"]


def test_spans_are_sorted_and_blocks_never_overlap(seed):
    assert {f.kind for f in seed.foreign} <= set(KINDS)
    keys = [(f.start, -f.end) for f in seed.foreign]
    assert keys == sorted(keys)
    blocks = [f for f in seed.foreign if f.kind in ("web-chrome", "advertising")]
    assert all(a.end < b.start for a, b in zip(blocks, blocks[1:]))
    for f in blocks:  # whole blocks
        assert f.start == 0 or seed.text[f.start - 1] == "\n"
        assert f.end == len(seed.text) or seed.text[f.end] == "\n"


def test_seed_foreign_blocks_are_recognised_by_the_document(seed):
    foreign_blocks = [b for b in seed.blocks if seed.is_foreign_block(b)]
    assert len(foreign_blocks) == 1 + 6 + 7


def test_clean_seed_has_no_foreign_text():
    for name in ("seed-contract-clean.txt", "seed-contract-clean.docx", "seed-contract-clean.pdf"):
        assert reviewer.load(ROOT / "samples" / name).foreign == ()


def test_other_samples_have_no_foreign_text():
    for name in ("software-development-contract.txt", "saas-subscription-agreement.txt",
                 "data-processing-agreement.txt"):
        assert reviewer.load(ROOT / "samples" / name).foreign == (), name


def test_contract_words_about_phones_sites_and_documents_are_not_foreign():
    doc = doc_from("""
网站运营服务合同
第一条 服务内容
乙方负责甲方官方网站的日常运营与内容更新，并提供网站访问数据分析报告。
第二条 技术文档
乙方应向甲方提供技术文档，甲方可在内部系统下载、上传和分享该等文档。
第三条 通知
甲方联系电话：010-88886666，邮箱：legal@example.com，网址：www.example.com。
乙方联系人微信：service_2024，QQ：12345678。
第四条 知识产权
本合同项下交付物的版权归甲方所有，侵权必究。
""")
    assert doc.foreign == ()


def test_weak_words_at_the_edges_never_take_the_title_or_the_last_clause():
    doc = doc_from("""
文档下载服务合同
第一条 乙方提供文档下载服务。
第二条 本合同的版权条款见附件。
""")
    assert doc.foreign == ()


def test_chrome_inside_the_body_needs_strong_evidence():
    doc = doc_from("""
采购合同
第一条 标的
乙方向甲方供应服务器两台。
查看更多
1、本文档共3页,可阅读全部内容。
第二条 价款
甲方支付价款人民币十万元。
""")
    assert texts(doc, "web-chrome") == ["查看更多\n1、本文档共3页,可阅读全部内容。"]
    assert doc.clauses.get("1").end < doc.text.index("查看更多")


def test_full_width_advertising_with_contact():
    doc = doc_from("""
大量收购精品文档，加微信：ｄｏｃ２０２４ｖｉｐ，ＱＱ：１２３４５６７
技术服务合同
第一条 服务内容
""")
    assert texts(doc, "advertising") == ["大量收购精品文档，加微信：ｄｏｃ２０２４ｖｉｐ，ＱＱ：１２３４５６７"]
    assert texts(doc, "contact") == ["微信：ｄｏｃ２０２４ｖｉｐ", "ＱＱ：１２３４５６７"]


def test_spam_for_another_word():
    doc = doc_from("""
第八章 亚博体育app下载条款
8.1 乙方逾期交付的，应按日支付违约金；给甲方造成损失的，还应赔偿。
8.2 亚博体育app下载的承担不影响继续履行。
""")
    spam = [f for f in doc.foreign if f.kind == "spam"]
    assert [doc.text[f.start:f.end] for f in spam] == ["亚博体育app下载", "亚博体育app下载"]
    assert {f.replaces for f in spam} == {"违约责任"}


def test_gambling_phrases_in_a_clause():
    doc = doc_from("""
第一条 本合同项下的服务不得用于足球投注网站或娱乐城官网的推广。
""")
    assert texts(doc, "spam") == ["足球投注网站", "娱乐城官网"]


def test_no_foreign_text_in_a_plain_contract():
    doc = doc_from("技术服务合同\n第一条 乙方提供服务。\n第二条 甲方支付费用。")
    assert find_foreign(doc) == []
    assert find_foreign(doc_from("")) == []


def test_vocabulary_loads_from_the_package():
    vocab = vocabulary()
    assert vocab.chrome_line.fullmatch("查看更多")
    assert vocab.replaces["保密"]
    assert any(p.search("必威体育官网网址") for p in vocab.spam)


def test_template_site_breadcrumbs_and_footer_are_chrome():
    from pathlib import Path

    import reviewer

    doc = reviewer.load(Path(__file__).resolve().parent / "corpus" / "tech-service-contract.txt")
    chrome = [doc.text[f.start:f.end] for f in doc.foreign if f.kind == "web-chrome"]
    assert any(t.startswith("首页 > 合同范本") for t in chrome)
    assert any("\n更新时间：2024-05-17" in t for t in chrome)
    assert any(t.startswith("本文由合同范本网整理发布") for t in chrome)
    first = doc.clauses.nodes[0]
    assert first.kind == "title" and doc.text[first.start:first.end] == "技术服务合同"
