"""Build the hostile-input corpus (damaged, hostile, mislabelled and odd files) into a folder, deterministically.

Run: ``python3 scripts/make_hostile.py OUT_DIR``; the tests call :func:`build` into a temporary
folder. Nothing here is committed: the bombs and the 50 MB text file are made on demand, in
about a second. Every contract text is written for this corpus; none is copied from elsewhere.

The file names are the case names of ``tests/test_hostile_files.py`` and
``tests/test_hostile_rules.py``; :data:`CASES` says what each one is.
"""

from __future__ import annotations

import io
import os
import random
import struct
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
ZIP_DATE = (2024, 1, 1, 0, 0, 0)  # fixed member dates keep the archives byte-identical
FONT = "CJK"  # the window's bundled font, embedded: PDFium then needs no system font for the glyph boxes

#: Size of the big text file, the DOCX bomb's expanded body, and how far nested things go.
BIG_TEXT_BYTES = 50 * 1024 * 1024
BOMB_XML_BYTES = 256 * 1024 * 1024
MANY_PDF_PAGES = 2500

CASES = {
    # files
    "empty.txt": "0 bytes", "empty.docx": "0 bytes", "empty.pdf": "0 bytes",
    "blank.txt": "only spaces, full-width spaces and line ends",
    "zero-pages.pdf": "a well-formed PDF whose page tree has no pages",
    "locked-user.pdf": "a PDF with an open (user) password: secret",
    "locked-owner.pdf": "a PDF with only an owner password (no copying): opens without asking",
    "scan-only.pdf": "three pages that are only pictures",
    "scan-mixed.pdf": "text, a scanned page, text",
    "garbled-font.pdf": "two pages whose font maps every character to the private use area",
    "truncated.pdf": "the clean seed PDF cut in half",
    "truncated-tail.pdf": "a PDF that lost its last bytes (cross-reference table and trailer)",
    "many-pages.pdf": f"{MANY_PDF_PAGES} pages: more than any contract",
    "random.pdf": "random bytes", "random.docx": "random bytes",
    "header-then-garbage.pdf": "%PDF- and then random bytes",
    "old-word.doc": "an OLE2 compound file: Word 97-2003", "old-wps.wps": "an OLE2 compound file: WPS",
    "locked.docx": "an OLE2 EncryptedPackage: a Word file with an open password",
    "web-page.doc": "an HTML page saved under a Word name",
    "pipe.txt": "a named pipe (POSIX only): reading it would wait for ever",
    "zip-bomb.docx": f"word/document.xml expands to {BOMB_XML_BYTES >> 20} MB (about 1000:1)",
    "zip-liar.docx": "a 64 MB part whose headers claim 2 KB",
    "zip-many-entries.docx": "a Word package with 20,000 members",
    "rels-bomb.docx": "_rels/.rels expands to 256 MB: read while telling the format",
    "entity-bomb.docx": "billion laughs inside word/document.xml",
    "entity-quadratic.docx": "one 64 KB entity used 4,000 times inside word/document.xml",
    "external-entity.docx": "an external entity pointing at /etc/passwd and at a web address",
    "deep-nesting.docx": "5,000 nested content controls",
    "nested-text-boxes.docx": "text boxes nested 24 deep",
    "numbering-bomb.docx": "a list level whose number text repeats %1 ten thousand times, "
                           "numbered in letters from two billion",
    "no-paragraphs.docx": "a Word body with no paragraph at all",
    "empty-paragraphs.docx": "a Word body of empty paragraphs",
    "big.txt": f"{BIG_TEXT_BYTES >> 20} MB of contract text",
    "many-lines.txt": "1.5 million short lines in 15 MB: under the size limit, over the text limit",
    "shift-jis.txt": "a Japanese contract in Shift-JIS",
    "utf32-le.txt": "a Chinese contract in UTF-32 without a byte-order mark",
    "utf32-bom.txt": "a Chinese contract in UTF-32 with a byte-order mark",
    "latin1.txt": "a French contract in Latin-1",
    "double-encoded.txt": "UTF-8 Chinese that was read as Windows-1252 and saved as UTF-8 again",
    "replacement-chars.txt": "Chinese with every third character lost to U+FFFD",
    "no-numbering.txt": "a Chinese contract without any clause numbers",
    "english-only.txt": "a contract in English only",
    "合同 草稿 (最终版)/供应商 合同 v2.docx": "the clean seed DOCX under a Chinese name with spaces",
    "合同 草稿 (最终版)/供应商 合同 v2.pdf": "the clean seed PDF under a Chinese name with spaces",
    # rule files
    "rules/bad-key.yaml": "an unknown key (severty) at line 8",
    "rules/alias-bomb.yaml": "aliases nested nine deep: a billion nodes",
    "rules/catastrophic-regex.yaml": "the pattern (a+)+b, and (甲|甲方|方)*乙, which backtracks as badly",
    "rules/not-utf8.yaml": "a rule file saved in GBK",
    "rules/huge.yaml": "3 MB of rule file",
    "rules/many-rules.yaml": "5,001 rules",
    "rules/python-tag.yaml": "a !!python/object/apply tag that would create rules/pwned",
    # the review decisions kept beside a contract
    "decisions/contract.txt": "a contract whose decisions file is damaged",
    "decisions/contract.txt.review.json": "half a JSON file",
    "decisions/nested.txt.review.json": "JSON nested 100,000 deep",
    "decisions/wrong-types.txt.review.json": "well-formed JSON with a list where a decision should be",
}

