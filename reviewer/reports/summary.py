"""The summary of a batch: one row per contract with its counts, top findings, report or error."""

from __future__ import annotations

import io
import os
from datetime import date
from html import escape
from pathlib import Path
from urllib.parse import quote

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from ..atomic import atomic_write_bytes, atomic_write_text
from ..model.findings import Severity
from ..i18n import language, tr
from .common import SEVERITY_COLOURS, severity_label
from .html import FONT_STACK
from .summary_rows import BatchSummary, ContractRow
from .xlsx import BORDER, WRAP, header_row, set_text, severity_style


def _columns() -> list[str]:
    return ([tr("文件", "File"), tr("页数", "Pages")] + [severity_label(s) for s in Severity]
            + [tr("合计", "Total"), tr("主要问题", "Top findings"), tr("报告", "Report"), tr("错误", "Error")])


def _top_lines(row: "ContractRow") -> list[str]:
    return [" ".join(part for part in (f"[{t.severity}]", t.clause, t.message) if part) for t in row.top]


def _relative(target: Path, base: Path) -> str:
    try:
        return os.path.relpath(target, base)
    except ValueError:  # another drive on Windows
        return str(target)


def write_summary_xlsx(summary: "BatchSummary", path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = tr("汇总", "Summary")
    header_row(ws, _columns(), [36, 7, 6, 6, 6, 6, 7, 70, 28, 50])
    for r, row in enumerate(summary.rows, 2):
        values = [str(row.path), row.pages if row.ok else None]
        values += [row.counts.get(s.value, 0) if row.ok else None for s in Severity]
        values += [row.total if row.ok else None, "\n".join(_top_lines(row)),
                   _relative(row.report, path.parent) if row.report else "", row.error]
        for c, value in enumerate(values, 1):
            cell = set_text(ws, r, c, value)
            cell.alignment, cell.border = WRAP, BORDER
        for k, sev in enumerate(Severity):
            if row.counts.get(sev.value):
                severity_style(ws.cell(row=r, column=3 + k), sev)
        if row.report:
            link = ws.cell(row=r, column=len(values) - 1)
            link.hyperlink = _relative(row.report, path.parent)
            link.font = Font(color="1A55C0", underline="single")
        if row.error:
            ws.cell(row=r, column=len(values)).font = Font(color="A50E0E")
    ws.auto_filter.ref = f"A1:J{max(1, len(summary.rows) + 1)}"
    ws.cell(row=1, column=1).alignment = Alignment(vertical="center")
    buf = io.BytesIO()
    wb.save(buf)
    return atomic_write_bytes(path, buf.getvalue())


def _css() -> str:
    sev = "".join(f"td.sev-{s.value}{{background:#{bg};color:#{fg};font-weight:600}}"
                  for s, (bg, fg) in SEVERITY_COLOURS.items())
    return (f"body{{font-family:{FONT_STACK};margin:0 auto;max-width:1200px;padding:24px;font-size:14px;"
            "color:#1f1f1f;line-height:1.5}"
            "h1{font-size:22px}table{border-collapse:collapse;width:100%}"
            "th,td{border:1px solid #d0d0d0;padding:6px 8px;vertical-align:top;text-align:left;"
            "overflow-wrap:anywhere}thead th{background:#f0f0f0}td.n{text-align:center;white-space:nowrap}"
            "th{white-space:nowrap}td.file{min-width:14em}"
            ".err{color:#a50e0e}ol{margin:0;padding-left:18px}"
            "@media print{@page{size:A4 landscape;margin:12mm}body{max-width:none;padding:0}"
            "thead{display:table-header-group}tr{break-inside:avoid}"
            "td,th{-webkit-print-color-adjust:exact;print-color-adjust:exact}a{color:inherit}}" + sev)


def write_summary_html(summary: "BatchSummary", path: Path) -> Path:
    e = escape
    head = "".join(f"<th>{e(c)}</th>" for c in _columns()[:-2])
    rows = []
    for row in summary.rows:
        name = e(row.path.name)
        if row.report:
            name = f'<a href="{e(quote(_relative(row.report, path.parent).replace(os.sep, "/")))}">{name}</a>'
        cells = [f'<td class="file" title="{e(str(row.path))}">{name}</td>']
        if row.ok:
            cells.append(f'<td class="n">{row.pages}</td>')
            cells += [f'<td class="n{" sev-" + s.value if row.counts.get(s.value) else ""}">'
                      f"{row.counts.get(s.value, 0)}</td>" for s in Severity]
            cells.append(f'<td class="n">{row.total}</td>')
            tops = "".join(f"<li>{e(line)}</li>" for line in _top_lines(row))
            cells.append(f"<td><ol>{tops}</ol></td>" if tops else f"<td>{e(tr('无', 'none'))}</td>")
        else:
            cells.append(f'<td colspan="{len(Severity) + 3}" class="err">{e(row.error)}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    ok, failed = len(summary.succeeded), len(summary.failed)
    counts = summary.counts()
    totals = " · ".join(f"{severity_label(s)} {counts.get(s.value, 0)}" for s in Severity)
    lead = tr("共 {n} 份合同，成功 {ok} 份，失败 {failed} 份；问题：{totals}。",
              "{n} contracts: {ok} reviewed, {failed} failed; findings: {totals}.",
              n=len(summary.rows), ok=ok, failed=failed, totals=totals)
    title = tr("合同批量审查汇总", "Batch review summary")
    html = f"""<!DOCTYPE html>
<html lang="{'en' if language() == 'en' else 'zh-CN'}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(title)}</title><style>{_css()}</style></head>
<body>
<h1>{e(title)}</h1>
<p>{e(lead)} {e(tr("生成日期", "Generated"))} {date.today().isoformat()}</p>
<table><thead><tr>{head}</tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody></table>
</body>
</html>
"""
    return atomic_write_text(path, html)
