"""Plain text and Markdown contracts, in whatever encoding and line endings they arrive."""

from __future__ import annotations

import codecs
import re
import unicodedata
from pathlib import Path

from ..errors import LoadError
from ..i18n import tr
from . import Paragraph, RawDocument
from .sniff import empty_file_error

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
        data = path.read_bytes()
    except OSError as error:
        raise LoadError(tr("无法读取文件（{reason}）。", "The file cannot be read ({reason}).",
                           reason=error.strerror or error), path=path) from None
    text, encoding = decode(data, path)
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
    markdown = path.suffix.lower() in (".md", ".markdown")
    paragraphs, pages = split_lines(text, markdown=markdown)
    return RawDocument(paragraphs, page_count=pages, encoding=encoding)


def split_lines(text: str, *, markdown: bool = False) -> tuple[list[Paragraph], int]:
    """One paragraph per line (source "第 N 行"); a form feed starts a new page, as pdftotext writes."""
    paragraphs: list[Paragraph] = []
    page = 1
    in_fence = False
    for number, line in enumerate(_LINE_END.split(text), 1):
        kind = "para"
        if markdown:
            if line.lstrip().startswith(("```", "~~~")):
                in_fence = not in_fence
                page += line.count("\f")
                continue
            if not in_fence:
                line, kind = _strip_markdown(line)
                if line is None:
                    continue
        if "\f" in line:
            pieces = line.split("\f")
            para = Paragraph("", page, f"第 {number} 行", kind)
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
            paragraphs.append(Paragraph(line, page, f"第 {number} 行", kind))
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
        found = _bomless_utf16(data)
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


def _bomless_utf16(data: bytes) -> tuple[str, str] | None:
    """UTF-16 without a BOM shows itself by NUL bytes on one side of most ASCII characters."""
    even = data[0:_SAMPLE:2].count(0)
    odd = data[1:_SAMPLE:2].count(0)
    order = ("utf-16-le", "utf-16-be") if odd >= even else ("utf-16-be", "utf-16-le")
    for codec in order:
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


def _looks_binary(text: str) -> bool:
    """Mostly control characters, replacement marks or private-use code points: not a text."""
    sample = text[:_SAMPLE]
    bad = sum(
        1 for ch in sample
        if (ch < " " and ch not in "\t\n\r\f\v") or ch == "\ufffd" or unicodedata.category(ch) in ("Co", "Cs")
    )
    return bad > 0.1 * len(sample)


# -- Markdown -------------------------------------------------------------------------------------

_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$")
_MD_RULE = re.compile(r"^\s{0,3}(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,}|(?:=\s*){3,})$")
_MD_QUOTE = re.compile(r"^\s{0,3}(?:>\s?)+")
_MD_BULLET = re.compile(r"^\s*[-*+]\s+")
_MD_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_MD_STRONG = re.compile(r"\*\*(.+?)\*\*")
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
    line = _MD_STRONG.sub(r"\1", line)
    line = _MD_LINK.sub(r"\1", line)
    return _MD_ESCAPE.sub(r"\1", line), kind
