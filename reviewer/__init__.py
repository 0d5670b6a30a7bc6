"""Contract Reviewer: load a contract, split it into clauses, check it against a YAML checklist.

The rooms, each importing only those below it (import-linter keeps it so; ``ui/`` sits on top):
    commands/                 the command line and batch: check, outline, rules, compare
    compare/                  drafts and templates: clause alignment, word diffs, risk delta, redline
    reports/ | engine/        report writers | rule files, rule pack, rule types, the review run
    loaders/ -> structure/    file formats -> numbering and the clause tree, parties, foreign text
    model/                    the contract as data: Document, ClauseTree, Parties, Finding, decisions
    text/, errors, atomic,    Chinese numerals and words, plain-message errors, safe writes,
    i18n, userdirs            language, the user's cache folder
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:  # pragma: no cover
    from .model.document import Document


def load(path, *, password: str | None = None) -> "Document":
    """Read a contract (TXT, Markdown, DOCX, PDF) into a Document; raises LoadError on bad input.

    A PDF with an open password raises PasswordRequired (a LoadError); call again with ``password``.
    """
    from .loaders import load as _load

    return _load(path, password=password)


def review(document, rules=None, perspective: str = "customer"):
    """Check a Document against a rule set (the built-in pack by default); returns a ReviewResult."""
    from .engine.run import review as _review

    return _review(document, rules=rules, perspective=perspective)


__all__ = ["__version__", "load", "review"]
