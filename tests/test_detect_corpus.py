"""Section A of the checklist over the labelled samples and corpus: every must-find found, no trap raised.

A finding matches a label when the category is the same, its clause is the labelled clause (or
one of its sub-clauses) and its span overlaps the quoted text. Foreign text is recognised by the
loader (``reviewer.structure.foreign``); here it is checked that each span the loader found becomes a finding.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from reviewer.engine.run import review
from reviewer.loaders import load
from reviewer.engine.rulepack import RuleSet

ROOT = Path(__file__).resolve().parent.parent
LABELS = sorted((ROOT / "tests" / "labels").glob("*.yaml"))
SECTION_A = {"blank", "truncated", "numbering", "cross-reference", "amount-mismatch", "payment-sum",
             "signature", "foreign-text"}
PACK = RuleSet.default(include_user=False)
ONLY_A = RuleSet([r for r in PACK.rules if r.category in SECTION_A and r.source.name == "a-document.yaml"],
                 PACK.clause_types, PACK.packs, [], PACK.files)


def _matches(finding, entry, text: str) -> bool:
    if finding.category != entry["category"]:
        return False
    clause, quote = entry.get("clause"), entry.get("quote")
    if clause is not None and finding.clause is not None:
        if not (finding.clause == clause or finding.clause.startswith(clause + ".")
                or clause.startswith(finding.clause + ".")):
            return False
    if quote is None:
        return clause is None or finding.clause is not None
    at = text.find(quote)
    while at >= 0:
        if finding.start < at + len(quote) and at < finding.end:
            return True
        at = text.find(quote, at + 1)
    return False


@pytest.fixture(scope="module", params=LABELS, ids=[p.stem for p in LABELS])
def reviewed(request):
    labels = yaml.safe_load(request.param.read_text(encoding="utf-8"))
    document = load(ROOT / labels["file"])
    result = review(document, ONLY_A, perspective=labels.get("perspective", "customer"))
    return labels, document, result.findings


def test_every_section_a_must_find_is_found(reviewed):
    labels, document, findings = reviewed
    missed = []
    for entry in labels.get("must_find") or []:
        if entry["category"] not in SECTION_A - {"foreign-text"}:
            continue
        if not any(_matches(f, entry, document.text) for f in findings):
            missed.append((entry["category"], entry.get("clause"), entry.get("quote")))
    assert missed == []


def test_no_section_a_trap_is_raised(reviewed):
    labels, document, findings = reviewed
    raised = []
    for entry in labels.get("must_not_find") or []:
        if entry["category"] not in SECTION_A:
            continue
        raised += [(f.rule, f.clause, f.text) for f in findings if _matches(f, entry, document.text)]
    assert raised == []


def test_every_foreign_span_becomes_a_finding(reviewed):
    labels, document, findings = reviewed
    foreign = [f for f in findings if f.category == "foreign-text"]
    for span in document.foreign:
        assert any(f.start <= span.start and span.end <= f.end for f in foreign), span


def test_every_message_is_filled_in(reviewed):
    labels, document, findings = reviewed
    import re

    for f in findings:
        for part in (f.message, f.why, f.suggestion, f.basis):
            # {{合同编号}} quoted from the contract is the contract's own text, not a slot left open.
            left_open = [m.group() for m in re.finditer(r"\{[a-z_]+\}", part) if m.group() not in document.text]
            assert left_open == [], (f.rule, part)
        assert f.message and f.why and f.suggestion
