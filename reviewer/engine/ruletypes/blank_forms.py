"""Blanks of model forms: wide gaps where a value belongs, labels with nothing after them, guidance
left in a field, merge fields, and the signing pages whose fields are filled in at signing."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .blank_rows import PAGE_NUMBER, next_content
from .blank_words import looks_like_form_label

if TYPE_CHECKING:  # pragma: no cover
    from ..context import ReviewContext

# A run of spaces that holds a value's place: a tab, three spaces, or two ideographic spaces. Line
# wrapping in PDFs and web pages leaves one space inside a word, never a run like these.
GAP = re.compile(r"[ 　\t]+")
# Mail-merge fields («Client») and the Word template fields (${id-…}) are both unfilled values.
MERGE_FIELD = re.compile(r"«[^«»\n]{1,40}»")
# Guidance left where a value belongs: 一般不超过三年, X个工作日, （一次或分期）, （…计算方法）.
GUIDANCE = re.compile(
    r"一般(?:不超过|不少于|不低于|不高于)[^，。；、）)\n]{1,8}"
    r"|(?<![A-Za-z])[XxＸｘ]个(?:工作日|自然日|月|日|天|小时|年)"
    r"|（[^（）\n]{0,16}(?:或分期|计算方法|[甲乙]方?名称|委托[^（）\n]{0,4}名称|[甲乙]、双)[^（）\n]{0,10}）")
# A choice of units or periods left open: 元/（年/月/日/小时）, 每（周/月）.
SLASH_CHOICE = re.compile(r"[（(](?:[^（）()/\n]{1,3}/){1,5}[^（）()/\n]{1,3}[)）]")
_SIGN_WORDS = re.compile(r"盖章|签字|签名|签章|公章")
# A line that holds nothing but "。" or "；": the place a model text leaves for the clause's content.
EMPTY_BODY = re.compile(r"^[。；;.]$")
# A line that is only a party's role, with the name to be written after it: 甲方（餐饮服务接受方）.
ROLE_ONLY = re.compile(r"^(?:[甲乙丙丁]方|委托方|受托方|出租人|承租人|买受人|出卖人)[（(][^（）()\n]{1,12}[)）]$")
_HEADING_START = re.compile(r"^(?:第[一二三四五六七八九十百零〇两\d]+[章条部分]|[一二三四五六七八九十]+、)")
_NUMBER = re.compile(r"^(\d+(?:[.．]\d+)*)[.．、]?\s*")
_LIST_ITEM = re.compile(r"^(?:[(（][\d一二三四五六七八九十]+[)）]|[a-zA-Z][.)）、]|[·•\-–]|\d+[.．、)）])")
# Lines that open a page or a box that is filled in at signing or by an office, not by the parties now.
SIGNING_PAGE = re.compile(r"签字盖章页|签署页|本页无正文|此页无正文|以下无正文|以下由[^，。\n]{0,12}填写|"
                          r"鉴[（(]公[)）]证意见|签[（(]公[)）]证意见|^监制部门[:：]")
SIGNING_LINE = re.compile(r"^[^，。；\n]{0,16}[（(](?:盖章|公章|签字|签章|签名|章|印章|签字或盖章|签字盖章|签字并盖章|"
                          r"盖章/签名|签名/盖章)[)）]"
                          r"|^[^，。；\n]{0,8}(?:签字|盖章|签名|签章)\s*[:：/]")
# Signing details that continue a signing block; in a contract's header they are fields to fill.
SIGNING_DETAIL = re.compile(r"^(?:签订|签署|签约)(?:日期|时间|地点)\s*[:：]|^日\s*期\s*[:：]")


def is_wide(gap: str) -> bool:
    return "\t" in gap or len(gap.replace("　", "  ")) >= 3


_AFTER_NUMBER = re.compile(r"(?:^|\s)(?:第[一二三四五六七八九十百零〇两\d]+[章条款项]|[一二三四五六七八九十]+、|"
                           r"\d+(?:[.．]\d+)*[.．、]?|[(（](?:[\d一二三四五六七八九十]+|[ivxlc]+|[a-z])[)）]|"
                           r"[a-zA-Z][.．)）])$")
# Words that end a line of issuers or printers (天津市市场监督管理委员会    制定), not a value's place.
_ISSUED = re.compile(r"^(?:制定|印制|监制|发布)$")
_LABEL_BEFORE = re.compile(r"[^\s：:，。；]{1,24}[：:]$")
# "方" with a verb after it, opening an item: the party was to be written in the gap before it.
_PARTY_LEFT_OUT = re.compile(r"方(?:违反|违约|应|未|不|承担|负责|擅自|拒绝|迟延|逾期)")


def wide_gaps(line: str) -> list[tuple[int, int]]:
    """Wide gaps between two characters of a line of running text, where a value was left out; a
    gap after a label (质量标准：\t) starts at the label, the place the value was asked for.

    Not a gap: a table row (``|``, box drawing), the spaced-out letters of a label (电    话：),
    a gap between two Latin words or numbers (English text, figures in columns), the space after
    a clause number (第七条   标的物…).
    """
    if "|" in line or "│" in line:
        return []
    out = []
    for m in GAP.finditer(line):
        s, e = m.span()
        if s == 0 or e == len(line) or not is_wide(m.group()):
            continue
        left, right = line[s - 1], line[e]
        if left.isascii() and (left.isalnum() and right.isascii() and right.isalnum() or not left.isalnum()):
            continue  # English words or figures in columns; markup or a filled value before the gap
        if _ISSUED.match(line[e:].strip()):
            continue
        if left not in "：:" and re.match(r"[^\s：:，。；（(]{1,10}[：:]", line[e:]):
            continue  # HT-2026-018        签订日期： — the space between two fields of a row
        if re.match(r"[\u4e00-\u9fff]{1,3}[：:]", line[e:]) and re.search(r"(?:^|\s)[\u4e00-\u9fff]{1,2}$", line[:s]):
            continue  # 电    话：, 住  所  地：
        if _AFTER_NUMBER.search(line[:s]) and not _PARTY_LEFT_OUT.match(line, e):
            continue  # 第七条   标的物…, but not 1．      方违反本合同 (which party is left out)
        label = _LABEL_BEFORE.search(line[:s]) if left in "：:" else None
        out.append((label.start() if label else s, e))
    return out


_NOT_A_FIELD = re.compile(r"以下|如下|下列|下述|包括|[，,。；;]|应当?[^：:]{0,8}(?:提供|遵守|承担|履行)|[的时]$")
_LEADING = re.compile(r"^(?:第[一二三四五六七八九十百零〇两\d]+[章条]|[一二三四五六七八九十]+、|\d+(?:[.．]\d+)*[.．、]?)\s*")


def deeper(line: str, following: str) -> bool:
    """6.5.1 after 6.5: the next line is an item of this one's list."""
    own, other = _NUMBER.match(line.strip()), _NUMBER.match(following.strip())
    return bool(own and other and other.group(1).startswith(own.group(1).rstrip(".．") + "."))


