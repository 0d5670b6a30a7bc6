"""Text contracts: every usual encoding found without asking, every kind of line end, offsets exact."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewer import load
from reviewer.errors import LoadError
from reviewer.loaders.txt import decode

SAMPLES = Path(__file__).resolve().parent.parent / "samples"

SIMPLIFIED = "第一条 保密义务\n双方应对在履行本合同过程中知悉的对方商业秘密予以保密。\n（一）未经书面同意，不得向第三方披露。"
TRADITIONAL = "第一條 保密義務\n雙方應對在履行本合約過程中知悉的對方商業秘密予以保密。\n（一）未經書面同意，不得向第三方披露。"


def _write(tmp_path: Path, data: bytes, name: str = "contract.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("text, encoded, encoding", [
    (SIMPLIFIED, SIMPLIFIED.encode("utf-8"), "utf-8"),
    (SIMPLIFIED, SIMPLIFIED.encode("utf-8-sig"), "utf-8-sig"),
    (SIMPLIFIED, SIMPLIFIED.encode("utf-16"), "utf-16"),
    (SIMPLIFIED, SIMPLIFIED.encode("utf-16-le"), "utf-16-le"),
    (SIMPLIFIED, SIMPLIFIED.encode("utf-16-be"), "utf-16-be"),
    (SIMPLIFIED, SIMPLIFIED.encode("utf-32"), "utf-32"),
    (SIMPLIFIED, SIMPLIFIED.encode("gbk"), "gb18030"),
    (SIMPLIFIED + "\n㐀", (SIMPLIFIED + "\n㐀").encode("gb18030"), "gb18030"),
    (TRADITIONAL, TRADITIONAL.encode("big5"), "big5"),
    (TRADITIONAL, TRADITIONAL.encode("utf-16-le"), "utf-16-le"),
])
def test_encodings_detected(tmp_path, text, encoded, encoding):
    doc = load(_write(tmp_path, encoded))
    assert doc.text == text
    assert doc.source_encoding == encoding


@pytest.mark.parametrize("phrase", [
    "合同编号：", "第一条 保密", "违约金", "服务期限为一年。", "甲方（盖章）：", "乙方应在五个工作日内开具发票。",
    "本合同一式两份。", "争议解决", "验收标准如下：",
])
def test_short_gbk_texts_are_not_read_as_big5(phrase):
    assert decode(phrase.encode("gbk")) == (phrase, "gb18030")


@pytest.mark.parametrize("phrase", ["第一條 保密義務", "甲方應於驗收合格後支付款項。", "乙方應提供技術支援與維護服務。"])
def test_short_big5_texts(phrase):
    assert decode(phrase.encode("big5")) == (phrase, "big5")


def test_utf16_without_bom_and_without_ascii():
    text = "甲方应按照以下方式向乙方支付服务费用"
    assert decode(text.encode("utf-16-le")) == (text, "utf-16-le")


def test_utf8_cut_inside_the_last_character():
    data = "甲方应付款".encode("utf-8")[:-1]
    assert decode(data) == ("甲方应付", "utf-8")


def test_gbk_seed_sample_reads_like_the_utf8_one():
    gbk = load(SAMPLES / "seed-contract-clean-gbk.txt")
    utf8 = load(SAMPLES / "seed-contract-clean.txt")
    assert gbk.source_encoding == "gb18030"
    assert gbk.text == utf8.text
    assert "第五章:保密条款" in gbk.text


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n", "\u2028", "\u2029"])
def test_line_endings(tmp_path, newline):
    lines = ["电商平台智能客服系统升级合同", "", "第一章:定义与解释", "1.1定义"]
    doc = load(_write(tmp_path, newline.join(lines).encode("utf-8")))
    assert doc.text == "电商平台智能客服系统升级合同\n第一章:定义与解释\n1.1定义"
    # Blank lines are dropped from the text but the source still names the file's own line.
    assert [b.source for b in doc.blocks] == ["第 1 行", "第 3 行", "第 4 行"]
    for block, line in zip(doc.blocks, [lines[0], lines[2], lines[3]]):
        assert doc.text[block.start:block.end] == line


def test_mixed_line_endings_and_edge_spaces(tmp_path):
    data = "  甲方：某某公司 \r\n乙方：某某科技\r第三行\n\n\n第六行\u3000".encode("utf-8")
    doc = load(_write(tmp_path, data))
    assert doc.text == "甲方：某某公司\n乙方：某某科技\n第三行\n第六行"
    assert [b.source for b in doc.blocks] == ["第 1 行", "第 2 行", "第 3 行", "第 6 行"]
    block = doc.blocks[3]
    assert (block.start, block.end) == (len("甲方：某某公司\n乙方：某某科技\n第三行\n"), len(doc.text))


def test_form_feed_is_a_page_break(tmp_path):
    # pdftotext's layout: "\f" opens each new page; one inside a line splits that line's sentence.
    data = "第一页\n第一章\n\f第二页开头\n跨页的句子\f后半句\n".encode("utf-8")
    doc = load(_write(tmp_path, data))
    assert doc.text == "第一页\n第一章\n第二页开头\n跨页的句子后半句"
    assert doc.page_count == 3
    assert doc.page_at(doc.text.index("第二页开头")) == 2
    assert doc.page_at(doc.text.index("后半句")) == 3
    assert doc.pages_of(doc.text.index("跨页"), len(doc.text)) == (2, 3)


def test_invisible_characters_removed_and_radicals_mapped(tmp_path):
    data = "甲\u200b⽅承担⻛险\ufeff。".encode("utf-8")
    assert load(_write(tmp_path, data)).text == "甲方承担风险。"


def test_binary_file_named_txt(tmp_path):
    data = bytes(range(0, 32)) * 200
    with pytest.raises(LoadError) as caught:
        load(_write(tmp_path, data, "program.txt"))
    assert "不是文字" in caught.value.message and "program.txt" in str(caught.value)


def test_markdown_markup_removed(tmp_path):
    data = ("# 软件开发合同\n\n## 第一条 定义\n\n**甲方**：某某公司\n\n- 交付物\n\n---\n\n"
            "| 项目 | 金额 |\n|---|---|\n| 开发费 | 100 |\n").encode("utf-8")
    doc = load(_write(tmp_path, data, "contract.md"))
    assert doc.format == "md"
    assert doc.text == "软件开发合同\n第一条 定义\n甲方：某某公司\n交付物\n项目 金额\n开发费 100"
    assert [b.kind for b in doc.blocks] == ["heading", "heading", "para", "para", "table", "table"]
    assert doc.blocks[1].source == "第 3 行"


def test_markdown_bold_span_over_several_clauses(tmp_path):
    # A bold span opens on one clause and closes clauses later: every clause still starts with its number.
    data = ("**8.1 甲方理解并同意，乙方不对下列情形负责：\n\n（1）甲方自身原因；\n\n"
            "8.2 乙方应提前通知。**\n\n**9.1 本协议签订地为某市。\n\n9.2 适用中国法律。**（以下无正文）\n"
            "**10.1 加粗的一行。**\n").encode("utf-8")
    doc = load(_write(tmp_path, data, "terms.md"))
    assert doc.text == ("8.1 甲方理解并同意，乙方不对下列情形负责：\n（1）甲方自身原因；\n8.2 乙方应提前通知。\n"
                        "9.1 本协议签订地为某市。\n9.2 适用中国法律。（以下无正文）\n10.1 加粗的一行。")


def test_markdown_italic_headings_and_spans(tmp_path):
    data = "## *1. 服务。*\n\n**服务位置。**正文。\n\n本协议适用于*付费客户*。\n* (i)\t**预付费。**提前付款。\n".encode("utf-8")
    doc = load(_write(tmp_path, data, "terms.md"))
    assert doc.text == "1. 服务。\n服务位置。正文。\n本协议适用于付费客户。\n(i)\t预付费。提前付款。"
    assert doc.blocks[0].kind == "heading"


def test_markdown_literal_stars_stay(tmp_path):
    # Escaped stars, a lone footnote star and stars with space on both sides are text, not markup.
    data = "单价 \\* 数量\n\\*\\*不是粗体\\*\\*\n*以上信息可公开\n面积 a ** b 平方米\n".encode("utf-8")
    doc = load(_write(tmp_path, data, "a.md"))
    assert doc.text == "单价 * 数量\n**不是粗体**\n*以上信息可公开\n面积 a ** b 平方米"


def test_markdown_docs_site_front_matter_kept_as_is(tmp_path):
    # A docs site's <properties …/> and <tags …/> block stays in the text, unchanged but for the
    # indentation every line loses; the clause parser marks it as front matter.
    data = ('<properties\n\tpageTitle="某某云服务协议 | 某某云"\n    description="某某云服务协议"\n'
            '    services=""\n    documentationCenter=""\n    tags=""/>\n\n'
            '<tags ms.service="terms" ms.date="03/2021" site.lang="zh"/>\n\n'
            '> [SITE.LANGUAGE]\n- [中文](/legal/agreement/)\n\n# 某某云服务协议\n').encode("utf-8")
    doc = load(_write(tmp_path, data, "agreement.md"))
    assert doc.text.split("\n") == [
        "<properties", 'pageTitle="某某云服务协议 | 某某云"', 'description="某某云服务协议"', 'services=""',
        'documentationCenter=""', 'tags=""/>',
        '<tags ms.service="terms" ms.date="03/2021" site.lang="zh"/>',
        "[SITE.LANGUAGE]", "中文", "某某云服务协议"]


def test_markdown_code_fence_kept_verbatim(tmp_path):
    data = "```\n# 不是标题\n```\n正文".encode("utf-8")
    assert load(_write(tmp_path, data, "a.md")).text == "# 不是标题\n正文"
