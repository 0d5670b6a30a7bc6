"""Word contracts: body and tables in order, automatic numbers shown, tracked changes accepted."""

from __future__ import annotations

import base64
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from reviewer import load
from reviewer.errors import LoadError
from reviewer.loaders.numbering import format_number

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
W = nsdecls("w")
MC = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
# A 1×1 PNG, for a document that holds a picture and nothing else.
PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==")


def _level(ilvl: int, fmt: str, text: str, *, start: int = 1, suff: str = "nothing", extra: str = "") -> str:
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>{extra}'
            f'<w:suff w:val="{suff}"/><w:lvlText w:val="{text}"/></w:lvl>')


def _add_list(doc, abstract_id: int, levels: str, num_ids: list[int], overrides: dict[int, str] | None = None):
    """An abstract list definition and the num instances that point at it."""
    numbering = doc.part.numbering_part.element
    numbering.append(parse_xml(f'<w:abstractNum {W} w:abstractNumId="{abstract_id}">{levels}</w:abstractNum>'))
    for num_id in num_ids:
        override = (overrides or {}).get(num_id, "")
        numbering.append(parse_xml(
            f'<w:num {W} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{override}</w:num>'))


def _item(doc, text: str, num_id: int | None = None, ilvl: int | None = None, style: str | None = None):
    p = doc.add_paragraph(text, style=style)
    if num_id is not None:
        ilvl_xml = f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else ""
        p._p.get_or_add_pPr().append(parse_xml(f'<w:numPr {W}>{ilvl_xml}<w:numId w:val="{num_id}"/></w:numPr>'))
    return p


def _save(doc, tmp_path: Path, name: str = "contract.docx") -> Path:
    path = tmp_path / name
    doc.save(path)
    return path


def _lines(path: Path) -> list[str]:
    return load(path).text.split("\n")


def test_article_clause_and_item_numbers(tmp_path):
    doc = docx.Document()
    _add_list(doc, 50, _level(0, "chineseCounting", "第%1条", suff="space")
              + _level(1, "decimal", "%1.%2", extra="<w:isLgl/>")
              + _level(2, "chineseCounting", "（%3）"), [50])
    for text, ilvl in [("定义", 0), ("术语", 1), ("解释", 1), ("甲", 2), ("乙", 2), ("服务", 0), ("丙", 2), ("内容", 1)]:
        _item(doc, text, 50, ilvl)
    assert _lines(_save(doc, tmp_path)) == [
        "第一条 定义", "1.1术语", "1.2解释", "（一）甲", "（二）乙", "第二条 服务", "（一）丙", "2.1内容"]


def test_tab_suffix_and_default_level_text(tmp_path):
    doc = docx.Document()
    _add_list(doc, 51, '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/></w:lvl>'
              + _level(1, "decimalEnclosedCircle", "%2", suff="tab"), [51])
    _item(doc, "总则", 51, 0)
    _item(doc, "第一项", 51, 1)
    # No lvlText at all: Word shows "1." ; the default suffix is a tab.
    assert _lines(_save(doc, tmp_path)) == ["1.\t总则", "①\t第一项"]


@pytest.mark.parametrize("n, fmt, expected", [
    (1, "chineseCounting", "一"), (10, "chineseCounting", "十"), (11, "chineseCounting", "十一"),
    (20, "chineseCounting", "二十"), (101, "chineseCounting", "一〇一"),
    (11, "chineseCountingThousand", "十一"), (101, "chineseCountingThousand", "一百〇一"),
    (110, "chineseCountingThousand", "一百一十"), (12, "chineseLegalSimplified", "壹拾贰"),
    (2, "ideographTraditional", "乙"), (3, "decimalEnclosedCircle", "③"), (21, "decimalEnclosedCircle", "21"),
    (2, "decimalEnclosedParen", "⑵"), (27, "lowerLetter", "aa"), (3, "upperLetter", "C"),
    (4, "upperRoman", "IV"), (9, "lowerRoman", "ix"), (7, "decimalZero", "07"), (12, "decimalFullWidth", "１２"),
    (2, "ordinal", "2nd"), (5, "none", ""),
])
def test_number_formats(n, fmt, expected):
    assert format_number(n, fmt) == expected


