"""``contract-review compare`` on the terminal: the clause changes, then the risk delta, like a compiler."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..i18n import tr
from .labels import counts_line, finding_status, findings_line, heading_of, listed, number_of

if TYPE_CHECKING:  # pragma: no cover
    from . import Comparison

#: The order findings are listed in: what counsel must look at first.
FINDING_ORDER = ("new", "resolved", "open")


def header_line(comparison: "Comparison") -> str:
    old, new = comparison.old_document.path, comparison.new_document.path
    side = tr("客户", "customer") if comparison.new.perspective == "customer" else tr("供应商", "vendor")
    if comparison.template:
        what = tr("我方模板 {old} ↔ 对方文本 {new}", "Our template {old} against their draft {new}", old=old, new=new)
    else:
        what = tr("上一稿 {old} → 新稿 {new}", "Earlier draft {old} → new draft {new}", old=old, new=new)
    return what + tr("（{pack}，我方：{side}）", " ({pack}, perspective: {side})",
                     pack=comparison.new.pack_version or "-", side=side)


def format_text(comparison: "Comparison") -> str:
    lines = [header_line(comparison), counts_line(comparison)]
    for change, label, words, risks in listed(comparison):
        line = f"{label}  {number_of(change.old)} → {number_of(change.new)}  {heading_of(change)}".rstrip()
        line += (tr("：", ": ") + words if words else "") + (f"  [{risks}]" if risks else "")
        lines.append(line)
    lines.append(findings_line(comparison))
    by_status = {s: [] for s in FINDING_ORDER}
    for change, decision in zip(comparison.findings, comparison.decisions):
        by_status[change.status].append((change, decision))
    for status in FINDING_ORDER:
        if comparison.template and status != "new":
            continue  # against our template, only the risks their draft brings in
        for change, decision in by_status[status]:
            lines.append(_finding_line(comparison, change, decision))
    return "\n".join(lines) + "\n"


def _finding_line(comparison: "Comparison", change, decision) -> str:
    f = change.finding
    document = comparison.new_document if change.new is not None else comparison.old_document
    marks = [finding_status(change.status)]
    if decision.status != "open" or decision.origin == "carried":
        from ..model.decisions import STATUS_LABELS

        name = tr(*STATUS_LABELS[decision.status])
        if decision.origin == "carried":
            name += tr("，沿用上一稿", ", carried from the earlier draft")
        marks.append(name)
    if decision.earlier is not None and decision.earlier.status != "open":
        from ..model.decisions import STATUS_LABELS

        marks.append(tr("措辞已改，请重新判断（上一稿：{s}）", "words changed, decide again (earlier: {s})",
                        s=tr(*STATUS_LABELS[decision.earlier.status])))
    clause = f.clause or "—"
    return (f"{document.path}:{f.page}: {clause} {f.severity.value} {f.category} — {f.message} "
            f"[{'; '.join(marks)}]")
