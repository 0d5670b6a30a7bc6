"""A loaded contract: one clean text, its paragraphs, pages and foreign spans, all as offsets."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Protocol

from .clauses import ClauseTree
from .parties import Parties


class StructureReader(Protocol):
    """Reads a Document's structure; read on first use, after the loader has set the foreign spans."""

    def read_clauses(self, document: "Document") -> ClauseTree: ...

    def read_parties(self, document: "Document") -> Parties: ...


@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph of the source as one line of ``Document.text``.

    ``start``/``end`` index ``Document.text`` (``end`` excludes the ``"\\n"`` that separates
    blocks); ``source`` says where it came from in the file, in words a person can follow
    ("第 12 行", "段落 7", "表格 1 第 2 行 第 3 列", ...), and ``page`` is 1-based.
    """

    start: int
    end: int
    page: int
    source: str
    kind: str = "para"  # "para" | "table" | "heading"
    level: int = 0  # a heading's depth (markdown "##" → 2), 0 when unknown
    #: How many spaces the source had before and after the line's text (trimmed from ``Document.text``):
    #: in a Word form a blank underlined at the end of one line and the start of the next is only this.
    edge_spaces: tuple[int, int] = (0, 0)


@dataclass(frozen=True, slots=True)
class ForeignSpan:
    """Text that is not part of the contract: web-page chrome, advertising, contact handles, spam.

    ``kind`` is one of ``"web-chrome"``, ``"advertising"``, ``"contact"``, ``"spam"``;
    ``replaces`` names the word spam was substituted for, when it can be told (e.g. "保密").
    """

    start: int
    end: int
    kind: str
    detail: str = ""
    replaces: str = ""


@dataclass(frozen=True, slots=True)
class PageProblem:
    """A page the loader could not read as text (a scanned image, say)."""

    page: int
    problem: str  # "no-text" | ...


@dataclass(eq=False)
class Document:
    """A contract as every later stage sees it.

    ``text`` is the single truth: blocks joined by ``"\\n"``; every offset anywhere in the
    program (clauses, foreign spans, findings) indexes it. Pages are contiguous ranges of it,
    so a page is found from an offset with ``bisect`` and never stored per character.
    """

    path: Path
    format: str  # "txt" | "md" | "docx" | "pdf"
    text: str
    blocks: tuple[Block, ...]
    page_starts: tuple[int, ...] = (0,)
    foreign: tuple[ForeignSpan, ...] = ()
    page_problems: tuple[PageProblem, ...] = ()
    notes: tuple[str, ...] = ()
    source_encoding: str | None = None
    #: What reads the clause tree and the parties from the text, given by the builder
    #: (:func:`reviewer.structure.build`); the model itself never imports the parsers.
    reader: "StructureReader | None" = None
    _block_starts: list[int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.path = Path(self.path)
        self._block_starts = [b.start for b in self.blocks]

    # -- positions -------------------------------------------------------------------------

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def page_count(self) -> int:
        return len(self.page_starts)

    def page_at(self, offset: int) -> int:
        """1-based page of the character at ``offset``."""
        return max(1, bisect_right(self.page_starts, offset))

    def pages_of(self, start: int, end: int) -> tuple[int, ...]:
        """Every page that the span ``[start, end)`` touches."""
        first = self.page_at(start)
        last = self.page_at(max(start, end - 1))
        return tuple(range(first, last + 1))

    def block_at(self, offset: int) -> Block | None:
        """The block containing ``offset`` (or ending right before it), if any."""
        i = bisect_right(self._block_starts, offset) - 1
        if i < 0:
            return None
        block = self.blocks[i]
        return block if offset <= block.end else None

    def line_at(self, offset: int) -> int:
        """1-based line of ``Document.text`` (a block is a line)."""
        return self.text.count("\n", 0, offset) + 1

    def foreign_at(self, start: int, end: int) -> list[ForeignSpan]:
        """Foreign spans overlapping ``[start, end)``."""
        return [f for f in self.foreign if f.start < end and start < f.end]

    def is_foreign_block(self, block: Block) -> bool:
        """True when the whole block is foreign text (chrome, advertising), so not contract."""
        return block.start in self._foreign_block_starts

    @cached_property
    def _foreign_block_starts(self) -> frozenset[int]:
        # Computed once, after the loader has set ``foreign``: merge the spans, then one bisect
        # per block instead of blocks × spans comparisons.
        merged: list[list[int]] = []
        for span in sorted(self.foreign, key=lambda f: f.start):
            if merged and span.start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], span.end)
            else:
                merged.append([span.start, span.end])
        starts = [m[0] for m in merged]
        covered = set()
        for block in self.blocks:
            i = bisect_right(starts, block.start) - 1
            if i >= 0 and merged[i][1] >= block.end:
                covered.add(block.start)
        return frozenset(covered)

    # -- derived structure (read once, on first use) -------------------------------------------

    @cached_property
    def clauses(self) -> ClauseTree:
        return self.reader.read_clauses(self) if self.reader is not None else ClauseTree([])

    @cached_property
    def parties(self) -> Parties:
        return self.reader.read_parties(self) if self.reader is not None else Parties()
