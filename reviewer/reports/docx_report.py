"""The Word report: the HTML report's content in Word styles, with a real findings table."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt
from docx.text.run import Run

from ..model.findings import Severity
from ..i18n import tr
from .common import SEVERITY_COLOURS, Report, column_label, header_rows, heading_blocks, severity_label
from .docx_util import (Bookmarks, add_internal_link, colour, no_split, prepare_styles, repeat_header,
                        save, shade, shade_cell)
from .segments import lay_out

#: The summary table's columns and their widths in cm (A4 portrait, 2 cm margins: 17 cm).
TABLE_COLUMNS = (("number", 1.2), ("severity", 2.0), ("clause", 1.9), ("category", 2.4),
                 ("message", 7.0), ("decision", 2.5))
GREY = "666666"
QUOTE_LIMIT = 300  # characters of quoted text in the details; the contract text has it all


def _set_widths(table, widths: list[float]) -> None:
    """Fixed column widths, in the grid (what LibreOffice reads) and in every cell (what Word reads)."""
    table.autofit = False
    for col, width in zip(table.columns, widths):
        col.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = Cm(width)


def _severity_run(paragraph, severity: Severity):
    bg, fg = SEVERITY_COLOURS[severity]
    run = colour(paragraph.add_run(f" {severity_label(severity)} "), fg, bold=True)
    shade(run, bg)
    return run


def _header(document, report: Report) -> None:
    document.add_paragraph(tr("合同审查报告", "Contract review report"), style="Title")
    p = document.add_paragraph()
    p.add_run(report.title).bold = True
    for label, value in header_rows(report):
        p = document.add_paragraph()
        p.paragraph_format.space_after = Pt(0)
        colour(p.add_run(f"{label}{tr('：', ': ')}"), GREY, bold=True)
        p.add_run(value)


def _counts(document, report: Report) -> None:
    document.add_heading(tr("问题统计", "Findings by severity"), level=1)
    table = document.add_table(rows=2, cols=len(Severity) + 1)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    for col, sev in enumerate(Severity):
        bg, fg = SEVERITY_COLOURS[sev]
        head = table.cell(0, col)
        colour(head.paragraphs[0].add_run(severity_label(sev)), fg, bold=True)
        shade_cell(head, bg)
        table.cell(1, col).paragraphs[0].add_run(str(report.counts[sev]))
    table.cell(0, len(Severity)).paragraphs[0].add_run(tr("合计", "Total")).bold = True
    table.cell(1, len(Severity)).paragraphs[0].add_run(str(report.total))
    for row in table.rows:
        for cell in row.cells:
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _set_widths(table, [2.4] * (len(Severity) + 1))


def _findings_table(document, report: Report) -> None:
    document.add_heading(tr("问题清单", "Findings"), level=1)
    if not report.items:
        document.add_paragraph(tr("未发现问题。", "No findings."))
        return
    table = document.add_table(rows=1, cols=len(TABLE_COLUMNS))
    table.style = "Table Grid"
    head = table.rows[0]
    repeat_header(head)
    for cell, (key, _) in zip(head.cells, TABLE_COLUMNS):
        cell.paragraphs[0].add_run(column_label(key)).bold = True
        shade_cell(cell, "E8EAED")
    for item in report.items:
        row = table.add_row()
        no_split(row)
        cells = row.cells
        add_internal_link(cells[0].paragraphs[0], str(item.number), f"d{item.number}")
        bg, fg = SEVERITY_COLOURS[item.finding.severity]
        colour(cells[1].paragraphs[0].add_run(severity_label(item.finding.severity)), fg, bold=True)
        shade_cell(cells[1], bg)
        cells[2].paragraphs[0].add_run(item.location)
        if item.page_label:
            colour(cells[2].add_paragraph().add_run(item.page_label), GREY)
        cells[3].paragraphs[0].add_run(item.value("category"))
        cells[4].paragraphs[0].add_run(item.finding.message)
        cells[5].paragraphs[0].add_run(item.value("decision"))
        if item.decision.note:
            colour(cells[5].add_paragraph().add_run(item.decision.note), GREY)
    _set_widths(table, [w for _, w in TABLE_COLUMNS])


def _details(document, report: Report, bookmarks: Bookmarks) -> None:
    if not report.items:
        return
    document.add_heading(tr("问题详情", "Details"), level=1)
    for item in report.items:
        f = item.finding
        heading = document.add_heading(level=2)
        run = heading.add_run(f"{item.number}. ")
        bookmarks.wrap(run, run, f"d{item.number}")
        _severity_run(heading, f.severity)
        heading.add_run(f" {item.value('clause')} · {item.value('category')}")
        document.add_paragraph(f.message)
        if item.value("text"):
            quote = document.add_paragraph(style="Quote")
            add_internal_link(quote, item.quote(QUOTE_LIMIT), item.anchor, rgb="333333")
        for key in ("why", "basis", "suggestion", "decision", "note", "rule"):
            value = item.value(key)
            if value:
                p = document.add_paragraph()
                p.paragraph_format.left_indent = Cm(0.5)
                p.paragraph_format.space_after = Pt(2)
                colour(p.add_run(f"{column_label(key)}{tr('：', ': ')}"), GREY, bold=True)
                p.add_run(value)


def _contract_text(document, report: Report, bookmarks: Bookmarks) -> None:
    """The contract with every finding shaded in its severity's colour and bookmarked as ``f12``."""
    doc = report.document
    document.add_heading(tr("合同全文", "Contract text"), level=1)
    items = [i for i in report.items if not i.whole_document]
    headings = heading_blocks(doc)
    first_run: dict[int, Run] = {}
    last_run: dict[int, Run] = {}
    for block, pieces in lay_out(doc, [(i.finding.start, i.finding.end) for i in items]):
        p = document.add_paragraph()
        p.paragraph_format.space_after = Pt(3)
        kind = headings.get(block.start)
        if kind == "title":
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        foreign = doc.is_foreign_block(block)
        for piece in pieces:
            if isinstance(piece, int):  # an empty span: bookmark an empty run at its place
                run = p.add_run()
                first_run.setdefault(piece, run)
                last_run[piece] = run
                continue
            run = p.add_run(doc.text[piece.start:piece.end])
            run.bold = kind is not None or None
            if foreign:
                colour(run, "999999")
            if piece.active:
                worst = min(piece.active, key=lambda i: items[i].finding.severity.rank)
                shade(run, SEVERITY_COLOURS[items[worst].finding.severity][0])
                for i in piece.active:
                    first_run.setdefault(i, run)
                    last_run[i] = run
    for i, run in first_run.items():
        bookmarks.wrap(run, last_run[i], items[i].anchor)


def render_docx_report(report: Report):
    document = docx.Document()
    prepare_styles(document)
    document.core_properties.title = tr("合同审查报告", "Contract review report") + " — " + report.title
    document.core_properties.author = tr("合同审查", "Contract Reviewer")
    bookmarks = Bookmarks()
    _header(document, report)
    _counts(document, report)
    _findings_table(document, report)
    _details(document, report, bookmarks)
    _contract_text(document, report, bookmarks)
    return document


def write_docx_report(report: Report, path: Path) -> Path:
    return save(render_docx_report(report), path)
