"""The comparison as one self-contained HTML page: counts, clause changes, risk delta, the redline."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from ..model.decisions import STATUS_LABELS
from ..i18n import language, tr
from ..reports.common import SEVERITY_COLOURS
from ..reports.html import FONT_STACK
from .labels import clause_status, finding_status, heading_of, new_risks, number_of, relation_name, risk_note
from .stream import DELETE, INSERT, clause_ops, redline
from .text_report import FINDING_ORDER

if TYPE_CHECKING:  # pragma: no cover
    from . import Comparison

#: Status colours (background, text): green for what got better, red for what is new, grey for the rest.
_STATUS_COLOURS = {
    "same": ("EEEEEE", "555555"), "moved": ("E3ECFA", "1A4A9C"), "changed": ("FCE1B4", "9A4D00"),
    "added": ("DDF2DF", "1E6B2A"), "removed": ("F8C9C4", "A50E0E"),
    "new": ("F8C9C4", "A50E0E"), "open": ("EEEEEE", "555555"), "resolved": ("DDF2DF", "1E6B2A"),
}


def _css() -> str:
    badges = "".join(f".st-{k}{{background:#{bg};color:#{fg};border-color:#{fg}}}"
                     for k, (bg, fg) in _STATUS_COLOURS.items())
    sev = "".join(f".sev-{s.value}{{background:#{bg};color:#{fg};border-color:#{fg}}}"
                  for s, (bg, fg) in SEVERITY_COLOURS.items())
    return f"""
*{{box-sizing:border-box}}
body{{font-family:{FONT_STACK};color:#1f1f1f;background:#fff;margin:0 auto;max-width:1200px;
  padding:24px 28px 48px;line-height:1.6;font-size:14px}}
