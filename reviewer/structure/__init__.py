"""Reading a contract's structure from its text: numbering and the clause tree, parties, foreign text."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from ..model.clauses import ClauseTree
    from ..model.document import Document
    from ..model.parties import Parties


class Reader:
    """The structure readers a Document calls on first use (see ``Document.reader``)."""

    def read_clauses(self, document: "Document") -> "ClauseTree":
        from .clause_parser import ClauseParser

        return ClauseParser(document).parse()

    def read_parties(self, document: "Document") -> "Parties":
        from .party_finder import PartyFinder

        return PartyFinder(document).find()


READER = Reader()


def build(document: "Document") -> "Document":
    """Find the foreign text in a freshly joined Document and give it the structure readers."""
    from .foreign import find_foreign

    document.foreign = tuple(find_foreign(document))
    document.reader = READER
    return document