# A modal verb makes a label a sentence (乙方应提供：); 应急, 可行性 and 必须知 are nouns.
_MODAL = re.compile(r"应(?![急用])|须(?!知)|将(?!来)|可(?![行用靠])")
# A note in brackets inside a label (（以下称甲方）, （包括技术信息和经营信息）) says what the field is for.
_NOTE = re.compile(r"[(（][^()（）\n]{1,16}[)）]")


def is_field_label(line: str) -> bool:
    """技术服务的目标：, 第八条 交（提）货方式、地点：, 技术服务费总额为： — a label waiting for its value;
    乙方应提供以下文件： or 包括但不限于： is a sentence that introduces a list. A note in brackets
    (发包方（以下称甲方）：, 保密内容（包括技术信息和经营信息）：) does not make the label a sentence."""
    label = _LEADING.sub("", line.strip(), count=1).rstrip("：:").strip()
    bare = _NOTE.sub("", label)
    return 0 < len(label) <= 24 and bool(bare) and not _NOT_A_FIELD.search(bare) and (
        looks_like_form_label(label + "：") or not _MODAL.search(bare))


def label_line_is_empty(lines: list[str], i: int, line: str | None = None) -> bool:
    """A label line ending in ``：`` (技术服务的目标：, 租金支付期限：) that nothing fills: the next line is
    "。", another label, a heading, the signing block or the next item of the same level — not a list it
    introduces. ``line`` is the label when it is only the end of line ``i`` (…第六条 合理损耗标准：).
    A page number between the two lines is not the label's value."""
    line = (lines[i] if line is None else line).strip()
    if not line.endswith(("：", ":")) or not is_field_label(line) or SIGNING_LINE.match(re.sub(r"\s", "", line)):
        return False
    j = next_content(lines, i)
    if j is None:
        return True
    following = lines[j].strip()
    if EMPTY_BODY.match(following) or _HEADING_START.match(following):
        return True
    compact = re.sub(r"\s", "", following)
    if SIGNING_LINE.match(compact) or SIGNING_DETAIL.match(following):
        return True
    own, other = _NUMBER.match(line), _NUMBER.match(following)
    if own is not None and _lists_cases(lines, i, own.group(1)):
        return False  # 7.4 有下列情形之一的：⏎7.4.1 国家有权机关要求冻结的： — a case, not a field
    if other is not None and own is not None:
        # 3.2.1 after 3.2 is a list the label introduces; 3.3 after 3.2 is the next empty item.
        return not other.group(1).startswith(own.group(1) + ".") and other.group(1) != own.group(1)
    if other is not None:
        # 乙方的地址：⏎15.2 合同延续期 — the next item after the one the label sits in, not a list of its own.
        enclosing = _enclosing_number(lines, i)
        return enclosing is not None and _next_number(enclosing, other.group(1))
    if _LIST_ITEM.match(following):
        return False
    if len(following) > 24 and re.search(r"[，,。；;]", following) and _labels_above(lines, i) >= 2:
        return True  # 名称：⏎地址：⏎服务对象：⏎甲方根据…。 — the last field of a form, then its next paragraph
    # 乙方开户银行名称、地址和帐号为： followed by 开户银行： introduces the labels that follow.
    return following.endswith(("：", ":")) and is_field_label(following) and not line.rstrip("：:").endswith("为")


