"""``contract-review outline FILE``: print the clause tree, the parties and the foreign text."""

from __future__ import annotations

import argparse
import re
import sys
from typing import TYPE_CHECKING

from ..i18n import tr

if TYPE_CHECKING:  # pragma: no cover
    from ..model.document import Document, ForeignSpan
    from ..model.clauses import Clause

_EXCERPT = 18
_SOURCE_LINE = re.compile(r"第 (\d+) 行")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", metavar="FILE", help=tr("合同文件（DOCX、PDF、TXT）", "contract file (DOCX, PDF, TXT)"))
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Load ``args.file`` and print its outline on stdout; LoadError goes up to the CLI."""
    from .. import load

    document = load(args.file)
    sys.stdout.write("\n".join(outline_lines(document)) + "\n")
    return 0


def _excerpt(text: str) -> str:
    text = text.replace("\n", " ").lstrip()
    return text if len(text) <= _EXCERPT else text[:_EXCERPT] + "…"


def _pages(document: "Document", start: int, end: int) -> str:
    pages = document.pages_of(start, end)
    return f"p.{pages[0]}" if len(pages) == 1 else f"p.{pages[0]}–{pages[-1]}"


def _node_line(document: "Document", node: "Clause") -> str:
    text = document.text
    pages = _pages(document, node.start, node.end)
    if node.kind == "title":
        return f"{tr('标题', 'Title')}  {node.heading}  {pages}"
    if node.kind == "preamble":
        return f"{tr('前言', 'Preamble')}  · {_excerpt(text[node.start:node.end])}  {pages}"
    if node.kind == "front":
        return f"{tr('说明', 'Notes')}  · {_excerpt(text[node.start:node.end].split(chr(10), 1)[0])}  {pages}"
    if node.kind == "signature":
        return f"{tr('签署部分', 'Signatures')}  · {_excerpt(text[node.start:node.end])}  {pages}"
    indent = "  " * max(node.level - 1, 0)
    name = node.number if node.kind == "item" and node.number else node.label
    if node.kind == "annex":
        name = node.label
    parts = [name] if name else []
    if node.heading:
        parts.append(node.heading)
    else:
        body = text[node.body_start:node.end].split("\n", 1)[0]
        if body:
            parts.append(f"· {_excerpt(body)}")
    return f"{indent}{' '.join(parts)}  {pages}"


_KIND_NAMES = {
    "web-chrome": ("网页框架", "web chrome"),
    "advertising": ("广告", "advertising"),
    "contact": ("联系方式", "contact handle"),
    "spam": ("垃圾插入", "spam"),
}


def _where(document: "Document", span: "ForeignSpan") -> str:
    first = document.block_at(span.start)
    last = document.block_at(max(span.start, span.end - 1))
    if first is None or last is None:
        return tr("第 {n} 行", "line {n}", n=document.line_at(span.start))
    a, b = _SOURCE_LINE.fullmatch(first.source), _SOURCE_LINE.fullmatch(last.source)
    if first is last:
        return first.source if not a else tr("第 {n} 行", "line {n}", n=a.group(1))
    if a and b:
        return tr("第 {a}–{b} 行", "lines {a}–{b}", a=a.group(1), b=b.group(1))
    return f"{first.source}–{last.source}"


def _foreign_line(document: "Document", span: "ForeignSpan") -> str:
    name_zh, name_en = _KIND_NAMES.get(span.kind, (span.kind, span.kind))
    kind = tr("{name} ({kind})", "{name_en}", name=name_zh, name_en=name_en, kind=span.kind)
    line = f"  {_where(document, span)}  {kind}  “{_excerpt(document.text[span.start:span.end])}”"
    if span.replaces:
        line += tr("  原文应为“{w}”", "  in place of “{w}”", w=span.replaces)
    return line


def outline_lines(document: "Document") -> list[str]:
    """The outline as lines: the tree (indented by level), then the parties, then foreign text."""
    lines = [_node_line(document, node) for node in document.clauses]
    if not lines:
        lines.append(tr("（没有识别出条款）", "(no clauses recognised)"))
    parties = document.parties.parties
    if parties:
        roles = {"customer": tr("客户", "customer"), "vendor": tr("供应商", "vendor"), "unknown": tr("不明", "unknown")}
        lines.append(tr("当事人:", "Parties:"))
        for party in parties:
            name = f"  {party.name}" if party.name else ""
            lines.append(f"  {party.label}{name}  ({roles.get(party.role, party.role)})")
    if document.foreign:
        lines.append(tr("外来文本:", "Foreign text:"))
        lines.extend(_foreign_line(document, span) for span in document.foreign)
    return lines
