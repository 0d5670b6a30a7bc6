"""Clauses that stop mid-sentence, and a contract whose text ends inside a clause."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterable

from ...i18n import tr
from ...structure.regions import RESIDUE
from .base import Hit, Param, RuleType
from .blank_words import cut_words, looks_like_form_label
from .places import clip, first_child_starts, own_span, place_of

if TYPE_CHECKING:  # pragma: no cover
    from ..context import ReviewContext
    from ...model.clauses import Clause

#: A sentence may end on these (brackets and quotes close a sentence that ended inside them).
CLOSERS = set("。；;！!？?.…")
CLOSING_MARKS = set(")）」』”\"'】]")
OPEN_ENDS = set("：:，,、")
#: Words after which a sentence cannot stop (whole jieba tokens, so 各执一本 does not end on 本).
DANGLING = {
    "的", "及", "和", "或", "与", "以及", "或者", "并", "且", "并且", "为", "是", "在", "对", "向", "由", "于",
    "将", "把", "被", "应", "应当", "须", "必须", "可", "可以", "包括", "包括但不限于", "如下", "以下", "下列",
    "根据", "按照", "依照", "依据", "自", "从", "至", "若", "如", "如果", "因", "因为", "但", "但是", "而", "则",
    "即", "经", "通过", "给", "除", "除非", "当", "凡", "就", "有权", "不得", "负责", "确认", "同意",
}
# "以下地址为有效": the clause announces what follows (以下/如下/下列) and nothing follows.
ANNOUNCES = re.compile(r"以下|如下|下列|下述")
SENTENCE_END = re.compile(r"[。；;！!？?]")
#: Words of a sentence with a subject and a duty, which a heading or a list line does not hold.
SENTENCE_WORDS = re.compile(r"[甲乙丙]方|双方|一方|对方|应|须|将|向")
#: Conjunctions that join a clause to the next one (one alternative of a list per clause).
JOINING = {"或", "或者", "以及"}
#: A row of a table flattened into text: cells parted by tabs or pipes.
TABLE_ROW = re.compile(r"\t.*\t|\s\|\s|\|\s*$|^\s*\|")
#: A line that is a field to fill, not a sentence: underscores, a date to write, a template slot.
FIELD_LINE = re.compile(r"[_＿\s\ue000-\uf8ff]+|.*年\s+月\s+日\s*|.*(?:\[%|\{\{|\$\{|«).*")
#: A formula line (月度正常运行时间百分比 = … X 100): complete without a full stop.
FORMULA = re.compile(r"[=÷×]")
# A form line, not a sentence: 上门安装调试：/ , 运输方式：■乙方负责送货 □甲方自提.
FORM_FIELD = re.compile(r"[：:][^：:]*(?:[□☐☑☒■√✓✔]|/\s*$)|^[^，,]{1,16}[：:][^，,。；;]{1,40}$|/\s*$")


class TruncatedClauseDetector(RuleType):
    """What it flags: a clause that stops mid-sentence — its own text (after the heading, before its
    sub-clauses) ends on a colon or comma with nothing after it, on a word a sentence cannot end on
    (的, 及, 为, 应, 以下 …), announces a list (以下, 如下) that never comes, or lacks the closing
    punctuation every other clause of the contract has. With ``scope: document-end`` it flags instead
    a contract whose text stops inside a clause (the last clause unfinished, no signature block after).
    Headings, table cells, the signature block and a clause whose colon introduces its list
    ((1)…(3)) are not truncated.

    Why it matters: a cut-off clause usually means the copy counsel received is not the whole
    contract; the missing words may hold the operative part (the addresses for service, an exception,
    a cap), and what is not written cannot be enforced.

    Example: ``12.2 送达 双方确认以下地址为有效`` — the addresses never follow and the text ends there.

    Better wording: ``12.2 双方确认以下地址为有效送达地址：甲方：【地址】；乙方：【地址】。一方变更
    送达地址的，应提前三日书面通知对方。`` — and ask the vendor for the complete text.
    """

    name = "truncated"
    params = {
        "scope": Param(str, choices=("clauses", "document-end"), default="clauses",
                       doc="clauses: each clause that stops mid-sentence; "
                           "document-end: the contract text ends mid-clause"),
        "style_share": Param((int, float), default=0.8,
                             doc="a clause without closing punctuation is cut off when at least this share "
                                 "of the other clauses has it"),
    }

    def setup(self) -> None:
        self.scope = self.options.get("scope") or "clauses"
        share = self.options.get("style_share")
        self.style_share = 0.8 if share is None else float(share)
        if not 0 < self.style_share <= 1:
            raise ValueError(tr("style_share 应在 0 与 1 之间", "style_share must be between 0 and 1"))

    def check(self, ctx: "ReviewContext") -> Iterable[Hit]:
        if self.scope == "document-end":
            yield from self._document_end(ctx)
            return
        doc = ctx.document
        tree = doc.clauses
        child_starts = first_child_starts(tree)
        in_signature = _signature_nodes(tree)
        text = doc.text
        units: dict[str, list[tuple["Clause", int, int, bool]]] = {"clause": [], "item": []}
        for node in tree:
            if node.kind not in ("chapter", "clause", "item") or node.index in child_starts:
                continue
            if node.index in in_signature:
                continue
            start, end = own_span(ctx, node, child_starts)
            if end <= start or _is_table(doc, end - 1):
                continue
            # A chapter with text of its own and no numbered clauses reads like a clause.
            kind = "item" if node.kind == "item" else "clause"
            units[kind].append((node, start, end, _closed(text[start:end])))
        for found in units.values():
            closed = sum(1 for unit in found if unit[3])
            others = len(found) - 1
            for node, start, end, is_closed in found:
                if is_closed:
                    yield from _ends_before_its_content(ctx, node, start, end)
                    continue
                consistent = others >= 3 and closed >= self.style_share * others
                reason = _cut_reason(text[start:end], consistent, _has_next_sibling(tree, node))
                if reason:
                    yield _hit(ctx, node, start, end, reason)

    def _document_end(self, ctx: "ReviewContext") -> Iterable[Hit]:
        doc = ctx.document
        text = doc.text
        spans = [s for s in ctx.contract_spans if not RESIDUE.fullmatch(text[s[0]:s[1]].strip())]
        if not spans:
            return
        start, end = spans[-1]
        tree = doc.clauses
        node = tree.at(end - 1)
        if node is not None and (node.kind in ("annex", "title") or node.index in _signature_nodes(tree)):
            return
        if _is_table(doc, end - 1):
            return
        line = doc.text[start:end]
        if FIELD_LINE.fullmatch(line):
            return  # a date or a name still to be written in (年 月 日): a form's last line, not a cut
        heading_only = node is not None and node.kind in ("clause", "chapter") and node.body_start >= end
        if _closed(line) and not heading_only:
            return
        anchor = max(start, end - 3)
        clause = tree.clause_at(anchor)
        values = {
            "place": place_of(ctx, anchor),
            "tail": clip(line, 20, left=True),
            "last": (clause.display if clause is not None else ""),
        }
        yield Hit(anchor, end, values)


def _closed(own: str) -> bool:
    own = own.rstrip()
    if not own:
        return True
    last = own[-1]
    if last in CLOSERS:
        return True
    # （以下无正文） and a quoted sentence close with a bracket or a quote.
    return last in CLOSING_MARKS


def _cut_reason(own: str, consistent: bool, continued: bool = False) -> str:
    """Why ``own`` (a clause's own text without sub-clauses) reads as cut off, or "".

    ``continued``: a sibling clause follows, so a clause ending on 或/和 is one alternative of a list.
    """
    own = own.rstrip()
    if _closed(own):
        return ""
    last_line = own.rsplit("\n", 1)[-1]
    last_sentence = SENTENCE_END.split(own)[-1]
    if looks_like_form_label(last_line) or TABLE_ROW.search(last_line) or RESIDUE.fullmatch(last_line.strip()) \
            or FIELD_LINE.fullmatch(last_line) or FORMULA.search(last_line) or _flattened_table(own):
        return ""  # 技术目标：, 帐 号： — a form field left empty (the blank rule's finding), a table row
    announces = ANNOUNCES.search(last_line)
    if own[-1] in "：:" and not announces:
        return ""  # 瑕疵是： / 交付方式： — a field waiting for its value, or a lead-in: not a cut
    if own[-1] in OPEN_ENDS:
        return tr("以“{c}”结尾，后面没有内容", "it ends on “{c}” with nothing after it", c=own[-1])
    tail = last_sentence[-20:]
    # The last words are a suffix of the text: segment it (which loads the dictionary, ~0.1 s)
    # only when it ends with a word that can decide.
    last = cut_words(tail)[-1] if tail.endswith(tuple(DANGLING)) else ""
    if last in DANGLING:
        if continued and last in JOINING:
            return ""  # "…保持良好状态，或" then "２．…": alternatives joined across the list
        return tr("句子停在“{w}”上", "the sentence stops at “{w}”", w=last)
    if announces or (tail.endswith("为有效") and "".join(cut_words(tail)[-2:]) == "为有效"):
        return tr("“以下/如下”所指的内容没有写出", "what 以下/如下 announces never follows")
    if "\n" not in own and len(own) <= 20 and not SENTENCE_WORDS.search(own):
        return ""  # a short line without a full stop (项目地址, 按约定支付费用) is a heading or a list line
    if consistent and not FORM_FIELD.search(last_sentence):
        return tr("没有句末标点，而本合同其他条款都有", "no closing punctuation, unlike every other clause")
    return ""


def _flattened_table(own: str) -> bool:
    """A table converted one cell per line: three or more short lines with no punctuation at the end."""
    lines = [line.strip() for line in own.split("\n")[1:] if line.strip()]
    cells = [line for line in lines if len(line) <= 20 and not _closed(line) and line[-1] not in OPEN_ENDS]
    return len(lines) >= 3 and len(cells) >= 3 and len(cells) >= 0.6 * len(lines)


def _has_next_sibling(tree, node: "Clause") -> bool:
    parent = tree.parent(node)
    siblings = tree.children(parent) if parent is not None else [n for n in tree if n.parent is None]
    return bool(siblings) and siblings[-1].index != node.index


#: A clause that is only its condition: 3、乙方交付后。 — what happens then was never written.
_CONDITION_ONLY = re.compile(r"^[^。；;，,：:\n]{2,24}(?:之后|以后|后|之时|(?<![〇零一二三四五六七八九十百\d小])时)[。；;]$")


def _ends_before_its_content(ctx: "ReviewContext", node: "Clause", start: int, end: int) -> Iterable[Hit]:
    """A closed sentence can still be cut: a clause ending where its content should begin."""
    text = ctx.document.text
    body_start = max(start, node.body_start) if node.body_start else start
    body = text[body_start:end].strip()
    label = (node.label or "").strip()
    if label and body.startswith(label):
        body = body[len(label):].strip()
    if not _CONDITION_ONLY.match(body):
        return
    at = text.find(body, body_start, end)
    reason = tr("条款只写了条件“{b}”，条件成就后怎样没有写出", "the clause states only its condition “{b}”",
                b=body.rstrip("。；;"))
    yield Hit(at, at + len(body), {"place": place_of(ctx, start), "reason": reason, "tail": clip(body, 30, left=True)})


def _hit(ctx: "ReviewContext", node: "Clause", start: int, end: int, reason: str) -> Hit:
    text = ctx.document.text
    # Anchor on the last sentence: the words that stop short.
    cut = max((m.end() for m in SENTENCE_END.finditer(text, start, end)), default=start)
    while cut < end and text[cut] in " \n":
        cut += 1
    values = {"place": place_of(ctx, start), "reason": reason, "tail": clip(text[cut:end], 30, left=True)}
    return Hit(cut, end, values)


def _signature_nodes(tree) -> set[int]:
    """Indexes of the signature block's nodes and everything under them (in document order)."""
    inside: set[int] = set()
    for node in tree:
        if node.kind == "signature" or node.parent in inside:
            inside.add(node.index)
    return inside


def _is_table(doc, offset: int) -> bool:
    block = doc.block_at(offset)
    return block is not None and block.kind == "table"