# -- contract texts (written for this corpus) ------------------------------------------------------

SHORT_CONTRACT = [
    "技术服务合同",
    "甲方（委托方）：上海澄明数据科技有限公司",
    "乙方（服务方）：杭州远帆信息技术有限公司",
    "第一条 服务内容",
    "乙方负责甲方客户关系管理系统的日常运行维护，包括故障处理、数据备份和版本升级。",
    "第二条 费用",
    "服务费总额为人民币壹拾贰万元整（¥120,000.00），甲方在每季度结束后十五个工作日内支付当季费用。",
    "第三条 保密",
    "乙方对服务中知悉的甲方商业秘密和客户数据负有保密义务。",
]

NO_NUMBERING = [
    "运维服务合同",
    "甲方（委托方）：上海澄明数据科技有限公司",
    "乙方（服务方）：杭州远帆信息技术有限公司",
    "鉴于甲方需要对其客户关系管理系统进行运维，乙方具备相应的技术能力，双方经友好协商，达成如下协议。",
    "服务内容",
    "乙方负责甲方客户关系管理系统的日常运行维护，包括故障处理、数据备份和版本升级，"
    "并在接到甲方故障通知后两小时内响应。",
    "服务期限",
    "本合同服务期限自2025年3月1日起至2026年2月28日止。",
    "费用及支付",
    "服务费总额为人民币壹拾贰万元整（¥120,000.00），甲方应在每季度结束后十五个工作日内支付当季费用。",
    "保密",
    "乙方对在服务过程中知悉的甲方商业秘密和客户数据负有保密义务，保密期限自本合同生效之日起至相关信息公开之日止。",
    "违约责任",
    "任何一方违反本合同约定的，应赔偿对方因此遭受的全部损失。乙方有权在甲方逾期付款时暂停服务。",
    "争议解决",
    "因本合同引起的争议，双方应协商解决；协商不成的，提交乙方所在地有管辖权的人民法院诉讼解决。",
    "其他",
    "本合同一式两份，双方各执一份，自双方签字盖章之日起生效。",
    "甲方（盖章）：",
    "乙方（盖章）：",
    "签订日期：    年  月  日",
]

ENGLISH_ONLY = [
    "MASTER SERVICES AGREEMENT",
    "This Master Services Agreement is made between Northwind Analytics Ltd. (\"Customer\") and "
    "Bluepeak Software Inc. (\"Vendor\").",
    "1. Services",
    "1.1 Vendor shall provide the hosted analytics service described in Schedule A.",
    "1.2 Vendor may suspend the service at any time without notice.",
    "2. Fees and Payment",
    "2.1 Customer shall pay the fees set out in Schedule B within thirty (30) days of receiving a valid invoice.",
    "3. Term and Termination",
    "3.1 This Agreement starts on the Effective Date and continues for twelve (12) months.",
    "3.2 Either party may terminate this Agreement on ninety (90) days' written notice.",
    "4. Confidentiality",
    "4.1 Each party shall keep the other party's Confidential Information secret during the term and "
    "for three (3) years after it ends.",
    "5. Limitation of Liability",
    "5.1 Vendor's aggregate liability shall not exceed the fees paid in the three (3) months before the claim.",
    "6. Governing Law",
    "6.1 This Agreement is governed by the laws of Singapore.",
    "Signed for Customer: ____________    Signed for Vendor: ____________",
]

