"""Turn a contract file (TXT, Markdown, DOCX, PDF) into a :class:`~reviewer.model.document.Document`."""

from __future__ import annotations

from pathlib import Path

from ..errors import LoadError
from ..i18n import tr
from ..model.document import Block, Document
from ..text.textnorm import drop_invisible, normalise_chars
from .raw import MAX_TEXT_CHARS, Paragraph, RawDocument, too_long_error

__all__ = ["MAX_TEXT_CHARS", "Paragraph", "RawDocument", "assemble", "from_text", "load", "too_long_error"]


def load(path: str | Path, *, password: str | None = None) -> Document:
    """Read ``path`` into a Document, or raise :class:`LoadError` with a plain message.

    ``password`` opens a PDF that has an open password; without it such a PDF raises
    :class:`~reviewer.errors.PasswordRequired`. Other formats ignore it.
    """
    from .sniff import detect_format

    path = Path(path)
    fmt = detect_format(path)
    if fmt in ("txt", "md"):
        from .txt import load_txt

        raw = load_txt(path)
    elif fmt == "docx":
        from .docx import load_docx

        raw = load_docx(path)
    elif fmt == "pdf":
        from .pdf import load_pdf

        raw = load_pdf(path, password=password)
    else:  # pragma: no cover - detect_format raises for everything else
        raise LoadError(tr("不支持的文件格式。", "Unsupported file format."), path=path)
    return assemble(path, fmt, raw)


def from_text(text: str, name: str = "example.txt") -> Document:
    """A Document from a string (rule examples, tests): one block per line, like a TXT file."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    raw = RawDocument([Paragraph(line, 1, f"第 {i} 行") for i, line in enumerate(lines, 1)])
    return assemble(Path(name), "txt", raw)


def assemble(path: Path, fmt: str, raw: RawDocument) -> Document:
    """Join paragraphs into ``Document.text`` (one per line), index blocks and pages, then read its structure."""
    from ..structure import build

    if sum(len(p.text) + 1 for p in raw.paragraphs) > MAX_TEXT_CHARS:
        raise too_long_error(path)
    parts: list[str] = []
    blocks: list[Block] = []
    page_starts: list[int] = [0] * max(1, raw.page_count)
    seen_pages: set[int] = set()
    offset = 0
    def mark_page(page: int, at: int) -> None:
        if page not in seen_pages and 1 <= page <= len(page_starts):
            seen_pages.add(page)
            page_starts[page - 1] = at

    for para in raw.paragraphs:
        if para.page_breaks:
            # Keep the break offsets right while invisible characters and edge spaces go.
            pieces, cuts, last = [], [], 0
            for cut, page in para.page_breaks:
                pieces.append(drop_invisible(para.text[last:cut]))
                cuts.append((sum(map(len, pieces)), page))
                last = cut
            pieces.append(drop_invisible(para.text[last:]))
            joined = "".join(pieces)
        else:
            joined, cuts = drop_invisible(para.text), []
        lead = len(joined) - len(joined.lstrip())
        trail = len(joined) - len(joined.rstrip())
        text = normalise_chars(joined.strip())
        if not text:
            continue
        if parts:
            offset += 1  # the "\n" between blocks
        mark_page(para.page, offset)
        for cut, page in cuts:
            mark_page(page, offset + min(len(text), max(0, cut - lead)))
        blocks.append(Block(offset, offset + len(text), para.page, para.source, para.kind, para.level,
                            (lead, trail)))
        parts.append(text)
        offset += len(text)
    text = "\n".join(parts)
    # Pages with no text (scans, blank pages) start where the next page with text starts,
    # so page_starts stays sorted and bisect finds the right page for every offset.
    for page in range(len(page_starts) - 1, 0, -1):
        if (page + 1) not in seen_pages:
            page_starts[page] = page_starts[page + 1] if page + 1 < len(page_starts) else len(text)
    for page in range(1, len(page_starts)):
        page_starts[page] = max(page_starts[page], page_starts[page - 1])
    document = Document(
        path=path,
        format=fmt,
        text=text,
        blocks=tuple(blocks),
        page_starts=tuple(page_starts),
        page_problems=tuple(raw.page_problems),
        notes=tuple(raw.notes),
        source_encoding=raw.encoding,
    )
    return build(document)