_CASES = re.compile(r"(?:下列|以下|如下)[^：:。]{0,10}(?:情形|情况|事项|行为|之一)")


def _lists_cases(lines: list[str], i: int, number: str) -> bool:
    """Whether the item ``number`` (7.4.1) belongs to a list of cases its parent (7.4) introduces."""
    parent = number.rsplit(".", 1)[0] if "." in number.strip(".") else None
    if parent is None:
        return False
    for k in range(i - 1, max(-1, i - 30), -1):
        m = _NUMBER.match(lines[k].strip())
        if m is not None and m.group(1) == parent:
            return bool(_CASES.search(lines[k]))
    return False


def _labels_above(lines: list[str], i: int) -> int:
    """How many label lines with nothing after them stand right above line ``i``."""
    k = i - 1
    while k >= 0 and lines[k].strip().endswith(("：", ":")) and is_field_label(lines[k]):
        k -= 1
    return i - 1 - k


def _enclosing_number(lines: list[str], i: int) -> str | None:
    """The number of the item a line sits in: the nearest line above it that starts with one."""
    for k in range(i - 1, max(-1, i - 30), -1):
        m = _NUMBER.match(lines[k].strip())
        if m is not None and not PAGE_NUMBER.match(lines[k].strip()):
            return m.group(1).replace("．", ".")
    return None


def _next_number(number: str, other: str) -> bool:
    """15.2 after 15.1, 2 after 1.3: ``other`` is the item that follows ``number`` at its level or above."""
    parts = number.split(".")
    others = other.replace("．", ".").split(".")
    if len(others) > len(parts) or not all(p.isdigit() for p in parts + others):
        return False
    k = len(others) - 1
    return others[:k] == parts[:k] and int(others[k]) == int(parts[k]) + 1


def contract_signing_regions(ctx: "ReviewContext") -> list[tuple[int, int]]:
    """:func:`signing_regions` of the contract's own lines, found once per review (the blank, the
    signature and the form rules all ask; each walk of a 100-page contract took ~6 ms)."""
    if "signing regions" not in ctx.cache:
        text, spans = ctx.document.text, ctx.contract_spans
        ctx.cache["signing regions"] = signing_regions([text[a:b] for a, b in spans], [a for a, _ in spans])
    return ctx.cache["signing regions"]


