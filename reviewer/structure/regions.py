"""Where the contract proper begins: front matter, the title, the preamble, before the first clause.

Model texts and templates open with text that is not the contract: a collector's metadata header,
a cover page (form number, issuing authorities, party fields to fill in), 使用说明 / 填写说明 /
特别提示 with their own 一、二、三、 points, an explanatory preface. A reader skips it; its numbering
is not the contract's numbering. This module finds it, so the clause tree can keep it in one
"front" node instead of reading its points as clauses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Sequence

# A heading that opens explanatory front matter (spaces removed: "使 用 说 明" is written spaced).
_FRONT_MARKER = re.compile(
    r"(?:合同)?(?:使用说明|说明与提示|填写说明|特别提示|重要提示|签约提示|使用须知|签约须知|注意事项|名词解释"
    r"|说明|提示|示范文本使用说明)[:：]?")
# The header a collector put above a model text: 来源：…, ID：…, 部门：…, 链接：…, 正文.
_META = re.compile(r"(?:来源|ID|部门|地区|年份|链接|发布日期|文本编号)\s*[:：]|正文$")
# A title names the kind of contract last: 技术服务合同, 服务条款, 合作协议（范本）, WEB SITE HOSTING AGREEMENT.
_TITLE_END = re.compile(r"(?:合同|协议|协议书|契约|确认书|订单|条款|规则|须知|agreement|contract|terms(?: of service)?)"
                        r"\s*(?:[（(][^)）]{1,12}[)）])?\s*$", re.I)
_PARTY_OPENING = re.compile(
    r"(?:甲方|乙方|丙方|委托方|受托方|委托人|受托人|买方|卖方|买受人|出卖人|采购方|供应方|发包方|承包方|需方|供方"
    r"|出租人|承租人|出租方|承租方|用工单位|派遣单位|存货人|保管人|广告客户|广告经营者|设计方|委托单位"
    r"|Party [ABC])\s*(?:[（(][^)）]{0,12}[)）])?\s*[:：]?\s*$"
    r"|(?:甲方|乙方|委托方|受托方|出租人|承租人)\s*(?:[（(][^)）]{0,12}[)）])?\s*[:：]", re.I)
_PREAMBLE_SENTENCE = re.compile(r"鉴于|WHEREAS|本合同由|本协议由|协商一致|友好协商|达成如下|订立本合同|签订本合同|订立如下"
                                r"|签订如下|特订立|共同遵守|达成一致|根据《", re.I)
_RECITALS = re.compile(r"鉴于|WHEREAS", re.I)
_AGREED = re.compile(r"达成如下|订立如下|签订如下|如下条款|如下协议|如下\s*[:：]?\s*$|协商一致|友好协商|特订立|agree as follows", re.I)
# Openings that always belong to the contract body: 第一条, 第一章, 第一部分, Article 1.
_STRONG_OPENING = re.compile(r"第\s*[一1１]\s*(?:条|章|部分|编)|(?:ARTICLE|Article)\s+(?:1|I)\b")
_VERSION_LINE = re.compile(r"[（(](?:\d{4}|[〇零一二三四五六七八九]{4})\s*(?:年)?版?[)）]|[（(]示范文本[)）]")
_TITLE_MAX = 40
_NOT_TITLE = re.compile(r"[。；;，,：:！!？?=\"{}]|\[|<[A-Za-z/]")


# What conversions leave on a line of its own: a page number, a Word field (PAGE, — PAGE \* MERGEFORMAT 1 —,
# the backslash sometimes lost with markdown escapes).
RESIDUE = re.compile(r"\s*(?:[—–\-]*\s*PAGE\s*(?:\\?\*\s*MERGEFORMAT)?\s*\d*\s*[—–\-]*|\d{1,3})\s*")


@dataclass
class Opening:
    """Line-index ranges ``[a, b)`` of the parts before the body; ``stop`` is the first body line."""

    front: list[tuple[int, int]] = field(default_factory=list)
    title: tuple[int, int] | None = None
    title_line: int | None = None  # the line that names the contract, within ``title``
    preamble: tuple[int, int] | None = None
    stop: int = 0


def is_front_marker(text: str) -> bool:
    compact = re.sub(r"\s+", "", text)
    return len(compact) <= 12 and _FRONT_MARKER.fullmatch(compact) is not None


def title_like(text: str) -> bool:
    return bool(text) and len(text) <= _TITLE_MAX and not _NOT_TITLE.search(text) and "\t" not in text


def _names_a_contract(text: str) -> bool:
    """技术服务合同, 设 计 合 同 (letter-spaced on a cover): the line ends in the kind of contract."""
    return bool(_TITLE_END.search(text) or _TITLE_END.search(re.sub(r"[ \u3000]+", "", text)))


def find_opening(texts: Sequence[str], categories: Sequence[str | None],
                 is_annex: Callable[[int], bool]) -> Opening:
    """Split the lines before the contract body into front matter, title and preamble.

    For a text with clause numbering. ``texts[k]`` is line k, ``categories[k]`` what its numbering opens ("heading" | "clause" |
    "item" | None). The body begins at the first clause opening that is not a point of front
    matter; before it, the title is the last title-like line naming a contract, front matter is
    the metadata header, marked explanatory sections and cover lines, and the preamble runs from
    the line after the title (and after any front matter) to the body.
    """
    n = len(texts)
    meta_end = _meta_end(texts)
    sections: list[tuple[int, int]] = []
    candidates: list[int] = []
    k = meta_end
    while k < n:
        text = texts[k]
        if categories[k] is None and is_front_marker(text):
            end = _section_end(texts, categories, k + 1)
            sections.append((k, end))
            k = end
            continue
        if categories[k] == "md":
            # A markdown heading: the title when it names a contract and none came before, else the body.
            if not candidates and not sections and title_like(text) and _names_a_contract(text):
                candidates.append(k)
                k += 1
                continue
            break
        if categories[k] in ("heading", "clause") and not _STRONG_OPENING.match(text):
            # 1、甲方是…公司 2、乙方是… before 第一条: recitals numbered on their own, part of the preamble.
            strong = next((j for j in range(k + 1, min(n, k + 8))
                           if categories[j] in ("heading", "clause") and _STRONG_OPENING.match(texts[j])), None)
            if strong is not None and candidates:
                k = strong
                continue
        if categories[k] in ("heading", "clause") or is_annex(k):
            break
        if categories[k] is None and _RECITALS.match(text):
            close = _recitals_end(texts, categories, k + 1)
            if close is not None:
                k = close + 1  # 鉴于 1、… 2、… and the sentence that closes them stay in the preamble
                continue
        if categories[k] is None and title_like(text) and _names_a_contract(text) \
                and not _PARTY_OPENING.match(text):
            candidates.append(k)
        k += 1
    stop = k
    out = Opening(stop=stop)
    front_lines: set[int] = set(range(0, meta_end))
    for a, b in sections:
        front_lines.update(range(a, b))
    title = _pick_title(texts, candidates, bool(sections))
    if title is None:
        first = meta_end
        if first < n and categories[first] is None and title_like(texts[first]) \
                and not _PARTY_OPENING.match(texts[first]) and n > 1 and first < stop:
            title = first
    preface = bool(sections) or len(candidates) > 1 or meta_end > 0
    if title is not None:
        title_end = title + 1
        if title_end < stop and categories[title_end] is None and _VERSION_LINE.fullmatch(texts[title_end].strip()):
            title_end += 1  # "（2024版）" under the title belongs to it
        out.title = (title, title_end)
        out.title_line = title
        before = [j for j in range(meta_end, title) if j not in front_lines]
        if before and (preface or len(before) > 2):
            front_lines.update(before)
        elif before == [title - 1] and title_like(texts[title - 1]) and len(texts[title - 1]) <= 20:
            out.title = (title - 1, title_end)  # a title on two lines: VRonline / <开发者服务协议>电子合同
        pre_start = title_end
    else:
        pre_start = meta_end
    if sections:
        last_section_end = max(b for a, b in sections if a >= pre_start) if any(a >= pre_start for a, b in sections) \
            else pre_start
        if last_section_end > pre_start:
            front_lines.update(range(pre_start, last_section_end))
            pre_start = last_section_end
    if pre_start < stop:
        out.preamble = (pre_start, stop)
    out.front = _runs(sorted(j for j in front_lines if j < stop))
    if out.title is None and out.preamble is None and not out.front:
        return Opening(stop=stop)
    return out


def _pick_title(texts: Sequence[str], candidates: list[int], sections: bool) -> int | None:
    """The title among the title-like lines: the last one when it repeats the first (a cover, then the
    contract after its instructions) or follows front matter, else the first (later ones are entries of
    a table of contents: 免责条款, 服务条款)."""
    if not candidates:
        return None
    if sections or len(candidates) == 1:
        return candidates[-1]
    first = re.sub(r"\s+", "", texts[candidates[0]])
    for k in reversed(candidates[1:]):
        if _shares_kind(first, re.sub(r"\s+", "", texts[k])):
            return k
    return candidates[0]


def _shares_kind(a: str, b: str) -> bool:
    """咨询服务合同 / 咨询服务合同（范本）: both name the same kind of contract (4+ characters in common at the end)."""
    tail = _TITLE_END.search(a)
    core = a[:tail.start()] if tail else a
    return len(core) >= 2 and core[-4:] in b or a in b or b in a


def _recitals_end(texts: Sequence[str], categories: Sequence[str | None], k: int) -> int | None:
    """The line that closes the numbered recitals after 鉴于 (…达成如下协议), if it comes soon."""
    for j in range(k, min(len(texts), k + 15)):
        if categories[j] is None and _AGREED.search(texts[j]):
            return j
        if _STRONG_OPENING.match(texts[j]):
            return None
    return None


def _meta_end(texts: Sequence[str]) -> int:
    """The end of a collector's metadata header (来源：… 链接：… 正文), if the text opens with one."""
    end = 0
    for k, text in enumerate(texts[:12]):
        if _META.match(text):
            end = k + 1
        elif k == 0:
            continue  # the collector's own title line above the header
        elif end:
            break
    return end if end >= 2 else 0


def _section_end(texts: Sequence[str], categories: Sequence[str | None], k: int) -> int:
    """Where an explanatory section opened before line ``k`` ends: at the contract's own opening."""
    n = len(texts)
    while k < n:
        text = texts[k]
        if categories[k] is None:
            if is_front_marker(text):
                return k
            if _PARTY_OPENING.match(text) or _PREAMBLE_SENTENCE.match(text) or text.startswith(("根据", "依据", "依照")) \
                    and _PREAMBLE_SENTENCE.search(text):
                return k
            if title_like(text) and _names_a_contract(text):
                return k
        elif _STRONG_OPENING.match(text):
            return k
        k += 1
    return k


def _runs(indexes: list[int]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    for j in indexes:
        if runs and runs[-1][1] == j:
            runs[-1] = (runs[-1][0], j + 1)
        else:
            runs.append((j, j + 1))
    return runs
