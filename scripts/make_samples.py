"""Build the DOCX, PDF and GBK samples from the text samples in samples/ (deterministic output).

Run from anywhere: ``python3 scripts/make_samples.py``. The text files are the source of truth;
this script writes, next to them:

* ``X.docx`` for every text sample: Word automatic numbering (numbering.xml) wherever the typed
  numbers follow the sequence Word would produce, the chapter headings numbered through their
  paragraph style, a table (the signature block, else the definitions), and a running header and
  a page-number footer that a loader must leave out;
* ``seed-contract-clean.pdf``: running header, "第 n 页 共 N 页" footers, a page break inside a
  sentence, fake-bold headings (every character drawn twice, slightly offset) and a few Kangxi
  radical code points in the text layer (⽅ for 方), as some CJK fonts produce them;
* ``seed-contract-clean-gbk.txt``: the same text in GBK with Windows line ends.

The PDF is typeset in the window's bundled font (``ui/assets``), so no system font is needed. The
committed PDF was typeset in WenQuanYi Micro Hei before the font was bundled and is kept: its text
layer is the same, and the tests pin what a reader gets out of that file.

Afterwards every generated file is loaded back and its text compared with the text sample's.
"""

from __future__ import annotations

import re
import sys
import zipfile
from collections import Counter
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from reviewer.text.cn_numbers import cn_int  # noqa: E402  (the engine's own numeral reading)
from ui import CJK_FONT  # noqa: E402  (the window's bundled font: no system font needed)

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SEED = "seed-contract-clean"
SKIP = ("seed-contract-scraped.txt", f"{SEED}-gbk.txt")
ZIP_DATE = (2024, 1, 1, 0, 0, 0)  # fixed member dates keep the DOCX files byte-identical

# -- which typed numbers become Word list numbers ---------------------------------------------------

# kind → (pattern, Word numFmt, lvlText with {L} for the level and {P} for the parent level).
KINDS = {
    "chapter": (r"第(?P<n>[一二三四五六七八九十百]+)章(?P<sep>[:：、.．]?)", "chineseCounting", "第{L}章"),
    "article": (r"第(?P<n>[一二三四五六七八九十百]+)条(?P<sep>[:：、.．]?)", "chineseCounting", "第{L}条"),
    "cn_item": (r"(?P<n>[一二三四五六七八九十]+)(?P<sep>[、．.])", "chineseCounting", "{L}"),
    "decimal1": (r"(?P<n>\d{1,2})(?P<sep>[.、．])(?![\d.])", "decimal", "{L}"),
    "decimal2": (r"(?P<p>\d{1,2})\.(?P<n>\d{1,2})(?P<sep>)(?![\d.])", "decimal", "{P}.{L}"),
    "paren_cn": (r"（(?P<n>[一二三四五六七八九十]+)）(?P<sep>)", "chineseCounting", "（{L}）"),
    "paren_num": (r"\((?P<n>\d{1,2})\)(?P<sep>)", "decimal", "({L})"),
    "fullparen_num": (r"（(?P<n>\d{1,2})）(?P<sep>)", "decimal", "（{L}）"),
    "circled": (r"(?P<n>[\u2460-\u2473])(?P<sep>)", "decimalEnclosedCircle", "{L}"),
}
PARENTS = ("chapter", "article", "cn_item", "decimal1")


def _number(kind: str, match: re.Match) -> int:
    n = match.group("n")
    if kind == "circled":
        return ord(n) - 0x245F
    return int(n) if n.isdigit() else (cn_int(n) or 0)


