"""Find text that is not part of the contract: web chrome, advertising, contact handles, spam."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from .document import Document, ForeignSpan


def find_foreign(document: "Document") -> list["ForeignSpan"]:
    return []