def test_start_value_and_level_that_never_restarts(tmp_path):
    doc = docx.Document()
    _add_list(doc, 52, _level(0, "decimal", "%1.", start=3, suff="space")
              + _level(1, "lowerLetter", "%2)", extra='<w:lvlRestart w:val="0"/>'), [52])
    for text, ilvl in [("甲", 0), ("子", 1), ("丑", 1), ("乙", 0), ("寅", 1)]:
        _item(doc, text, 52, ilvl)
    assert _lines(_save(doc, tmp_path)) == ["3. 甲", "a)子", "b)丑", "4. 乙", "c)寅"]


def test_numbering_through_paragraph_styles(tmp_path):
    doc = docx.Document()
    styles = doc.styles.element
    styles.append(parse_xml(
        f'<w:style {W} w:type="paragraph" w:styleId="Chapter"><w:name w:val="Chapter"/>'
        f'<w:pPr><w:numPr><w:numId w:val="53"/></w:numPr></w:pPr></w:style>'))
    styles.append(parse_xml(
        f'<w:style {W} w:type="paragraph" w:styleId="Clause"><w:name w:val="Clause"/>'
        f'<w:basedOn w:val="Chapter"/><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>'))
    _add_list(doc, 53, _level(0, "chineseCountingThousand", "第%1章", suff="space",
                              extra='<w:pStyle w:val="Chapter"/>')
              + _level(1, "decimal", "%1.%2", extra="<w:isLgl/>"), [53])
    for i in range(1, 12):
        doc.add_paragraph(f"章{i}", style="Chapter")
    doc.add_paragraph("条款", style="Clause")  # ilvl 1 from its own style, numId from the base style
    _item(doc, "不编号", 0, style="Chapter")  # numId 0 switches the style's numbering off
    lines = _lines(_save(doc, tmp_path))
    assert lines[0] == "第一章 章1"
    assert lines[10] == "第十一章 章11"
    assert lines[11:] == ["11.1条款", "不编号"]


def test_num_instances_share_or_restart_a_list(tmp_path):
    doc = docx.Document()
    restart = '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'
    _add_list(doc, 54, _level(0, "decimal", "%1、"), [60, 61, 62], overrides={62: restart})
    _item(doc, "甲", 60, 0)
    _item(doc, "乙", 61, 0)  # another instance of the same list: Word continues it
    _item(doc, "丙", 62, 0)  # an instance with a start override is a new list
    _item(doc, "丁", 62, 0)
    assert _lines(_save(doc, tmp_path)) == ["1、甲", "2、乙", "1、丙", "2、丁"]


def test_tracked_changes_accepted(tmp_path):
    doc = docx.Document()
    p = doc.add_paragraph("乙方应在")
    stamp = 'w:author="律师" w:date="2024-01-01T00:00:00Z"'
    p._p.append(parse_xml(f'<w:ins {W} w:id="1" {stamp}><w:r><w:t>五个工作日</w:t></w:r></w:ins>'))
    p._p.append(parse_xml(f'<w:del {W} w:id="2" {stamp}><w:r><w:delText>合理期限</w:delText></w:r></w:del>'))
    p.add_run("内交付。")
    p._p.append(parse_xml(f'<w:moveFrom {W} w:id="3" {stamp}><w:r><w:t>挪走的</w:t></w:r></w:moveFrom>'))
    # A paragraph whose mark was deleted joins the next one when the change is accepted.
    merged = doc.add_paragraph("前半句")
    merged._p.get_or_add_pPr().append(parse_xml(f'<w:rPr {W}><w:del w:id="4" {stamp}/></w:rPr>'))
    doc.add_paragraph("后半句。")
    text = load(_save(doc, tmp_path)).text
    assert text == "乙方应在五个工作日内交付。\n前半句后半句。"


