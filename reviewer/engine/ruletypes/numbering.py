"""Clause numbers that skip, repeat or go backwards, and references to clauses or annexes that do not exist."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable

from ...text.textnorm import fold_width
from ...text.cn_numbers import cn_int, int_to_cn
from ...i18n import tr
from .base import Hit, Param, RuleType
from .places import clause_name, contract_matches, foreign_index, place_of

if TYPE_CHECKING:  # pragma: no cover
    from ..context import ReviewContext
    from ...model.clauses import Clause, ClauseTree

@dataclass(slots=True)
class _Numbered:
    node: "Clause"
    value: int
    series: tuple
    part: int | None = None  # the 第X部分 / annex it sits in: numbering may start again there


class NumberingDetector(RuleType):
    """What it flags: clause numbers that skip (第九章 → 第十一章; 5.1, 5.3), repeat (two 7.2),
    go backwards (6.4 after 6.5), or do not belong to their chapter (5.4 inside 第六章); list items
    that skip ((1), (3)). One finding per problem, at the offending number, naming both numbers.
    A new list that starts again at (1) is not a problem.

    Why it matters: a gap in the numbering usually means a clause was deleted or lost in copying,
    and cross-references (见第10条) then point at the wrong clause or at nothing; a repeated number
    makes "第7.2条" ambiguous when the parties later argue about it.

    Example: ``第九章 不可抗力 … 第十一章 合同的变更与终止`` — 第十章 is missing.

    Better wording: renumber the clauses consecutively, check every cross-reference against the new
    numbers, and ask the vendor whether the missing clause was meant to be there.
    """

    name = "numbering"
    params = {
        "kinds": Param(list, choices=("chapter", "clause", "item"), default=["chapter", "clause", "item"],
                       doc="which levels of numbering to check"),
    }

    def setup(self) -> None:
        self.kinds = set(self.options.get("kinds") or ("chapter", "clause", "item"))

    def check(self, ctx: "ReviewContext") -> Iterable[Hit]:
        tree = ctx.document.clauses
        series: dict[tuple, list[_Numbered]] = {}
        for node in tree:
            entry = _numbered(tree, node)
            if entry is not None and node.kind in self.kinds:
                series.setdefault(entry.series, []).append(entry)
        hits: list[Hit] = []
        for entries in series.values():
            hits += self._series_hits(ctx, entries)
        if "clause" in self.kinds:
            hits += self._chapter_mismatches(ctx, tree)
        hits.sort(key=lambda h: h.start)
        yield from hits

    def _series_hits(self, ctx: "ReviewContext", entries: list[_Numbered]) -> list[Hit]:
        out = []
        previous: _Numbered | None = None
        seen: dict[int, _Numbered] = {}
        for entry in entries:
            node, value = entry.node, entry.value
            name = _LazyName(ctx, node)
            if previous is not None and entry.part != previous.part and value == 1:
                previous, seen = None, {}  # a new part (or annex) numbers afresh: 第1条 again
                seen[value] = entry
                previous = entry
                continue
            if previous is None:
                tree = ctx.document.clauses
                parent = tree.parent(node)
                floor = parent.body_start if parent is not None and isinstance(entry.series[1], int) else 0
                if value > 1 and not _written_inline(ctx, node, value - 1, floor):
                    missing = _range(ctx, node, 1, value - 1)
                    out.append(_hit(ctx, node, "", tr("{n} 之前缺少 {m}", "{m} is missing before {n}",
                                                      n=name, m=missing), missing))
            elif value == previous.value + 1:
                pass
            elif value == 1 and isinstance(entry.series[1], int):
                pass  # a new list under the same parent
            elif value == previous.value or value in seen:
                first = seen.get(value, previous)
                out.append(_hit(ctx, node, _where(ctx, first.node), tr(
                    "{n} 重复出现（前面已有一个 {p}）", "{n} appears twice (there is already a {p})",
                    n=name, p=_where(ctx, first.node)), ""))
            elif value > previous.value + 1 and not _written_inline(ctx, node, value - 1, previous.node.start):
                missing = _range(ctx, node, previous.value + 1, value - 1)
                before = _where(ctx, previous.node)
                out.append(_hit(ctx, node, before, tr(
                    "{p} 之后是 {n}，缺少 {m}", "{n} follows {p}: {m} is missing", p=before, n=name, m=missing),
                    missing))
            elif value < previous.value:
                before = _where(ctx, previous.node)
                out.append(_hit(ctx, node, before, tr(
                    "{p} 之后是 {n}，编号倒退", "{n} follows {p}: the numbering goes backwards", p=before, n=name), ""))
            seen.setdefault(value, entry)
            previous = entry
        return out

    def _chapter_mismatches(self, ctx: "ReviewContext", tree: "ClauseTree") -> list[Hit]:
        out = []
        for node in tree:
            if node.kind != "clause" or node.parent is None or not _DOTTED_LABEL.fullmatch(node.label.strip()):
                continue
            chapter = tree.nodes[node.parent]
            if chapter.kind != "chapter" or not chapter.number:
                continue
            if node.number.split(".")[0] != chapter.number:
                out.append(_hit(ctx, node, chapter.label, tr(
                    "{c}中出现编号 {n}，与所在章不符", "{n} sits in {c}, whose clauses should start with {k}.",
                    c=chapter.label, n=node.label, k=chapter.number), ""))
        return out


_NUMERAL_RUN = re.compile(r"[一二三四五六七八九十百零〇两]+|\d+")
_DOTTED = re.compile(r"[\d.\-－．]+[.．、]?")
_PART = re.compile(r"第\s*\S{1,4}\s*(?:部分|编)")
_DOTTED_LABEL = re.compile(r"\d+(?:\.\d+)+")


def _numbered(tree: "ClauseTree", node: "Clause") -> _Numbered | None:
    """The node's number and the series it belongs to, told by how its label is written.

    第N章 and 第N条 run through the whole contract (articles keep counting across chapters); 5.1,
    5.2 restart under each prefix; 一、, 1., （一）, (1) restart under each parent — so the 1. of
    an annex or of the next article is a new list, not a repeat.
    """
    if node.kind not in ("chapter", "clause", "item") or not node.label:
        return None
    parsed = _parse_label(node.label)
    if parsed is None:
        return None
    value, shape, prefix = parsed
    part = _part_of(tree, node)
    if prefix is not None:
        key = (shape, prefix)
    elif shape in ("第N章", "第N条") or node.parent is None \
            or (part is not None and node.parent == part and tree.nodes[part].kind == "chapter"):
        key = (shape, None)
    else:
        key = (shape, node.parent)
    return _Numbered(node, value, key, part)


def _part_of(tree: "ClauseTree", node: "Clause") -> int | None:
    """The 第X部分 / 第X编 (or annex) the node sits in: articles count afresh in each part."""
    for above in tree.ancestors(node):
        if above.kind == "annex" or (above.kind == "chapter" and _PART.match(above.label.strip())):
            return above.index
    return None


@lru_cache(maxsize=65536)
def _parse_label(label: str) -> tuple[int, str, str | None] | None:
    """"第十一章" → (11, "第N章", None); "5.3" → (3, "N.N", "5"): labels repeat, so parse each once."""
    label = re.sub(r"[-－—–](?=\s*、)", "一", label.strip())  # 十-、 is 十一、 mistyped
    runs = _NUMERAL_RUN.findall(label)
    if not runs:
        return None
    value = int(runs[-1]) if runs[-1].isdigit() else cn_int(runs[-1])
    if value is None:
        return None
    prefix = ".".join(runs[:-1]) if len(runs) >= 2 and _DOTTED.fullmatch(label) else None
    return value, _shape(label), prefix


def _shape(label: str) -> str:
    """How a label is written, punctuation folded: 1. 1． 1、 2 、 1, are one list; 1.1 and 1.1. too."""
    shape = _NUMERAL_RUN.sub("N", fold_width(label))
    shape = re.sub(r"\s+", "", shape)
    shape = re.sub(r"[、,，]", ".", shape)
    return shape[:-1] if shape.endswith(".") and shape.count("N") > 1 else shape


def _written_inline(ctx: "ReviewContext", node: "Clause", value: int, since: int) -> bool:
    """True when the number before ``node`` is in the text, run into a line the parser did not split
    (3.2 付款：(1)签订后付30%；⏎(2)验收后付70%): then nothing is missing."""
    label = _label_for(node, value)
    variants = {label, label.replace("(", "（").replace(")", "）"), label.replace("（", "(").replace("）", ")")}
    text = ctx.document.text
    return any(text.find(v, since, node.start) >= 0 for v in variants if v)


def _label_for(node: "Clause", value: int) -> str:
    """The label ``node`` would have with number ``value``: 第十章, 5.2, (2), 三、."""
    label = node.label.strip()
    runs = list(_NUMERAL_RUN.finditer(label))
    if not runs:
        return str(value)
    last = runs[-1]
    number = str(value) if last.group().isdigit() else int_to_cn(value)
    return label[:last.start()] + number + label[last.end():]


class _LazyName:
    """The node's name, worked out only when a problem is reported (most numbers are fine)."""

    def __init__(self, ctx: "ReviewContext", node: "Clause") -> None:
        self.ctx, self.node = ctx, node

    def __str__(self) -> str:
        return _where(self.ctx, self.node)

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)


