"""Plain text and Markdown contracts, in whatever encoding and line endings they arrive."""

from __future__ import annotations

import codecs
import re
import unicodedata
from pathlib import Path

from ..errors import LoadError
from ..i18n import tr
from .raw import MAX_TEXT_CHARS, Paragraph, RawDocument, too_long_error
from .sniff import MAX_TEXT_FILE_BYTES, empty_file_error, too_large_error

# Line ends of every origin: Windows, old Mac, Unix, Unicode line/paragraph separators, NEL and
# the vertical tab Word puts for a manual line break when text is copied out of it.
_LINE_END = re.compile("\r\n|[\n\r\u2028\u2029\x85\x0b]")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)
# Punctuation and full-width forms a Chinese text of either script is full of.
_CJK_PUNCT = re.compile("[\u3000-\u303f\uff00-\uffef\u2014\u2018\u2019\u201c\u201d\u2026\u00b7]")
_SAMPLE = 20000  # characters looked at when judging an encoding; plenty for a contract


def load_txt(path: Path) -> RawDocument:
    """Read a .txt/.md file: encoding detected, one paragraph per line, ``\\f`` as a page break."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_TEXT_FILE_BYTES + 1)  # never more, whatever the file grew to
    except OSError as error:
        raise LoadError(tr("无法读取文件（{reason}）。", "The file cannot be read ({reason}).",
                           reason=error.strerror or error), path=path) from None
    if len(data) > MAX_TEXT_FILE_BYTES:
        raise too_large_error(path, max(len(data), path.stat().st_size), MAX_TEXT_FILE_BYTES)
    text, encoding = decode(data, path)
    if len(text) > MAX_TEXT_CHARS:  # before millions of short lines become millions of paragraphs
        raise too_long_error(path)
    notes: list[str] = []
    repaired = undo_mojibake(text)
    if repaired is not None:
        text = repaired
        notes.append(tr("文件中的中文曾被按西文编码错误转换过（乱码），已自动还原；请核对原文。",
                        "The Chinese text had been garbled by a wrong Western encoding and was restored "
                        "automatically; check it against the original."))
    if not text.strip():
        raise empty_file_error(path)
    if _looks_binary(text):
        raise LoadError(
            tr("文件内容不是文字（像是程序或图片等二进制数据）。",
               "The file does not contain text (it looks like binary data such as a program or an image)."),
            path=path,
            hint=tr("请确认选对了文件；合同请以 DOCX、PDF 或 TXT 格式打开。",
                    "Check that this is the right file; open contracts as DOCX, PDF or TXT."),
        )
    notes += encoding_notes(text, encoding)
    markdown = path.suffix.lower() in (".md", ".markdown")
    paragraphs, pages = split_lines(text, markdown=markdown)
    return RawDocument(paragraphs, page_count=pages, encoding=encoding, notes=notes)


def split_lines(text: str, *, markdown: bool = False) -> tuple[list[Paragraph], int]:
    """One paragraph per line (source "第 N 行"); a form feed starts a new page, as pdftotext writes."""
    paragraphs: list[Paragraph] = []
    page = 1
    in_fence = False
    for number, line in enumerate(_LINE_END.split(text), 1):
        kind, level = "para", 0
        if markdown:
            if line.lstrip().startswith(("```", "~~~")):
                in_fence = not in_fence
                page += line.count("\f")
                continue
            if not in_fence:
                depth = len(line) - len(line.lstrip().lstrip("#")) - (len(line) - len(line.lstrip()))
                line, kind = _strip_markdown(line)
                if line is None:
                    continue
                level = depth if kind == "heading" else 0
        if "\f" in line:
            pieces = line.split("\f")
            para = Paragraph("", page, f"第 {number} 行", kind, level=level)
            for piece in pieces[:-1]:
                para.text += piece
                page += 1
                para.page_breaks.append((len(para.text), page))
            para.text += pieces[-1]
            # A break before any text just moves the paragraph to the next page.
            while para.page_breaks and not para.text[: para.page_breaks[0][0]].strip():
                para.page = para.page_breaks.pop(0)[1]
            while para.page_breaks and not para.text[para.page_breaks[-1][0]:].strip():
                para.page_breaks.pop()
            paragraphs.append(para)
        else:
            paragraphs.append(Paragraph(line, page, f"第 {number} 行", kind, level=level))
    return paragraphs, page


# -- encodings ------------------------------------------------------------------------------------


def decode(data: bytes, path: Path | None = None) -> tuple[str, str]:
    """Bytes to text and the encoding's name, without asking: BOMs, UTF-8, UTF-16, GB18030, Big5 …"""
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(codec), name
            except UnicodeDecodeError:
                break  # a BOM followed by something else: judge the bytes on their own
    if b"\x00" in data[:_SAMPLE * 2]:
        found = _bomless_utf32(data) or _bomless_utf16(data)
        if found:
            return found
    utf8 = _utf8(data)
    if utf8 is not None and _plausible(utf8[:_SAMPLE]) >= 0.9:
        return utf8, "utf-8"
    found = _chinese_legacy(data)
    if found:
        return found
    if len(data) % 2 == 0:  # UTF-16 of Chinese without any ASCII has no NUL bytes to show it
        found = _bomless_utf16(data)
        if found:
            return found
    if utf8 is not None:  # valid UTF-8 in a script we do not score (Cyrillic, say)
        return utf8, "utf-8"
    return _single_byte(data, path)


