"""Blanks a model form shows by its layout: list items with nothing after their number, items that are
only a heading, table cells holding a label and nothing else, and rows of underline under a caption."""

from __future__ import annotations

import re
from typing import Iterator

from .blank_words import field_purpose
from .places import SIGNATURE_LINE

# One found place: (line index, start, end) as offsets into the line list's text, and its purpose.
Place = tuple[int, int, int, str]

# An item of a list with nothing after its number: "（1）          ；", "2．     。", "3、".
EMPTY_ITEM = re.compile(r"^(?:[(（]\d{1,2}[)）]|\d{1,2}[.．、]?|[一二三四五六七八九十]{1,3}、)[ 　\t]*[；;。.，,]?$")
# A line that is only a page number, left between two lines by a PDF or a Word footer.
PAGE_NUMBER = re.compile(r"^(?:[-—–]\s*)?\d{1,3}(?:\s*[-—–])?$|^第\s*\d{1,3}\s*页(?:\s*[,，/]?\s*共\s*\d{1,3}\s*页)?$")

_ARTICLE = r"第[一二三四五六七八九十百零〇两\d]+条"
_DOTTED = r"\d{1,2}(?:[.．]\d{1,2})+"
# An item number that opens a line: 第七条, 1.3 / 1．3, 4.2.1 (not 1. alone, a list of the clause's own).
_ITEM = re.compile(rf"^(?P<n>{_ARTICLE}|{_DOTTED})[.．、]?[ 　\t]*(?P<rest>.*)$")
# What a form asks for in an item that names it: 项目名称, 设计取费标准, 餐饮服务内容, 合同附件.
_FIELD_NOUN = (r"名称|类别|类型|面积|地址|地点|内容|标准|方式|期限|时间|日期|金额|数量|规格|型号|单价|总价|编号|对象|"
               r"范围|要求|人数|用途|规模|等级|费用|附件|清单")
_NOUN_ONLY = re.compile(rf"^[\u4e00-\u9fff、（）()]{{2,12}}(?:{_FIELD_NOUN})$")
_VERBISH = re.compile(r"应|须|不得|可以|有权|负责|承担|按照|依据|根据|以下|如下|下列|的[\u4e00-\u9fff]{0,2}$")
_LABELLED = re.compile(r"^[^\s：:，。；]{1,16}[：:]")


def _level(number: str) -> tuple[int, tuple[str, ...]]:
    """第七条 → (0, ("七",)); 1．3 → (2, ("1", "3")): how deep an item number sits, and its parts."""
    if number.startswith("第"):
        return 0, (number,)
    parts = tuple(re.split(r"[.．]", number))
    return len(parts), parts


def _heading_item(line: str) -> tuple[str, str] | None:
    """(number, heading) of a line that is a numbered item naming a field and nothing else."""
    m = _ITEM.match(line.strip())
    if m is None:
        return None
    rest = m.group("rest").strip()
    if not _NOUN_ONLY.match(rest) or _VERBISH.search(rest):
        return None
    return m.group("n"), rest


def _label_only(line: str) -> bool:
    """项目类别 on a line of its own: a field's name with no number, no colon and no value."""
    text = line.strip()
    return bool(_NOUN_ONLY.match(text)) and not _VERBISH.search(text)


def next_content(lines: list[str], i: int) -> int | None:
    """Index of the next line after ``i`` that is not a lone page number, or None at the end."""
    j = i + 1
    while j < len(lines) and PAGE_NUMBER.match(lines[j].strip()):
        j += 1
    return j if j < len(lines) else None


def _not_a_value(lines: list[str], j: int | None, number: str | None, signing: set[int]) -> bool:
    """The line after a field's name is not its value: another name, a labelled field, the next item
    at this level or above, a heading, the signing block, or the end of the text."""
    if j is None or j in signing or SIGNATURE_LINE.match(re.sub(r"[ 　\t]", "", lines[j])):
        return True
    following = lines[j].strip()
    if _label_only(following) or following in ("。", "；"):
        return True
    item = _ITEM.match(following)
    if item is None:
        # 项目面积⏎项目造价总额：… is the next field of a form; 15.1 送达地址⏎甲方的地址：… is the item's content.
        return number is None and bool(_LABELLED.match(following))
    if number is None:
        return True
    (depth, parts), (other_depth, other) = _level(number), _level(item.group("n"))
    if depth == 0 or other_depth == 0:
        return other_depth == 0 or depth != 0 and other_depth <= depth
    return other[:depth] != parts  # 1．2 after 1．1 (a sibling), never 1．1．1 (its child)


