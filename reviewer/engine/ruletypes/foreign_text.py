"""Text that is not part of the contract (web chrome, advertising, contact handles, spam), as findings."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from ...model.findings import Severity
from ...i18n import tr
from .base import Hit, Param, RuleType
from .places import clip

if TYPE_CHECKING:  # pragma: no cover
    from ...model.document import ForeignSpan
    from ..context import ReviewContext

SEVERITIES = ("high", "medium", "low", "info")


def _close(text: str, end: int, start: int) -> bool:
    """Whether only a few short lines (at most three, 40 characters each) lie between two stretches."""
    if start <= end + 1:
        return True
    lines = text[end:start].strip("\n").split("\n")
    return len(lines) <= 3 and all(len(line) <= 40 for line in lines)


def _kind_label(kind: str) -> str:
    return {
        "web-chrome": tr("网页元素", "web-page chrome"),
        "advertising": tr("广告", "advertising"),
        "contact": tr("联系方式", "a contact handle"),
        "spam": tr("垃圾文字", "spam"),
    }.get(kind, kind)


class ForeignTextDetector(RuleType):
    """What it flags: text the loader recognised as not part of the contract — the chrome of the web
    page it was copied from, advertising, contact handles, gambling spam substituted into words.
    Inside a clause (a heading or body) it is high: the clause's words were replaced, and the
    finding names the word the spam stands for when it can be told (``第五章标题中的“必威体育官网
    网址”疑为“保密”被替换的垃圾文字``). Outside the clauses (page chrome before or after the
    contract) it is context (info): one finding per stretch of foreign text. ``where`` picks one of
    the two (a rule each, so each reads right) or both.

    Why it matters: a clause whose key word was replaced by spam no longer says what was agreed —
    a 保密 chapter that reads 必威体育官网网址 imposes no confidentiality duty on its face — and a
    document with page chrome around it is a copy from a sharing site, not the vendor's original.

    Example: ``第五章:必威体育官网网址条款`` and ``5.1 … 应予以严格必威体育官网网址。``

    Better wording: ``第五章 保密条款`` ⏎ ``5.1 … 应予以严格保密。`` — and ask the vendor for the
    original file (Word/PDF) instead of a copy from the web.
    """

    name = "foreign-text"
    params = {
        "where": Param(str, choices=("clauses", "outside", "all"), default="all",
                       doc="clauses: foreign text inside clauses; outside: chrome around them; all: both"),
        "inside_severity": Param(str, choices=SEVERITIES, default="high", doc="severity inside a clause"),
        "outside_severity": Param(str, choices=SEVERITIES, default="info", doc="severity outside the clauses"),
    }

    def setup(self) -> None:
        self.where = self.options.get("where") or "all"
        self.inside = Severity(self.options.get("inside_severity") or "high")
        self.outside = Severity(self.options.get("outside_severity") or "info")

    def check(self, ctx: "ReviewContext") -> Iterable[Hit]:
        doc = ctx.document
        inside: list["ForeignSpan"] = []
        outside: list[list["ForeignSpan"]] = []
        for span in sorted(doc.foreign, key=lambda f: (f.start, -f.end)):
            block = doc.block_at(span.start)
            if block is not None and not doc.is_foreign_block(block):
                inside.append(span)
                continue
            group = outside[-1] if outside else None
            # Adjacent or nested stretches of chrome make one finding: counsel read "the page
            # around the contract", not each line of it — also across a few short lines between
            # them (部门：… 地区：… between a page's ID and its link).
            if group and _close(doc.text, max(f.end for f in group), span.start):
                group.append(span)
            else:
                outside.append([span])
        if self.where in ("clauses", "all"):
            for span in inside:
                yield self._inside_hit(ctx, span)
        if self.where in ("outside", "all"):
            for group in outside:
                yield self._outside_hit(ctx, group)

    def _inside_hit(self, ctx: "ReviewContext", span: "ForeignSpan") -> Hit:
        doc = ctx.document
        tree = doc.clauses
        node = tree.at(span.start)
        label = node.label if node is not None else ""
        if node is not None and node.kind == "item":
            parent = tree.parent(node)
            label = f"{parent.label}{node.label}" if parent is not None else node.label
        if node is None or node.kind in ("title", "preamble"):
            where = tr("合同首部", "in the contract header")
        elif node.heading_start <= span.start < node.heading_end:
            where = tr("{l}标题中", "in the heading of {l}", l=label or node.heading)
        elif node.kind == "signature":
            where = tr("签署页中", "in the signature block")
        else:
            where = tr("{l}正文中", "in the text of {l}", l=label or node.display)
        if span.replaces:
            guess = tr("疑为“{w}”被替换的{k}", "looks like {k} substituted for “{w}”", w=span.replaces,
                       k=_kind_label(span.kind))
        else:
            guess = tr("是混入条款的{k}，不属于合同内容", "is {k} inside the clause, not contract text",
                       k=_kind_label(span.kind))
        snippet = clip(doc.text[span.start:span.end], 24, left=False)
        if span.replaces:
            fix = tr("将“{s}”恢复为“{w}”，并向对方索取原始文本（Word/PDF 原件），逐条核对其余条款是否也被改动。",
                     "Restore “{w}” in place of “{s}”, and ask the vendor for the original file to check every "
                     "other clause for changes.", s=snippet, w=span.replaces)
        else:
            fix = tr("删除“{s}”，并向对方索取原始文本核对该条款的原文。",
                     "Delete “{s}” and ask the vendor for the original file to check what the clause said.", s=snippet)
        values = {"where": where, "snippet": snippet, "guess": guess, "replaces": span.replaces,
                  "kind": _kind_label(span.kind), "fix": fix}
        return Hit(span.start, span.end, values, self.inside)

    def _outside_hit(self, ctx: "ReviewContext", group: list["ForeignSpan"]) -> Hit:
        doc = ctx.document
        start = min(f.start for f in group)
        end = max(f.end for f in group)
        spans = ctx.contract_spans
        if not spans or end <= spans[0][0]:
            where = tr("合同正文之前", "before the contract text")
        elif start >= spans[-1][1]:
            where = tr("合同正文之后", "after the contract text")
        else:
            where = tr("条款之间", "between the clauses")
        kinds = []
        for f in group:
            label = _kind_label(f.kind)
            if label not in kinds:
                kinds.append(label)
        guess = tr("是{k}，不属于合同内容", "is {k}, not contract text", k=tr("、", ", ").join(kinds))
        snippet = clip(doc.text[start:end].split("\n", 1)[0], 24, left=False)
        fix = tr("以对方提供的正式文本（Word/PDF 原件）为准审阅和签署；这段文字不属于合同，签署文本中不应出现。",
                 "Review and sign the vendor's original file; this text is not part of the contract and must not "
                 "appear in the signed copy.")
        values = {"clause": None, "where": where, "snippet": snippet, "guess": guess, "replaces": "",
                  "kind": kinds[0], "fix": fix}
        return Hit(start, end, values, self.outside)
