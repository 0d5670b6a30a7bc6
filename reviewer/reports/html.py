"""The HTML report: one self-contained page with the findings table and the highlighted contract."""

from __future__ import annotations

from html import escape

from ..model.findings import Severity
from ..i18n import language, tr
from .common import SEVERITY_COLOURS, Item, Report, column_label, header_rows, heading_blocks, severity_label
from .segments import lay_out

# The system Chinese faces of macOS, Windows and Linux, each named only there, so whoever opens the
# file gets a Chinese face of their own machine before the browser's generic fallback.
FONT_STACK = ('"PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", '
              '"Noto Sans SC", "WenQuanYi Micro Hei", sans-serif')

QUOTE_LIMIT = 120  # characters of quoted text in the table; the contract text below has it all

_TABLE_COLUMNS = (  # key, width in %
    ("number", 5), ("severity", 7), ("clause", 8), ("category", 9), ("message", 26),
    ("text", 16), ("suggestion", 18), ("decision", 11),
)


def _css() -> str:
    sev_rules = []
    for sev, (bg, fg) in SEVERITY_COLOURS.items():
        s = sev.value
        sev_rules.append(
            f".badge.sev-{s}{{background:#{bg};color:#{fg};border-color:#{fg}}}"
            f"mark.sev-{s}{{background:#{bg}b0;border-bottom:2px solid #{fg}}}"
            f"mark.pin.sev-{s}::before{{color:#{fg}}}"
            f".count.sev-{s}{{border-top:4px solid #{fg}}}"
        )
    return f"""
*{{box-sizing:border-box}}
html{{-webkit-text-size-adjust:100%}}
body{{font-family:{FONT_STACK};color:#1f1f1f;background:#fff;margin:0 auto;max-width:1200px;
  padding:24px 28px 48px;line-height:1.6;font-size:14px}}
h1{{font-size:24px;margin:0 0 4px}}
h2{{font-size:18px;margin:28px 0 10px;padding-bottom:4px;border-bottom:1px solid #ddd}}
.contract-name{{font-size:18px;margin:0 0 12px;color:#333}}
table{{border-collapse:collapse;width:100%}}
table.meta{{width:auto;margin-bottom:8px}}
table.meta th{{text-align:left;font-weight:600;color:#555;padding:2px 16px 2px 0;vertical-align:top;white-space:nowrap}}
table.meta td{{padding:2px 0}}
.counts{{display:flex;gap:12px;flex-wrap:wrap}}
.count{{min-width:96px;padding:8px 14px;background:#f6f6f6;border-radius:4px;text-align:center}}
.count b{{display:block;font-size:22px}}
table.findings{{table-layout:fixed;font-size:13px}}
table.findings th,table.findings td{{border:1px solid #d0d0d0;padding:6px 7px;vertical-align:top;
  text-align:left;overflow-wrap:anywhere;word-break:break-word}}
table.findings thead th{{background:#f0f0f0}}
table.findings tr:target td{{background:#fffbe0}}
table.findings p{{margin:0 0 4px}}
.why,.basis{{color:#555;font-size:12px}}
.badge{{display:inline-block;padding:0 6px;border:1px solid;border-radius:3px;font-weight:600;white-space:nowrap}}
.quote{{color:inherit;text-decoration:none;border-left:3px solid #ccc;padding-left:6px;display:block}}
a.num{{font-weight:600}}
table.findings td:first-child,table.findings th:first-child{{white-space:nowrap}}
.note{{color:#555;font-size:12px;display:block;margin-top:4px}}
.page{{color:#666;font-size:12px;display:block;white-space:nowrap}}
.status-false-alarm{{color:#888;text-decoration:line-through}}
.contract-text{{border:1px solid #ddd;padding:16px 20px;border-radius:4px;background:#fcfcfc}}
.contract-text p{{margin:0 0 6px;white-space:pre-wrap;overflow-wrap:anywhere}}
.contract-text .h-title{{font-size:18px;font-weight:700;text-align:center}}
.contract-text .h-chapter{{font-weight:700;margin-top:12px}}
.contract-text .h-clause{{font-weight:600}}
.contract-text .foreign{{color:#999;font-size:12px}}
.contract-text .foreign .tag{{border:1px solid #bbb;border-radius:3px;padding:0 4px;margin-right:6px;font-size:11px}}
mark{{color:inherit;padding:0;cursor:pointer}}
mark:target{{outline:2px solid #1a73e8;outline-offset:1px}}
mark.pin{{background:none;border:none}}
mark.pin::before{{content:"▲";font-size:11px;vertical-align:super}}
footer{{margin-top:32px;color:#888;font-size:12px}}
{''.join(sev_rules)}
@media print{{
  @page{{size:A4;margin:14mm 12mm}}
  body{{max-width:none;padding:0 2px;font-size:11pt}}
  a{{color:inherit;text-decoration:none}}
  mark,.badge,.count,thead th{{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
  thead{{display:table-header-group}}
  tr,.count{{break-inside:avoid}}
  h2{{break-after:avoid}}
  .contract-text{{border:none;padding:0;background:none}}
}}
"""


_SCRIPT = ("document.addEventListener('click',function(e){var m=e.target.closest('mark[data-n]');"
           "if(m){location.hash='r'+m.getAttribute('data-n');}});")


def _text(value: str) -> str:
    return escape(value, quote=True)