def heading_only_items(lines: list[str], signing: set[int]) -> Iterator[Place]:
    """An item of a model form that only names what goes in it — 1．1项目名称, 第2条 餐饮服务内容 —
    followed by the next item, another name or the signing block: the form's value was never written.
    Its unnumbered siblings (项目类别 under 1．1项目名称) are blanks of the same kind. Four or more bare
    headings in a row are a table of contents, not a form."""
    contents = _table_of_contents(lines)
    in_form = False
    for i, line in enumerate(lines):
        item = _heading_item(line)
        number = item[0] if item else None
        candidate = item is not None or in_form and _label_only(line)
        if candidate and i not in signing and i not in contents \
                and _not_a_value(lines, next_content(lines, i), number, signing):
            in_form = True
            lead = len(line) - len(line.lstrip())
            yield i, lead, len(line.rstrip()), "内容"
            continue
        in_form = item is not None


def _table_of_contents(lines: list[str]) -> set[int]:
    """Lines in runs of four or more numbered headings with nothing between them."""
    out: set[int] = set()
    run: list[int] = []
    for i, line in enumerate(lines + [""]):
        m = _ITEM.match(line.strip())
        if m and 0 < len(m.group("rest")) <= 16 and not re.search(r"[，,。；;：:]", m.group("rest")):
            run.append(i)
            continue
        if len(run) >= 4:
            out.update(run)
        run = []
    return out


def empty_item_runs(lines: list[str]) -> Iterator[tuple[int, int, int]]:
    """A list whose items hold only their numbers (（1）      ；⏎（2）      。): one blank from the label
    that introduces it (提供技术资料：), or from its first item when the sentence before is long, to the
    end of its last item. Yields (first line, last line, first line's start column)."""
    i = 0
    while i < len(lines):
        if not EMPTY_ITEM.match(lines[i].strip()) or not lines[i].strip():
            i += 1
            continue
        j = i
        while j + 1 < len(lines) and EMPTY_ITEM.match(lines[j + 1].strip()) and lines[j + 1].strip():
            j += 1
        first = i
        if i > 0:
            intro = lines[i - 1].strip()
            if intro.endswith(("：", ":")) and len(intro) <= 30 and not re.search(r"[，,。；;]", intro):
                first = i - 1
        # A lone number between two lines is a page number, not a list; a list has two items or ends in ；/。
        if j > i or lines[i].strip()[-1:] in "；;。." or first < i:
            text = lines[first]
            yield first, j, len(text) - len(text.lstrip())
        i = j + 1


def underline_rows(lines: list[str]) -> Iterator[tuple[int, int, str]]:
    """Lines of nothing but underline that hold a value: under a label ending in ：, or above a caption
    saying what goes there (（委托人的地址、电传号、传真号）). Consecutive rows are one blank, for what the
    caption names. A rule drawn across the page has neither."""
    i = 0
    while i < len(lines):
        if not _underline_only(lines[i]):
            i += 1
            continue
        j = i
        while j + 1 < len(lines) and _underline_only(lines[j + 1]):
            j += 1
        before = lines[i - 1].strip() if i > 0 else ""
        after = lines[j + 1].strip() if j + 1 < len(lines) else ""
        caption = re.fullmatch(r"[(（][^()（）]{2,30}[)）]", after)
        if before.endswith(("：", ":")) or caption:
            yield i, j, _purpose_of_label(after if caption else before)
        i = j + 1


def _underline_only(line: str) -> bool:
    text = line.strip()
    return len(text) >= 4 and not text.strip("_＿ 　")


# -- table cells --------------------------------------------------------------------------------

_CELL_SPLIT = re.compile(r"[│|┃]")
# The value a cell's edge waits for: a unit after a gap at its start (　港, 　　个月), a word that
# takes a value before a gap at its end (人民币　　　│).
_CELL_UNIT = re.compile(r"^[ 　\t]+(?=个?月|港(?!澳|台|币)|元|[%％]|日内|天|年(?![ 　\t]*月))")
_CELL_VALUE_BEFORE = re.compile(r"(?:人民币|外汇|美元|于|为)[ 　\t]+$")


