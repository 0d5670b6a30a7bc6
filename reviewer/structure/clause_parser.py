"""Split a Document's non-foreign blocks into its clause tree, from the numbering as written."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..text.cn_numbers import cn_int
from ..text.textnorm import fold_width
from .foreign import BLOCK_KINDS
from .regions import RESIDUE, find_opening
from ..model.clauses import Clause, ClauseTree

if TYPE_CHECKING:  # pragma: no cover
    from ..model.document import Document

# -- numbering as written ------------------------------------------------------------------------
# Every pattern runs on a width-folded copy of one block (full-width digits and punctuation are
# half-width there, one character for one), so offsets carry over to Document.text unchanged.

_CN = "〇零一二三四五六七八九十百两千"
_CN_NUM = f"[{_CN}]+"
_SEP = r"[\s:：.．、\-–—]*"

# "第三条约定的…" opens a sentence that cites 第三条; it does not open 第三条.
_NOT_OPENING = r"(?!的|约定|规定|所|项下|项|中|之|、第|至|和|及|或|款)"
# (pattern, style, category, openers). The style is the key the stack of open levels compares
# ("dec" becomes "dec2" for 1.1); the category is "heading" (chapters), "clause" or "item";
# openers names the characters such a line can begin with (see _dispatch).
_LINE_PATTERNS: list[tuple[re.Pattern, str, str, str]] = [
    (re.compile(rf"第\s*({_CN_NUM}|\d+)\s*(?:编|部分){_NOT_OPENING}"), "part", "heading", "第"),
    (re.compile(rf"第\s*({_CN_NUM}|\d+)\s*章{_NOT_OPENING}"), "zhang", "heading", "第"),
    (re.compile(rf"第\s*({_CN_NUM}|\d+)\s*节{_NOT_OPENING}"), "jie", "heading", "第"),
    (re.compile(rf"第\s*({_CN_NUM}|\d+)\s*条{_NOT_OPENING}"), "tiao", "clause", "第"),
    (re.compile(r"(?:ARTICLE|Article)\s+(\d+|[IVXLC]+)\b"), "article", "clause", "Aa"),
    # I. / II. / IV. section headings (checked to be short in _classify).
    (re.compile(r"([IVX]{1,4})\.(?=\s*\S)"), "romanU", "clause", "IVX"),
    (re.compile(r"(?:SECTION|Section|CLAUSE|Clause)\s+(\d+(?:\.\d+)*)\b"), "section", "clause", "SsCc"),
    (re.compile(r"(\d{1,3}(?:\.\d{1,3})+)(?![\d%倍万元年月日个条款])"), "dec", "clause", "digit"),
    # 4-1 / 4-1-1 (and １－１ folded): hyphens in place of the dots of 4.1 / 4.1.1.
    (re.compile(r"(\d{1,3}(?:-\d{1,3})+)(?![\d%倍万元年月日个条款])"), "dec", "clause", "digit"),
    (re.compile(r"(\d{1,3})\s*\.(?![\d%])"), "dec", "clause", "digit"),
    # 1、 / 2 、 / 1, belong to the same list as 1. and 1．: one list whatever the punctuation.
    (re.compile(r"(\d{1,3})\s*[、,](?!\d)"), "dec", "clause", "digit"),
    # A bare number and a short heading: "3  保密", "1 定义" (the heading is checked in _classify).
    (re.compile(r"(\d{1,2})(?=[ \t\u3000]+[^\s\d.%])"), "bare", "clause", "digit"),
    (re.compile(rf"({_CN_NUM})\s*[、.]"), "cn", "clause", "cn"),
    # 十-、: a dash typed where the last 一 belongs (十一、).
    (re.compile(rf"({_CN_NUM}?[-－—–])\s*、"), "cn", "clause", "cn"),
    (re.compile(r"\(\s*(\d{1,3})\s*\)"), "paren", "item", "("),
    (re.compile(r"([⑴-⒇])"), "paren", "item", "⑴"),
    (re.compile(rf"\(\s*({_CN_NUM})\s*\)"), "cnparen", "item", "("),
    (re.compile(r"([①-⑳])"), "circled", "item", "①"),
    (re.compile(r"(\d{1,3})\s*\)"), "numparen", "item", "digit"),
    (re.compile(r"\(\s*([ivx]{1,5})\s*\)"), "roman", "item", "("),
    (re.compile(r"\(\s*([a-zA-Z])\s*\)"), "alpha", "item", "("),
    (re.compile(r"([a-z])\s*[).](?=\s|[\u4e00-\u9fff])"), "alpha", "item", "latin"),
    (re.compile(r"([A-H])\s*[、.](?=\s*[\u4e00-\u9fff])"), "alpha", "item", "upper"),
    # ·（1）: a bullet written before the number.
    (re.compile(r"[·•]\s*\(\s*(\d{1,3})\s*\)"), "paren", "item", "·•"),
]
_HEADING_RANK = {"part": 0, "zhang": 1, "jie": 2, **{f"md{d}": 2 + d for d in range(1, 7)}}
_STRONG_CLAUSE = frozenset({"tiao", "article"})
_SEP_RE = re.compile(_SEP)

_ANNEX = re.compile(rf"(?:附件|附录|附表)\s*({_CN_NUM}|\d+)?|"
                    r"(?:ANNEX|Annex|APPENDIX|Appendix|SCHEDULE|Schedule|EXHIBIT|Exhibit)\s*([A-Z]|\d+)?\b")
_SUPPLEMENT = re.compile(r"[^，,。；;：:\t]{0,30}(?:补充协议|补充合同)")
_ANNEX_OPENERS = frozenset("附AaSsEeＡａＳｓＥｅ")
_SIGNATURE = re.compile(
    r"[^。;；]{0,20}?\((?:盖章|签章|公章|签字|签名|签字或盖章|签字盖章|签字并盖章|盖章或签字|签章处|盖章处|签字处|合同专用章|专用章|章)\)"
    r"|(?:法定代表人|法人代表|授权代表|委托代理人|签字代表)[^。;；:：]{0,12}?\((?:签字|签名|签章|盖章)\)"
    r"|(?:签订|签署|签约|签字)(?:日期|时间)\s*[:：]"
    r"|(?:代表签字|单位盖章|签字盖章|签字|盖章)\s*[:：]|签名\s*/\s*盖章|盖章\s*/\s*签名"
    r"|\(?(?:(?:本页)?以下(?:无(?:合同)?正文|为签署页|为签字页)|本页无正文|此页无正文|正文完|全文完)"
    r"|签署页|签字页|签字盖章页"
    r"|IN WITNESS WHEREOF|(?:Signature|Signed by|Authorized Signatory)\s*[:：]|By:\s*/s/"
    r"|Party [AB]\s*\((?:Seal|Signature|Stamp)", re.I)
# A company's name on a line of its own, above its signature ("拥有"计算机股份有限公司).
_COMPANY_LINE = re.compile(r"[^，,。；;：:]{2,30}(?:公司|集团|研究院|实验室|中心|大学|Inc\.?|Ltd\.?|LLC)")
# The closing line of published terms: the issuer, the date, or both.
_DATELINE = re.compile(r"(?:\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?\s*)?[^，,。；;：:]{2,30}?(?:公司|集团|研究院|实验室|中心)"
                       r"|\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?")
_UPDATED = re.compile(r"(?:最后)?更新(?:日期|时间)\s*[:：]?\s*\d{4}\s*年|Last updated", re.I)
_SIGN_SOFT = re.compile(r"(?:法定代表人|法人代表|授权代表|委托代理人|签字代表|负责人|日期|地址|通讯地址|联系地址|联系电话|电话"
                        r"|传真|开户银行|开户行|账号|帐号|邮政编码|电子邮箱|住所|职务|Name|Title|Date|By)\s*[:：]", re.I)
_PARTY_LINE = re.compile(r"(?:[甲乙丙][ \u3000]?方|委托方|受托方|委托人|受托人|买方|卖方|采购方|供应方|发包方|承包方|需方|供方"
                         r"|存货人|保管人|出租人|承租人|出卖人|买受人|用工单位|派遣单位"
                         r"|Party [ABC])\s*(?:\([^)]{0,8}\))?\s*[:：]", re.I)
# Sentence punctuation: a line containing any is not a heading.
_NOT_TITLE = re.compile(r"[。；;，,：:！!？?]")
_NOT_TITLE_ASCII = re.compile(r"[;:!?]|\.(?=.)")
_INLINE_HEADING = re.compile(r"([^\s，,。；;：:()（）]{2,12})[ \t\u3000]+(?=\S.{3,})")
_BRACKET_HEADING = re.compile(r"【([^】]{1,15})】")
_EN_HEADING = re.compile(r"([A-Z][A-Za-z&/' -]{1,40}?)\.\s+(?=\S)")
_PARTYISH_START = re.compile(r"甲方|乙方|丙方|双方|甲乙双方|本合同|本协议|任何一方|一方|对方|Party|The |This ", re.I)
_CONTRACT_WORD = re.compile(r"合同|协议|契约|确认书|订单|agreement|contract", re.I)
_PREAMBLE_LINE = re.compile(r"[^:：。]{1,14}[:：]|鉴于|根据|依据|为了|经.{0,8}协商|WHEREAS|This Agreement", re.I)
_PREAMBLE_SENTENCE = re.compile(r"协商一致|友好协商|达成如下|订立本合同|签订本合同|订立如下|签订如下|特订立|共同遵守|达成一致")

_PREFIX = 40  # characters of a line that can hold its label
_HEADING_MAX = 25
_HEADING_MAX_ASCII = 60
_TITLE_MAX = 40

_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
_DECIMAL = re.compile(r"\d+(?:[.-]\d+)+")
_ROMAN_UPPER = re.compile(r"[IVXLC]+")
_SPACE = re.compile(r"\s")
# A markdown "heading" that states a duty (### 用户不得恶意占用带宽) is a sentence set large, not a heading.
_DUTY_WORDS = re.compile(r"不得|须|应当|应|有权|可以|承诺|保证")
_GAP_INSIDE = re.compile(r"\s{2,}|\t|\|")
_CAPS_HEADING = re.compile(r"[A-Z][A-Z&/,' -]{2,58}[A-Z]")
_WIDE_GAP = re.compile(r"[ \u3000]*\t[\t \u3000]*|[ \u3000]{3,}")
# Words of a sentence that introduces a list ("成果包括以下文件："), not of a caption.
_LEADS_IN = re.compile(r"以下|如下|下列|包括|应当|应|须|将|是|为")
_ANNOUNCING = re.compile(r"以下|如下|下列")
# A caption waiting for its value: "质量标准：" with nothing after it on the line.
_CAPTION = re.compile(r"([^\s，,。；;：:()（）][^，,。；;：:]{0,23}?)\s*[：:]\s*")


def _roman(text: str) -> int:
    values = [_ROMAN[c] for c in text.lower()]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def _value(raw: str, style: str) -> str:
    """The number of a label in Arabic digits ("十二" → "12", "⑶" → "3", "IV" → "4")."""
    if raw.isascii() and raw.isdigit():
        return str(int(raw))
    if "⑴" <= raw <= "⒇":
        return str(ord(raw) - ord("⑴") + 1)
    if "①" <= raw <= "⑳":
        return str(ord(raw) - ord("①") + 1)
    if style in ("article", "romanU") and _ROMAN_UPPER.fullmatch(raw):
        return str(_roman(raw))
    if style == "roman":
        return raw.lower()
    if style == "alpha":
        return raw.lower()
    if _DECIMAL.fullmatch(raw):
        return ".".join(str(int(p)) for p in re.split(r"[.-]", raw))
    if raw[-1:] in "-－—–":
        raw = raw[:-1] + "一"  # 十-、 is 十一、 with the 一 mistyped
    number = cn_int(raw)
    return str(number) if number is not None else raw


@dataclass(slots=True)
class _Line:
    """One non-foreign block and what its opening says."""

    block: int
    start: int
    end: int
    style: str | None = None  # numbering style, the stack key ("dec2" for 1.1)
    category: str | None = None  # "heading" | "clause" | "item" | None (plain paragraph)
    value: str = ""
    label_end: int = 0  # absolute offsets
    rest: int = 0
    md: int = 0  # the depth of a markdown heading line ("##" → 2), 0 for any other line


def _dispatch() -> dict[str, list[tuple[re.Pattern, str, str]]]:
    """For each character a numbered line can begin with, the patterns worth trying, in order."""
    groups = {
        "digit": "0123456789", "cn": _CN, "latin": "abcdefghijklmnopqrstuvwxyz", "upper": "ABCDEFGH",
        "⑴": "".join(map(chr, range(ord("⑴"), ord("⒇") + 1))),
        "①": "".join(map(chr, range(ord("①"), ord("⑳") + 1))),
    }
    table: dict[str, list[tuple[re.Pattern, str, str]]] = {}
    for pattern, style, category, openers in _LINE_PATTERNS:
        for ch in groups.get(openers, openers):
            table.setdefault(ch, []).append((pattern, style, category))
    return table


_DISPATCH = _dispatch()


def _classify(line: _Line, folded: str) -> None:
    for pattern, style, category in _DISPATCH.get(folded[:1], ()):
        m = pattern.match(folded)
        if not m:
            continue
        raw = m.group(1)
        if style == "section":
            # "Section 2.1" nests like "2.1": the word is part of the label, the depth is the number's.
            style = f"dec{raw.count('.') + 1}"
            label_end = m.end()
        elif style == "dec":
            depth = raw.count(".") + raw.count("-") + 1
            style = f"dec{depth}"
            label_end = m.end(1) if depth > 1 else m.end()
            if depth > 1 and folded[label_end:label_end + 1] in (".", "、") \
                    and not folded[label_end + 1:label_end + 2].isdigit():
                label_end += 1  # "1.1." and "1.1、" as written (Word shows %1.%2.)
        elif style == "roman" and len(raw) == 1 and raw.lower() != "i":
            continue  # (v), (x) alone read as letters
        elif style == "romanU":
            if line.end - line.start > 40:
                continue
            label_end = m.end()
        elif style == "bare":
            rest = folded[m.end():].strip()
            if line.end - line.start > len(folded) or not _title_like(rest) or _GAP_INSIDE.search(rest) \
                    or not any("\u4e00" <= ch <= "\u9fff" or ch.isalpha() for ch in rest[:1]):
                continue  # a number before running text, a table row or a figure is no article
            style, label_end = "dec1", m.end()
        else:
            label_end = m.end()
        after = _SEP_RE.match(folded, label_end).end()
        if category == "clause" and style in ("dec1", "cn") and after >= line.end - line.start:
            return  # a bare "3." on its own line is not a clause opening
        line.style, line.category, line.value = style, category, _value(raw, style)
        line.label_end, line.rest = line.start + label_end, line.start + after
        return


def _mostly_latin(text: str) -> bool:
    """True for an English (or other Latin-script) contract: its section headings may be in capitals."""
    sample = text[:20000]
    cjk = sum(1 for ch in sample if "\u4e00" <= ch <= "\u9fff")
    return cjk < len(sample) * 0.05


def _close_to_markdown_parent(stack: list[tuple[str, int]], floor: int, depth: int) -> None:
    """A markdown heading of ``depth`` closes everything opened since the last shallower heading."""
    for k in range(len(stack) - 1, floor - 1, -1):
        style = stack[k][0]
        if style.startswith("md") and int(style[2:]) < depth:
            del stack[k + 1:]
            return
    del stack[floor:]


def _title_like(text: str, limit: int = _HEADING_MAX) -> bool:
    if not text or "\t" in text:
        return False  # a tab is a blank of a form (于\t年\t月…发布), not a heading's spacing
    if text.isascii():
        return len(text) <= _HEADING_MAX_ASCII and not _NOT_TITLE_ASCII.search(text.rstrip("."))
    return len(text) <= limit and not _NOT_TITLE.search(text)


class ClauseParser:
    """Build the :class:`ClauseTree` of a Document in one pass over its blocks.

    The levels come from the numbering styles in the order the text opens them (a stack, as a
    reader would): a line whose style is already open closes everything below it and becomes a
    sibling; a new style opens a level under the current node. Chapters (第X章) always close
    what is open; 第X条 / ARTICLE close open lists; decimal numbers nest by their depth (1.1
    under 1., 1.1.1 under 1.1). Numbers are kept as written, so skips, repeats and numbers going
    backwards stay in the tree for the numbering check to see.

    A text with no clause numbering at all becomes one unnumbered clause per paragraph (or,
    when short heading lines are present, one clause per heading with the paragraphs after it),
    so the rules still see clause-sized units.
    """

    def __init__(self, document: "Document") -> None:
        self.document = document
        self.text = document.text

    # -- the lines --------------------------------------------------------------------------------

    def _kept_lines(self) -> list[_Line]:
        doc = self.document
        starts = [b.start for b in doc.blocks]
        foreign = [False] * len(doc.blocks)
        for span in doc.foreign:
            if span.kind not in BLOCK_KINDS:
                continue
            i = bisect_left(starts, span.start)
            while i < len(doc.blocks) and doc.blocks[i].end <= span.end:
                foreign[i] = True
                i += 1
        lines = []
        text = self.text
        latin = _mostly_latin(text)
        for i, block in enumerate(doc.blocks):
            if foreign[i] or block.end <= block.start or RESIDUE.fullmatch(text, block.start, block.end):
                continue  # chrome and spam; a lone page number or a Word field left by a conversion
            line = _Line(i, block.start, block.end)
            first = text[block.start]
            if first in _DISPATCH or "\uff01" <= first <= "\uff5e":
                # The numbering is at the start of the line: folding that much is enough (folding
                # the whole text would cost more than all the rest of the parse).
                _classify(line, fold_width(text[block.start:min(block.end, block.start + _PREFIX)]))
            level = block.level if block.kind == "heading" else 0
            if not level and latin and line.category is None and _CAPS_HEADING.fullmatch(text[block.start:block.end]):
                level = 2  # "TERM AND TERMINATION": an English section heading in capitals
            if level:
                line.md = level
                if line.category is None and _title_like(text[block.start:block.end], _TITLE_MAX) \
                        and not _DUTY_WORDS.search(text, block.start, block.end):
                    # An unnumbered heading ("## 引言") opens a section as a chapter heading does.
                    line.style, line.category = f"md{level}", "heading"
                    line.label_end = line.rest = line.start
            lines.append(line)
        return self._split_run_together(lines)

    def _split_run_together(self, lines: list[_Line]) -> list[_Line]:
        """Split lines that hold the next clause after a tab or a wide gap (第三条 …\t第四条 …).

        Conversions from Word tables and print layouts put several clauses on one line. Only an
        opening that continues the numbering already under way (the next 第X条, the next item) is
        split off, so a number inside running text stays where it is.
        """
        text = self.text
        last: dict[str, int] = {}
        out: list[_Line] = []
        for line in lines:
            pieces = [line]
            while True:
                current = pieces[-1]
                if current.style and current.value.isdigit():
                    last[current.style] = int(current.value)
                cut = self._next_opening_inside(current, last)
                if cut is None:
                    break
                head = _Line(current.block, current.start, cut.start - 1, current.style, current.category,
                             current.value, current.label_end, current.rest, current.md)
                while head.end > head.start and text[head.end - 1].isspace():
                    head.end -= 1
                pieces[-1:] = [head, cut]
            out.extend(pieces)
        return out

    def _next_opening_inside(self, line: _Line, last: dict[str, int]) -> _Line | None:
        text = self.text
        for m in _WIDE_GAP.finditer(text, line.rest if line.category else line.start, line.end):
            at = m.end()
            if at >= line.end:
                return None
            first = text[at]
            if first not in _DISPATCH and not "\uff01" <= first <= "\uff5e":
                continue
            piece = _Line(line.block, at, line.end)
            _classify(piece, fold_width(text[at:min(line.end, at + _PREFIX)]))
            if piece.category in ("heading", "clause") and piece.value.isdigit() \
                    and last.get(piece.style) == int(piece.value) - 1:
                return piece
        return None

    def _body(self, line: _Line) -> str:
        return self.text[line.start:line.end]

    def _fold(self, line: _Line) -> str:
        return fold_width(self.text[line.start:line.end])

    # -- the tree ---------------------------------------------------------------------------------

    def parse(self) -> ClauseTree:
        lines = self._kept_lines()
        if not lines:
            return ClauseTree([])
        numbered = any(line.category in ("heading", "clause") for line in lines)
        self._nodes: list[dict] = []
        self._own_end: list[int] = []
        self._kept_starts = [line.start for line in lines]
        pos = self._opening(lines) if numbered else self._title_and_preamble(lines, numbered)
        annex_at = self._annex_lines(lines, pos)
        sig_at = self._signature_start(lines, pos, min(annex_at, default=len(lines)))
        if sig_at is None and annex_at:
            # Some contracts put the signing block after their annexes.
            sig_at = self._signature_start(lines, max(annex_at) + 1, len(lines))
        body_end = sig_at if sig_at is not None else min(annex_at, default=len(lines))
        by_headings = not numbered and self._has_heading_lines(lines[pos:body_end])

        stack: list[tuple[str, int]] = []  # (style, node index), outermost first
        floor = 0  # entries below this index (an annex, the signature) are never closed by numbers
        current: int | None = None
        under_heading = False  # in a text without numbers: inside a clause opened by a heading line
        for k in range(pos, len(lines)):
            line = lines[k]
            if k in annex_at:
                current = self._add_annex(line)
                stack, floor, under_heading = [("annex", current)], 1, False
                continue
            if k == sig_at:
                current = self._add_plain("signature", line, None, 0)
                stack, floor = [("signature", current)], 1
                continue
            if stack and stack[0][0] == "signature":
                self._extend(current, line)
                continue
            if line.category is None:
                if not numbered:
                    heading = by_headings and self._is_heading_line(line)
                    if heading or not under_heading or current is None:
                        # An unnumbered paragraph (or a heading line) opens a clause of its own.
                        del stack[floor:]
                        parent = stack[-1][1] if stack else None
                        current = self._add_unnumbered(line, parent, heading)
                        stack.append(("para", current))
                        under_heading = heading
                        continue
                if current is None:
                    current = self._add_plain("preamble", line, None, 0)
                    stack, floor = [("preamble", current)], 1
                    continue
                self._extend(current, line)
                continue
            if stack and stack[0][0] == "preamble":
                stack, floor = [], 0
            if line.md:
                _close_to_markdown_parent(stack, floor, line.md)
            self._close_for(stack, floor, line)
            parent = stack[-1][1] if stack else None
            next_line = lines[k + 1] if k + 1 < len(lines) and k + 1 not in annex_at and k + 1 != sig_at else None
            current = self._add_numbered(line, parent, stack, next_line)
            stack.append((line.style, current))
        return self._finish()

    def _close_for(self, stack: list[tuple[str, int]], floor: int, line: _Line) -> None:
        """Pop the stack to where ``line`` belongs: its sibling's level, or under the current node."""
        style = line.style
        for k in range(len(stack) - 1, floor - 1, -1):
            if stack[k][0] == style:
                del stack[k:]
                return
        if line.category == "heading":
            rank = _HEADING_RANK[style]
            for k in range(floor, len(stack)):
                if _HEADING_RANK.get(stack[k][0], 99) >= rank:
                    del stack[k:]
                    return
            return
        if style in _STRONG_CLAUSE:
            # 第X条 / ARTICLE never sit inside a list or a decimal clause.
            for k in range(floor, len(stack)):
                if stack[k][0] not in _HEADING_RANK and stack[k][0] not in ("cn",) and stack[k][0] not in _STRONG_CLAUSE:
                    del stack[k:]
                    return
            return
        if style.startswith("dec"):
            depth = int(style[3:])
            for k in range(floor, len(stack)):
                other = stack[k][0]
                if other.startswith("dec") and int(other[3:]) > depth:
                    del stack[k:]
                    return

    # -- nodes ------------------------------------------------------------------------------------

    def _new(self, **fields) -> int:
        index = len(self._nodes)
        fields["index"] = index
        self._nodes.append(fields)
        self._own_end.append(fields["end"])
        return index

    def _extend(self, node: int | None, line: _Line) -> None:
        if node is not None:
            self._own_end[node] = max(self._own_end[node], line.end)

    def _add_plain(self, kind: str, line: _Line, parent: int | None, level: int) -> int:
        return self._new(kind=kind, number=None, label="", heading="", level=level, start=line.start,
                         end=line.end, heading_start=line.start, heading_end=line.start,
                         body_start=line.start, parent=parent)

    def _level(self, parent: int | None) -> int:
        return 1 if parent is None else self._nodes[parent]["level"] + 1

    def _add_unnumbered(self, line: _Line, parent: int | None, heading: bool) -> int:
        """A clause without a number: a paragraph of its own, or a heading line and what follows."""
        return self._new(kind="clause", number=None, label="", heading=self._body(line) if heading else "",
                         level=self._level(parent), start=line.start, end=line.end, heading_start=line.start,
                         heading_end=line.end if heading else line.start,
                         body_start=line.end if heading else line.start, parent=parent, _pending_body=heading)

    def _add_annex(self, line: _Line) -> int:
        body = self._fold(line)
        m = _ANNEX.match(body)
        if m is None:  # a supplementary agreement: all heading, no number
            return self._new(kind="annex", number=None, label="", heading=self._body(line), level=1,
                             start=line.start, end=line.end, heading_start=line.start, heading_end=line.end,
                             body_start=line.end, parent=None, _pending_body=True)
        rest = _SEP_RE.match(body, m.end()).end()
        raw = m.group(1) or m.group(2) or ""
        word = self.text[line.start:line.start + 2] if m.group(2) is None and not body[:1].isascii() \
            else body[:m.start(2) if m.group(2) else m.end()].strip()
        number = word + (_value(raw, "annex") if raw else "")
        heading = self.text[line.start + rest:line.end]
        return self._new(kind="annex", number=number if raw else None, label=self.text[line.start:line.start + m.end()].strip(),
                         heading=heading, level=1, start=line.start, end=line.end, heading_start=line.start + rest,
                         heading_end=line.end, body_start=line.end, parent=None, _pending_body=True)

    def _compose(self, line: _Line, parent: int | None, item: bool) -> str:
        value = line.value
        pnode = self._nodes[parent] if parent is not None else None
        if item:
            return f"{pnode['number']}({value})" if pnode and pnode["number"] else f"({value})"
        if line.style in _HEADING_RANK or line.style in _STRONG_CLAUSE or "." in value:
            return value
        if line.style == "cnparen":
            return f"{pnode['number']}.{value}" if pnode and pnode["number"] else value
        # "1." / "1、" / "一、": absolute at the top and under a chapter; under a clause they number
        # its paragraphs, so 第三条 … 1. becomes "3.1".
        if pnode is None or pnode.get("_style") in _HEADING_RANK or pnode["kind"] == "annex" or not pnode["number"]:
            return value
        return f"{pnode['number']}.{value}"

    def _heading(self, rest: str, kind: str, continues: bool) -> tuple[int, int]:
        """Where the heading lies within ``rest`` (the line after the label): ``(start, end)``."""
        if not rest:
            return 0, 0
        m = _CAPTION.fullmatch(rest)
        if m and kind != "item" and not _PARTYISH_START.match(rest) and not _LEADS_IN.search(m.group(1)):
            return 0, m.end(1)
        spaced = not rest.isascii() and _SPACE.search(rest)
        if _ANNOUNCING.search(rest):
            continues = False  # 双方确定以下列标准…: a sentence that leads into a list is no heading
        if not spaced and _title_like(rest, _TITLE_MAX if kind == "chapter" else _HEADING_MAX) \
                and (kind == "chapter" or continues):
            return 0, len(rest.rstrip(".")) if rest.isascii() else len(rest)
        m = _BRACKET_HEADING.match(rest)
        if m:
            return 1, 1 + len(m.group(1))
        if kind == "item":
            return 0, 0
        if rest[:1].isascii():
            m = _EN_HEADING.match(rest)
            if m and all(w[:1].isupper() for w in m.group(1).split() if len(w) > 3) \
                    and not _PARTYISH_START.match(m.group(1)):
                return 0, len(m.group(1))
            return 0, 0
        m = _INLINE_HEADING.match(rest)
        if m and not _PARTYISH_START.match(m.group(1)):
            return 0, len(m.group(1))
        if spaced and _title_like(rest, _TITLE_MAX if kind == "chapter" else _HEADING_MAX) \
                and (kind == "chapter" or continues):
            return 0, len(rest)
        return 0, 0

    def _add_numbered(self, line: _Line, parent: int | None, stack: list[tuple[str, int]],
                      next_line: _Line | None) -> int:
        pnode = self._nodes[parent] if parent is not None else None
        category = line.category
        if line.style == "cnparen" and pnode is not None and (pnode.get("_style") == "cn" or pnode.get("_style") in _HEADING_RANK):
            category = "clause"  # 一、 > （一） > 1. > （1）: under 一、 or a chapter, （一） is a sub-clause
        item = category == "item" or (pnode is not None and pnode["kind"] == "item")
        kind = "chapter" if line.category == "heading" else ("item" if item else "clause")
        body = self._body(line)
        label = body[:line.label_end - line.start].rstrip()
        rest_at = line.rest - line.start
        if line.md and line.style.startswith("md"):
            h_start, h_end = 0, len(body)  # an unnumbered markdown heading is all heading
        elif line.md and _title_like(body[rest_at:].rstrip("。."), _TITLE_MAX):
            # "## 1. 服务。": a numbered markdown heading is its label and heading, full stop aside.
            h_start, h_end = rest_at, rest_at + len(body[rest_at:].rstrip("。."))
        else:
            h_start, h_end = self._heading(body[rest_at:], kind, self._continues(line, stack, next_line))
            h_start, h_end = rest_at + h_start, rest_at + h_end
        if h_end > h_start:
            after = h_end + 1 if body[h_end:h_end + 1] == "】" else h_end
            body_start = _SEP_RE.match(body, after).end()
        else:
            h_start = h_end = body_start = rest_at
        return self._new(kind=kind, number=self._compose(line, parent, item), label=label,
                         heading=body[h_start:h_end], level=self._level(parent), start=line.start, end=line.end,
                         heading_start=line.start + h_start, heading_end=line.start + h_end,
                         body_start=line.start + body_start, parent=parent, _style=line.style,
                         _pending_body=body_start >= len(body))

    def _continues(self, line: _Line, stack: list[tuple[str, int]], next_line: _Line | None) -> bool:
        """Whether the node opened by ``line`` goes on past it (so a short rest is its heading)."""
        if next_line is None:
            return False
        if next_line.category is None:
            return True
        style = next_line.style
        if style == line.style or next_line.category == "heading" or any(s == style for s, _ in stack):
            return False
        if style in _STRONG_CLAUSE:
            return False
        if style.startswith("dec") and line.style.startswith("dec") and int(style[3:]) <= int(line.style[3:]):
            return False
        return True

    def _finish(self) -> ClauseTree:
        nodes = self._nodes
        ends = list(self._own_end)
        has_clause_child = [False] * len(nodes)
        for i in range(len(nodes) - 1, -1, -1):
            parent = nodes[i]["parent"]
            if parent is not None:
                ends[parent] = max(ends[parent], ends[i])
                if nodes[i]["kind"] == "clause" and nodes[i]["number"] is not None:
                    has_clause_child[parent] = True
        out = []
        for i, node in enumerate(nodes):
            node = dict(node)
            pending = node.pop("_pending_body", False)
            node.pop("_style", None)
            node["end"] = ends[i]
            if node["kind"] == "clause" and node["parent"] is None and has_clause_child[i]:
                node["kind"] = "chapter"  # 第三条 / 1. / ARTICLE 3 holding numbered clauses of its own
            if pending:
                # The label (and heading) fill their line: the body starts on the next kept line.
                node["body_start"] = self._next_kept_start(node["heading_end"], ends[i])
            out.append(Clause(**node))
        return ClauseTree(out)

    def _next_kept_start(self, after: int, end: int) -> int:
        i = bisect_left(self._kept_starts, after + 1)
        if i < len(self._kept_starts) and self._kept_starts[i] < end:
            return self._kept_starts[i]
        return end

    # -- title, preamble, annexes, signature --------------------------------------------------------

    def _opening(self, lines: list[_Line]) -> int:
        """Add the front matter, title and preamble nodes of a numbered text; return the first body line."""
        opening = find_opening([self._body(line) for line in lines],
                               [("md" if line.style and line.style.startswith("md") else line.category) for line in lines],
                               lambda k: self._annex_candidate(lines[k]))
        parts = [(a, b, "front") for a, b in opening.front]
        if opening.title:
            parts.append((*opening.title, "title"))
        if opening.preamble:
            parts.append((*opening.preamble, "preamble"))
        for a, b, kind in sorted(parts):
            first, last = lines[a], lines[b - 1]
            named = lines[opening.title_line] if kind == "title" and opening.title_line is not None else first
            heading = self._body(named) if kind == "title" else ""
            self._new(kind=kind, number=None, label="", heading=heading, level=0, start=first.start, end=last.end,
                      heading_start=named.start, heading_end=named.start + len(heading),
                      body_start=named.start + len(heading), parent=None)
        return opening.stop

    def _title_and_preamble(self, lines: list[_Line], numbered: bool) -> int:
        """Add the title and preamble nodes; return the index of the first line after them."""
        pos = 0
        first = lines[0]
        title_text = self._body(first)
        if first.category is None and _title_like(title_text, _TITLE_MAX) and not _PARTY_LINE.match(title_text) \
                and (len(lines) > 1):
            self._new(kind="title", number=None, label="", heading=title_text, level=0, start=first.start,
                      end=first.end, heading_start=first.start, heading_end=first.end, body_start=first.end,
                      parent=None)
            pos = 1
        else:
            # A contract number or a date may stand above the title: look two lines further.
            for k in range(1, min(3, len(lines))):
                text = self._body(lines[k])
                if lines[k].category is None and _title_like(text, _TITLE_MAX) and _CONTRACT_WORD.search(text):
                    self._preamble(lines, 0, k)
                    self._new(kind="title", number=None, label="", heading=text, level=0,
                              start=lines[k].start, end=lines[k].end, heading_start=lines[k].start,
                              heading_end=lines[k].end, body_start=lines[k].end, parent=None)
                    pos = k + 1
                    break
        stop = pos
        if numbered:
            while stop < len(lines) and lines[stop].category not in ("heading", "clause") \
                    and not self._annex_candidate(lines[stop]):
                stop += 1
        else:
            while stop < len(lines) and lines[stop].category is None and self._preamble_like(lines[stop]):
                stop += 1
        self._preamble(lines, pos, stop)
        return stop

    def _preamble(self, lines: list[_Line], first: int, stop: int) -> None:
        if stop > first:
            self._new(kind="preamble", number=None, label="", heading="", level=0, start=lines[first].start,
                      end=lines[stop - 1].end, heading_start=lines[first].start, heading_end=lines[first].start,
                      body_start=lines[first].start, parent=None)

    def _preamble_like(self, line: _Line) -> bool:
        text = self._body(line)
        return bool(_PREAMBLE_LINE.match(text) and len(text) <= 80 or _PREAMBLE_SENTENCE.search(text))

    def _annex_candidate(self, line: _Line) -> bool:
        if line.category is None and _SUPPLEMENT.fullmatch(self._body(line)):
            return True  # 某某协议之补充协议: a second agreement in the file reads like an annex
        if line.category is not None or self.text[line.start] not in _ANNEX_OPENERS:
            return False
        text = self._fold(line)
        m = _ANNEX.match(text)
        if len(text) > 40 or "。" in text or not m:
            return False
        rest = text[m.end():]
        return not rest or bool(re.match(r"[\s:：、.\-–—(《]|[\u4e00-\u9fff]", rest)) and "为本" not in rest

    def _annex_lines(self, lines: list[_Line], pos: int) -> set[int]:
        """Lines that open an annex: a 附件 heading with content after it, not a list of annexes.

        A run of 附件 lines is the list of annexes inside a clause; an annex line followed by the
        numbering the contract's own top level uses (第X条 after 附件：报价单) is a line of a clause.
        """
        candidates = [k for k in range(pos, len(lines)) if self._annex_candidate(lines[k])]
        cset = set(candidates)
        top_style = next((line.style for line in lines[pos:] if line.category in ("heading", "clause")), None)
        chosen: set[int] = set()
        for n, k in enumerate(candidates):
            if k + 1 >= len(lines) or k + 1 in cset or k - 1 in cset:
                continue
            stop = candidates[n + 1] if n + 1 < len(candidates) else len(lines)
            if top_style in _HEADING_RANK or top_style in _STRONG_CLAUSE:
                if any(lines[j].style == top_style for j in range(k + 1, stop)):
                    continue
            chosen.add(k)
        return chosen

    def _signature_start(self, lines: list[_Line], pos: int, stop: int) -> int | None:
        """Where the signature block begins: signing lines after the last clause opening.

        A seal or signature mark ("甲方（盖章）", "以下无正文", "签订日期：") anchors it; party,
        representative and date lines just above the first mark belong to it too.
        """
        strong: int | None = None
        lowest = pos
        for k in range(stop - 1, pos - 1, -1):
            if lines[k].category in ("heading", "clause"):
                lowest = k + 1
                break
            text = self._fold(lines[k])
            if (len(text) <= 80 or text.upper().startswith("IN WITNESS WHEREOF")) and _SIGNATURE.match(text):
                strong = k
        if strong is None:
            # Published terms close with their issuer and date instead: "2020 年 10 月 某某科技有限公司".
            last = stop - 1
            if last >= lowest and last >= pos and (_DATELINE.fullmatch(self._fold(lines[last]).strip())
                                                   or _UPDATED.search(self._body(lines[last]))):
                return last
            return None
        start = strong
        for k in range(strong - 1, max(lowest, strong - 4) - 1, -1):
            text = self._fold(lines[k])
            if len(text) <= 60 and (_PARTY_LINE.match(text) or _SIGN_SOFT.match(text)
                                    or (k == start - 1 and _COMPANY_LINE.fullmatch(text.strip()))):
                start = k
            else:
                break
        return start

    def _is_heading_line(self, line: _Line) -> bool:
        text = self._body(line)
        return _title_like(text, 20) and not _PARTY_LINE.match(text)

    def _has_heading_lines(self, lines: list[_Line]) -> bool:
        return sum(1 for line in lines if line.category is None and self._is_heading_line(line)) >= 2