def _multiline(value: str) -> str:
    return "<br>".join(_text(line) for line in value.split("\n"))


def _finding_row(item: Item) -> str:
    f = item.finding
    sev = f.severity.value
    link = f' href="#{item.anchor}"' if not item.whole_document else ""
    number = f'<a class="num"{link}>{item.number}</a>' if link else str(item.number)
    message = f'<p class="msg">{_multiline(f.message)}</p>'
    if f.why:
        message += f'<p class="why"><b>{_text(column_label("why"))}</b> {_multiline(f.why)}</p>'
    if f.basis:
        message += f'<p class="basis"><b>{_text(column_label("basis"))}</b> {_multiline(f.basis)}</p>'
    quote = f'<a class="quote"{link}>{_multiline(item.quote(QUOTE_LIMIT))}</a>' if item.value("text") else "—"
    status = f'<span class="status status-{item.decision.status}">{_text(item.value("decision"))}</span>'
    if item.decision.note:
        status += f'<span class="note">{_multiline(item.decision.note)}</span>'
    cells = [
        number,
        f'<span class="badge sev-{sev}">{_text(severity_label(f.severity))}</span>',
        _text(item.location) + (f'<span class="page">{_text(item.page_label)}</span>' if item.page_label else ""),
        _text(item.value("category")),
        message,
        quote,
        _multiline(f.suggestion) or "—",
        status,
    ]
    return (f'<tr id="r{item.number}" class="sev-{sev}" data-rule="{_text(f.rule)}">'
            + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")


def _mark_open(item: Item, first: bool, pin: bool = False) -> str:
    """A highlight's opening tag; only a finding's first piece carries its anchor id."""
    f = item.finding
    ident = f' id="{item.anchor}"' if first else ""
    title = f"{item.number}. [{severity_label(f.severity)}] {f.message}"
    css = f"pin sev-{f.severity.value}" if pin else f"sev-{f.severity.value}"
    return f'<mark class="{css}"{ident} data-n="{item.number}" title="{_text(title)}">'


def _contract_text(report: Report) -> str:
    doc = report.document
    items = [i for i in report.items if not i.whole_document]
    headings = heading_blocks(doc)
    foreign_label = _text(tr("非合同内容", "not contract text"))
    out: list[str] = []
    for block, pieces in lay_out(doc, [(i.finding.start, i.finding.end) for i in items]):
        css = ["blk"]
        if block.start in headings:
            css.append("h-" + headings[block.start])
        foreign = doc.is_foreign_block(block)
        if foreign:
            css.append("foreign")
        parts = [f'<p class="{" ".join(css)}" data-source="{_text(block.source)}">']
        if foreign:
            parts.append(f'<span class="tag">{foreign_label}</span>')
        for piece in pieces:
            if isinstance(piece, int):  # a pin: an empty span, a place rather than words
                parts.append(_mark_open(items[piece], True, pin=True) + "</mark>")
                continue
            opens = set(piece.opens)
            parts.extend(_mark_open(items[i], i in opens) for i in piece.active)
            parts.append(_text(doc.text[piece.start:piece.end]))
            parts.append("</mark>" * len(piece.active))
        parts.append("</p>")
        out.append("".join(parts))
    return "\n".join(out)


def render_html(report: Report) -> str:
    lang = "en" if language() == "en" else "zh-CN"
    heading = tr("合同审查报告", "Contract review report")
    meta = "".join(f"<tr><th>{_text(k)}</th><td>{_text(v)}</td></tr>" for k, v in header_rows(report))
    counts = "".join(
        f'<div class="count sev-{s.value}">{_text(severity_label(s))}<b>{report.counts[s]}</b></div>'
        for s in Severity
    ) + f'<div class="count">{_text(tr("合计", "Total"))}<b>{report.total}</b></div>'
    colgroup = "".join(f'<col style="width:{w}%">' for _, w in _TABLE_COLUMNS)
    head = "".join(f"<th>{_text(column_label(k))}</th>" for k, _ in _TABLE_COLUMNS)
    rows = "\n".join(_finding_row(i) for i in report.items)
    table = (f'<table class="findings"><colgroup>{colgroup}</colgroup><thead><tr>{head}</tr></thead>'
             f"<tbody>\n{rows}\n</tbody></table>") if report.items else \
        f"<p>{_text(tr('未发现问题。', 'No findings.'))}</p>"
    footer = tr("由合同审查工具离线生成。每处问题在合同全文中高亮，点击表中序号或原文即可跳转。",
                "Generated offline by Contract Reviewer. Every finding is highlighted in the contract "
                "text; click its number or quote in the table to jump there.")
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_text(heading)} — {_text(report.title)}</title>
<style>{_css()}</style>
</head>
<body>
<header>
<h1>{_text(heading)}</h1>
<p class="contract-name">{_text(report.title)}</p>
<table class="meta">{meta}</table>
</header>
<section id="counts">
<h2>{_text(tr("问题统计", "Findings by severity"))}</h2>
<div class="counts">{counts}</div>
</section>
<section id="findings">
<h2>{_text(tr("问题清单", "Findings"))}</h2>
{table}
</section>
<section id="contract">
<h2>{_text(tr("合同全文", "Contract text"))}</h2>
<div class="contract-text">
{_contract_text(report)}
</div>
</section>
<footer>{_text(footer)}</footer>
<script>{_SCRIPT}</script>
</body>
</html>
"""
