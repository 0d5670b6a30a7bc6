"""The annotated copy: a Word comment on the exact words of every finding, read back from the file."""

from __future__ import annotations

import hashlib
import zipfile
from datetime import date

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import RGBColor
from lxml import etree

import reviewer
from reviewer.engine.run import ReviewResult
from reviewer.model.findings import Finding, Severity
from reviewer.reports import write_report

from report_fixtures import PACKS, seed_decisions, seed_result

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def comment_ranges(path) -> dict[str, str]:
    """Comment id → the text between its w:commentRangeStart and w:commentRangeEnd, as Word shows it.

    Paragraph ends and line breaks inside a range count as a newline, which is how the loader
    joins them in Document.text; deleted text is not text.
    """
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    open_: dict[str, str] = {}
    done: dict[str, str] = {}
    deleted = 0
    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = el.tag
        if tag in (W + "del", W + "moveFrom"):
            deleted += 1 if event == "start" else -1
        if event == "start":
            if tag == W + "commentRangeStart":
                open_[el.get(W + "id")] = ""
            elif tag == W + "commentRangeEnd":
                done[el.get(W + "id")] = open_.pop(el.get(W + "id"))
            elif not deleted and tag == W + "t":
                for k in open_:
                    open_[k] += el.text or ""
            elif not deleted and tag == W + "tab":
                for k in open_:
                    open_[k] += "\t"
            elif not deleted and tag == W + "br":
                for k in open_:
                    open_[k] += "\n"
        elif tag == W + "p":
            for k in open_:
                open_[k] += "\n"
    assert not open_, f"comment ranges never closed: {sorted(open_)}"
    return done


def comments(path) -> dict[str, tuple[str, str]]:
    """Comment id → (author, text), read with python-docx."""
    return {str(c.comment_id): (c.author, c.text) for c in docx.Document(str(path)).comments}


def referenced_ids(path) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    return [el.get(W + "id") for el in root.iter(W + "commentReference")]


# -- a copy built from the text (TXT / PDF sources) ------------------------------------------------

@pytest.fixture(scope="module")
def seed():
    return seed_result()


def test_every_finding_has_a_comment_on_exactly_its_words(seed, tmp_path):
    path = write_report(seed, "annotated", tmp_path / "seed.annotated.docx", seed_decisions(seed))
    ranges, notes = comment_ranges(path), comments(path)
    findings = sorted(seed.findings, key=lambda f: f.sort_key)
    assert len(notes) == len(ranges) == len(findings)
    assert sorted(referenced_ids(path)) == sorted(notes)
    by_message = {text.split("\n")[0]: cid for cid, (_, text) in notes.items()}
    for f in findings:
        cid = by_message[f"[{f.severity.label_zh}] {f.message}"]
        whole = f.clause is None and f.end - f.start == len(seed.document.text)
        assert ranges[cid] == ("" if whole or f.end == f.start else f.text), f.rule
        author, text = notes[cid]
        assert author == "合同审查"
        assert f"理由：{f.why}" in text and f"建议：{f.suggestion}" in text


def east_asian_fonts_of_comment_text(path) -> set[str | None]:
    """The w:eastAsia font named on every run of comment text (None for a run that names none)."""
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("word/comments.xml"))
    runs = [r for r in root.iter(W + "r") if r.find(W + "t") is not None]
    assert runs
    return {r.find(f"{W}rPr/{W}rFonts").get(W + "eastAsia") if r.find(f"{W}rPr/{W}rFonts") is not None else None
            for r in runs}


def test_chinese_faces_named_for_the_text_and_the_comments(seed, tmp_path):
    """Word on any system picks a Chinese face: every style names one, theme fonts are resolved."""
    path = write_report(seed, "annotated", tmp_path / "seed.annotated.docx")
    with zipfile.ZipFile(path) as archive:
        styles = etree.fromstring(archive.read("word/styles.xml"))
    assert styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts").get(W + "eastAsia") == "宋体"
    fonts = list(styles.iter(W + "rFonts"))
    assert all(f.get(W + "eastAsiaTheme") is None for f in fonts)
    assert {f.get(W + "eastAsia") for f in fonts if f.get(W + "asciiTheme") == "majorHAnsi"} == {"黑体"}
    assert east_asian_fonts_of_comment_text(path) == {"宋体"}


def test_the_copy_reads_back_as_the_same_text(seed, tmp_path):
    path = write_report(seed, "annotated", tmp_path / "seed.annotated.docx")
    assert reviewer.load(path).text == seed.document.text


def test_decisions_in_comments_and_false_alarms_left_out(seed, tmp_path):
    path = write_report(seed, "annotated", tmp_path / "a.docx", seed_decisions(seed), include_false_alarms=False)
    texts = [text for _, text in comments(path).values()]
    assert len(texts) == len(seed.findings) - 1
    assert not any("invoice-ordinary" in t for t in texts)
    assert any("处理结果：接受风险（已与业务确认：可接受）" in t for t in texts)


