"""The Markdown report: header, counts, a findings table, then each finding with quote and wording."""

from __future__ import annotations

from .common import Report, column_label, header_rows, severity_label
from ..model.findings import Severity
from ..i18n import tr

QUOTE_LIMIT = 300  # characters of quoted text per finding; the JSON report has the whole text
_TABLE_COLUMNS = ("number", "severity", "clause", "category", "message", "decision")


def _cell(text: str) -> str:
    """Table cell text: one line, pipes and markup characters escaped."""
    text = " ".join(text.split())
    return _escape(text).replace("|", "\\|")


def _escape(text: str) -> str:
    # Contract text is full of markup characters (____ blanks, *** masks, [ ] boxes); keep them literal.
    for ch in "\\`*_[]<>#":
        text = text.replace(ch, "\\" + ch)
    return text


def _quote(text: str) -> str:
    return "\n".join("> " + (_escape(line) if line else "") for line in text.split("\n"))


def render_markdown(report: Report) -> str:
    sep = tr("：", ": ")
    lines = [f"# {_escape(tr('合同审查报告', 'Contract review report'))}{sep}{_escape(report.title)}", ""]
    for label, value in header_rows(report):
        lines.append(f"- **{_escape(label)}**{sep}{_escape(value)}")
    lines += ["", f"## {tr('问题统计', 'Findings by severity')}", ""]
    lines.append("| " + " | ".join(severity_label(s) for s in Severity) + f" | {tr('合计', 'Total')} |")
    lines.append("|" + "---:|" * (len(Severity) + 1))
    lines.append("| " + " | ".join(str(report.counts[s]) for s in Severity) + f" | {report.total} |")
    lines += ["", f"## {tr('问题清单', 'Findings')}", ""]
    if not report.items:
        lines += [tr("未发现问题。", "No findings."), ""]
        return "\n".join(lines)
    lines.append("| " + " | ".join(column_label(k) for k in _TABLE_COLUMNS) + " |")
    lines.append("|" + "---|" * len(_TABLE_COLUMNS))
    for item in report.items:
        cells = [_cell(item.value(k)) for k in _TABLE_COLUMNS]
        cells[0] = f"[{item.number}](#{item.anchor})"
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", f"## {tr('问题详情', 'Details')}", ""]
    for item in report.items:
        f = item.finding
        lines.append(f'<a id="{item.anchor}"></a>')
        lines.append(f"### {item.number}. [{severity_label(f.severity)}] {_escape(item.value('clause'))} · "
                     f"{_escape(item.value('category'))}")
        lines += ["", _escape(f.message), ""]
        if item.value("text"):
            lines += [_quote(item.quote(QUOTE_LIMIT)), ""]
        for key in ("why", "basis", "suggestion", "decision", "note"):
            value = item.value(key)
            if value:
                lines.append(f"- **{column_label(key)}**{sep}{_escape(value)}")
        lines.append(f"- **{column_label('rule')}**{sep}`{f.rule}`")
        lines.append("")
    return "\n".join(lines)
