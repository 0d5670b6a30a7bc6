"""The units two drafts are compared by: each clause-tree node's own words, without its number."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from ..model.document import Document
    from ..model.clauses import Clause

#: Node kinds that are units. List items stay inside their clause: the word diff shows them.
UNIT_KINDS = ("title", "preamble", "chapter", "clause", "signature", "annex")

_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Unit:
    """One node's own text: from its heading (or body) to its first child unit, label left out.

    ``start``/``end`` span the whole own text with the label (``label_end`` is where the words
    begin); ``key`` is the words folded for comparison (NFKC, no whitespace), so a renumbered
    clause, a PDF's Kangxi radicals or a re-wrapped line compare equal.
    """

    index: int  # position in the document's unit list
    node: "Clause"
    parent: int | None  # index of the nearest ancestor unit
    start: int
    label_end: int
    end: int
    key: str

    @property
    def kind(self) -> str:
        return self.node.kind

    @property
    def number(self) -> str:
        """What the JSON and reports call it: the normalised number, else the kind ("title")."""
        return self.node.number or self.node.kind

    @property
    def name(self) -> str:
        """How counsel name it: "2.3 服务期限", "第四章 知识产权", "title"."""
        return self.node.display


def fold(text: str) -> str:
    """Text as compared: compatibility forms folded, whitespace dropped."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text))


def units_of(document: "Document") -> list[Unit]:
    """The document's units in reading order; their own spans never overlap."""
    text = document.text
    nodes = [n for n in document.clauses if n.kind in UNIT_KINDS]
    by_node: dict[int, int] = {}
    out: list[Unit] = []
    for i, node in enumerate(nodes):
        by_node[node.index] = i
    tree = document.clauses
    for i, node in enumerate(nodes):
        parent = None
        up = tree.parent(node)
        while up is not None:
            if up.index in by_node:
                parent = by_node[up.index]
                break
            up = tree.parent(up)
        nxt = nodes[i + 1] if i + 1 < len(nodes) else None
        end = node.end
        if nxt is not None and nxt.start < end:  # a child unit begins inside: stop there
            end = nxt.start
        label_end = _words_start(text, node, end)
        end = max(label_end, _rstrip(text, label_end, end))
        out.append(Unit(i, node, parent, node.start, label_end, end, fold(text[label_end:end])))
    return out


def _words_start(text: str, node: "Clause", end: int) -> int:
    """Where the node's words begin: its heading if it has one, else its body (the label is before)."""
    if node.heading:
        at = text.find(node.heading, node.start, max(node.body_start, node.start + len(node.heading)))
        if at >= 0:
            return at
    return min(max(node.body_start, node.start), end)


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end
