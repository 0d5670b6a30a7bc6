"""The comparison as Markdown: the clause table with the changed words, then the risk delta."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model.decisions import STATUS_LABELS
from ..i18n import tr
from .labels import counts_line, finding_status, findings_line, heading_of, listed, number_of
from .text_report import FINDING_ORDER, header_line

if TYPE_CHECKING:  # pragma: no cover
    from . import Comparison


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _words(text: str) -> str:
    """``[-old-]{+new+}`` as Markdown: struck through and bold."""
    return _cell(text).replace("[-", "~~").replace("-]", "~~").replace("{+", "**").replace("+}", "**")


def render_markdown(comparison: "Comparison") -> str:
    title = tr("与我方模板比较", "Compared with our template") if comparison.template else tr("两稿比较", "Comparing drafts")
    out = [f"# {title}", "", header_line(comparison), "", f"- {counts_line(comparison)}",
           f"- {findings_line(comparison)}", "", f"## {tr('条款', 'Clauses')}", ""]
    out += [f"| {tr('状态', 'Status')} | {tr('原条款', 'Old')} | {tr('新条款', 'New')} | {tr('标题', 'Heading')} | "
            f"{tr('改动', 'Changed words')} |", "|---|---|---|---|---|"]
    for change, status, words, risks in listed(comparison):
        risk = f" **⚠ {_cell(risks)}**" if risks else ""
        out.append(f"| {status} | {number_of(change.old)} | {number_of(change.new)} | {_cell(heading_of(change))} | "
                   f"{_words(words)}{risk} |")
    out += ["", f"## {tr('风险变化', 'Risk delta')}", ""]
    out += [f"| {tr('变化', 'Change')} | {tr('条款', 'Clause')} | {tr('级别', 'Severity')} | {tr('问题', 'Finding')} | "
            f"{tr('处理', 'Decision')} |", "|---|---|---|---|---|"]
    rows = sorted(zip(comparison.findings, comparison.decisions), key=lambda p: FINDING_ORDER.index(p[0].status))
    for change, decision in rows:
        if comparison.template and change.status != "new":
            continue
        f = change.finding
        clause = f"{change.old.clause or '—' if change.old else '—'} → {change.new.clause or '—' if change.new else '—'}"
        message = _cell(f.message)
        if change.status == "resolved":
            message = f"~~{message}~~"
        decided = ""
        if decision.status != "open" or decision.origin == "carried":
            decided = tr(*STATUS_LABELS[decision.status])
            if decision.origin == "carried":
                decided += tr("（沿用上一稿）", " (carried)")
            if decision.note:
                decided += f"：{_cell(decision.note)}"
        if decision.earlier is not None and decision.earlier.status != "open":
            decided = tr("措辞已改，请重新判断（上一稿：{s}）", "words changed, decide again (earlier: {s})",
                         s=tr(*STATUS_LABELS[decision.earlier.status]))
        out.append(f"| {finding_status(change.status)} | {clause} | {f.severity.value} | {message} | {decided} |")
    return "\n".join(out) + "\n"
