"""The XLSX issue tracker: one row per finding, header frozen, filters on, severities coloured."""

from __future__ import annotations

import io
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ..atomic import atomic_write_bytes
from ..model.decisions import STATUSES
from ..model.findings import Severity
from ..i18n import tr
from .common import COLUMNS, SEVERITY_COLOURS, Report, column_label, header_rows, severity_label, status_label

#: Column widths in characters (a CJK character counts about two).
WIDTHS = {"number": 6, "severity": 9, "clause": 14, "category": 14, "message": 42, "text": 30,
          "why": 42, "basis": 28, "suggestion": 42, "decision": 11, "note": 24, "rule": 24}

HEADER_FILL = PatternFill("solid", fgColor="E8EAED")
HEADER_FONT = Font(bold=True)
THIN = Side(style="thin", color="C8C8C8")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")


def set_text(ws: Worksheet, row: int, col: int, value):
    """Put ``value`` in a cell as plain data: never a formula, never an illegal XML character."""
    cell = ws.cell(row=row, column=col)
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell.value = value
        if value.startswith("="):
            cell.data_type = "s"  # contract text is data, not a formula to evaluate
    else:
        cell.value = value
    return cell


def severity_style(cell, severity: Severity) -> None:
    bg, fg = SEVERITY_COLOURS[severity]
    cell.fill = PatternFill("solid", fgColor=bg)
    cell.font = Font(bold=True, color=fg)
    cell.alignment = Alignment(horizontal="center", vertical="top")


def header_row(ws: Worksheet, titles: list[str], widths: list[int]) -> None:
    for col, (title, width) in enumerate(zip(titles, widths), 1):
        cell = set_text(ws, 1, col, title)
        cell.fill, cell.font, cell.border = HEADER_FILL, HEADER_FONT, BORDER
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = "A2"


def _findings_sheet(ws: Worksheet, report: Report) -> None:
    keys = [k for k, _, _ in COLUMNS]
    header_row(ws, [column_label(k) for k in keys], [WIDTHS[k] for k in keys])
    for r, item in enumerate(report.items, 2):
        for c, key in enumerate(keys, 1):
            value = item.number if key == "number" else item.value(key)
            cell = set_text(ws, r, c, value)
            cell.alignment, cell.border = WRAP, BORDER
            if key == "severity":
                severity_style(cell, item.finding.severity)
    last = max(1, len(report.items) + 1)
    ws.auto_filter.ref = f"A1:{get_column_letter(len(keys))}{last}"
    # Counsel keep tracking in the sheet: offer the statuses as a drop-down in the decision column.
    col = get_column_letter(keys.index("decision") + 1)
    labels = ",".join(status_label(s) for s in STATUSES)
    dv = DataValidation(type="list", formula1=f'"{labels}"', allow_blank=True)
    dv.add(f"{col}2:{col}{max(last, 200)}")
    ws.add_data_validation(dv)


def _summary_sheet(ws: Worksheet, report: Report) -> None:
    ws.column_dimensions["A"].width = 14
    ws.column_dimensions["B"].width = 70
    set_text(ws, 1, 1, tr("合同审查报告", "Contract review report")).font = Font(bold=True, size=14)
    row = 3
    for label, value in header_rows(report):
        set_text(ws, row, 1, label).font = HEADER_FONT
        set_text(ws, row, 2, value).alignment = WRAP
        row += 1
    row += 1
    for sev in Severity:
        severity_style(set_text(ws, row, 1, severity_label(sev)), sev)
        set_text(ws, row, 2, report.counts[sev]).alignment = Alignment(horizontal="left")
        row += 1
    set_text(ws, row, 1, tr("合计", "Total")).font = HEADER_FONT
    set_text(ws, row, 2, report.total).alignment = Alignment(horizontal="left")


def render_xlsx(report: Report) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = tr("问题清单", "Findings")
    _findings_sheet(ws, report)
    _summary_sheet(wb.create_sheet(tr("概要", "Summary")), report)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def write_xlsx(report: Report, path: Path) -> Path:
    return atomic_write_bytes(path, render_xlsx(report))