def plan_numbering(lines: list[str]):
    """Decide list levels and which lines Word would number exactly as typed.

    Returns (levels, numbered) where levels is [(kind, numFmt, lvlText, legal)] and numbered maps
    a line index to (level, text after the number). A line whose typed number breaks the
    sequence (a skipped or repeated number) stays typed text, so the DOCX shows the same text.
    """
    matches: dict[int, tuple[str, re.Match]] = {}
    seps: dict[str, Counter] = {}
    for i, line in enumerate(lines):
        for kind, (pattern, _, _) in KINDS.items():
            m = re.match(pattern, line)
            if m and line[m.end():].strip():
                matches[i] = (kind, m)
                seps.setdefault(kind, Counter())[m.group("sep")] += 1
                break
    present = [k for k in KINDS if k in seps]
    parent = next((k for k in reversed(PARENTS) if k in present), None)
    if "decimal2" in present and parent is None:
        present.remove("decimal2")
    level_of = {kind: i for i, kind in enumerate(present)}
    levels = []
    for kind in present:
        _, fmt, template = KINDS[kind]
        sep = seps[kind].most_common(1)[0][0]
        text = template.replace("{L}", f"%{level_of[kind] + 1}")
        if kind == "decimal2":
            text = text.replace("{P}", f"%{level_of[parent] + 1}")
        levels.append((kind, fmt, text + sep, kind == "decimal2"))

    counters: dict[int, int] = {}
    numbered: dict[int, tuple[int, str]] = {}
    chosen = {kind: seps[kind].most_common(1)[0][0] for kind in present}
    for i, (kind, m) in sorted(matches.items()):
        if kind not in level_of or m.group("sep") != chosen[kind]:
            continue
        level = level_of[kind]
        expected = counters.get(level, 0) + 1
        if _number(kind, m) != expected:
            continue
        if kind == "decimal2" and int(m.group("p")) != counters.get(level_of[parent], 1):
            continue
        counters[level] = expected
        for deeper in [k for k in counters if k > level]:
            del counters[deeper]  # Word restarts deeper levels after a shallower item
        numbered[i] = (level, lines[i][m.end():])
    return levels, numbered


# -- DOCX -----------------------------------------------------------------------------------------

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ' \
       'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
SIGNATURE = re.compile(r"^(甲方|乙方|委托方|受托方|买方|卖方|发包方|承包方).{0,12}(盖章|签字|签章)")
SIGNATURE_LINE = re.compile(r"^(甲方|乙方|委托方|受托方|买方|卖方|发包方|承包方|法定代表人|授权代表|委托代理人|"
                            r"签字|盖章|日期|签订日期|签署日期|地址|电话|联系人|开户|账号|税号|年)")
DEFINITION = re.compile(r"^“[^”]{1,20}”(是指|指的是|指)")


def _run(text: str, bold: bool = False) -> str:
    props = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f'<w:r>{props}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def _para(text: str, *, style: str | None = None, num: tuple[int, int] | None = None,
          indent: bool = False, center: bool = False, bold: bool = False) -> str:
    ppr = []
    if style:
        ppr.append(f'<w:pStyle w:val="{style}"/>')
    if num:
        ppr.append(f'<w:numPr><w:ilvl w:val="{num[0]}"/><w:numId w:val="{num[1]}"/></w:numPr>')
    if indent:
        ppr.append('<w:ind w:firstLineChars="200" w:firstLine="480"/>')
    if center:
        ppr.append('<w:jc w:val="center"/>')
    return f"<w:p><w:pPr>{''.join(ppr)}</w:pPr>{_run(text, bold) if text else ''}</w:p>"


def _table(rows: list[list[str]]) -> str:
    columns = max(len(r) for r in rows)
    width = 8300 // columns
    border = "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
                     for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    grid = "".join(f'<w:gridCol w:w="{width}"/>' for _ in range(columns))
    body = []
    for row in rows:
        cells = "".join(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>{_para(cell)}</w:tc>'
                        for cell in row + [""] * (columns - len(row)))
        body.append(f"<w:tr>{cells}</w:tr>")
    return (f'<w:tbl><w:tblPr><w:tblW w:w="{width * columns}" w:type="dxa"/><w:tblBorders>{border}'
            f'</w:tblBorders></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{"".join(body)}</w:tbl>')


def _table_span(lines: list[str]) -> tuple[int, int, int] | None:
    """(first, end, columns) of the lines to set as a table: signature block, else definitions."""
    for i, line in enumerate(lines):
        if SIGNATURE.match(line):
            end = i
            while end < len(lines) and end - i < 16 and SIGNATURE_LINE.match(lines[end]):
                end += 1
            return i, end, 2
    run = [i for i, line in enumerate(lines) if DEFINITION.match(line)]
    if len(run) >= 2 and run == list(range(run[0], run[0] + len(run))):
        return run[0], run[-1] + 1, 1
    return None


def _numbering_xml(levels) -> str:
    lvls = []
    for ilvl, (kind, fmt, text, legal) in enumerate(levels):
        link = '<w:pStyle w:val="Heading1"/>' if ilvl == 0 else ""
        lvls.append(
            f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>{link}'
            f'{"<w:isLgl/>" if legal else ""}<w:suff w:val="nothing"/><w:lvlText w:val="{escape(text)}"/>'
            f'<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="0" w:firstLine="0"/></w:pPr></w:lvl>')
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:numbering {W_NS}>'
            f'<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>{"".join(lvls)}'
            f'</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>')