def _where(ctx: "ReviewContext", node: "Clause") -> str:
    return clause_name(ctx.document.clauses, node)


def _range(ctx: "ReviewContext", node: "Clause", low: int, high: int) -> str:
    """How counsel name the missing numbers: 第十章, or 第五条–第九条, or 第四条第2款."""
    name = _where(ctx, node)
    label = node.label.strip()

    def named(value: int) -> str:
        new = _label_for(node, value)
        if name.endswith(label):
            return name[: len(name) - len(label)] + new
        # 第四条第2款: the number sits before 款.
        return re.sub(r"(\d+|[一二三四五六七八九十]+)(款)$", lambda m: _label_for(node, value).strip("（()）.．、") + m.group(2), name)

    return named(low) if low == high else f"{named(low)}–{named(high)}"


def _label_span(ctx: "ReviewContext", node: "Clause") -> tuple[int, int]:
    text = ctx.document.text
    at = text.find(node.label, node.start, node.start + len(node.label) + 8) if node.label else -1
    if at < 0:
        return node.start, max(node.start + 1, min(node.end, node.heading_end or node.start + 1))
    return at, at + len(node.label)


def _hit(ctx: "ReviewContext", node: "Clause", previous: str, problem: str, missing: str) -> Hit:
    start, end = _label_span(ctx, node)
    name = _where(ctx, node)
    if missing:
        fix = tr("核对是否漏掉了{m}；", "Check whether {m} was left out; ", m=missing)
    elif previous == name:
        fix = tr("确认两个{n}是否应依次编号；", "Check whether the two {n} should be numbered in turn; ", n=name)
    else:
        fix = ""
    values = {"number": name, "previous": str(previous), "problem": problem, "missing": missing,
              "place": name, "fix": fix}
    return Hit(start, end, values)