JAPANESE = [
    "業務委託契約書",
    "株式会社青葉商事（以下「甲」という）と株式会社北斗システム（以下「乙」という）は、次のとおり契約を締結する。",
    "第1条（目的）本契約は、甲が乙に対し、販売管理ソフトウェアの開発業務を委託することを目的とする。",
    "第2条（委託料）甲は乙に対し、委託料として金三百万円を支払う。",
    "第3条（秘密保持）乙は、本業務により知り得た甲の秘密を第三者に開示してはならない。",
]

FRENCH = [
    "Contrat de prestation de services",
    "Entre la société Étoile Numérique SARL, ci-après « le Client », et la société Forêt Logiciels SA, "
    "ci-après « le Prestataire ».",
    "Article 1 - Objet : le Prestataire s'engage à réaliser la maintenance du système de facturation.",
    "Article 2 - Prix : le prix forfaitaire est de douze mille euros hors taxes, payable à trente jours.",
    "Article 3 - Confidentialité : les parties gardent secrètes les informations échangées.",
]


# -- small writers ----------------------------------------------------------------------------------


def _zip(path: Path, members: dict[str, bytes], *, level: int = 6) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        for name, data in members.items():
            archive.writestr(zipfile.ZipInfo(name, ZIP_DATE), data, zipfile.ZIP_DEFLATED)
    return path


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/word/document.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    b'<Override PartName="/word/numbering.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>'
    b'</Types>'
)
_PACKAGE_RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    b'officeDocument" Target="word/document.xml"/></Relationships>'
)
_XML_HEAD = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_DOC_OPEN = f'<w:document xmlns:w="{_W}"><w:body>'.encode()
_DOC_CLOSE = b"</w:body></w:document>"


def _para(text: str) -> bytes:
    return f"<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>".encode()


def _docx(path: Path, body: bytes, *, prolog: bytes = b"", extra: dict[str, bytes] | None = None) -> Path:
    """A minimal Word package whose word/document.xml is ``prolog`` + the body around ``body``."""
    members = {"[Content_Types].xml": _CONTENT_TYPES, "_rels/.rels": _PACKAGE_RELS,
               "word/document.xml": _XML_HEAD + prolog + _DOC_OPEN + body + _DOC_CLOSE}
    members.update(extra or {})
    return _zip(path, members)