def _styles_xml() -> str:
    fonts = '<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="宋体"/>'
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles {W_NS}>'
        f'<w:docDefaults><w:rPrDefault><w:rPr>{fonts}<w:sz w:val="22"/><w:lang w:val="en-US" '
        f'w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="80" '
        f'w:line="340" w:lineRule="auto"/><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>'
        f'<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
        f'<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/>'
        f'<w:pPr><w:jc w:val="center"/><w:spacing w:after="240"/></w:pPr><w:rPr><w:b/><w:sz w:val="32"/>'
        f'</w:rPr></w:style>'
        f'<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>'
        f'<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:pPr><w:keepNext/><w:numPr>'
        f'<w:numId w:val="1"/></w:numPr><w:spacing w:before="240" w:after="120"/><w:outlineLvl w:val="0"/>'
        f'</w:pPr><w:rPr><w:b/><w:sz w:val="24"/></w:rPr></w:style>'
        f'<w:style w:type="paragraph" w:styleId="Header"><w:name w:val="header"/><w:basedOn w:val="Normal"/>'
        f'<w:pPr><w:jc w:val="center"/></w:pPr><w:rPr><w:sz w:val="18"/></w:rPr></w:style>'
        f'</w:styles>')


def _field(code: str) -> str:
    return (f'<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> {code} '
            f'</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r>'
            f'<w:r><w:fldChar w:fldCharType="end"/></w:r>')


def write_docx(lines: list[str], target: Path) -> None:
    """One paragraph per text line, numbered by Word where the typed numbers allow it."""
    title = lines[0]
    span = _table_span(lines)
    # Table cells are not list items: keep them out of the numbering plan.
    levels, numbered = plan_numbering([line if i and not (span and span[0] <= i < span[1]) else ""
                                       for i, line in enumerate(lines)])
    body = [_para(title, style="Title")]
    i = 1
    while i < len(lines):
        if span and i == span[0]:
            cells = lines[span[0]:span[1]]
            rows = [cells[k:k + span[2]] for k in range(0, len(cells), span[2])]
            body.append(_table(rows))
            i = span[1]
            continue
        if i in numbered:
            level, rest = numbered[i]
            if level == 0:
                body.append(_para(rest, style="Heading1"))
            else:
                body.append(_para(rest, num=(level, 1)))
        else:
            body.append(_para(lines[i], indent=not re.match(r"[(（\d第一二三四五六七八九十]", lines[i])))
        i += 1
    sect = ('<w:sectPr><w:headerReference w:type="default" r:id="rId4"/><w:footerReference w:type="default" '
            'r:id="rId5"/><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1800" '
            'w:bottom="1440" w:left="1800" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr>')
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {W_NS}><w:body>'
                f'{"".join(body)}{sect}</w:body></w:document>')
    header = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:hdr {W_NS}>'
              f'{_para(title, style="Header")}</w:hdr>')
    footer = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:ftr {W_NS}><w:p><w:pPr>'
              f'<w:pStyle w:val="Header"/></w:pPr>{_run("第 ")}{_field("PAGE")}{_run(" 页 共 ")}'
              f'{_field("NUMPAGES")}{_run(" 页")}</w:p></w:ftr>')
    ct = "application/vnd.openxmlformats-officedocument.wordprocessingml"
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/word/document.xml" ContentType="{ct}.document.main+xml"/>'
            f'<Override PartName="/word/styles.xml" ContentType="{ct}.styles+xml"/>'
            f'<Override PartName="/word/numbering.xml" ContentType="{ct}.numbering+xml"/>'
            f'<Override PartName="/word/settings.xml" ContentType="{ct}.settings+xml"/>'
            f'<Override PartName="/word/header1.xml" ContentType="{ct}.header+xml"/>'
            f'<Override PartName="/word/footer1.xml" ContentType="{ct}.footer+xml"/>'
            '<Override PartName="/docProps/core.xml" '
            'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>'),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/officeDocument" Target="word/document.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/'
            'metadata/core-properties" Target="docProps/core.xml"/></Relationships>'),
        "word/_rels/document.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + "".join(f'<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/'
                      f'2006/relationships/{kind}" Target="{name}"/>'
                      for n, kind, name in ((1, "styles", "styles.xml"), (2, "numbering", "numbering.xml"),
                                            (3, "settings", "settings.xml"), (4, "header", "header1.xml"),
                                            (5, "footer", "footer1.xml")))
            + "</Relationships>"),
        "word/document.xml": document,
        "word/styles.xml": _styles_xml(),
        "word/numbering.xml": _numbering_xml(levels),
        "word/settings.xml": (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:settings {W_NS}>'
                              '<w:defaultTabStop w:val="420"/></w:settings>'),
        "word/header1.xml": header,
        "word/footer1.xml": footer,
        "docProps/core.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties '
            'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            f'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{escape(title)}</dc:title>'
            '<dc:creator>make_samples.py</dc:creator></cp:coreProperties>'),
    }
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, xml in parts.items():
            info = zipfile.ZipInfo(name, ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, xml.encode("utf-8"))