def signing_regions(lines: list[str], starts: list[int]) -> list[tuple[int, int]]:
    """Signing pages and boxes kept for an office, anywhere in the text (a model text may put its
    signature page between the agreement and its general terms): from the line that opens one, or
    from the label lines just before a signing line, through the label lines that follow, to the
    first line of running text or a heading."""
    regions: list[tuple[int, int]] = []
    last_heading = max((k for k, line in enumerate(lines) if _HEADING_START.match(line.strip())
                        or _NUMBER.match(line.strip()) and len(line) > 30), default=-1)
    i = 0
    while i < len(lines):
        line = "".join(lines[i].split())
        opens = SIGNING_PAGE.search(line) and len(line) <= 40
        # 签订日期： after the last clause opens a signature block; in the header it is a field.
        opens = opens or i > last_heading and SIGNING_DETAIL.match(line)
        if not opens and not SIGNING_LINE.match(line):
            i += 1
            continue
        first = i
        while first > 0 and _form_row(lines[first - 1]) and i - first < 4:
            first -= 1
        last = i
        while last + 1 < len(lines) and (_form_row(lines[last + 1])
                                         or SIGNING_LINE.match("".join(lines[last + 1].split()))
                                         or SIGNING_DETAIL.match(lines[last + 1].strip())
                                         or SIGNING_PAGE.search(lines[last + 1])):
            last += 1
        end = starts[last] + len(lines[last])
        regions.append((starts[first], end))
        i = last + 1
    return regions


# An annex's heading (附件二, 附2．, 附表一) and the marks of a letter or form issued later under it.
_ANNEX_HEADING = re.compile(r"^附(?:件|表|录)?\s*[0-9０-９一二三四五六七八九十]{1,3}(?:[.．、:：\s]|$)")
_ISSUED_LATER = re.compile(r"台启|敬启|此致|^兹(?:根据|通知|确认|收到|证明)|[(（](?:格式|样式|式样|范本|模板|样本)[)）]")


def issued_later(lines: list[str], starts: list[int]) -> list[tuple[int, int]]:
    """Annexes that are forms of a letter or notice one party will issue later (附2 租金调整通知:
    ＿＿＿台启： 兹根据…): their blanks are filled in when it is issued, not at signing. From the annex's
    heading to the next annex or the end."""
    heads = [k for k, line in enumerate(lines) if _ANNEX_HEADING.match(line.strip())]
    regions = []
    for n, k in enumerate(heads):
        end = heads[n + 1] if n + 1 < len(heads) else len(lines)
        if any(_ISSUED_LATER.search(lines[m].strip()) for m in range(k, min(end, k + 8))):
            regions.append((starts[k], starts[end - 1] + len(lines[end - 1])))
    return regions


def _form_row(line: str) -> bool:
    """甲方：____, 住所：      \t住所：, 法定代表人： 委托代理人： 电话：, 年 月 日 — a row of fields, not prose."""
    line = line.strip()
    if not line or _HEADING_START.match(line) or len(line) > 80:
        return False
    if re.fullmatch(r"[(（]?\d+[)）.．]?", line):
        return True  # （2） of a list of documents to attach
    if _SIGN_WORDS.search(line) and len(re.sub(r"\s", "", line)) <= 30 and not re.search(r"[，。；]", line):
        return True  # （公章或合同专用章）     （公章或合同专用章）
    if re.fullmatch(r"[\d\s年月日_＿]*年[\s_＿]*月[\s_＿]*日?", line):
        return True
    if re.search(r"[。；]$", line) and "：" not in line[-3:]:
        return False
    labels = re.findall(r"[^\s：:|]{1,14}[：:]", line)
    values = re.sub(r"[^\s：:|]{1,14}[：:]|[\s_＿|/]", "", line)
    return bool(labels) and len(values) <= 24 or bool(re.fullmatch(r"[^\s，。]{1,12}", line)) and bool(
        _SIGN_WORDS.search(line))