def _stream_member(archive: zipfile.ZipFile, name: str, head: bytes, chunk: bytes, size: int, tail: bytes) -> None:
    """Write ``head + chunk * n + tail`` (about ``size`` bytes) without holding it in memory."""
    info = zipfile.ZipInfo(name, ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    with archive.open(info, "w", force_zip64=True) as member:
        member.write(head)
        block = chunk * max(1, (1 << 20) // len(chunk))
        for _ in range(size // len(block)):
            member.write(block)
        member.write(tail)


def _ole2(path: Path, streams: list[str]) -> Path:
    """An OLE2 compound-file header (512-byte sectors, directory in sector 0) and that directory."""
    header = bytearray(512)
    header[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    header[24:26] = (0x3E).to_bytes(2, "little")  # minor version
    header[26:28] = (3).to_bytes(2, "little")  # major version 3: 512-byte sectors
    header[28:30] = b"\xfe\xff"  # little-endian
    header[30:32] = (9).to_bytes(2, "little")  # sector shift: 2**9 = 512
    header[32:34] = (6).to_bytes(2, "little")  # mini sector shift
    header[48:52] = (0).to_bytes(4, "little")  # first directory sector
    directory = bytearray(512)
    for i, name in enumerate(["Root Entry", *streams][:4]):
        encoded = name.encode("utf-16-le")
        directory[i * 128:i * 128 + len(encoded)] = encoded
        directory[i * 128 + 64:i * 128 + 66] = (len(encoded) + 2).to_bytes(2, "little")
        directory[i * 128 + 66] = 5 if i == 0 else 2  # root storage, then streams
    path.write_bytes(bytes(header + directory) + bytes(512))
    return path


def _raw_pdf(objects: list[bytes], *, root: int = 1) -> bytes:
    """A PDF from numbered objects (1-based, in order) with a correct cross-reference table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, xref))
    return out.getvalue()


def _reportlab_pdf(path: Path, pages: list[list[str] | None], *, encrypt=None) -> Path:
    """One page per item: lines of text, or None for a page that is only a picture (a scan)."""
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    from ui import CJK_FONT

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(CJK_FONT)))
    pdf = canvas.Canvas(str(path), pagesize=(595, 842), invariant=1, encrypt=encrypt)
    for number, lines in enumerate(pages):
        if lines is None:
            # A grey "scan" with some texture, as a scanner would produce: no text layer at all.
            rng = random.Random(number)
            picture = Image.new("L", (120, 160), 235)
            picture.putdata([235 - rng.randrange(40) for _ in range(120 * 160)])
            pdf.drawImage(ImageReader(picture), 40, 40, 515, 762)
        for i, line in enumerate(lines or []):
            pdf.setFont(FONT, 12)
            pdf.drawString(72, 770 - 22 * i, line)
        pdf.showPage()
    pdf.save()
    return path


# -- builders ---------------------------------------------------------------------------------------


def _files(out: Path) -> None:
    for name in ("empty.txt", "empty.docx", "empty.pdf"):
        (out / name).write_bytes(b"")
    (out / "blank.txt").write_bytes("  \n\u3000\u3000\r\n\t\n".encode("utf-8"))
    (out / "zero-pages.pdf").write_bytes(_raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]))

    from reportlab.lib import pdfencrypt

    _reportlab_pdf(out / "locked-user.pdf", [SHORT_CONTRACT],
                   encrypt=pdfencrypt.StandardEncryption("secret", ownerPassword="owner-secret", canPrint=1))
    _reportlab_pdf(out / "locked-owner.pdf", [SHORT_CONTRACT],
                   encrypt=pdfencrypt.StandardEncryption("", ownerPassword="owner-secret", canCopy=0))
    _reportlab_pdf(out / "scan-only.pdf", [None, None, None])
    _reportlab_pdf(out / "scan-mixed.pdf", [SHORT_CONTRACT[:5], None, SHORT_CONTRACT[5:]])

    seed_pdf = (SAMPLES / "seed-contract-clean.pdf").read_bytes()
    (out / "truncated.pdf").write_bytes(seed_pdf[: len(seed_pdf) // 2])
    (out / "truncated-tail.pdf").write_bytes(seed_pdf[: seed_pdf.rindex(b"xref")])

    # Many pages sharing one content stream and one font: a small file that takes long to read.
    kids = b" ".join(b"%d 0 R" % (5 + i) for i in range(MANY_PDF_PAGES))
    stream = b"BT /F1 12 Tf 72 770 Td (Page of an endless annex) Tj ET"
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, MANY_PDF_PAGES),
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
               b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream)]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
                b"/Resources << /Font << /F1 3 0 R >> >> >>"] * MANY_PDF_PAGES
    (out / "many-pages.pdf").write_bytes(_raw_pdf(objects))

    # A font whose ToUnicode map sends every character to the private use area: text that is gibberish.
    cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Garbled def\n"
            b"1 begincodespacerange <00> <FF> endcodespacerange\n1 beginbfrange <20> <7E> <E020> endbfrange\n"
            b"endcmap CMapName currentdict /CMap defineresource pop end end")
    lines = [b"BT /F1 12 Tf 72 770 Td (Article %d Services) Tj 0 -20 Td (The Vendor shall deliver.) Tj ET" % n
             for n in (1, 2)]
    (out / "garbled-font.pdf").write_bytes(_raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [5 0 R 6 0 R] /Count 2 >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 4 0 R >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(cmap), cmap),
        *(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
          b"/Resources << /Font << /F1 3 0 R >> >> >>" % (7 + i) for i in range(2)),
        *(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(line), line) for line in lines)]))

    rng = random.Random(20240101)
    for name in ("random.pdf", "random.docx"):
        (out / name).write_bytes(rng.randbytes(64 * 1024))
    (out / "header-then-garbage.pdf").write_bytes(b"%PDF-1.7\n" + rng.randbytes(32 * 1024))
    _ole2(out / "old-word.doc", ["WordDocument", "1Table"])
    _ole2(out / "old-wps.wps", ["WordDocument", "0Table"])
    _ole2(out / "locked.docx", ["EncryptionInfo", "EncryptedPackage"])
    if hasattr(os, "mkfifo") and not (out / "pipe.txt").exists():
        os.mkfifo(out / "pipe.txt")  # opening it for reading would wait for a writer for ever
    (out / "web-page.doc").write_bytes(
        '<html><head><meta charset="utf-8"><title>合同</title></head><body><p>第一条 服务内容</p></body></html>'
        .encode("utf-8"))


def _docx_bombs(out: Path) -> None:
    # A body of empty paragraphs compresses about 1000:1: 256 MB of XML in about 250 KB.
    with zipfile.ZipFile(out / "zip-bomb.docx", "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr(zipfile.ZipInfo("[Content_Types].xml", ZIP_DATE), _CONTENT_TYPES, zipfile.ZIP_DEFLATED)
        archive.writestr(zipfile.ZipInfo("_rels/.rels", ZIP_DATE), _PACKAGE_RELS, zipfile.ZIP_DEFLATED)
        _stream_member(archive, "word/document.xml", _XML_HEAD + _DOC_OPEN + _para("第一条 服务内容"),
                       b"<w:p/>", BOMB_XML_BYTES, _DOC_CLOSE)

    # The same trick with the package relationships, which are read while telling the format.
    with zipfile.ZipFile(out / "rels-bomb.docx", "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr(zipfile.ZipInfo("[Content_Types].xml", ZIP_DATE), _CONTENT_TYPES, zipfile.ZIP_DEFLATED)
        _stream_member(archive, "_rels/.rels", _PACKAGE_RELS[:-len(b"</Relationships>")], b"<!-- -->" * 8,
                       BOMB_XML_BYTES, b"</Relationships>")
        archive.writestr(zipfile.ZipInfo("word/document.xml", ZIP_DATE),
                         _XML_HEAD + _DOC_OPEN + _para("第一条 服务内容") + _DOC_CLOSE, zipfile.ZIP_DEFLATED)

    # Headers that lie: a 64 MB part that its local header and central directory call 2 KB.
    liar = io.BytesIO()
    body = _XML_HEAD + _DOC_OPEN + _para("第一条") + b"<w:p/>" * (64 * 1024 * 1024 // 6) + _DOC_CLOSE
    with zipfile.ZipFile(liar, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr(zipfile.ZipInfo("[Content_Types].xml", ZIP_DATE), _CONTENT_TYPES, zipfile.ZIP_DEFLATED)
        archive.writestr(zipfile.ZipInfo("_rels/.rels", ZIP_DATE), _PACKAGE_RELS, zipfile.ZIP_DEFLATED)
        archive.writestr(zipfile.ZipInfo("word/document.xml", ZIP_DATE), body, zipfile.ZIP_DEFLATED)
    data = bytearray(liar.getvalue())
    true_size = struct.pack("<I", len(body))
    for signature, size_at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = data.find(signature)
        while at >= 0:
            if data[at + size_at:at + size_at + 4] == true_size:
                data[at + size_at:at + size_at + 4] = struct.pack("<I", 2048)
            at = data.find(signature, at + 4)
    (out / "zip-liar.docx").write_bytes(bytes(data))

    members = {"[Content_Types].xml": _CONTENT_TYPES, "_rels/.rels": _PACKAGE_RELS,
               "word/document.xml": _XML_HEAD + _DOC_OPEN + _para("第一条 服务内容") + _DOC_CLOSE}
    members.update({f"word/media/image{i}.png": b"" for i in range(20000)})
    _zip(out / "zip-many-entries.docx", members, level=1)

    laughs = b"".join(b'<!ENTITY lol%d "%s">\n' % (i, (b"&lol%d;" % (i - 1)) * 10) for i in range(1, 10))
    _docx(out / "entity-bomb.docx", _para("第一条 &lol9;"),
          prolog=b'<!DOCTYPE w:document [\n<!ENTITY lol0 "lol">\n' + laughs + b"]>\n")
    _docx(out / "entity-quadratic.docx", _para("第一条 " + "&big;" * 4000),
          prolog=b'<!DOCTYPE w:document [\n<!ENTITY big "' + b"x" * 65536 + b'">\n]>\n')
    _docx(out / "external-entity.docx", _para("第一条 &file; &web;"),
          prolog=b'<!DOCTYPE w:document [\n<!ENTITY file SYSTEM "file:///etc/passwd">\n'
                 b'<!ENTITY web SYSTEM "http://example.invalid/x.xml">\n]>\n')
    depth = 5_000  # past libxml2's limit of 256 without huge_tree, and small enough to pass the ratio check
    _docx(out / "deep-nesting.docx", b"<w:sdt><w:sdtContent>" * depth + _para("第一条 服务内容")
          + b"</w:sdtContent></w:sdt>" * depth)

    # Text boxes in text boxes: a walker that re-reads inner boxes for every outer one is exponential.
    box = _para("第一条 最里面的文本框")
    for level in range(24):
        box = (f'<w:p><w:r><w:t>第 {level} 层</w:t></w:r><w:r><w:drawing><wp:inline '
               f'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing">'
               f'<w:txbxContent>').encode() + box + b"</w:txbxContent></wp:inline></w:drawing></w:r></w:p>"
    _docx(out / "nested-text-boxes.docx", box)

    numbering = (
        _XML_HEAD + (f'<w:numbering xmlns:w="{_W}"><w:abstractNum w:abstractNumId="0">'
        f'<w:lvl w:ilvl="0"><w:start w:val="2000000000"/><w:numFmt w:val="lowerLetter"/>'
        f'<w:lvlText w:val="{"%1" * 10000}"/></w:lvl>'
        f'<w:lvl w:ilvl="1"><w:start w:val="2000000000"/><w:numFmt w:val="upperLetter"/>'
        f'<w:lvlText w:val="%2"/></w:lvl></w:abstractNum>'
        f'<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>').encode())
    item0 = (b'<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
             b'<w:r><w:t>x</w:t></w:r></w:p>')
    item1 = item0.replace(b'w:ilvl w:val="0"', b'w:ilvl w:val="1"')
    doc_rels = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                b'relationships/numbering" Target="numbering.xml"/></Relationships>')
    _docx(out / "numbering-bomb.docx", (item0 + item1) * 2000,
          extra={"word/numbering.xml": numbering, "word/_rels/document.xml.rels": doc_rels})

    _docx(out / "no-paragraphs.docx", b'<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr>')
    _docx(out / "empty-paragraphs.docx", b"<w:p/>" * 50 + _para("   ") + b"<w:p><w:r><w:t></w:t></w:r></w:p>")


def _texts(out: Path) -> None:
    write_big_text(out / "big.txt", BIG_TEXT_BYTES)
    (out / "many-lines.txt").write_bytes("第一条\n".encode("utf-8") * 1_500_000)
    (out / "shift-jis.txt").write_bytes("\r\n".join(JAPANESE).encode("shift_jis"))
    chinese = "\n".join(SHORT_CONTRACT)
    (out / "utf32-le.txt").write_bytes(chinese.encode("utf-32-le"))
    (out / "utf32-bom.txt").write_bytes(chinese.encode("utf-32"))
    (out / "latin1.txt").write_bytes("\n".join(FRENCH).encode("latin-1"))
    # What Notepad does to a UTF-8 file opened as "ANSI" and saved as UTF-8: every byte becomes
    # its Windows-1252 character (the five bytes 1252 leaves undefined become control codes).
    garbled = "".join(chr(b) if b in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else bytes([b]).decode("cp1252")
                      for b in chinese.encode("utf-8"))
    (out / "double-encoded.txt").write_bytes(garbled.encode("utf-8"))
    # A copy that lost characters on the way: each third Chinese character became U+FFFD.
    lossy = "".join("\ufffd" if "\u4e00" <= ch <= "\u9fff" and i % 3 == 0 else ch for i, ch in enumerate(chinese))
    (out / "replacement-chars.txt").write_text(lossy, encoding="utf-8")
    (out / "no-numbering.txt").write_text("\n".join(NO_NUMBERING) + "\n", encoding="utf-8")
    (out / "english-only.txt").write_text("\n".join(ENGLISH_ONLY) + "\n", encoding="utf-8")
    folder = out / "合同 草稿 (最终版)"
    folder.mkdir(exist_ok=True)
    (folder / "供应商 合同 v2.docx").write_bytes((SAMPLES / "seed-contract-clean.docx").read_bytes())
    (folder / "供应商 合同 v2.pdf").write_bytes((SAMPLES / "seed-contract-clean.pdf").read_bytes())


def write_big_text(path: Path, size: int) -> Path:
    """``size`` bytes of a plausible contract in UTF-8: the short contract repeated with clause numbers."""
    lines = []
    number = 0
    while sum(map(len, lines)) < 1 << 20:
        number += 1
        lines.append(f"第{number}条 " + "；".join(SHORT_CONTRACT[4::2]) + "\n")
    block = "".join(lines).encode("utf-8")
    with path.open("wb") as handle:
        for _ in range(size // len(block)):
            handle.write(block)
        handle.write(block[: size % len(block)].decode("utf-8", "ignore").encode("utf-8"))
    return path


_RULE_HEAD = 'pack: hostile\nversion: "1"\nrules:\n'
_RULE = """\
  - id: {rid}
    type: pattern
    title: 暂停服务
    category: suspension
    severity: medium
    message: "{{clause}} 允许对方暂停服务。"
    any: [{pattern}]
    examples:
      fire: ["8.2 乙方有权暂停服务。"]
      no_fire: ["8.2 乙方应持续提供服务。"]
"""


def _rules(out: Path) -> None:
    folder = out / "rules"
    folder.mkdir(exist_ok=True)
    good = _RULE.format(rid="hostile-suspension", pattern="'有权暂停'")
    (folder / "bad-key.yaml").write_text(
        _RULE_HEAD + _RULE.format(rid="bad-key", pattern="'有权暂停'").replace("    severity:", "    severty:"),
        encoding="utf-8")
    bomb = 'pack: hostile\nversion: "1"\na: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for i in range(1, 9):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        bomb += f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 10) + "]\n"
    (folder / "alias-bomb.yaml").write_text(bomb + "rules:\n" + good, encoding="utf-8")
    (folder / "catastrophic-regex.yaml").write_text(
        _RULE_HEAD + _RULE.format(rid="nested-repeat", pattern="'(a+)+b'")
        + _RULE.format(rid="overlapping-alternation", pattern="'(甲|甲方|方)*乙'"), encoding="utf-8")
    (folder / "not-utf8.yaml").write_bytes((_RULE_HEAD + good).encode("gbk"))
    (folder / "huge.yaml").write_text(_RULE_HEAD + good + ("# " + "填充" * 40 + "\n") * 12_500, encoding="utf-8")
    (folder / "many-rules.yaml").write_text(
        _RULE_HEAD + "".join(f"  - {{id: r-{i}, enabled: false}}\n" for i in range(5001)), encoding="utf-8")
    (folder / "python-tag.yaml").write_text(
        f'pack: hostile\nversion: "1"\nrules: !!python/object/apply:os.system ["touch {folder / "pwned"}"]\n',
        encoding="utf-8")


def _decisions(out: Path) -> None:
    folder = out / "decisions"
    folder.mkdir(exist_ok=True)
    (folder / "contract.txt").write_text("\n".join(SHORT_CONTRACT) + "\n", encoding="utf-8")
    (folder / "contract.txt.review.json").write_text('{"schema": 1, "decisions": {"abc": {"status": "acc',
                                                     encoding="utf-8")
    (folder / "nested.txt.review.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    (folder / "wrong-types.txt.review.json").write_text(
        '{"schema": 1, "decisions": {"abc": ["accepted", 3]}}', encoding="utf-8")


GROUPS = {"files": _files, "docx": _docx_bombs, "texts": _texts, "rules": _rules, "decisions": _decisions}


def build(out: str | Path, groups: tuple[str, ...] = tuple(GROUPS)) -> dict[str, Path]:
    """Write the cases of :data:`CASES` in ``groups`` (all by default) into ``out``; returns name → path."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    for group in groups:
        GROUPS[group](out)
    made = {name: out / name for name in CASES if os.path.lexists(out / name)}
    missing = set(CASES) - set(made) - ({"pipe.txt"} if os.name == "nt" else set())
    if set(groups) == set(GROUPS) and missing:
        raise RuntimeError(f"cases not built: {sorted(missing)}")
    return made


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 1:
        sys.stderr.write("usage: python3 scripts/make_hostile.py OUT_DIR\n")
        return 2
    for name, path in build(argv[0]).items():
        print(f"{path.lstat().st_size:>12,}  {name}  —  {CASES[name]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
