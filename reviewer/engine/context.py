"""What a rule type sees while it checks one document: the document, the perspective, the rule set."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Protocol

from ..text.alternation import any_of
from ..text.occurrences import Occurrences

if TYPE_CHECKING:  # pragma: no cover
    from ..model.clauses import Clause
    from ..model.document import Document


class ClauseClassifier(Protocol):
    def classify(self, document: "Document",
                 occurrences: Occurrences | None = None) -> dict[int, frozenset[str]]: ...


class Rules(Protocol):
    """What the context needs of a rule set (a :class:`~reviewer.engine.rulepack.RuleSet`)."""

    clause_types: ClauseClassifier

PERSPECTIVES = ("customer", "vendor")

# Default labels when the loader could not tell the sides apart: in vendor paper the customer
# is usually 甲方 and the vendor 乙方.
_DEFAULT_LABELS = {"customer": "甲方", "vendor": "乙方"}
# Terms addressed to the customer in the second person (the party finder's addressees) …
_ADDRESSEES = ("您", "你", "用户", "客户")
# … and the words their drafter, the vendor, uses for itself.
_DRAFTER_WORDS = ("我们", "本公司", "我公司", "我司", "本网站", "本平台")


@dataclass
class ReviewContext:
    """What a rule type sees while it checks one document.

    ``perspective`` is whose counsel we are ("customer" or "vendor"); rules speak of
    ``{us}``/``{them}`` and ``{customer}``/``{vendor}``, which :meth:`expand` turns into the
    labels and names the loader found for each side.
    """

    document: "Document"
    perspective: str
    ruleset: Rules
    review_date: date = field(default_factory=date.today)
    #: Per-review memo for rule types (units of a scope, …): computed once, shared by every rule.
    cache: dict = field(default_factory=dict)

    @cached_property
    def language(self) -> str:
        """"zh", or "en" for a contract written mostly in Latin letters (see reviewer.text.language)."""
        from ..text.language import document_language

        return document_language(self.document.text)

    # -- parties -------------------------------------------------------------------------

    @cached_property
    def party_terms(self) -> dict[str, list[str]]:
        """For each role, the words the contract uses for it: its label and its name."""
        terms: dict[str, list[str]] = {"customer": [], "vendor": []}
        text = self.document.text
        for party in self.document.parties.parties:
            if party.role in terms:
                terms[party.role] += [t for t in (party.label, party.name) if t and len(t) <= 40]
                # "腾讯云公司" is also "腾讯云" where the text says so.
                stem = party.label[:-2] if party.label.endswith("公司") else ""
                if len(stem) >= 2 and text.count(stem) > text.count(party.label):
                    terms[party.role].append(stem)
        # Terms written to 您/用户/客户 speak of their drafter in the first person: 我们, 本公司.
        if any(p.role == "customer" and p.label in _ADDRESSEES for p in self.document.parties.parties):
            terms["vendor"] += [w for w in _DRAFTER_WORDS if w in text and w not in terms["customer"]]
        for role, label in _DEFAULT_LABELS.items():
            if not terms[role]:
                other = "vendor" if role == "customer" else "customer"
                if label not in terms[other]:
                    terms[role].append(label)
        return terms

    @property
    def us(self) -> str:
        return self.perspective

    @property
    def them(self) -> str:
        return "vendor" if self.perspective == "customer" else "customer"

    def role_of(self, word: str) -> str:
        """"us"/"them"/"customer"/"vendor" → "customer" or "vendor" for this review."""
        return {"us": self.us, "them": self.them}.get(word, word)

    def label(self, role: str) -> str:
        """The word counsel read for a side: "甲方", or the role's name if no label was found."""
        terms = self.party_terms[self.role_of(role)]
        return terms[0] if terms else role

    @cached_property
    def _party_patterns(self) -> dict[str, str]:
        out = {}
        for role in ("customer", "vendor"):
            words = self.party_terms[role]
            out[role] = "(?:" + any_of(words) + ")" if words else "(?!)"
        return out

    @cached_property
    def _party_initials(self) -> dict[str, str]:
        """The character a model form's choice uses for a side: 甲 for 甲方 (“归（甲、双）方所有”)."""
        out = {}
        for role in ("customer", "vendor"):
            chars = sorted({w[0] for w in self.party_terms[role] if len(w) == 2 and w.endswith("方")})
            out[role] = "[" + "".join(chars) + "]" if chars else "(?!)"
        return out

    def expand(self, pattern: str) -> str:
        """Replace ``{us}``, ``{them}``, ``{customer}``, ``{vendor}`` in a regex by party alternations,
        and ``{us_initial}`` … by the initial a choice list uses (甲 for 甲方)."""
        if "{" not in pattern:
            return pattern
        pats, initials = self._party_patterns, self._party_initials
        return _PARTY_SLOT.sub(lambda m: (initials if m.group(2) else pats)[self.role_of(m.group(1))], pattern)

    def message_values(self) -> dict[str, str]:
        return {name: self.label(name) for name in ("us", "them", "customer", "vendor")}

    # -- clauses ---------------------------------------------------------------------------

    @cached_property
    def clause_types(self) -> dict[int, frozenset[str]]:
        """Clause index → the clause types it belongs to (see ``clause_types`` in the rule files)."""
        return self.ruleset.clause_types.classify(self.document, self.occurrences)

    def clauses_of_type(self, *types: str) -> list["Clause"]:
        wanted = set(types)
        return [n for n in self.document.clauses if self.clause_types.get(n.index, frozenset()) & wanted]

    def types_of(self, clause: "Clause") -> frozenset[str]:
        return self.clause_types.get(clause.index, frozenset())

    @cached_property
    def occurrences(self) -> Occurrences:
        """Where the rules' required words occur in the text, each found once per review."""
        return Occurrences(self.document.text)

    @cached_property
    def contract_spans(self) -> list[tuple[int, int]]:
        """Spans of ``Document.text`` that belong to the contract (not chrome or advertising)."""
        doc = self.document
        return [(b.start, b.end) for b in doc.blocks if not doc.is_foreign_block(b)]

    def in_contract(self, start: int, end: int) -> bool:
        doc = self.document
        block = doc.block_at(start)
        return block is not None and not doc.is_foreign_block(block)


_PARTY_SLOT = re.compile(r"\{(us|them|customer|vendor)(_initial)?\}")
