"""Words every comparison report shares: status names, clause names, changed words in context."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..i18n import tr

if TYPE_CHECKING:  # pragma: no cover
    from . import Comparison
    from .clauses import ClauseChange

_CLAUSE = {
    "same": ("未变", "same"), "moved": ("移动", "moved"), "changed": ("修改", "changed"),
    "added": ("新增", "added"), "removed": ("删除", "removed"),
}
# Against our template the same statuses read from our side of the table.
_TEMPLATE = {
    "same": ("一致", "unchanged"), "moved": ("一致（位置不同）", "unchanged (elsewhere)"),
    "changed": ("被修改", "changed"), "added": ("对方增加", "added by them"),
    "removed": ("对方缺少", "missing in theirs"),
}
_FINDING = {"new": ("新增风险", "new"), "open": ("仍存在", "open"), "resolved": ("已解决", "resolved")}
_RELATION = {"split": ("拆分", "split"), "merged": ("合并", "merged")}
_KIND = {"title": ("标题", "title"), "preamble": ("首部", "preamble"), "signature": ("签署页", "signature block"),
         "annex": ("附件", "annex")}


def clause_status(status: str, template: bool = False) -> str:
    return tr(*(_TEMPLATE if template else _CLAUSE)[status])


def finding_status(status: str) -> str:
    return tr(*_FINDING[status])


def relation_name(relation: str | None) -> str:
    return tr(*_RELATION[relation]) if relation else ""


def unit_name(unit) -> str:
    """"2.3 服务期限", "第四章 知识产权", "标题" (the kind for the title, preamble …)."""
    if unit is None:
        return "—"
    if unit.kind in _KIND and not unit.node.label:
        return tr(*_KIND[unit.kind])
    return unit.name


def number_of(unit) -> str:
    """The number as written; for an unnumbered part its kind, or its first words in quotes."""
    if unit is None:
        return "—"
    if unit.node.label:
        return unit.node.label
    if unit.kind in _KIND:
        return tr(*_KIND[unit.kind])
    return f"“{unit.key[:10]}{'…' if len(unit.key) > 10 else ''}”"


def new_risks(comparison: "Comparison") -> dict[int, list]:
    """New findings by the new draft's unit they sit in: what a changed or added clause brought in."""
    out: dict[int, list] = {}
    for change in comparison.findings:
        if change.status == "new" and not change.new.whole_document:
            j = comparison.clauses.new_unit_at(change.new.start)
            if j is not None:
                out.setdefault(j, []).append(change.new)
    return out


def risk_note(findings: list) -> str:
    """"新增风险：单方变更、…" for the clause that brought them in."""
    from ..reports.common import category_label

    names = list(dict.fromkeys(category_label(f.category) for f in findings))
    return tr("新增风险：", "new risk: ") + tr("、", ", ").join(names)


def heading_of(change: "ClauseChange") -> str:
    unit = change.new or change.old
    return unit.node.heading if unit is not None else ""


def listed(comparison: "Comparison"):
    """``(change, status label, changed words, new risks)`` for each clause a list shows.

    Every clause against our template; only what changed between two drafts. The changed words
    of a split or merged group are given once, on its first line; the new risks name the
    categories of new findings in the clause (what a rewrite weakened).
    """
    shown: set[int] = set()
    risks = new_risks(comparison)
    for change in comparison.clauses:
        if change.status == "same" and not comparison.template:
            continue
        label = clause_status(change.status, comparison.template)
        if change.relation:
            label += tr("（{r}）", " ({r})", r=relation_name(change.relation))
        words = ""
        if change.diff is not None and id(change.diff) not in shown:
            shown.add(id(change.diff))
            words = inline_changes(change, comparison)
        found = risks.get(change.new.index, []) if change.new is not None and change.status != "same" else []
        yield change, label, words, (risk_note(found) if found else "")


def counts_line(comparison: "Comparison") -> str:
    c = comparison.clauses.counts()
    t = comparison.template
    parts = [f"{clause_status(s, t)} {c[s]}" for s in ("same", "moved", "changed", "added", "removed")]
    return tr("条款：", "Clauses: ") + tr("，", ", ").join(parts)


def findings_line(comparison: "Comparison") -> str:
    c = comparison.finding_counts()
    if comparison.template:
        return tr("风险：对方文本新增 {new} 项（我方模板中没有）", "Findings: {new} new in their draft (not in our template)",
                  **c)
    line = tr("风险：新增 {new}，已解决 {resolved}，仍存在 {open}", "Findings: {new} new, {resolved} resolved, {open} open",
              **c)
    carried = comparison.carried_count()
    if carried:
        line += tr("（其中 {n} 条沿用上一稿的处理结果）", " ({n} decisions carried from the earlier draft)", n=carried)
    return line


def inline_changes(change: "ClauseChange", comparison: "Comparison", context: int = 10,
                   limit: int = 400) -> str:
    """The changed words in context, ``…为期[-____年-]{+两年+}。``, for text and Markdown."""
    if change.diff is None:
        return ""
    old, new = comparison.old_document.text, comparison.new_document.text
    unit = change.new
    lo, hi = (unit.label_end, unit.end) if unit is not None else (0, len(new))
    parts: list[str] = []
    cursor = None
    for c in change.diff.changes:
        if c.new_end < lo or c.new_start > hi:  # in another piece of a split clause
            continue
        start = max(lo, c.new_start - context)
        if cursor is None or start > cursor + context:
            if cursor is not None:
                parts.append(_flat(new[cursor:min(cursor + context, hi)]) + "…")
            parts.append(("…" if start > lo else "") + _flat(new[start:c.new_start]))
        else:
            parts.append(_flat(new[cursor:c.new_start]))
        if c.old_end > c.old_start:
            parts.append(f"[-{_flat(old[c.old_start:c.old_end])}-]")
        if c.new_end > c.new_start:
            parts.append(f"{{+{_flat(new[c.new_start:c.new_end])}+}}")
        cursor = c.new_end
    if cursor is not None:
        tail = new[cursor:min(cursor + context, hi)]
        parts.append(_flat(tail) + ("…" if cursor + context < hi else ""))
    text = "".join(parts)
    return text if len(text) <= limit else text[:limit] + "…"


def _flat(text: str) -> str:
    return " ".join(text.split())