# -- cross-references -------------------------------------------------------------------------

_NUM = r"[一二三四五六七八九十百零〇两\d]+"
REFERENCE = re.compile(
    rf"第\s*(?P<num>{_NUM}(?:\s*\.\s*\d+)*)\s*(?P<unit>条|章)"
    r"|(?:本合同|本协议|见|按|依|依照|按照|根据|参照|参见|详见|依据|违反|符合|遵守|适用)\s*"
    r"(?P<dotted>\d+(?:\.\d+)+)\s*(?:条|款|项)?(?![\d.%％])"
    rf"|附件\s*(?P<annex>{_NUM})(?![\d.])")
# A statute's article (《民法典》第五百八十五条, 合同法第52条, 该法第十条) or another document's
# (主合同第5条, 本附件第3条, 《框架协议》第二条) is not a reference to this contract's clauses.
_LAW_BEFORE = re.compile(
    r"(?:》|法典|法|条例|规定|办法|解释|细则|通则|总则|公约|规则|章程|该法|本法|主合同|原合同|框架协议|"
    r"补充协议|附件|附件[一二三四五六七八九十\d]+|招标文件|投标文件|订单)\s*(?:的)?\s*"
    r"(?:第[^，。；;,\n]{1,12}?[编章节条款项]\s*(?:[、，,和及或与至到]\s*)?)*$")
_ANNEX_HEADING = re.compile(rf"^附件\s*(?P<annex>{_NUM})(?:\s*[：:、.．《]|\s|$)", re.M)