def _utf8(data: bytes) -> str | None:
    """Strict UTF-8, forgiving only a character cut off at the very end (a truncated download)."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.reason != "unexpected end of data" or error.start < len(data) - 3:
            return None
        try:
            return data[: error.start].decode("utf-8")
        except UnicodeDecodeError:
            return None


def _bomless_utf32(data: bytes) -> tuple[str, str] | None:
    """UTF-32 without a BOM: four bytes a character, and the highest of them always NUL."""
    if len(data) % 4:
        return None
    codecs = [codec for codec, high in (("utf-32-le", data[3:_SAMPLE * 4:4]), ("utf-32-be", data[0:_SAMPLE * 4:4]))
              if high.count(0) >= 0.9 * len(high)]
    return _first_plausible(data, codecs)


def _bomless_utf16(data: bytes) -> tuple[str, str] | None:
    """UTF-16 without a BOM shows itself by NUL bytes on one side of most ASCII characters."""
    even = data[0:_SAMPLE:2].count(0)
    odd = data[1:_SAMPLE:2].count(0)
    return _first_plausible(data, ("utf-16-le", "utf-16-be") if odd >= even else ("utf-16-be", "utf-16-le"))


def _first_plausible(data: bytes, codecs) -> tuple[str, str] | None:
    """The first of ``codecs`` that decodes ``data`` into plausible text, with its name."""
    for codec in codecs:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if _plausible(text[:_SAMPLE]) > 0.9:
            return text, codec
    return None


def _plausible(text: str) -> float:
    """Share of characters a contract is made of: printable ASCII, whitespace, CJK and its punctuation."""
    if not text:
        return 0.0
    good = sum(
        1 for ch in text
        if " " <= ch <= "~" or ch in "\t\n\r\f" or "\u4e00" <= ch <= "\u9fff" or _CJK_PUNCT.match(ch)
    )
    return good / len(text)


def _chinese_legacy(data: bytes) -> tuple[str, str] | None:
    """GB18030 (GBK, GB2312) or Big5: decode both, keep the one that reads as common Chinese.

    Big5 bytes nearly always decode as GBK and often the other way round, and statistical
    detectors mix them up on short texts; so each reading is scored on how many of its Chinese
    characters are everyday ones of its own script (GB2312 for simplified, Big5 level 1 for
    traditional). Simplified wins a tie: it is what counsel here receive.
    """
    readings: list[tuple[float, bool, str, str]] = []
    try:
        text = data.decode("gb18030")
        readings.append((_common_simplified(text[:_SAMPLE]), True, text, "gb18030"))
    except UnicodeDecodeError:
        pass
    for codec in ("big5", "cp950", "big5hkscs"):  # the first flavour of Big5 that decodes is enough
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        readings.append((_common_traditional(text[:_SAMPLE]), False, text, codec))
        break
    if not readings:
        return None
    score, _, text, codec = max(readings, key=lambda r: (round(r[0], 2), r[1]))
    return (text, codec) if score >= 0.9 else None


def _common_share(text: str, is_common) -> float:
    counted = common = 0
    for ch in text:
        if ch < "\x80" or ch.isspace():
            continue
        counted += 1
        if is_common(ch):
            common += 1
    return common / counted if counted else 0.0


def _common_simplified(text: str) -> float:
    def is_common(ch: str) -> bool:
        if _CJK_PUNCT.match(ch):
            return True
        if not "\u4e00" <= ch <= "\u9fff":
            return False
        try:
            ch.encode("gb2312")
        except UnicodeEncodeError:
            return False
        return True

    return _common_share(text, is_common)


def _common_traditional(text: str) -> float:
    def is_common(ch: str) -> bool:
        if _CJK_PUNCT.match(ch):
            return True
        if not "\u4e00" <= ch <= "\u9fff":
            return False
        try:
            code = ch.encode("big5")
        except UnicodeEncodeError:
            return False
        return b"\xa4\x40" <= code <= b"\xc6\x7e"  # Big5 level 1: the 5401 frequent characters

    return _common_share(text, is_common)


def _single_byte(data: bytes, path: Path | None) -> tuple[str, str]:
    """Everything else: Western text in Windows-1252, or whatever charset-normalizer makes of it."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = ""
    western = "\u2018\u2019\u201c\u201d\u2013\u2014\u2026\u20ac"
    if text and all(ch < "\x80" or "\u00a0" <= ch <= "\u017f" or ch in western for ch in text[:_SAMPLE]):
        return text, "cp1252"
    try:
        from charset_normalizer import from_bytes

        match = from_bytes(data[: _SAMPLE * 4]).best()
        if match is not None:
            return data.decode(match.encoding), match.encoding
    except (UnicodeDecodeError, LookupError, ValueError):
        pass
    raise LoadError(
        tr("无法识别文件的文字编码。", "The text encoding of the file cannot be recognised."),
        path=path,
        hint=tr("请用记事本或 WPS 打开它，另存为 UTF-8 编码的 TXT 或 DOCX 后再打开。",
                "Open it in a text editor or WPS and save it as UTF-8 text or as DOCX, then open that."),
    )


