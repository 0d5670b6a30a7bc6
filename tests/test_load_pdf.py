"""PDF contracts: lines joined into the source's paragraphs, page furniture removed, pages exact."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image
from reportlab.lib import pdfencrypt
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from reviewer import load
from reviewer.model.document import PageProblem
from reviewer.errors import LoadError
from ui import CJK_FONT

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
SEED_PDF = SAMPLES / "seed-contract-clean.pdf"
SEED_TXT = SAMPLES / "seed-contract-clean.txt"
# The window's bundled font, embedded with a ToUnicode map: the glyph boxes PDFium measures come
# from the file itself, not from whatever Chinese font the machine happens to have (or lacks).
FONT = "CJK"
W, H = 595.0, 842.0
LEFT, RIGHT, SIZE = 72.0, 522.0, 12.0

pdfmetrics.registerFont(TTFont(FONT, str(CJK_FONT)))


def _line(pdf, y: float, text: str, *, x: float = LEFT, full: bool = False, size: float = SIZE) -> None:
    """Draw one line ``y`` points below the top; ``full`` stretches it to the right margin."""
    obj = pdf.beginText(x, H - y)
    obj.setFont(FONT, size)
    if full and len(text) > 1:
        obj.setCharSpace((RIGHT - x - pdfmetrics.stringWidth(text, FONT, size)) / (len(text) - 1))
    obj.textOut(text)
    pdf.drawText(obj)


def _pdf(path: Path, pages: list[list[tuple]], *, encrypt=None, images: dict[int, bool] | None = None) -> Path:
    """Pages of (y, text, options) lines; ``images`` puts a picture on those (0-based) pages."""
    pdf = canvas.Canvas(str(path), pagesize=(W, H), encrypt=encrypt)
    for number, lines in enumerate(pages):
        if (images or {}).get(number):
            picture = Image.new("RGB", (60, 80), (200, 200, 200))
            pdf.drawImage(ImageReader(picture), 72, 300, 300, 400)
        for y, text, *options in lines:
            _line(pdf, y, text, **(options[0] if options else {}))
        pdf.showPage()
    pdf.save()
    return path


def _raw_text(path: Path, page: int) -> str:
    document = pdfium.PdfDocument(str(path))
    try:
        return document[page - 1].get_textpage().get_text_range()
    finally:
        document.close()


# -- the seed sample ---------------------------------------------------------------------------------


def test_same_contract_same_text_in_every_format():
    texts = {name: load(SAMPLES / name).text for name in (
        "seed-contract-clean.txt", "seed-contract-clean-gbk.txt", "seed-contract-clean.docx",
        "seed-contract-clean.pdf")}
    reference = texts.pop("seed-contract-clean.txt")
    assert reference.startswith("电商平台智能客服系统升级合同\n合同编号:__________\n第一章:定义与解释\n1.1定义\n")
    assert reference.endswith("\n12.2送达\n双方确认以下地址为有效")
    for name, text in texts.items():
        assert text == reference, name


def test_chinese_file_name(tmp_path):
    path = tmp_path / "电商合同（最终版）.pdf"
    path.write_bytes(SEED_PDF.read_bytes())
    assert load(path).text == load(SEED_PDF).text


def test_seed_pdf_running_header_and_footer_removed():
    raw = _raw_text(SEED_PDF, 2)
    assert "第 2 页 共 4 页" in raw and raw.count("电商平台智能客服系统升级合同") == 1  # the sample has them
    doc = load(SEED_PDF)
    assert doc.page_count == 4
    assert "页 共" not in doc.text
    assert doc.text.count("电商平台智能客服系统升级合同") == 1  # the title, not the header
    assert [b.source for b in doc.blocks[:2]] == ["第 1 页", "第 1 页"]


def test_seed_pdf_sentence_across_a_page_break():
    doc = load(SEED_PDF)
    spanning = [b for b in doc.blocks if len(doc.pages_of(b.start, b.end)) > 1]
    assert len(spanning) == 1
    block = spanning[0]
    text = doc.text[block.start:block.end]
    assert text in load(SEED_TXT).text.split("\n")
    first_page = block.page
    # Where the next page's body begins in the PDF, the document's next page begins.
    next_body = [line for line in _raw_text(SEED_PDF, first_page + 1).split("\r\n")
                 if "页 共" not in line and line != "电商平台智能客服系统升级合同"][0]
    cut = doc.text.index(next_body, block.start)
    assert block.start < cut < block.end
    assert not doc.text[cut - 1] in "。；：！？"  # the break falls inside a sentence
    assert doc.page_at(cut - 1) == first_page
    assert doc.page_at(cut) == first_page + 1
    assert doc.page_at(block.end) == first_page + 1


def test_seed_pdf_pages_of_every_block():
    doc = load(SEED_PDF)
    for block in doc.blocks:
        assert doc.page_at(block.start) == block.page
        assert block.source == f"第 {block.page} 页"
    assert doc.page_at(doc.text.index("12.2送达")) == 4


def test_seed_pdf_fake_bold_headings_read_once():
    import pdfplumber

    with pdfplumber.open(SEED_PDF) as pdf:
        drawn = "".join(ch["text"] for ch in pdf.pages[0].chars)
    assert "第第一一章章" in drawn or drawn.count("第一章:定义与解释") == 2  # each character drawn twice
    doc = load(SEED_PDF)
    assert doc.text.count("第一章:定义与解释") == 1
    assert "第二章:服务内容\n2.1升级服务" in doc.text


def test_seed_pdf_kangxi_radicals_become_ordinary_characters():
    raw = "".join(_raw_text(SEED_PDF, page) for page in range(1, 5))
    assert "双\u2f45" in raw  # the text layer says ⽅ (KANGXI RADICAL SQUARE) …
    doc = load(SEED_PDF)
    assert "\u2f45" not in doc.text  # … the document says 方
    assert doc.text.count("双方") == load(SEED_TXT).text.count("双方") > 3


# -- layout ------------------------------------------------------------------------------------------


def test_kangxi_and_supplement_radicals(tmp_path):
    path = _pdf(tmp_path / "radicals.pdf", [[(100, "乙⽅承担⻛险，⽅案另议。")]])
    assert load(path).text == "乙方承担风险，方案另议。"


def test_wrapped_lines_become_paragraphs(tmp_path):
    lines = [
        (100, "第一条 甲方应当按照本合同的约定向乙方支付服务费用，乙方应", {"full": True}),
        (118, "当在收到款项后五个工作日内开具等额的增值税专用发票。若乙", {"full": True}),
        (136, "方逾期开具，应承担相应责任。"),
        (154, "（一）发票抬头为甲方全称；"),
        (172, "（二）发票内容为技术服务费。"),
        (190, "The Supplier shall deliver the Software together with all", {"full": True}),
        (208, "documentation within ten days."),
        (226, "2.1付款方式"),
        (244, "甲方应在验收合格后支付合同总金额的百分之三十，剩余部分在质保", {"full": True}),
        (262, "期满后支付。"),
    ]
    doc = load(_pdf(tmp_path / "wrap.pdf", [lines]))
    assert doc.text.split("\n") == [
        "第一条 甲方应当按照本合同的约定向乙方支付服务费用，乙方应当在收到款项后五个工作日内开具等额的增值税专用发票。"
        "若乙方逾期开具，应承担相应责任。",
        "（一）发票抬头为甲方全称；",
        "（二）发票内容为技术服务费。",
        "The Supplier shall deliver the Software together with all documentation within ten days.",
        "2.1付款方式",
        "甲方应在验收合格后支付合同总金额的百分之三十，剩余部分在质保期满后支付。",
    ]
    for block, line in zip(doc.blocks, doc.text.split("\n")):
        assert doc.text[block.start:block.end] == line


def test_typed_space_at_a_line_end_is_kept(tmp_path):
    lines = [
        (100, "双方的通知应以书面形式送达本合同首部载明的地址，一方地址变更的，应 ", {"full": True}),
        (118, "提前五日书面通知对方；未通知的，送达原地址即视为送达。"),
    ]
    assert load(_pdf(tmp_path / "space.pdf", [lines])).text == (
        "双方的通知应以书面形式送达本合同首部载明的地址，一方地址变更的，应 提前五日书面通知对方；未通知的，送达原地址即视为送达。")


def test_indent_and_gap_start_paragraphs(tmp_path):
    lines = [
        (100, "本合同自双方签字盖章之日起生效，有效期为一年，期满前三十日内双方", {"full": True}),
        (118, "未提出异议的，自动续期一年；续期以一次为限。", {"full": True}),
        (136, "本合同一式两份，双方各执一份，具有同等法律效力，未尽事宜由双方", {"full": True, "x": LEFT + 24}),
        (154, "另行协商。"),
        (190, "附件一：报价单", {"full": False}),
    ]
    doc = load(_pdf(tmp_path / "indent.pdf", [lines]))
    assert doc.text.split("\n") == [
        "本合同自双方签字盖章之日起生效，有效期为一年，期满前三十日内双方未提出异议的，自动续期一年；续期以一次为限。",
        "本合同一式两份，双方各执一份，具有同等法律效力，未尽事宜由双方另行协商。",
        "附件一：报价单",
    ]


def test_gaps_inside_a_line(tmp_path):
    path = tmp_path / "gaps.pdf"
    pdf = canvas.Canvas(str(path), pagesize=(W, H))
    pdf.setFont(FONT, SIZE)

    def pieces(y: float, *parts: tuple[float, str]) -> None:
        for x, text in parts:  # each piece its own text object, as many producers write them
            pdf.drawString(x, H - y, text)

    pieces(100, *[(LEFT + i * (SIZE + 3), ch) for i, ch in enumerate("甲方应承担")])  # letter-spaced
    pieces(130, (LEFT, "如协商不成，向"), (LEFT + 7 * SIZE + 48, "人民法院起诉。"))  # a blank 4 chars wide
    pieces(160, (LEFT, "有效期至"), (LEFT + 4 * SIZE + 30, "年"), (LEFT + 5 * SIZE + 60, "月"),
           (LEFT + 6 * SIZE + 90, "日"))
    pieces(190, (LEFT, "使用"), (LEFT + 2 * SIZE + 3, "Windows"), (LEFT + 2 * SIZE + 50, "系统"))
    pieces(220, (LEFT, "Software"), (LEFT + 60, "License"))
    pieces(250, (LEFT, "______"), (LEFT + 37, "______"))  # a fill-in line drawn in two pieces
    pdf.save()
    assert load(path).text.split("\n") == [
        "甲方应承担", "如协商不成，向 人民法院起诉。", "有效期至 年 月 日", "使用Windows系统", "Software License",
        "____________"]


def test_characters_drawn_one_by_one_beside_a_column(tmp_path):
    # Every character its own text object, a second column on the right: PDFium takes the flow
    # for vertical and breaks after every character; the loader puts the line back together.
    path = tmp_path / "columns.pdf"
    pdf = canvas.Canvas(str(path), pagesize=(W, H))
    pdf.setFont(FONT, SIZE)
    for row, (left, right) in enumerate([("甲方（盖章）：", "乙方（盖章）："), ("日期：", "日期：")]):
        for i, ch in enumerate(left):
            pdf.drawString(LEFT + i * SIZE, H - 100 - 20 * row, ch)
        pdf.drawString(320, H - 100 - 20 * row, right)
    pdf.save()
    assert "甲\r\n方" in _raw_text(path, 1)
    assert load(path).text == "甲方（盖章）： 乙方（盖章）：\n日期： 日期："


def test_page_numbers_and_running_lines_removed(tmp_path):
    footers = ["- {n} -", "{n}/3", "Page {n} of 3"]
    pages = []
    for n in range(1, 4):
        pages.append([
            (40, "ACME 软件许可协议（保密）"),
            (100, f"第{'一二三'[n - 1]}条 第{n}页的条款内容。"),
            (400, "2"),  # a bare number in the middle of a page is text, not a page number
            (800, footers[n - 1].format(n=n)),
        ])
    doc = load(_pdf(tmp_path / "furniture.pdf", pages))
    assert doc.text.split("\n") == ["第一条 第1页的条款内容。", "2", "第二条 第2页的条款内容。", "2",
                                    "第三条 第3页的条款内容。", "2"]
    assert [doc.page_at(b.start) for b in doc.blocks] == [1, 1, 2, 2, 3, 3]


def test_sentence_joined_across_pages_only_when_unfinished(tmp_path):
    pages = [
        [(100, "第一条 本合同项下的服务期限自双方签字盖章之日起计算，甲方", {"full": True}),
         (118, "应在服务期限届满前三十日内书面通知乙方是否续约，乙方应在收到", {"full": True})],
        [(100, "通知后五个工作日内予以确认。"),
         (118, "第二条 乙方应保证服务质量。")],
        [(100, "第三条 本条到此结束。")],
    ]
    doc = load(_pdf(tmp_path / "across.pdf", pages))
    assert doc.text.split("\n") == [
        "第一条 本合同项下的服务期限自双方签字盖章之日起计算，甲方应在服务期限届满前三十日内书面通知乙方是否续约，"
        "乙方应在收到通知后五个工作日内予以确认。",
        "第二条 乙方应保证服务质量。",
        "第三条 本条到此结束。",
    ]
    first = doc.blocks[0]
    cut = doc.text.index("通知后")
    assert doc.pages_of(first.start, first.end) == (1, 2)
    assert (doc.page_at(cut - 1), doc.page_at(cut)) == (1, 2)
    assert doc.page_at(doc.text.index("第三条")) == 3


# -- pages without text and bad files ----------------------------------------------------------------


@pytest.mark.parametrize("footer", [False, True])
def test_scan_without_any_text(tmp_path, footer):
    # Some scanners stamp a typed page number on each page image: that is still no contract text.
    pages = [[(800, f"第 {n} 页")] if footer else [] for n in (1, 2)]
    path = _pdf(tmp_path / "scan.pdf", pages, images={0: True, 1: True})
    with pytest.raises(LoadError) as caught:
        load(path)
    assert "扫描件" in caught.value.message and "2 页" in caught.value.message
    assert "OCR" in caught.value.hint and "scan.pdf" in str(caught.value)


def test_some_pages_scanned(tmp_path):
    pages = [[(100, "第一条 第一页有文字。"), (800, "- 1 -")], [(800, "- 2 -")],
             [(100, "第三条 第三页也有文字。"), (800, "- 3 -")]]
    doc = load(_pdf(tmp_path / "mixed.pdf", pages, images={1: True}))
    assert doc.text == "第一条 第一页有文字。\n第三条 第三页也有文字。"
    assert doc.page_problems == (PageProblem(2, "no-text"),)
    assert doc.page_count == 3
    assert doc.page_at(doc.text.index("第三条")) == 3


def test_encrypted_pdf(tmp_path):
    locked = _pdf(tmp_path / "locked.pdf", [[(100, "保密条款")]],
                  encrypt=pdfencrypt.StandardEncryption("secret", canPrint=1))
    with pytest.raises(LoadError) as caught:
        load(locked)
    assert "密码" in caught.value.message and "locked.pdf" in str(caught.value)
    # Only an owner password (printing/copying limits): it opens without asking, so it loads.
    limited = _pdf(tmp_path / "limited.pdf", [[(100, "保密条款")]],
                   encrypt=pdfencrypt.StandardEncryption("", ownerPassword="owner", canCopy=0))
    assert load(limited).text == "保密条款"


def test_truncated_pdf(tmp_path):
    data = SEED_PDF.read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(LoadError) as caught:
        load(path)
    assert "损坏" in caught.value.message and "cut.pdf" in str(caught.value)


@given(st.lists(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False), min_size=1, max_size=40))
def test_layout_median_is_statistics_median(values):
    import statistics

    from reviewer.loaders.pdf_layout import median

    assert median(values) == statistics.median(values)
    assert median(iter(values)) == statistics.median(values)


_TURN_LINES = [
    (100, "第一条 服务内容", 72.0),
    (130, "乙方应按本合同约定向甲方提供系统升级服务，", 72.0),
    (150, "并负责维护与技术支持。", 72.0),
    (180, "甲方（盖章）：", 72.0),
    (180, "乙方（盖章）：", 340.0),
]


def _turned_pdf(path: Path, rotation: int) -> Path:
    """The lines of _TURN_LINES on an A4 page that shows upright, stored with /Rotate ``rotation``:
    the page box and the drawing are turned the other way, as a landscape scan or a page turned in
    an editor is kept."""
    # reportlab's page size is the page as shown; its own box is the other way round when turned.
    pdf = canvas.Canvas(str(path), pagesize=(W, H))
    pdf.setPageRotation(rotation)
    user_w, user_h = (H, W) if rotation in (90, 270) else (W, H)
    for y, text, x in _TURN_LINES:
        # Where the shown point (x, y from the top) lies in the page's own space, and which way the
        # text runs there (see loaders.pdf._orient, which maps the other way).
        origin, angle = {0: ((x, user_h - y), 0), 90: ((y, x), 90), 180: ((user_w - x, y), 180),
                         270: ((user_w - y, user_h - x), 270)}[rotation]
        pdf.saveState()
        pdf.translate(*origin)
        pdf.rotate(angle)
        obj = pdf.beginText(0, 0)
        obj.setFont(FONT, SIZE)
        obj.textOut(text)
        pdf.drawText(obj)
        pdf.restoreState()
    pdf.showPage()
    pdf.save()
    return path


@pytest.mark.parametrize("rotation", [90, 180, 270])
def test_a_page_turned_by_rotate_reads_as_the_upright_one(tmp_path, rotation):
    """A page kept turned (/Rotate) and shown upright reads as the same page kept upright: the same
    lines, boxes in the orientation it is read in, and the page's size as shown."""
    from reviewer.loaders.pdf import _read_page

    upright, turned = _turned_pdf(tmp_path / "upright.pdf", 0), _turned_pdf(tmp_path / "turned.pdf", rotation)
    assert load(turned).text == load(upright).text
    lines = {}
    for name, path in (("upright", upright), ("turned", turned)):
        document = pdfium.PdfDocument(str(path))
        lines[name] = _read_page(document, 0)[0]
        document.close()
    assert [line.text for line in lines["upright"]] == ["第一条 服务内容", "乙方应按本合同约定向甲方提供系统升级服务，",
                                                         "并负责维护与技术支持。", "甲方（盖章）： 乙方（盖章）："]
    assert [line.text for line in lines["turned"]] == [line.text for line in lines["upright"]]
    for a, b in zip(lines["turned"], lines["upright"]):
        assert (a.left, a.right, a.top, a.bottom) == pytest.approx((b.left, b.right, b.top, b.bottom), abs=0.5)
        assert (a.page_width, a.page_height) == (b.page_width, b.page_height) == (W, H)
