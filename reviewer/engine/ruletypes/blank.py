"""Blanks left unfilled: ____, 【 】, XX, {{…}}, unticked □ choices, a bare space where a value belongs."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

from ...model.findings import Severity
from ...i18n import tr
from .base import Hit, Param, RuleType
from .blank_words import (NUMERAL, SPACE_UNIT, VALUE_BEFORE, field_label_start, field_name_purpose, field_purpose,
                          looks_like_form_label, next_line_is_value, purpose_label, purpose_of, space_blank_purpose)
from .blank_forms import (EMPTY_BODY, GUIDANCE, MERGE_FIELD, ROLE_ONLY, SLASH_CHOICE, contract_signing_regions, deeper,
                          is_field_label, is_wide, issued_later, label_line_is_empty, wide_gaps)
from .blank_rows import INNER_ITEM, layout_blanks, line_break_blanks, underline_rows
from .places import clip, foreign_index, place_of, signature_span

if TYPE_CHECKING:  # pragma: no cover
    from ..context import ReviewContext

KINDS = ("underline", "bracket", "mask", "template", "checkbox", "space", "field")
DEFAULT_HIGH = ["金额", "大写金额", "比例", "期限", "日期"]

_B = r"(?:[_＿]{2,}|[ 　\t]+|[Xx×]{2,}|【[ 　]*】|（[ 　]*）)"
_YEAR = r"(?:\d{2,4}|[〇零一二三四五六七八九]{4})"
_MD = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"
# A date with at least one blank part: ____年____月____日, 2026年 月 日, （ ）年（ ）月（ ）日.
# Found from its 年 (a literal the regex engine scans for quickly); the year is read backwards.
DATE = re.compile(rf"年(?P<m>{_MD}|{_B})[ 　\t]*月(?P<d>{_MD}|{_B})[ 　\t]*日")
YEAR_BEFORE = re.compile(rf"(?P<y>{_YEAR}|{_B})[ 　\t]*$")
# UNDERLINE, DOTS and MASK open with a single character class (not X{2,}): re then skips ahead to a candidate in
# C, which made each scan of a 100-page contract 3-10x faster (MASK 0.9 -> 0.3 ms, DOTS 3.6 -> 0.4 ms).
UNDERLINE = re.compile(r"[_＿][_＿]+(?:[ 　]*[_＿]{2,})*")
# Dotted leaders some forms print where a value goes (人民币……元, 期限：…………); an ellipsis in prose
# (包括但不限于……) is not one, so they count only before a unit or after a label at a line's end.
DOTS = re.compile(r"[….·．](?:(?<=…)…+|(?<=\.)\.{5,}|(?<=·)·{5,}|(?<=．)．{3,})")  # …{2,}|\.{6,}|·{6,}|．{4,}
BRACKET = re.compile(r"【[ 　]*】|（[ 　]*）|“[ 　]+”|\[[ 　]+\]|［[ 　]*］|\([ 　]+\)|大写(?:金额)?[:：][ 　]*(?=[)）])")
# XX / ×× / *** standing for a value; digits beside it make it a phone or card mask instead.
MASK = re.compile(r"[Xx×*＊][Xx×*＊]+")
TEMPLATE = re.compile(r"\{\{[^{}\n]{0,80}\}\}|\$\{[^{}\n]{0,80}\}")
SPACE = re.compile(r"[ 　]+")
EMPHASIS = re.compile(r"\*{2,3}[^*\s][^*]*?\*{2,3}")
# A name partly masked for publication (北京***科技有限公司, 张**) is a redaction, not a blank.
NAME_SUFFIX = re.compile(r"^[\u4e00-\u9fff]{0,8}?(?:公司|有限|集团|科技|银行|医院|大学|学院|中心|研究院|事务所|商行|店|厂)")
REDACTION_MARKS = re.compile(r"█|■{2,}|已隐去|已脱敏|隐去|脱敏处理|\[REDACTED\]|【略】")

TICKED = "☑☒■√✓✔⊠▣"
UNTICKED = "□☐"
BOX = re.compile(f"[{TICKED}{UNTICKED}]")

# A field label with nothing after it: "合同编号：" at the end of a line, or before the next label.
# Found from its colon; the label before it is read backwards (see field_label_start).
FIELD = re.compile(r"[：:](?P<gap>[ 　\t]*)"
                   r"(?=$|(?:[\u4e00-\u9fff] ){1,5}[\u4e00-\u9fff][：:]|[\u4e00-\u9fff][^\s：:，。；]{0,9}[：:]"
                   r"|第[一二三四五六七八九十百零〇两\d]+条)", re.M)


@dataclass(slots=True)
class _Blank:
    start: int
    end: int
    kind: str
    purpose: str = ""


class BlankDetector(RuleType):
    """What it flags: a placeholder left unfilled — a run of ``____``, ``【 】`` or ``（ ）`` holding
    only spaces, ``XX``/``××``/``***`` standing for a value, a template field (``{{…}}``, ``${…}``),
    a group of ``□`` choices none of which is ticked, a field label with nothing after it, or, in
    model texts copied from the web or a PDF, a bare space where a value belongs (``向 人民法院起诉``,
    ``有效期至 年 月 日``). One finding per blank, naming what it is for (金额, 期限, 比例, 日期,
    编号 …) from the words around it; a date ``____年____月____日`` is one blank.
    Model forms add their own: a wide gap (a tab, three spaces) where a value belongs
    (``租期届满前    日内``), a label with nothing after it before the next article or on a line of its
    own followed by ``。`` or another label, an empty pair of quotes in a title (``“ ”项目``), a
    mail-merge field (``«Client»``), guidance left where the value belongs (``一般不超过三年``,
    ``X个工作日``, ``（一次或分期）``), a choice of units left open (``元/（年/月/日）``).
    And what a form's layout shows: a list whose items hold only their numbers (``（1）      ；``),
    an item that only names what goes in it (``1．1项目名称`` before ``1．2``), a table cell holding
    a label and nothing else (``│租金：　　│``), a row of underline above its caption, a label before
    the next item or the signing block (a page number between them aside), and a blank a Word form
    underlined at the end of one line and the start of the next (``委托乙方就⏎项目进行``).
    Not flagged: stray spaces that line wrapping leaves inside words (``技术 服务``), redaction marks
    (█, 北京***科技有限公司), a deliberate ``/`` (not applicable), phone masks (133****1728), the
    space after a clause number or a list mark (``第七条   标的物…``, ``(i)⇥您不得…``), the gap
    between two filled fields on one line, the fields of a signing page or of a box kept for an
    office (``以下由技术合同登记机构填写``) wherever the form puts them, the items of a list of cases
    (``有下列情形之一的：``), a table of contents, and an annexed form of a notice one party issues
    later (``＿＿＿台启：``, ``兹根据…``), filled in when it is sent.

    Why it matters: a contract signed with a blank price, term or rate has no agreed price, term or
    rate; whoever fills the blank later decides it, and a court must fall back on 民法典 第510–511条.
    High when the blank is an amount, rate, term or date (``high_when``), medium otherwise. Blanks in
    the signature block are signing details, not an unfilled price: ``signature_block`` skips them
    (default), reports only them (``only``, for a rule of their own) or reports them with the rest.

    Example: ``3.1 服务费用总计为人民币____元(大写:______元整)`` — two blanks, both 金额, high.

    Better wording: ``3.1 服务费用总计为人民币100,000元（大写：壹拾万元整）。`` — or, when a
    term truly does not apply, ``/`` initialled by both parties.
    """

    name = "blank"
    params = {
        "high_when": Param(list, default=DEFAULT_HIGH,
                           doc="purposes whose blanks are high (金额, 大写金额, 比例, 期限, 日期 …)"),
        "signature_block": Param(str, choices=("skip", "only", "include"), default="skip",
                                 doc="blanks in the signature block: skip them, report only them, or both"),
        "kinds": Param(list, choices=KINDS, default=list(KINDS), doc="which kinds of blank to look for"),
        "why_by_purpose": Param(dict, default={}, doc="purpose → why text, filled in as {purpose_why}"),
        "suggestion_by_purpose": Param(dict, default={},
                                       doc="purpose → suggestion text, filled in as {purpose_suggestion}"),
    }

    def setup(self) -> None:
        self.high_when = set(self.options.get("high_when") or DEFAULT_HIGH)
        self.signature_mode = self.options.get("signature_block") or "skip"
        self.kinds = set(self.options.get("kinds") or KINDS)
        self.why_by = {str(k): str(v) for k, v in (self.options.get("why_by_purpose") or {}).items()}
        self.suggest_by = {str(k): str(v) for k, v in (self.options.get("suggestion_by_purpose") or {}).items()}

    # -- the rule ------------------------------------------------------------------------

    def check(self, ctx: "ReviewContext") -> Iterable[Hit]:
        doc = ctx.document
        text = doc.text
        signature = signature_span(ctx)
        lines = list(ctx.contract_spans)
        signing = contract_signing_regions(ctx)
        later = issued_later([text[a:b] for a, b in lines], [a for a, _ in lines])
        blanks = self._blanks(text, lines, signing)
        if "space" in self.kinds:
            edges = {b.start: b.edge_spaces for b in doc.blocks}
            blanks += [_Blank(s, e, "wrap", "内容") for s, e in line_break_blanks(text, lines, edges)]
        groups, unchosen = _checkbox_groups(text, lines)
        if "checkbox" in self.kinds:
            blanks += groups
        blanks.sort(key=lambda b: b.start)
        foreign = foreign_index(doc)
        for blank in blanks:
            if foreign.touches(blank.start, blank.end):
                continue
            if any(s <= blank.start and blank.end <= e for s, e in unchosen):
                continue  # inside an option the parties did not choose
            if any(s <= blank.start < e for s, e in later):
                continue  # in the form of a notice one party issues later: filled in then
            in_signature = (signature is not None and signature[0] <= blank.start < signature[1]
                            or any(a <= blank.start < b for a, b in signing))
            if in_signature and self.signature_mode == "skip":
                continue
            if not in_signature and self.signature_mode == "only":
                continue
            yield self._hit(ctx, blank, in_signature)

    def _hit(self, ctx: "ReviewContext", blank: _Blank, in_signature: bool) -> Hit:
        text = ctx.document.text
        purpose = blank.purpose or purpose_of(text, blank.start, blank.end, blank.kind)
        if in_signature:
            severity = Severity.LOW
        elif purpose in self.high_when:
            severity = Severity.HIGH
        else:
            severity = Severity.MEDIUM
        values = {
            "place": place_of(ctx, blank.start),
            "purpose": purpose_label(purpose),
            "context": _context(text, blank.start, _first_line_end(text, blank.start, blank.end)),
            "blank": _shown(text[blank.start:blank.end], blank.kind),
            "note": _note(blank.kind, text[blank.start:blank.end]),
        }
        fallback_why = self.why_by.get("default", "")
        values["purpose_why"] = _fill(self.why_by.get(purpose, fallback_why), values)
        values["purpose_suggestion"] = _fill(self.suggest_by.get(purpose, self.suggest_by.get("default", "")),
                                             values)
        return Hit(blank.start, blank.end, values, severity)

    # -- finding candidates ----------------------------------------------------------------

    def _blanks(self, text: str, lines: list[tuple[int, int]], regions: list[tuple[int, int]]) -> list[_Blank]:
        """Every candidate in the contract's lines (``regions``: its signing pages and boxes). Each
        pattern runs once over the whole text (a 100-page contract has thousands of lines); a match
        belongs to the line it falls in."""
        starts = [s for s, _ in lines]
        taken: dict[int, list[tuple[int, int]]] = {}
        out: list[_Blank] = []
        redacted = bool(REDACTION_MARKS.search(text))

        def matches(rx: re.Pattern):
            for m in rx.finditer(text):
                i = bisect_right(starts, m.start()) - 1
                if i < 0 or m.end() > lines[i][1]:
                    continue  # in foreign blocks, or across lines
                yield i, m

        def add(i: int, s: int, e: int, kind: str, purpose: str = "") -> None:
            spans = taken.setdefault(i, [])
            if any(s < te and ts < e for ts, te in spans):
                return
            spans.append((s, e))
            out.append(_Blank(s, e, kind, purpose))

        def line(i: int) -> tuple[str, int]:
            return text[lines[i][0]:lines[i][1]], lines[i][0]

        line_texts = [text[a:b] for a, b in lines]

        if "template" in self.kinds:
            for i, m in matches(TEMPLATE):
                add(i, m.start(), m.end(), "template", field_name_purpose(m.group()))
            for i, m in matches(MERGE_FIELD):
                add(i, m.start(), m.end(), "template", field_name_purpose(m.group()))
        if {"underline", "bracket", "space", "mask"} & self.kinds:
            for i, m in matches(DATE):
                y = YEAR_BEFORE.search(text, max(lines[i][0], m.start() - 30), m.start())
                if y is None:
                    continue
                parts = [y.group("y"), m.group("m"), m.group("d")]
                if not any(_is_blank_part(p) for p in parts) or not _date_kind_ok(parts, self.kinds):
                    continue
                s = y.start()
                if text[s].isspace() and (s == lines[i][0] or text[s - 1] in NUMERAL):
                    continue
                add(i, s, m.end(), "date", "日期")
        if "underline" in self.kinds:
            for i, m in matches(UNDERLINE):
                if not text[lines[i][0]:lines[i][1]].strip("_＿ 　"):
                    continue  # a rule drawn across the page, not a field
                before = text[m.start() - 1] if m.start() > lines[i][0] else ""
                after = text[m.end()] if m.end() < lines[i][1] else ""
                # __init__ and file_name_: underscores of an identifier, not a blank.
                if len(m.group()) <= 3 and (_ascii_word(before) or _ascii_word(after)):
                    continue
                add(i, m.start(), m.end(), "underline")
            for i, m in matches(DOTS):
                content, base = line(i)
                purpose = _dots_purpose(content, m.start() - base, m.end() - base)
                if purpose:
                    add(i, m.start(), m.end(), "underline", purpose)
        if "bracket" in self.kinds:
            for i, m in matches(BRACKET):
                if not m.group().startswith("大写"):
                    add(i, m.start(), m.end(), "bracket")
                elif m.start() > lines[i][0] and text[m.start() - 1] in "（(":
                    add(i, m.start(), m.end(), "bracket", "大写金额")  # （大写： ）
        if "mask" in self.kinds:
            for i, m in matches(MASK):
                content, base = line(i)
                s, e = m.start() - base, m.end() - base
                if not content.strip("*＊Xx× 　"):
                    continue  # * * * or *** on a line of its own separates sections
                if not _mask_stands_alone(content, s, e):
                    continue
                if any(x.start() <= s and e <= x.end() for x in EMPHASIS.finditer(content)):
                    continue
                if not _is_redaction(content, s, e, redacted):
                    add(i, m.start(), m.end(), "mask")
        if "field" in self.kinds:
            for i, m in matches(FIELD):
                label_start = field_label_start(text, lines[i][0], m.start())
                if label_start is None:
                    continue
                purpose = field_purpose(text[label_start:m.start()])
                if purpose is None:
                    at_end = m.end() == lines[i][1]
                    if at_end and (_empty_form_item(text, lines, i) or label_line_is_empty(line_texts, i)) \
                            or not at_end and is_wide(m.group("gap") or ""):
                        add(i, label_start, m.end(), "field", "内容")
                    continue
                whole_line = label_start == lines[i][0] and m.end() == lines[i][1]
                following = line_texts[i + 1] if i + 1 < len(lines) else ""
                if whole_line and (next_line_is_value(following, purpose) or _ITEM_NUMBER.match(following.strip())):
                    continue  # 甲方：⏎北京某某公司 holds its value; 甲方：⏎1.保密内容… heads a list
                add(i, label_start, m.end(), "field", purpose)
        if "field" in self.kinds:
            self._form_blanks(text, lines, line_texts, matches, add)
            starts = [a for a, _ in lines]
            signing = {k for k, a in enumerate(starts) if any(s <= a < e for s, e in regions)}
            for i, s, e, kind, purpose in layout_blanks(line_texts, starts, signing):
                add(i, s, e, kind, purpose)
        if "underline" in self.kinds:
            for i, j, purpose in underline_rows(line_texts):
                a = lines[i][0] + len(line_texts[i]) - len(line_texts[i].lstrip())
                add(i, a, lines[j][1], "underline", purpose)
        if "space" in self.kinds:
            for i, (a, _b) in enumerate(lines):
                for s, e in wide_gaps(line_texts[i]):
                    add(i, a + s, a + e, "space", purpose_of(text, a + s, a + e, "space"))
            for i, m in matches(SPACE):
                if m.start() == lines[i][0] or m.end() == lines[i][1]:
                    continue  # a space blank sits between two characters
                content, base = line(i)
                purpose = space_blank_purpose(content, m.start() - base, m.end() - base)
                if purpose:
                    add(i, m.start(), m.end(), "space", purpose)
        return out


    @staticmethod
    def _form_blanks(text, lines, line_texts, matches, add) -> None:
        """Model-form places with no value: a clause whose body is only "。", a party role with no
        name after it, guidance left where the value belongs, a choice of units left open."""
        for i, content in enumerate(line_texts):
            stripped = content.strip()
            if label_line_is_empty(line_texts, i):
                lead = len(content) - len(content.lstrip())
                add(i, lines[i][0] + lead, lines[i][1], "field", "内容")
            elif EMPTY_BODY.match(stripped) and i > 0 and not EMPTY_BODY.match(line_texts[i - 1].strip()):
                # 第5条 安全管理⏎。 and 甲方提供设备如下：⏎。 — the place for the content holds only "。".
                lead = len(line_texts[i - 1]) - len(line_texts[i - 1].lstrip())
                add(i - 1, lines[i - 1][0] + lead, lines[i - 1][1], "field", "内容")
            elif stripped.endswith(("：", ":")):
                tail = INNER_ITEM.search(content)
                if tail and tail.start() > 0 and label_line_is_empty(line_texts, i, content[tail.start():]):
                    # …第六条 合理损耗标准及计算方法：⏎第七条 — the last of several articles on one line.
                    add(i, lines[i][0] + tail.start(), lines[i][1], "field", "内容")
            elif ROLE_ONLY.match(stripped):
                add(i, lines[i][0], lines[i][1], "field", "名称")
        for i, m in matches(GUIDANCE):
            add(i, m.start(), m.end(), "guidance")
        for i, m in matches(SLASH_CHOICE):
            if not re.search(r"盖章|签字|签名|签章|和/或|或者", m.group()):
                add(i, m.start(), m.end(), "choice", "选项")


_ITEM_NUMBER = re.compile(r"^(?:\d+[.．、]|[(（]\d+[)）]|[一二三四五六七八九十]+、)")
_HEADING = re.compile(r"^第[一二三四五六七八九十百零〇两\d]+[章条]")


def _empty_form_item(text: str, lines: list[tuple[int, int]], i: int) -> bool:
    """"1. 技术目标：" followed by "2. 技术内容：" (or the next article): an item of a form left
    empty. Followed by its own list or text it is a heading, and not a blank."""
    line = text[lines[i][0]:lines[i][1]]
    number = _ITEM_NUMBER.match(line)
    if number is None or not looks_like_form_label(line) or not is_field_label(line):
        return False
    if i + 1 >= len(lines):
        return True
    following = text[lines[i + 1][0]:lines[i + 1][1]]
    if deeper(line, following):
        return False
    shape = re.sub(r"\d+|[一二三四五六七八九十]+", "N", number.group())
    next_number = _ITEM_NUMBER.match(following)
    if next_number is not None:
        return re.sub(r"\d+|[一二三四五六七八九十]+", "N", next_number.group()) == shape
    return bool(_HEADING.match(following))


def _ascii_word(ch: str) -> bool:
    return bool(ch) and ch.isascii() and ch.isalnum()


# -- kinds ------------------------------------------------------------------------------------


def _is_blank_part(part: str) -> bool:
    return not re.fullmatch(rf"{_YEAR}|{_MD}", part)


def _date_kind_ok(parts: list[str], kinds: set[str]) -> bool:
    for p in parts:
        if not _is_blank_part(p):
            continue
        if p.strip() == "" and "space" not in kinds:
            return False
        if "_" in p or "＿" in p:
            if "underline" not in kinds:
                return False
    return True


def _mask_stands_alone(line: str, start: int, end: int) -> bool:
    """XX not inside a Latin word (XXL), *** not part of a phone or card mask (133****1728)."""
    mark = line[start:end]
    if len(set(mark)) != 1 or (mark[0] == "*" and len(mark) < 3):
        return False  # mixed (X*X) or ** (Markdown bold)
    before = line[start - 1] if start else ""
    after = line[end] if end < len(line) else ""
    if line[start] in "Xx×":
        return not (_ascii_word(before) or _ascii_word(after))
    return not (before.isdigit() or after.isdigit() or before in "*＊" or after in "*＊")


def _is_redaction(line: str, start: int, end: int, redacted: bool) -> bool:
    mark = line[start:end]
    if mark[0] not in "*＊":
        return False
    if redacted:
        return True
    before = line[start - 1] if start else ""
    # Masked inside a name: a character of the name before it and a company-like word after.
    return "\u4e00" <= before <= "\u9fff" and bool(NAME_SUFFIX.match(line[end:]))


def _checkbox_groups(text: str, lines: list[tuple[int, int]]) -> tuple[list[_Blank], list[tuple[int, int]]]:
    """Groups of □ choices: the groups with none ticked (each one blank), and the options left
    unticked in a group where another is ticked — blanks inside those need no filling.

    A sentence holding two or more boxes is one group; consecutive single-box lines
    (□ 甲方负责 ⏎ □ 乙方负责) form one group; a lone box is a yes/no, never a blank.
    """
    starts = [s for s, _ in lines]
    with_boxes = sorted({bisect_right(starts, m.start()) - 1 for m in BOX.finditer(text)} - {-1})
    # (first box, end, boxes [(offset, ticked)], line)
    segments: list[tuple[int, int, list[tuple[int, bool]], int]] = []
    for i in with_boxes:
        start, end = lines[i]
        pos = start
        for piece in re.split(r"(?<=[；;。])", text[start:end]):
            boxes = [(pos + b.start(), b.group() in TICKED) for b in BOX.finditer(piece)]
            if boxes:
                segments.append((boxes[0][0], pos + len(piece.rstrip("；;。 ")), boxes, i))
            pos += len(piece)
    groups: list[list[tuple[int, int, list[tuple[int, bool]], int]]] = []
    run: list = []
    for seg in segments:
        if run and (len(seg[2]) >= 2 or seg[3] > run[-1][3] + 1):
            groups.append(run)
            run = []
        if len(seg[2]) >= 2:
            groups.append([seg])
        else:
            run.append(seg)
    if run:
        groups.append(run)
    blanks: list[_Blank] = []
    unchosen: list[tuple[int, int]] = []
    for group in groups:
        boxes = [b for seg in group for b in seg[2]]
        if len(boxes) < 2:
            continue
        if not any(ticked for _, ticked in boxes):
            blanks.append(_Blank(group[0][0], group[-1][1], "checkbox", "选项"))
            continue
        ends = {seg[2][-1][0]: seg[1] for seg in group}
        for k, (at, ticked) in enumerate(boxes):
            option_end = ends.get(at) or (boxes[k + 1][0] if k + 1 < len(boxes) else group[-1][1])
            if not ticked:
                unchosen.append((at, option_end))
    return blanks, unchosen


# -- how a blank reads in a message -----------------------------------------------------------

_STOP = set("。；;，,！？!?\n│|")
_LEADING_LABEL = re.compile(r"(?:第[一二三四五六七八九十百零〇两\d]+[章条]|\d+(?:\.\d+)*[.．、]?|[(（]\d+[)）]|"
                            r"[一二三四五六七八九十]+、)\s*")


def _context(text: str, start: int, end: int) -> str:
    """The phrase around the blank, as written: 服务费用总计为人民币____元; 乙方（受托方）：{{名称}}."""
    left, depth = start, 0
    while left > 0 and start - left < 40:
        ch = text[left - 1]
        if ch in _STOP:
            break
        if ch in ")）":
            depth += 1
        elif ch in "(（":
            if depth == 0:
                break
            depth -= 1
        left -= 1
    if left == 0 or text[left - 1] == "\n":
        label = _LEADING_LABEL.match(text, left, start)
        if label:
            left = label.end()
    right = end
    while right < len(text) and text[right] not in _STOP and text[right] not in "()（）" and right - end < 16:
        right += 1
    return clip(text[left:start], 24, left=True) + text[start:end] + clip(text[end:right], 12, left=False)


def _dots_purpose(line: str, start: int, end: int) -> str:
    """What dotted leaders stand for, or "" when they are an ellipsis: before a unit the words before
    them expect a value for (人民币……元, 在……日内), or after a label that ends the line (地址：……)."""
    unit = SPACE_UNIT.match(line, end)
    if unit and start and VALUE_BEFORE[unit.lastgroup].search(line[max(0, start - 8):start]):
        return purpose_of(line, start, end, "underline")
    if start and line[start - 1] in "：:" and not line[end:].strip(" 　；;。"):
        return field_purpose(line[:start - 1]) or "内容"
    return ""


def _first_line_end(text: str, start: int, end: int) -> int:
    """A blank over several lines (a list of empty items) is quoted by its first line."""
    newline = text.find("\n", start, end)
    return end if newline < 0 else newline


def _shown(blank: str, kind: str) -> str:
    if kind == "space":
        return tr("此处只有空格", "only a space here")
    if kind == "heading":
        return tr("只有标题，没有内容", "a heading with nothing under it")
    if kind == "items":
        return tr("各项只有编号，没有内容", "the items hold only their numbers")
    if kind == "wrap":
        return tr("行末与下一行行首只有空格", "only spaces at the end of the line and the start of the next")
    if kind == "field":
        return tr("冒号后为空", "nothing after the colon")
    if kind == "checkbox":
        return tr("选项均未勾选", "no option ticked")
    if kind == "guidance":
        return tr("此处仍是填写提示", "still the form's guidance")
    if kind == "choice":
        return tr("未选定其中一项", "no option chosen")
    if kind == "date" and not blank.replace("年", "").replace("月", "").replace("日", "").strip():
        return tr("年、月、日处只有空格", "only spaces for year, month and day")
    return blank


def _note(kind: str, blank: str) -> str:
    """A remark for blanks that cannot be seen in a quotation: a space, an empty field, unticked boxes."""
    shown = _shown(blank, kind)
    return "" if shown == blank else tr("（{s}）", " ({s})", s=shown)


_SLOT = re.compile(r"\{([a-z_]+)\}")


def _fill(template: str, values: dict[str, str]) -> str:
    if "{" not in template:
        return template
    return _SLOT.sub(lambda m: str(values.get(m.group(1), m.group(0))), template)