# -- garbled text -----------------------------------------------------------------------------------

# Encodings a Chinese contract is expected in; any other is worth telling the reader about.
_EXPECTED = ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be",
             "gb18030", "big5", "cp950", "big5hkscs", "ascii")
_ENCODING_NAMES = {
    "cp1252": ("Windows-1252（西欧文字）", "Windows-1252 (Western European)"),
    "cp932": ("Shift-JIS（日文）", "Shift-JIS (Japanese)"), "shift_jis": ("Shift-JIS（日文）", "Shift-JIS (Japanese)"),
    "euc_jp": ("EUC-JP（日文）", "EUC-JP (Japanese)"), "euc_kr": ("EUC-KR（韩文）", "EUC-KR (Korean)"),
    "cp949": ("EUC-KR（韩文）", "EUC-KR (Korean)"),
}
# Replacement marks, control codes, private-use and lone surrogate code points: what a wrong decoding leaves.
_ODD = re.compile("[\ufffd\x00-\x08\x0e-\x1f\x7f-\x9f\ue000-\uf8ff\ud800-\udfff]")
# The characters Windows-1252 puts at 0x80-0x9F, where Latin-1 has control codes.
_CP1252_HIGH = {bytes([b]).decode("cp1252"): b for b in range(0x80, 0xA0) if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)}


def undo_mojibake(text: str) -> str | None:
    """Chinese that was read as Windows-1252/Latin-1 and saved again ("æŠ€æœ¯" for 技术), restored.

    Each character maps back to the byte it was read from; when those bytes are valid UTF-8 (or
    GB18030) Chinese, the file was garbled and this is the text it held. A genuine Western text
    almost never maps back to valid multi-byte UTF-8, so real accents are left alone.
    """
    sample = text[:_SAMPLE]
    if not any("\u00c0" <= ch <= "\u00ff" for ch in sample) or any("\u4e00" <= ch <= "\u9fff" for ch in sample):
        return None
    if _restore(sample) is None:  # judged on a sample first: a long Western text costs nothing
        return None
    return _restore(text)


