"""Where a hit sits, in counsel's words (3.1, 合同首部, 签署页), and the contract's own text per clause."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING, Iterator

from ...i18n import tr

if TYPE_CHECKING:  # pragma: no cover
    from ..context import ReviewContext
    from ...model.clauses import Clause, ClauseTree

#: A line of a signature block: 甲方（盖章）：, 法定代表人或授权代表（签字）：, 签订日期：, 盖章页.
SIGNATURE_LINE = re.compile(
    r"^(?:(?:甲|乙|丙|丁)方|委托方|受托方|委托人|受托人|买方|卖方|供方|需方|出租方|承租方|发包方|承包方|"
    r"[^\s，。；:：]{0,12}?)?[（(]?(?:盖章|公章|签章|签字|签名|合同专用章|签字或盖章|签字并盖章|签字盖章|"
    r"盖章处|签字处)[)）]?\s*[:：]"
    r"|^(?:法定代表人|授权代表|委托代理人|负责人)(?:或.{0,8})?[（(]\s*(?:签字|签章|签名|盖章)[^)）]{0,6}[)）]"
    r"|^(?:签订|签署|签约)(?:日期|时间)\s*[:：]"
    r"|^[（(]?(?:以下无正文|本页无正文|此页无正文)|签[字署]页\s*$|^签署页", re.M)


def place_of(ctx: "ReviewContext", offset: int) -> str:
    """The clause label counsel would cite for ``offset``: "3.1", "第十条", "合同首部", "签署页"."""
    tree = ctx.document.clauses
    node = tree.clause_at(offset)
    if node is None:
        first = next((n for n in tree if n.kind in ("chapter", "clause")), None)
        if first is None or offset < first.start:
            return tr("合同首部", "the contract header")
        return tr("合同正文", "the contract")
    if node.kind in ("title", "preamble"):
        return tr("合同首部", "the contract header")
    if node.kind == "signature":
        return tr("签署页", "the signature block")
    if node.kind == "annex":
        return node.label or tr("附件", "the annex")
    if node.kind == "chapter" and node.heading_start <= offset < node.heading_end:
        return tr("{l}标题", "the heading of {l}", l=node.label)
    return clause_name(tree, node)


def clause_name(tree: "ClauseTree", node: "Clause") -> str:
    """3.1, 第十条, or 第四条第2款 for a paragraph "2." inside 第四条 — never a bare "2."."""
    label = node.label.strip()
    parent = tree.parent(node)
    if parent is None or not label or re.fullmatch(r"\d+(?:\.\d+)+|第.+", label):
        return label or (node.number or "")
    m = re.fullmatch(r"[(（]?(\d+|[一二三四五六七八九十]+)[.．、)）]?", label)
    if m and re.fullmatch(r"第.+条", parent.label.strip()):
        return tr("{p}第{n}款", "{p} para. {n}", p=parent.label.strip(), n=m.group(1))
    return f"{clause_name(tree, parent)} {label}"


def signature_span(ctx: "ReviewContext") -> tuple[int, int] | None:
    """The signature block as ``(start, end)``: the parser's signature nodes, else the signing lines
    after the last clause — up to an annex, whose blanks (a price list) are not signing details."""
    document = ctx.document
    if "_signature_span" not in document.__dict__:
        document.__dict__["_signature_span"] = _signature_span(document, ctx.contract_spans)
    return document.__dict__["_signature_span"]


def _signature_span(document, spans: list[tuple[int, int]]) -> tuple[int, int] | None:
    tree = document.clauses
    nodes = [n for n in tree if n.kind == "signature"]
    if nodes:
        return min(n.start for n in nodes), max(n.end for n in nodes)
    # No node: look for signing lines after the last numbered clause's heading — a signature block
    # sits after the clauses, and "自双方签字盖章之日起" inside a clause is not one.
    in_annex: set[int] = set()
    for n in tree:
        if n.kind == "annex" or n.parent in in_annex:
            in_annex.add(n.index)
    last_clause = max((n.start for n in tree if n.kind in ("chapter", "clause") and n.index not in in_annex),
                      default=-1)
    for start, end in spans:
        # Spaces left by PDF line wrapping (乙 方（盖章）：) do not hide a signing line.
        if start > last_clause and SIGNATURE_LINE.search(re.sub(r"[ 　]", "", document.text[start:end])):
            annex = min((n.start for n in tree if n.kind == "annex" and n.start > start), default=len(document.text))
            return start, annex
    return None


def first_child_starts(tree: "ClauseTree") -> dict[int, int]:
    """Node index → start of its first child, so a clause's own text is found without rescans."""
    out: dict[int, int] = {}
    for node in tree:
        if node.parent is not None and node.parent not in out:
            out[node.parent] = node.start
    return out


def own_span(ctx: "ReviewContext", node: "Clause", child_starts: dict[int, int]) -> tuple[int, int]:
    """The node's own body (after its heading, before its first child), without trailing foreign text."""
    doc = ctx.document
    text = doc.text
    start = node.body_start
    end = min(node.end, child_starts.get(node.index, node.end))
    end = max(start, end)
    # Inline spam or chrome at the very end is not the clause's own words.
    index = foreign_index(doc)
    moved = True
    while moved and end > start:
        moved = False
        while end > start and text[end - 1].isspace():
            end -= 1
        for span in index.ending_in(max(start, end - 1), end):
            if span.start < end <= span.end:
                end = max(start, span.start)
                moved = True
    return start, end


class ForeignIndex:
    """Answers "does ``[start, end)`` touch foreign text?" in O(log n) for documents full of spam."""

    def __init__(self, spans) -> None:
        self.source = spans
        ordered = sorted(spans, key=lambda f: f.start)
        self.spans = ordered
        self.starts = [f.start for f in ordered]
        self.reach: list[int] = []  # the furthest end among the spans up to each index
        furthest = -1
        for f in ordered:
            furthest = max(furthest, f.end)
            self.reach.append(furthest)

    def touches(self, start: int, end: int) -> bool:
        i = bisect_left(self.starts, max(end, start + 1))
        return i > 0 and self.reach[i - 1] > start

    def ending_in(self, start: int, end: int) -> list:
        """Spans that overlap ``[start, end)`` (few: used only where something was found)."""
        i = bisect_left(self.starts, max(end, start + 1))
        return [f for f in self.spans[:i] if f.end > start] if i and self.reach[i - 1] > start else []


def contract_matches(ctx: "ReviewContext", rx: "re.Pattern") -> Iterator[tuple[int, int, "re.Match"]]:
    """Matches of ``rx`` that lie inside one contract line, as ``(line_start, line_end, match)``.

    The pattern runs once over the whole text — far faster than once per line on a contract of
    thousands of lines — and matches in chrome blocks or across lines are dropped.
    """
    spans = ctx.contract_spans
    starts = [s for s, _ in spans]
    for m in rx.finditer(ctx.document.text):
        i = bisect_right(starts, m.start()) - 1
        if i >= 0 and m.end() <= spans[i][1]:
            yield spans[i][0], spans[i][1], m


def foreign_index(document) -> ForeignIndex:
    """The document's foreign spans, indexed once (kept on the document, rebuilt if they change)."""
    index = document.__dict__.get("_foreign_index")
    if index is None or index.source is not document.foreign:
        index = ForeignIndex(document.foreign)
        document.__dict__["_foreign_index"] = index
    return index


def clip(text: str, limit: int, left: bool) -> str:
    """Shorten a context to ``limit`` characters, marking the cut with …."""
    if len(text) <= limit:
        return text
    return "…" + text[-limit:] if left else text[:limit] + "…"