h1{{font-size:24px;margin:0 0 8px}}
h2{{font-size:18px;margin:28px 0 10px;padding-bottom:4px;border-bottom:1px solid #ddd}}
table{{border-collapse:collapse;width:100%}}
table.meta{{width:auto}} table.meta th{{text-align:left;color:#555;padding:2px 16px 2px 0;font-weight:600}}
.counts{{display:flex;gap:10px;flex-wrap:wrap;margin:6px 0}}
.count{{min-width:92px;padding:6px 12px;background:#f6f6f6;border-radius:4px;text-align:center;border-top:4px solid #ccc}}
.count b{{display:block;font-size:20px}}
table.list{{table-layout:fixed;font-size:13px}}
table.list th,table.list td{{border:1px solid #d0d0d0;padding:6px 7px;vertical-align:top;text-align:left;
  overflow-wrap:anywhere}}
table.list thead th{{background:#f0f0f0}}
.badge{{display:inline-block;padding:0 6px;border:1px solid;border-radius:3px;font-weight:600;white-space:nowrap}}
del{{background:#fde2e0;color:#a50e0e;text-decoration:line-through}}
ins{{background:#dcf3de;color:#1e6b2a;text-decoration:underline}}
tr.resolved .msg{{text-decoration:line-through;color:#777}}
.note{{display:block;color:#555;font-size:12px}}
.redline{{border:1px solid #ddd;padding:16px 20px;border-radius:4px;background:#fcfcfc}}
.redline p{{margin:0 0 6px;white-space:pre-wrap;overflow-wrap:anywhere}}
.redline p.title{{font-size:18px;font-weight:700;text-align:center}}
.redline p.chapter{{font-weight:700;margin-top:12px}}
.redline p.heading{{font-weight:700}}
.redline p.changed{{border-left:3px solid #9a4d00;padding-left:8px;margin-left:-11px}}
footer{{margin-top:32px;color:#888;font-size:12px}}
{badges}{sev}
@media print{{@page{{size:A4;margin:14mm 12mm}} body{{max-width:none;padding:0}}
  del,ins,.badge{{-webkit-print-color-adjust:exact;print-color-adjust:exact}} thead{{display:table-header-group}}
  tr{{break-inside:avoid}}}}
"""


def _t(value: str) -> str:
    return escape(value, quote=True)


def _ops(ops: list[tuple[str, str]], limit: int | None = None) -> str:
    out, used = [], 0
    for op, text in ops:
        if limit is not None and used >= limit:
            out.append("…")
            break
        piece = text if limit is None else text[:max(0, limit - used)]
        used += len(piece)
        html = _t(piece).replace("\n", "<br>")
        out.append(f"<del>{html}</del>" if op == DELETE else f"<ins>{html}</ins>" if op == INSERT else html)
    return "".join(out)


def _clause_rows(comparison: "Comparison") -> str:
    rows, shown = [], set()
    risks = new_risks(comparison)
    for change in comparison.clauses:
        if change.status == "same" and not comparison.template:
            continue
        status = _t(clause_status(change.status, comparison.template))
        if change.relation:
            status += f"<br><small>{_t(relation_name(change.relation))}</small>"
        words = ""
        if change.status != "same" and (change.diff is None or id(change.diff) not in shown):
            if change.diff is not None:
                shown.add(id(change.diff))
            words = _ops(clause_ops(comparison, change), limit=600)
        found = risks.get(change.new.index) if change.new is not None and change.status != "same" else None
        if found:
            words += f'<br><span class="badge st-new">{_t(risk_note(found))}</span>'
        rows.append(f'<tr class="{change.status}"><td><span class="badge st-{change.status}">{status}</span></td>'
                    f"<td>{_t(number_of(change.old))} → {_t(number_of(change.new))}</td>"
                    f"<td>{_t(heading_of(change))}</td><td>{words}</td></tr>")
    return "\n".join(rows)


def _finding_rows(comparison: "Comparison") -> str:
    rows = []
    pairs = sorted(zip(comparison.findings, comparison.decisions), key=lambda p: FINDING_ORDER.index(p[0].status))
    for change, decision in pairs:
        if comparison.template and change.status != "new":
            continue
        f = change.finding
        old_clause = (change.old.clause or "—") if change.old else "—"
        new_clause = (change.new.clause or "—") if change.new else "—"
        decided = ""
        if decision.status != "open" or decision.origin == "carried":
            decided = _t(tr(*STATUS_LABELS[decision.status]))
            if decision.origin == "carried":
                decided += f'<span class="note">{_t(tr("沿用上一稿", "carried from the earlier draft"))}</span>'
            if decision.note:
                decided += f'<span class="note">{_t(decision.note)}</span>'
        if decision.earlier is not None and decision.earlier.status != "open":
            decided += f'<span class="note">{_t(tr("措辞已改，请重新判断（上一稿：{s}）", "words changed, decide again (earlier: {s})", s=tr(*STATUS_LABELS[decision.earlier.status])))}</span>'
        rows.append(f'<tr class="{change.status}"><td><span class="badge st-{change.status}">'
                    f"{_t(finding_status(change.status))}</span></td><td>{_t(old_clause)} → {_t(new_clause)}</td>"
                    f'<td><span class="badge sev-{f.severity.value}">{_t(f.severity.value)}</span></td>'
                    f'<td><span class="msg">{_t(f.message)}</span></td><td>{decided}</td></tr>')
    return "\n".join(rows)


def _redline(comparison: "Comparison") -> str:
    out = []
    for paragraph in redline(comparison):
        css = [paragraph.kind]
        if paragraph.mark != "equal" or any(op != "equal" for op, _ in paragraph.chunks):
            css.append("changed")
        out.append(f'<p class="{" ".join(css)}">{_ops(paragraph.chunks) or "&nbsp;"}</p>')
    return "\n".join(out)


def _counts(comparison: "Comparison") -> str:
    c, f = comparison.clauses.counts(), comparison.finding_counts()
    boxes = [(s, clause_status(s, comparison.template), c[s]) for s in ("same", "moved", "changed", "added", "removed")]
    # Against our template only the risks their text brings in count; our template's own are not theirs to fix.
    boxes += [(s, finding_status(s), f[s]) for s in (("new",) if comparison.template else ("new", "resolved", "open"))]
    return "".join(f'<div class="count" style="border-top-color:#{_STATUS_COLOURS[s][1]}">{_t(label)}<b>{n}</b></div>'
                   for s, label, n in boxes)


def render_html(comparison: "Comparison") -> str:
    lang = "en" if language() == "en" else "zh-CN"
    template = comparison.template
    heading = tr("与我方模板比较", "Compared with our template") if template else tr("两稿比较", "Comparing drafts")
    old_label = tr("我方模板", "Our template") if template else tr("上一稿", "Earlier draft")
    new_label = tr("对方文本", "Their draft") if template else tr("新稿", "New draft")
    meta = [(old_label, str(comparison.old_document.path)), (new_label, str(comparison.new_document.path)),
            (tr("规则", "Rules"), comparison.new.pack_version or "-"),
            (tr("我方", "Perspective"), tr("客户", "customer") if comparison.new.perspective == "customer"
             else tr("供应商", "vendor"))]
    if comparison.carried_count():
        meta.append((tr("沿用的处理结果", "Decisions carried"), str(comparison.carried_count())))
    meta_rows = "".join(f"<tr><th>{_t(k)}</th><td>{_t(v)}</td></tr>" for k, v in meta)
    clause_head = "".join(f"<th>{_t(h)}</th>" for h in (tr("状态", "Status"), tr("条款", "Clause"), tr("标题", "Heading"),
                                                        tr("改动", "Changes")))
    finding_head = "".join(f"<th>{_t(h)}</th>" for h in (tr("变化", "Change"), tr("条款", "Clause"), tr("级别", "Severity"),
                                                         tr("问题", "Finding"), tr("处理", "Decision")))
    risk_title = tr("对方文本带来的风险", "Risks their draft brings in") if template else tr("风险变化", "Risk delta")
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_t(heading)} — {_t(comparison.new_document.name)}</title>
<style>{_css()}</style>
</head>
<body>
<header>
<h1>{_t(heading)}</h1>
<table class="meta">{meta_rows}</table>
<div class="counts">{_counts(comparison)}</div>
</header>
<section id="clauses">
<h2>{_t(tr("条款变化", "Clause changes"))}</h2>
<table class="list clauses"><colgroup><col style="width:10%"><col style="width:12%"><col style="width:14%"><col></colgroup>
<thead><tr>{clause_head}</tr></thead><tbody>
{_clause_rows(comparison)}
</tbody></table>
</section>
<section id="findings">
<h2>{_t(risk_title)}</h2>
<table class="list findings"><colgroup><col style="width:10%"><col style="width:12%"><col style="width:8%"><col>
<col style="width:20%"></colgroup>
<thead><tr>{finding_head}</tr></thead><tbody>
{_finding_rows(comparison)}
</tbody></table>
</section>
<section id="redline">
<h2>{_t(tr("修订对照（新稿，标出相对{old}的改动）", "Redline (the new text, marked against the {old})", old=old_label))}</h2>
<div class="redline">
{_redline(comparison)}
</div>
</section>
<footer>{_t(tr("由合同审查工具离线生成。删除线为{old}中被删去的文字，下划线为新增的文字。",
               "Generated offline by Contract Reviewer. Struck-through words were in the {old}; underlined ones are new.",
               old=old_label))}</footer>
</body>
</html>
"""
