"""The clause tree: title, preamble, chapters, numbered clauses, list items, signature block."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Iterator


@dataclass(frozen=True, slots=True)
class Clause:
    """One node of the clause tree; every position indexes ``Document.text``.

    ``kind``: "front" | "title" | "preamble" | "chapter" | "clause" | "item" | "signature" | "annex"
    ("front": front matter that is not the contract, such as a model text's 使用说明).
    ``number`` is normalised ("10" for 第十章/第十条, "10.2", items "6.2(1)"), ``label`` is the
    number as written ("第十章", "10.2", "(1)"). ``text[start:end]`` is the whole node with its
    children, without the trailing newline; the heading is ``text[heading_start:heading_end]``
    (empty when there is none) and the body starts at ``body_start``.
    """

    index: int
    kind: str
    number: str | None
    label: str
    heading: str
    level: int
    start: int
    end: int
    heading_start: int
    heading_end: int
    body_start: int
    parent: int | None

    @property
    def display(self) -> str:
        """How counsel name the node: "10.2 仲裁", "第十章 争议解决", "签署页"."""
        return " ".join(part for part in (self.label, self.heading) if part) or self.kind


class ClauseTree:
    """The nodes in document order, with queries by number and by offset."""

    def __init__(self, nodes: list[Clause]) -> None:
        self.nodes: tuple[Clause, ...] = tuple(nodes)
        self._starts = [n.start for n in self.nodes]
        self._by_number: dict[str, Clause] = {}
        self._children: dict[int | None, list[Clause]] = {}
        for node in self.nodes:
            self._children.setdefault(node.parent, []).append(node)
            if node.number is not None and node.kind in ("chapter", "clause", "item"):
                self._by_number.setdefault(node.number, node)

    def __iter__(self) -> Iterator[Clause]:
        return iter(self.nodes)

    def __len__(self) -> int:
        return len(self.nodes)

    def get(self, number: str) -> Clause | None:
        """The chapter, clause or item with this normalised number, if there is one."""
        return self._by_number.get(number)

    def children(self, node: Clause) -> list[Clause]:
        return list(self._children.get(node.index, ()))

    def parent(self, node: Clause) -> Clause | None:
        return None if node.parent is None else self.nodes[node.parent]

    def ancestors(self, node: Clause) -> list[Clause]:
        out = []
        while node.parent is not None:
            node = self.nodes[node.parent]
            out.append(node)
        return out

    def at(self, offset: int) -> Clause | None:
        """The innermost node containing ``offset``."""
        i = bisect_right(self._starts, offset) - 1
        while i >= 0:
            node = self.nodes[i]
            if node.start <= offset < max(node.end, node.start + 1):
                return node
            i = -1 if node.parent is None and node.end <= offset else i - 1
        return None

    def clause_at(self, offset: int) -> Clause | None:
        """The innermost numbered clause or chapter (not a list item) containing ``offset``."""
        node = self.at(offset)
        while node is not None and node.kind not in ("clause", "chapter"):
            if node.kind in ("signature", "title", "preamble", "annex", "front"):
                return node
            node = self.parent(node)
        return node

    def of_kind(self, *kinds: str) -> list[Clause]:
        return [n for n in self.nodes if n.kind in kinds]

    def leaves_and_clauses(self) -> list[Clause]:
        """Numbered clauses (kind "clause"), the unit most rules look at."""
        return [n for n in self.nodes if n.kind == "clause"]