# -- comments inside the vendor's own DOCX -----------------------------------------------------------

def make_vendor_docx(path) -> None:
    """A vendor contract in Word: mixed run formatting, automatic numbering, a hyperlink,
    a line break, tracked changes, a tab, a table with a two-paragraph cell, invisible characters."""
    d = docx.Document()
    d.add_paragraph("软件开发合同", style="Title")
    p = d.add_paragraph()
    p.add_run("第一条 ").bold = True
    p.add_run("甲方应于验收合格后")
    p.add_run("____").underline = True
    r = p.add_run("日内支付全部价款。")
    r.italic = True
    r.font.color.rgb = RGBColor(0xC0, 0, 0)
    d.add_paragraph("乙方交付的软件应运行稳定，无明显缺陷。", style="List Number")
    d.add_paragraph("验收标准由乙方确定。", style="List Number")
    p = d.add_paragraph()
    p.add_run("详见")
    link = OxmlElement("w:hyperlink")
    link.set(qn("w:anchor"), "annex")
    r, t = OxmlElement("w:r"), OxmlElement("w:t")
    t.text = "附件一技术规格"
    r.append(t)
    link.append(r)
    p._p.append(link)
    p.add_run("，以附件为准。")
    p = d.add_paragraph()
    p.add_run("甲方：某某电商有限公司")
    p.add_run().add_break()
    p.add_run("乙方：某某科技有限公司")
    p = d.add_paragraph()
    p.add_run("争议提交")
    for kind, text in (("w:del", "甲方所在地"), ("w:ins", "乙方所在地")):
        change = OxmlElement(kind)
        change.set(qn("w:id"), "90" if kind == "w:del" else "91")
        change.set(qn("w:author"), "vendor")
        r, t = OxmlElement("w:r"), OxmlElement("w:delText" if kind == "w:del" else "w:t")
        t.text = text
        r.append(t)
        change.append(r)
        p._p.append(change)
    p.add_run("人民法院诉讼解决。")
    d.add_paragraph().add_run("付款\t比例：30%")
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "服务费"
    table.cell(0, 1).text = "人民币____元"
    table.cell(1, 0).text = "付款方式"
    table.cell(1, 1).text = "预付100%"
    table.cell(1, 1).add_paragraph("验收后无尾款")
    d.add_paragraph("\u200b  本合同自双方签字之日起生效。")
    d.save(str(path))


def _finding(doc, rule, needle, *, inner=None, empty=False, severity=Severity.MEDIUM) -> Finding:
    start = doc.text.index(needle)
    end = start + len(needle)
    if inner is not None:
        start = doc.text.index(inner, start, end)
        end = start + len(inner)
    if empty:
        end = start
    return Finding(rule, "blank", severity, start, end, "1", doc.page_at(start), doc.text[start:end], rule,
                   f"{rule} 说明", f"{rule} 理由", "", f"{rule} 建议")


@pytest.fixture()
def vendor(tmp_path):
    path = tmp_path / "vendor.docx"
    make_vendor_docx(path)
    doc = reviewer.load(path)
    findings = [
        _finding(doc, "across-runs", "第一条 甲方应于验收合格后____日内", inner="验收合格后____日内"),
        _finding(doc, "one-char", "____日内", inner="_"),
        _finding(doc, "numbered-whole", "1.\t乙方交付的软件应运行稳定，无明显缺陷。"),
        _finding(doc, "inside-numbered", "运行稳定，无明显缺陷"),
        _finding(doc, "in-hyperlink", "附件一技术规格，以附件", inner="技术规格，以"),
        _finding(doc, "second-line", "乙方：某某科技有限公司", inner="某某科技"),
        _finding(doc, "over-the-break", "某某电商有限公司\n乙方"),
        _finding(doc, "inserted-text", "提交乙方所在地人民法院"),
        _finding(doc, "tab", "付款\t比例"),
        _finding(doc, "cell", "人民币____元", inner="____"),
        _finding(doc, "second-para-in-cell", "验收后无尾款", severity=Severity.HIGH),
        _finding(doc, "two-cells", "预付100%\n验收后"),
        _finding(doc, "crossing-a", "本合同自双方签字之日起生效", inner="本合同自双方签字"),
        _finding(doc, "crossing-b", "本合同自双方签字之日起生效", inner="双方签字之日起生效"),
        _finding(doc, "empty", "签字之日", inner="之日", empty=True),
    ]
    whole = Finding("missing-law", "governing-law", Severity.LOW, 0, len(doc.text), None, 1, doc.text,
                    "missing-law", "缺少法律适用条款", "", "", "")
    result = ReviewResult(doc, sorted(findings + [whole], key=lambda f: f.sort_key), "customer", PACKS, {},
                          date(2026, 3, 2))
    return path, result


