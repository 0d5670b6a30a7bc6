"""The annotated copy: the contract itself with a Word comment on the exact words of every finding."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.text.run import Run

from ..errors import ReviewerError
from ..i18n import tr
from .common import Item, Report, heading_blocks
from .docx_map import SourceMap, split_run_after, split_run_before
from .docx_util import COMMENT_AUTHOR, COMMENT_INITIALS, chinese_comment, colour, prepare_styles, save
from .segments import lay_out


def _check_comments_supported(word) -> None:
    if not hasattr(word, "add_comment"):
        raise ReviewerError(tr(
            "生成批注版需要 python-docx 1.2 或更高版本（当前版本不支持 Word 批注）。",
            "The annotated copy needs python-docx 1.2 or later (this version cannot write Word comments).",
        ))


def _comment(word, first: Run, last: Run, item: Item) -> None:
    chinese_comment(word.add_comment([first, last], text=item.comment_text(), author=COMMENT_AUTHOR,
                                     initials=COMMENT_INITIALS))


def _spans(report: Report) -> list[tuple[int, int]]:
    """Where each comment goes; a finding about the whole document is pinned at its beginning."""
    doc = report.document
    top = doc.blocks[0].start if doc.blocks else 0
    return [(top, top) if i.whole_document else (i.finding.start, i.finding.end) for i in report.items]


def annotate_text(report: Report):
    """A new DOCX built from ``Document.text`` (one paragraph per block) with the comments on it."""
    doc = report.document
    word = docx.Document()
    _check_comments_supported(word)
    prepare_styles(word)
    word.core_properties.title = report.title
    headings = heading_blocks(doc)
    first: dict[int, Run] = {}
    last: dict[int, Run] = {}
    for block, pieces in lay_out(doc, _spans(report)):
        p = word.add_paragraph()
        kind = headings.get(block.start)
        if kind == "title":
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        foreign = doc.is_foreign_block(block)
        for piece in pieces:
            if isinstance(piece, int):  # an empty span: comment on an empty run at its place
                run = p.add_run()
                first.setdefault(piece, run)
                last[piece] = run
                continue
            run = p.add_run(doc.text[piece.start:piece.end])
            if kind is not None:
                run.bold = True
            if foreign:
                colour(run, "999999")
            for i in piece.active:
                first.setdefault(i, run)
                last[i] = run
    for i, item in enumerate(report.items):
        if i in first:
            _comment(word, first[i], last[i], item)
    return word


def annotate_docx(report: Report):  # -> docx Document, or None when it cannot be mapped
    """The vendor's own DOCX, formatting untouched, with runs split at each finding and commented.

    Offsets of ``Document.text`` are mapped back to characters of the runs (automatic numbering
    is in the text but in no run, so a comment on a numbered line starts at its first real word).
    """
    doc = report.document
    word = docx.Document(str(doc.path))
    _check_comments_supported(word)
    smap = SourceMap(doc, word)
    top = doc.blocks[0].start if doc.blocks else 0
    # Per finding: ("span", (line, char), (line, char)) or ("point", line, char, before).
    targets: list[tuple] = []
    for item in report.items:
        f = item.finding
        span = None if item.whole_document or f.end <= f.start else smap.span(f.start, f.end)
        if span is not None:
            targets.append(("span", *span))
            continue
        place = smap.point(top if item.whole_document else f.start)
        if place is None:
            # Nothing near the finding could be traced back to a run: rather than leave a
            # finding out of the copy the vendor gets, build the copy from the text instead.
            return None
        targets.append(("point", *place))
    # Split runs so that every comment boundary is a run boundary. Splitting each line from its
    # end backwards keeps the recorded positions of its earlier characters valid.
    cuts: dict[int, set[tuple[float, int, bool]]] = {}
    for t in targets:
        if t[0] == "span":
            (la, a), (lb, b) = t[1], t[2]
            cuts.setdefault(la, set()).add((a, a, True))
            cuts.setdefault(lb, set()).add((b + 0.5, b, False))
        else:
            _, line, char, before = t
            cuts.setdefault(line, set()).add((char if before else char + 0.5, char, before))
    # Lines of one paragraph share runs: cut its later lines first, so in document order backwards.
    for line in sorted(cuts, key=lambda n: (id(smap.lines[n].element), smap.lines[n].line), reverse=True):
        chars = smap.lines[line].chars
        for _, char, before in sorted(cuts[line], reverse=True):
            (split_run_before if before else split_run_after)(chars[char])
    fresh = {line: smap.fresh_chars(line) for line in cuts}
    for item, t in zip(report.items, targets):
        if t[0] == "span":
            (la, a), (lb, b) = t[1], t[2]
            _comment(word, Run(fresh[la][a].run, None), Run(fresh[lb][b].run, None), item)
        else:
            _, line, char, before = t
            anchor = fresh[line][char].run
            empty = OxmlElement("w:r")
            (anchor.addprevious if before else anchor.addnext)(empty)
            run = Run(empty, None)
            _comment(word, run, run, item)
    return word


def render_annotated(report: Report):
    """The annotated copy as a python-docx Document (the source's own DOCX when there is one)."""
    if report.document.format == "docx":
        word = annotate_docx(report)
        if word is not None:
            return word
    return annotate_text(report)


def write_annotated(report: Report, path: Path) -> Path:
    return save(render_annotated(report), path)