class CrossReferenceDetector(RuleType):
    """What it flags: a reference to a clause, chapter or annex that the contract does not have —
    ``见第15条`` when there is no 15, ``本合同第十二条``, ``第 3.4 条``, ``按照本合同5.6条``,
    ``附件三`` when no 附件三 is attached. Chinese and Arabic numerals are compared as numbers.
    Not flagged: articles of statutes (《民法典》第五百八十五条), 本条, 前款, and the clause
    numbers themselves.

    Why it matters: a reference to nothing leaves the obligation it imports undefined — often the
    very price list, service level or acceptance test the clause relies on — and shows the text was
    edited after the references were written.

    Example: ``乙方应按第15条的约定提供维护服务`` in a contract whose last clause is 12.2.

    Better wording: point the reference at the clause that exists (``按本合同 7.2 条的约定``) or
    attach the missing annex and list it in the annex clause.
    """

    name = "cross-reference"
    params = {
        "annexes": Param(bool, default=True, doc="also check references to annexes (附件三)"),
    }

    def setup(self) -> None:
        self.annexes = bool(self.options.get("annexes", True))

    def check(self, ctx: "ReviewContext") -> Iterable[Hit]:
        # One finding per missing target, at its first reference; the others are named in it.
        first: dict[str, Hit] = {}
        others: dict[str, list[str]] = {}
        for hit in self._references(ctx):
            target = hit.values["target"]
            if target not in first:
                first[target] = hit
                others[target] = []
            elif hit.values["place"] not in others[target] and hit.values["place"] != first[target].values["place"]:
                others[target].append(hit.values["place"])
        for target, hit in first.items():
            also = others[target]
            hit.values["also"] = tr("（另见 {p}）", " (also in {p})", p="、".join(also)) if also else ""
            yield hit

    def _references(self, ctx: "ReviewContext") -> Iterable[Hit]:
        doc = ctx.document
        text = doc.text
        tree = doc.clauses
        numbers = {n.number for n in tree if n.number and n.kind in ("chapter", "clause", "item")}
        chapters = {n.number for n in tree if n.number and n.kind == "chapter"}
        label_starts = {n.start for n in tree if n.label}
        annexes = _annex_numbers(ctx)
        signature = [n for n in tree if n.kind == "signature"]
        foreign = foreign_index(doc)
        for start, end, m in contract_matches(ctx, REFERENCE):
            if m.start() in label_starts or foreign.touches(m.start(), m.end()):
                continue
            if any(s.start <= m.start() < s.end for s in signature):
                continue
            if m.group("annex"):
                if not self.annexes or m.start() == start and _ANNEX_HEADING.match(text, start, end):
                    continue
                value = cn_int(m.group("annex"))
                if value is None or value in annexes:
                    continue
                target = tr("附件{n}", "annex {n}", n=m.group("annex"))
                yield self._hit(ctx, m, target)
                continue
            if not numbers:
                continue  # no clause tree to check against
            if _LAW_BEFORE.search(text, max(start, m.start() - 40), m.start()):
                continue
            if m.group("dotted"):
                wanted = re.sub(r"\s", "", m.group("dotted"))
                unit = "条"
            else:
                raw = re.sub(r"\s", "", m.group("num"))
                unit = m.group("unit")
                if "." in raw:
                    wanted = raw
                else:
                    value = cn_int(raw)
                    if value is None:
                        continue
                    wanted = str(value)
            if unit == "章" and chapters and wanted not in chapters:
                yield self._hit(ctx, m, tr("第{n}章", "chapter {n}", n=wanted))
            elif unit == "条" and wanted not in numbers:
                yield self._hit(ctx, m, tr("第{n}条", "clause {n}", n=wanted))

    @staticmethod
    def _hit(ctx: "ReviewContext", m: re.Match, target: str) -> Hit:
        if m.group("annex"):
            fix = tr("把{t}附在合同后，并在附件条款中列明，例如“{t}《服务内容及价格清单》为本合同不可分割的组成部分”；"
                     "或删去对它的引用。",
                     "Attach {t} and list it in the annex clause, or delete the references to it.", t=target)
        else:
            fix = tr("将“{r}”改为实际存在的条款编号，或补上被引用的条款。",
                     "Point “{r}” at a clause that exists, or add the clause it refers to.", r=m.group())
        return Hit(m.start(), m.end(), {"ref": m.group(), "target": target, "place": place_of(ctx, m.start()),
                                        "fix": fix})


def _annex_numbers(ctx: "ReviewContext") -> set[int]:
    """Numbers of the annexes the contract carries: annex nodes, or lines headed 附件X with text under them."""
    doc = ctx.document
    text = doc.text
    found: set[int] = set()
    for node in doc.clauses:
        if node.kind == "annex":
            m = re.search(rf"附件\s*({_NUM})", node.label + node.heading)
            value = cn_int(m.group(1)) if m else (cn_int(node.number) if node.number else None)
            if value is not None:
                found.add(value)
    spans = ctx.contract_spans
    for i, (start, end) in enumerate(spans):
        m = _ANNEX_HEADING.match(text, start, end)
        if not m:
            continue
        # A list of annexes (附件一 … ⏎ 附件二 …) names them; an annex has text of its own under its heading.
        following = spans[i + 1] if i + 1 < len(spans) else None
        if following is not None and not _ANNEX_HEADING.match(text, following[0], following[1]):
            value = cn_int(m.group("annex"))
            if value is not None:
                found.add(value)
    return found