def _expected(f: Finding, doc) -> str:
    """The words a comment can cover: the finding's text without automatic numbering (in no run)."""
    if f.end == f.start or (f.clause is None and f.end - f.start == len(doc.text)):
        return ""
    return f.text.replace("1.\t", "")


def _formatting(path) -> list[list[tuple[str, str]]]:
    """Per paragraph: every visible character with the XML of its run's properties."""
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    out = []
    for p in root.iter(W + "p"):
        ppr = p.find(W + "pPr")
        chars = [("¶", etree.tostring(ppr).decode() if ppr is not None else "")]
        for r in p.iter(W + "r"):
            rpr = r.find(W + "rPr")
            props = etree.tostring(rpr).decode() if rpr is not None else ""
            for t in r.iter(W + "t", W + "delText", W + "tab", W + "br"):
                for ch in (t.text or "") if t.tag in (W + "t", W + "delText") else t.tag[-3:]:
                    chars.append((ch, props))
        out.append(chars)
    return out


def test_comments_go_on_the_exact_runs_of_the_vendor_docx(vendor, tmp_path):
    source, result = vendor
    before = hashlib.sha256(source.read_bytes()).hexdigest()
    path = write_report(result, "annotated", tmp_path / "vendor.annotated.docx")
    assert hashlib.sha256(source.read_bytes()).hexdigest() == before  # the source is never touched
    ranges, notes = comment_ranges(path), comments(path)
    assert len(notes) == len(result.findings)
    by_rule = {text.split("\n")[0].split("] ")[1].removesuffix(" 说明"): cid for cid, (_, text) in notes.items()}
    by_rule["missing-law"] = next(cid for cid, (_, text) in notes.items() if "缺少法律适用条款" in text)
    for f in result.findings:
        assert ranges[by_rule[f.rule]] == _expected(f, result.document), f.rule


def test_vendor_formatting_and_text_are_untouched(vendor, tmp_path):
    source, result = vendor
    path = write_report(result, "annotated", tmp_path / "vendor.annotated.docx")
    assert _formatting(path) == _formatting(source)
    assert reviewer.load(path).text == result.document.text
    # the vendor's styles, numbering and tracked changes are still there
    with zipfile.ZipFile(path) as a, zipfile.ZipFile(source) as b:
        for part in ("word/styles.xml", "word/numbering.xml"):
            assert a.read(part) == b.read(part)
        assert b"w:delText" in a.read("word/document.xml") and b"<w:ins " in a.read("word/document.xml")


def test_our_comments_in_the_vendor_docx_name_a_chinese_face(vendor, tmp_path):
    # The vendor's styles stay as they are (test above); the comment text we add names its face.
    source, result = vendor
    assert east_asian_fonts_of_comment_text(write_report(result, "annotated", tmp_path / "v.docx")) == {"宋体"}


def test_existing_comments_in_the_vendor_docx_are_kept(vendor, tmp_path):
    source, result = vendor
    word = docx.Document(str(source))
    word.add_comment(word.paragraphs[0].runs, text="供应商的批注", author="乙方")
    word.save(str(source))
    path = write_report(result, "annotated", tmp_path / "vendor.annotated.docx")
    notes = comments(path)
    assert len(notes) == len(result.findings) + 1
    assert ("乙方", "供应商的批注") in notes.values()
    assert comment_ranges(path)[next(k for k, v in notes.items() if v[0] == "乙方")] == "软件开发合同"


def test_copy_for_the_vendor_carries_no_decisions_or_notes(tmp_path, seed_path):
    import shutil

    import reviewer
    from reviewer.commands.cli import main
    from reviewer.model.decisions import DecisionStore

    contract = tmp_path / "seed.txt"
    shutil.copyfile(seed_path, contract)
    result = reviewer.review(reviewer.load(contract))
    store = DecisionStore.for_contract(contract)
    accepted, false_alarm = result.findings[0], result.findings[-1]
    store.set(accepted, "accepted", "内部：业务部门已同意承担此风险")
    store.set(false_alarm, "false-alarm", "误报")
    inside, outside = tmp_path / "inside.docx", tmp_path / "outside.docx"
    assert main(["check", str(contract), "--format", "annotated", "-o", str(inside)]) == 0
    assert main(["check", str(contract), "--format", "annotated", "-o", str(outside),
                 "--no-notes", "--no-false-alarms"]) == 0
    inside_text = "\n".join(text for _, text in comments(inside).values())
    outside_text = "\n".join(text for _, text in comments(outside).values())
    assert "内部：业务部门已同意承担此风险" in inside_text
    assert "内部：业务部门已同意承担此风险" not in outside_text and "接受风险" not in outside_text
    assert len(comments(outside)) == len(result.findings) - 1  # the false alarm is left out too