def test_comments_headers_footers_hidden_text_and_fields_left_out(tmp_path):
    doc = docx.Document()
    p = doc.add_paragraph("甲方应支付服务费用。")
    doc.add_comment(p.runs, text="批注：金额未填", author="律师")
    doc.sections[0].header.paragraphs[0].text = "页眉：合同名称"
    doc.sections[0].footer.paragraphs[0].text = "页脚：第 1 页"
    hidden = doc.add_paragraph("可见")
    hidden.add_run("隐藏").font.hidden = True
    field = doc.add_paragraph("见第")
    for xml in ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
                '<w:r><w:instrText xml:space="preserve"> REF _Ref1 \\h </w:instrText></w:r>',
                '<w:r><w:fldChar w:fldCharType="separate"/></w:r>', "<w:r><w:t>3.2</w:t></w:r>",
                '<w:r><w:fldChar w:fldCharType="end"/></w:r>'):
        field._p.append(parse_xml(xml.replace("<w:r>", f"<w:r {W}>", 1)))
    field.add_run("条")
    assert load(_save(doc, tmp_path)).text == "甲方应支付服务费用。\n可见\n见第3.2条"


def test_tables_in_order_with_cell_sources(tmp_path):
    doc = docx.Document()
    doc.add_paragraph("第十二章 签署")
    table = doc.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "甲方（盖章）："
    table.cell(0, 2).text = "乙方（盖章）："
    table.cell(1, 0).text = "日期："
    table.cell(1, 2).text = "日期："
    nested = table.cell(2, 1).add_table(rows=1, cols=1)
    nested.cell(0, 0).text = "附件清单"
    doc.add_paragraph("（以下无正文）")
    loaded = load(_save(doc, tmp_path))
    assert loaded.text == "第十二章 签署\n甲方（盖章）：\n乙方（盖章）：\n日期：\n日期：\n附件清单\n（以下无正文）"
    assert [b.source for b in loaded.blocks] == [
        "段落 1", "表格 1 第 1 行第 1 列", "表格 1 第 1 行第 3 列", "表格 1 第 2 行第 1 列",
        "表格 1 第 2 行第 3 列", "表格 2 第 1 行第 1 列", "段落 2"]
    assert [b.kind for b in loaded.blocks] == ["para"] + ["table"] * 5 + ["para"]
    for block, line in zip(loaded.blocks, loaded.text.split("\n"), strict=True):
        assert loaded.text[block.start:block.end] == line
    # "段落 N" is python-docx's Document.paragraphs[N - 1], for mapping back into the file.
    assert docx.Document(str(loaded.path)).paragraphs[1].text == "（以下无正文）"


def test_explicit_page_breaks_give_pages(tmp_path):
    doc = docx.Document()
    doc.add_paragraph("第一页的内容。")
    p = doc.add_paragraph("跨页的")
    p.add_run().add_break(WD_BREAK.PAGE)
    p.add_run("句子。")
    after = doc.add_paragraph("分页之前")
    after.paragraph_format.page_break_before = True
    section = doc.add_paragraph("本节结束。")
    section._p.get_or_add_pPr().append(parse_xml(f'<w:sectPr {W}><w:type w:val="nextPage"/></w:sectPr>'))
    doc.add_paragraph("新节。")
    loaded = load(_save(doc, tmp_path))
    text = loaded.text
    assert text == "第一页的内容。\n跨页的句子。\n分页之前\n本节结束。\n新节。"
    assert loaded.page_count == 4
    assert loaded.page_at(text.index("跨页的")) == 1
    assert loaded.page_at(text.index("句子")) == 2
    assert loaded.pages_of(text.index("跨页的"), text.index("\n分页")) == (1, 2)
    assert loaded.page_at(text.index("分页之前")) == 3
    assert loaded.page_at(text.index("本节结束")) == 3
    assert loaded.page_at(text.index("新节")) == 4


def test_rendered_page_breaks_are_not_counted_twice(tmp_path):
    doc = docx.Document()
    p = doc.add_paragraph("第一页")
    p.add_run().add_break(WD_BREAK.PAGE)
    # Word writes where it last broke pages; the explicit break above is one of them.
    second = doc.add_paragraph()
    second._p.append(parse_xml(f"<w:r {W}><w:lastRenderedPageBreak/><w:t>第二页开头，长段落</w:t></w:r>"))
    second._p.append(parse_xml(f"<w:r {W}><w:lastRenderedPageBreak/><w:t>流到第三页。</w:t></w:r>"))
    loaded = load(_save(doc, tmp_path))
    assert loaded.text == "第一页\n第二页开头，长段落流到第三页。"
    assert loaded.page_count == 3
    assert loaded.page_at(loaded.text.index("第二页")) == 2
    assert loaded.page_at(loaded.text.index("流到")) == 3