# -- PDF ------------------------------------------------------------------------------------------

PAGE_W, PAGE_H = 595.28, 841.89  # A4
MARGIN_X, MARGIN_TOP, SIZE, LEADING, PARA_SPACE = 72.0, 84.0, 11.0, 17.0, 5.0
NO_LINE_START = set("，。、；：？！）》」』”’%,.;:?!)]}")
# Half-width punctuation holds on to the letters, digits or fill-in line after it, as in Word and in
# Unicode's line breaking (UAX #14, LB29): "大写:____" never wraps between ":" and "____".
NO_BREAK_AFTER = set(",.;:?!")
TERMINAL = tuple("。；：！？;:!?")
# Some CJK fonts map an ideograph's glyph back to a Kangxi radical in the PDF's text layer.
KANGXI = {"方": "\u2f45", "风": "\u2edb"}
FAKE_BOLD_OFFSET = 0.35


def _register_font() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    font = TTFont("CJK", str(CJK_FONT))
    for plain, radical in KANGXI.items():
        # The radical draws the ideograph's glyph, so the page looks right and only the text differs.
        font.face.charToGlyph[ord(radical)] = font.face.charToGlyph[ord(plain)]
        font.face.charWidths[ord(radical)] = font.face.charWidths[ord(plain)]
    pdfmetrics.registerFont(font)