def table_cells(line: str) -> Iterator[tuple[int, int, str]]:
    """Blanks inside one row of a drawn or Markdown table: a cell holding only a label ending in ：
    (租金：　　　│, 合计金额（大写）： |), a unit with nothing before it at a cell's start, a word
    that takes a value with nothing after it at a cell's end. Yields (start, end, purpose) in ``line``;
    a label repeated across merged cells is one blank."""
    if not _CELL_SPLIT.search(line):
        return
    seen: set[str] = set()
    pos = 0
    for cell in _CELL_SPLIT.split(line):
        start, pos = pos, pos + len(cell) + 1
        content = cell.strip(" 　\t")
        if not content:
            continue
        lead = start + len(cell) - len(cell.lstrip(" 　\t"))
        if re.fullmatch(r"[^\s：:，。；|│]{1,16}[：:]", content) and content not in seen:
            seen.add(content)
            yield lead, lead + len(content), field_purpose(content[:-1]) or _purpose_of_label(content)
            continue
        unit = _CELL_UNIT.match(cell)
        if unit and start > 0:
            yield start + unit.start(), start + unit.end(), "期限" if "月" in cell[unit.end():unit.end() + 2] \
                else "内容"
        value = _CELL_VALUE_BEFORE.search(cell)
        if value and start + len(cell) < len(line):
            gap = cell[value.start():].lstrip("人民币外汇美元于为")
            yield start + len(cell) - len(gap), start + len(cell), "金额" if value.group().startswith(
                ("人民币", "外汇", "美元")) else "内容"


def _purpose_of_label(label: str) -> str:
    if "大写" in label:
        return "大写金额"
    if re.search(r"金额|价款|租金|费用|总价", label):
        return "金额"
    if re.search(r"期限|期间", label):
        return "期限"
    if re.search(r"地点|地址", label):
        return "地址"
    if re.search(r"电话|传真|电传|邮箱", label):
        return "联系方式"
    return "内容"


# -- putting them together ----------------------------------------------------------------------


def layout_blanks(lines: list[str], starts: list[int],
                  signing: set[int]) -> Iterator[tuple[int, int, int, str, str]]:
    """Every blank the layout shows, as (line, start, end, kind, purpose) with offsets into the text
    whose lines start at ``starts``; lines in ``signing`` are a signing block's."""
    for first, last, lead in empty_item_runs(lines):
        yield first, starts[first] + lead, starts[last] + len(lines[last]), "items", "内容"
    for i, s, e, purpose in heading_only_items(lines, signing):
        yield i, starts[i] + s, starts[i] + e, "heading", purpose
    for i, content in enumerate(lines):
        if "|" in content or "│" in content:
            for s, e, purpose in table_cells(content):
                kind = "field" if content[e - 1] in "：:" else "space"
                yield i, starts[i] + s, starts[i] + e, kind, purpose


# A line that opens with a heading or a list mark: the line before it ended where it should.
_OPENS_ITEM = re.compile(r"^(?:第[一二三四五六七八九十百零〇两\d]+[章条款]|\d|[(（]|[一二三四五六七八九十]+、|[·•\-])")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def line_break_blanks(text: str, lines: list[tuple[int, int]],
                      edges: dict[int, tuple[int, int]]) -> list[tuple[int, int]]:
    """A form whose lines are paragraphs of their own puts some blanks at a line's end: the spaces
    after 委托乙方就 and before 项目进行 on the next line are the place of the project's name. The
    text keeps no edge spaces; the loader says how many there were (``edges``: line start → spaces
    before, after). A blank is a wide run on both sides of a break inside a sentence; it is shown on
    the last character before the break."""
    out = []
    for (a, b), (c, d) in zip(lines, lines[1:]):
        if c != b + 1:
            continue
        trail, lead = edges.get(a, (0, 0))[1], edges.get(c, (0, 0))[0]
        if trail < 3 or lead < 3:
            continue
        if _CJK.match(text[b - 1]) and _CJK.match(text[c]) and not _OPENS_ITEM.match(text[c:d]):
            out.append((b - 1, b))
    return out


# The number of an article or item inside a line, after others: "… 第六条 ", "。十二、".
INNER_ITEM = re.compile(r"(?:第[一二三四五六七八九十百零〇两\d]+条|(?<=[。\s])[一二三四五六七八九十]+、)[ 　\t]*"
                        r"[^：:\s]{1,24}[：:]$")