def test_soft_line_breaks_split_the_paragraph(tmp_path):
    doc = docx.Document()
    p = doc.add_paragraph("甲方（盖章）：")
    p.add_run().add_break()
    p.add_run("法定代表人：\t签字")
    loaded = load(_save(doc, tmp_path))
    assert loaded.text == "甲方（盖章）：\n法定代表人：\t签字"
    assert [b.source for b in loaded.blocks] == ["段落 1", "段落 1"]


def test_text_box_read_once(tmp_path):
    doc = docx.Document()
    p = doc.add_paragraph("正文")
    box = f"<w:txbxContent {W}><w:p><w:r><w:t>文本框里的字</w:t></w:r></w:p></w:txbxContent>"
    p._p.append(parse_xml(
        f'<w:r {W} {MC}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wrap>{box}</wrap>'
        f'</w:drawing></mc:Choice><mc:Fallback><w:pict><wrap>{box}</wrap></w:pict></mc:Fallback>'
        f'</mc:AlternateContent></w:r>'))
    assert load(_save(doc, tmp_path)).text == "正文\n文本框里的字"


def test_broken_xml_inside_a_good_zip(tmp_path):
    source = SAMPLES / "seed-contract-clean.docx"
    path = tmp_path / "broken.docx"
    with zipfile.ZipFile(source) as good, zipfile.ZipFile(path, "w") as bad:
        for item in good.infolist():
            data = good.read(item)
            bad.writestr(item, data[: len(data) // 2] if item.filename == "word/document.xml" else data)
    with pytest.raises(LoadError) as caught:
        load(path)
    assert "损坏" in caught.value.message and "broken.docx" in str(caught.value)


def test_picture_only_and_empty_documents(tmp_path):
    png = tmp_path / "pixel.png"
    png.write_bytes(PIXEL)
    pictures = docx.Document()
    pictures.add_picture(str(png))
    with pytest.raises(LoadError) as caught:
        load(_save(pictures, tmp_path, "scan.docx"))
    assert "图片" in caught.value.message and "OCR" in caught.value.hint
    with pytest.raises(LoadError) as caught:
        load(_save(docx.Document(), tmp_path, "empty.docx"))
    assert "空" in caught.value.message


def test_seed_docx_shows_its_automatic_numbers():
    path = SAMPLES / "seed-contract-clean.docx"
    with zipfile.ZipFile(path) as archive:
        body = archive.read("word/document.xml").decode("utf-8")
        numbering = archive.read("word/numbering.xml").decode("utf-8")
    # The numbers are Word's, not typed: the body never contains them.
    assert "第一章" not in body and "1.1定义" not in body and "(1)优化" not in body
    assert 'w:val="第%1章:"' in numbering and 'w:val="(%3)"' in numbering
    loaded = load(path)
    lines = loaded.text.split("\n")
    assert lines[:4] == ["电商平台智能客服系统升级合同", "合同编号:__________", "第一章:定义与解释", "1.1定义"]
    assert "第十二章:通知与送达" in lines and "12.2送达" in lines
    assert lines[lines.index("2.1升级服务") + 2] == "(1)优化自然语言处理能力;"
    assert lines[lines.index("3.2付款方式") + 2].startswith("(1)合同签订后")
    assert "电商平台智能客服系统升级合同" not in lines[1:]  # the running header is not body text
    tables = [b for b in loaded.blocks if b.kind == "table"]
    assert [loaded.text[b.start:b.end][:4] for b in tables] == ["“甲方”", "“乙方”", "“智能客"]
    assert tables[0].source == "表格 1 第 1 行第 1 列"


def test_seed_docx_equals_seed_text():
    assert load(SAMPLES / "seed-contract-clean.docx").text == load(SAMPLES / "seed-contract-clean.txt").text


@pytest.mark.parametrize("path", sorted(p for p in SAMPLES.glob("*.docx")), ids=lambda p: p.name)
def test_every_sample_docx_equals_its_text(path):
    assert load(path).text == load(path.with_suffix(".txt")).text