def _width(text: str, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(text, "CJK", size)


def _wrap(text: str, width: float, indent: float, size: float) -> list[str]:
    """Break anywhere between ideographs, never inside a Latin word or number nor right after the
    half-width punctuation before one, and never put closing punctuation at the start of a line
    (it hangs in the margin instead)."""
    lines, current, used, room = [], "", 0.0, width - indent
    for token in re.findall(r"\d[\d,.]*%?|[A-Za-z0-9_.%@/\-]+|.", text):
        w = _width(token, size)
        holds = current[-1:] in NO_BREAK_AFTER and (token[0].isascii() and token[0].isalnum() or token[0] == "_")
        if current and used + w > room + 0.01 and token[0] not in NO_LINE_START and not holds:
            lines.append(current)
            current, used, room = "", 0.0, width
        current += token
        used += w
    lines.append(current)
    return lines


def _layout(lines: list[str], bottom: float):
    """Paragraph kinds and wrapped lines placed on pages: [[(kind, text, x, y, spacing, size)]]."""
    width = PAGE_W - 2 * MARGIN_X
    pages: list[list[tuple]] = [[]]
    y = MARGIN_TOP
    for index, line in enumerate(lines):
        if index == 0:
            kind, size, indent = "title", 16.0, 0.0
        elif re.match(r"第[一二三四五六七八九十百]+章", line):
            kind, size, indent = "chapter", 12.0, 0.0
        elif re.match(r"[(（\d第一二三四五六七八九十]", line):
            kind, size, indent = "numbered", SIZE, 0.0
        else:
            kind, size, indent = "body", SIZE, 2 * SIZE
        wrapped = _wrap(line, width, indent, size)
        space = PARA_SPACE + (8.0 if kind == "chapter" else 0.0)
        if pages[-1]:
            y += space
        # A heading never stays alone at the foot of a page.
        if kind == "chapter" and y + 2 * LEADING > PAGE_H - bottom:
            pages.append([])
            y = MARGIN_TOP
        for number, text in enumerate(wrapped):
            if y + LEADING > PAGE_H - bottom:
                pages.append([])
                y = MARGIN_TOP
            x = MARGIN_X + (indent if number == 0 else 0.0)
            if kind == "title":
                x = (PAGE_W - _width(text, size)) / 2
            spacing = 0.0
            if number < len(wrapped) - 1 and len(text) > 1:  # justify every line but the last
                spacing = max(0.0, (PAGE_W - MARGIN_X - x - _width(text, size)) / (len(text) - 1))
            pages[-1].append((kind, text, x, y + size, spacing, size, index, number == len(wrapped) - 1))
            y += LEADING if kind != "title" else 26.0
    return pages


def _splits_a_sentence(pages) -> bool:
    return any(page[-1][7] is False and not page[-1][1].endswith(TERMINAL) for page in pages[:-1])


def write_pdf(lines: list[str], target: Path) -> None:
    """The contract as a typeset PDF, with the features a PDF loader has to see through."""
    from reportlab.pdfgen import canvas

    _register_font()
    lines = [line.replace("双方", "双" + KANGXI["方"]) for line in lines]
    bottom = 84.0
    pages = _layout(lines, bottom)
    while not _splits_a_sentence(pages) and bottom < 84.0 + 20 * LEADING:
        bottom += 7.0  # move the page breaks until one falls inside a sentence
        pages = _layout(lines, bottom)
    title = lines[0]
    pdf = canvas.Canvas(str(target), pagesize=(PAGE_W, PAGE_H), invariant=1, pageCompression=1)
    pdf.setTitle(title)
    pdf.setAuthor("make_samples.py")
    for number, placed in enumerate(pages, 1):
        pdf.setFont("CJK", 9)
        pdf.drawCentredString(PAGE_W / 2, PAGE_H - 50, title)
        pdf.setLineWidth(0.5)
        pdf.line(MARGIN_X, PAGE_H - 56, PAGE_W - MARGIN_X, PAGE_H - 56)
        pdf.drawCentredString(PAGE_W / 2, 42, f"第 {number} 页 共 {len(pages)} 页")
        for kind, text, x, baseline, spacing, size, *_ in placed:
            copies = (0.0, FAKE_BOLD_OFFSET) if kind in ("title", "chapter") else (0.0,)
            for dx in copies:  # fake bold: the same characters drawn again a hair to the right
                obj = pdf.beginText(x + dx, PAGE_H - baseline)
                obj.setFont("CJK", size)
                obj.setCharSpace(spacing)
                obj.textOut(text)
                pdf.drawText(obj)
        pdf.showPage()
    pdf.save()


# -- driver ---------------------------------------------------------------------------------------


def read_lines(path: Path) -> list[str]:
    """The non-blank lines of a text sample, stripped: what Document.text is made of."""
    return [line.strip() for line in path.read_text(encoding="utf-8-sig").splitlines() if line.strip()]


def check(made: list[Path]) -> int:
    """Load every generated file back and compare its text with its text sample's."""
    from reviewer import load

    failures = 0
    for path in made:
        stem = path.stem.removesuffix("-gbk")
        expected = load(SAMPLES / f"{stem}.txt").text
        got = load(path).text
        if got == expected:
            print(f"ok    {path.relative_to(ROOT)}")
            continue
        failures += 1
        want, have = expected.split("\n"), got.split("\n")
        first = next((i for i, (a, b) in enumerate(zip(want, have)) if a != b), min(len(want), len(have)))
        print(f"DIFF  {path.relative_to(ROOT)} at line {first + 1}:\n  txt:  {want[first:first + 1]}\n"
              f"  file: {have[first:first + 1]}")
    return failures


def main(argv: list[str] | None = None) -> int:
    made = []
    for path in sorted(SAMPLES.glob("*.txt")):
        if path.name in SKIP:
            continue
        target = path.with_suffix(".docx")
        write_docx(read_lines(path), target)
        made.append(target)
    seed = SAMPLES / f"{SEED}.txt"
    if seed.exists():
        target = SAMPLES / f"{SEED}.pdf"
        write_pdf(read_lines(seed), target)
        made.append(target)
        text = seed.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
        gbk = SAMPLES / f"{SEED}-gbk.txt"
        gbk.write_bytes(text.replace("\n", "\r\n").encode("gbk"))
        made.append(gbk)
    return 1 if check(made) else 0


if __name__ == "__main__":
    sys.exit(main())