def _restore(text: str) -> str | None:
    raw = bytearray()
    for ch in text:
        code = ord(ch)
        if code < 0x100:
            raw.append(code)
        elif ch in _CP1252_HIGH:
            raw.append(_CP1252_HIGH[ch])
        else:
            return None
    restored = _utf8(bytes(raw))
    if restored is None:
        found = _chinese_legacy(bytes(raw))
        restored = found[0] if found else None
    if restored is None or _plausible(restored[:_SAMPLE]) < 0.9 or \
            not any("\u4e00" <= ch <= "\u9fff" for ch in restored[:_SAMPLE]):
        return None
    return restored


def encoding_notes(text: str, encoding: str) -> list[str]:
    """What the reader should know about how the text was decoded: an unusual encoding, odd characters."""
    notes = []
    try:
        codec = codecs.lookup(encoding).name  # "utf_32_le" (charset-normalizer's spelling) → "utf-32-le"
    except LookupError:
        codec = encoding.lower()
    if codec not in _EXPECTED:
        name = tr(*_ENCODING_NAMES.get(codec, (encoding, encoding)))
        notes.append(tr("文件按“{name}”编码读取。如果文字显示不正常，请用记事本或 WPS 另存为 UTF-8 后再打开。",
                        "The file was read as {name}. If the text looks wrong, save it as UTF-8 in a text "
                        "editor or WPS and open that.", name=name))
    odd = len(_ODD.findall(text))
    if odd > max(2, len(text) // 500):
        notes.append(tr("有 {n} 个字符无法正常识别（如 �），文字可能有乱码，请与原件核对。",
                        "{n} characters could not be read properly (such as �); the text may be garbled, "
                        "so check it against the original.", n=odd))
    return notes


def _looks_binary(text: str) -> bool:
    """Mostly control characters or private-use code points: not a text.

    Replacement marks (U+FFFD) do not count: every decoding here is strict, so they were in the
    file already, a text damaged on an earlier journey, which loads with a note instead.
    """
    sample = text[:_SAMPLE]
    bad = sum(
        1 for ch in sample
        if (ch < " " and ch not in "\t\n\r\f\v") or unicodedata.category(ch) in ("Co", "Cs")
    )
    return bad > 0.1 * len(sample)


# -- Markdown -------------------------------------------------------------------------------------

_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$")
_MD_RULE = re.compile(r"^\s{0,3}(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,}|(?:=\s*){3,})$")
_MD_QUOTE = re.compile(r"^\s{0,3}(?:>\s?)+")
_MD_BULLET = re.compile(r"^\s*[-*+]\s+")
_MD_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_MD_STRONG = re.compile(r"\*\*(.+?)\*\*")
# A "**" left over after pairing on its line opens or closes a bold span that runs over several
# lines (a clause "**8.1 …" whose span closes three clauses later): it is markup when it touches
# text on one side. "a ** b", with space on both sides, is a literal pair of stars.
_MD_STRONG_EDGE = re.compile(r"\*\*(?=\S)|(?<=\S)\*\*")
# Italics "*1. 服务。*": a single star touching text inside, on one line. A lone star ("*以上信息
# 可由双方协商") is a footnote mark, not markup, and stays.
_MD_EMPHASIS = re.compile(r"(?<!\*)\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?!\*)")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")


def _strip_markdown(line: str) -> tuple[str | None, str]:
    """The line as a reader sees it rendered: markup gone, headings and table rows marked."""
    if _MD_RULE.match(line) or _MD_TABLE_RULE.match(line):
        return None, "para"
    kind = "para"
    heading = _MD_HEADING.match(line)
    if heading:
        line, kind = heading.group(1), "heading"
    line = _MD_QUOTE.sub("", line)
    line = _MD_BULLET.sub("", line)
    if line.strip().startswith("|") and line.strip().endswith("|"):
        cells = [cell.strip() for cell in line.strip()[1:-1].split("|")]
        line, kind = " ".join(cell for cell in cells if cell), "table"
    # Escaped characters ("\\*") are text: the markup is read only between them.
    pieces = _MD_ESCAPE.split(line)
    pieces[::2] = [_strip_inline(piece) for piece in pieces[::2]]
    return "".join(pieces), kind


def _strip_inline(text: str) -> str:
    """Links, bold and italics of a stretch of a line without escapes, as they render."""
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_STRONG.sub(r"\1", text)
    text = _MD_STRONG_EDGE.sub("", text)
    return _MD_EMPHASIS.sub(r"\1", text)
