"""The comparison as JSON, schema 1 (reviewer/data/compare-schema.json): the part other tools rely on."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..text import jsontext

if TYPE_CHECKING:  # pragma: no cover
    from . import Comparison

SCHEMA = 1


def _side(result) -> dict:
    doc = result.document
    return {"file": str(doc.path), "format": doc.format, "text": doc.text}


def to_json(comparison: "Comparison") -> dict:
    """Every clause of either draft and every finding of either, with offsets into each draft's text."""
    clauses = []
    for change in comparison.clauses:
        o, n = change.old, change.new
        clauses.append({
            "old": o.number if o else None,
            "new": n.number if n else None,
            "status": change.status,
            "kind": (n or o).kind,
            "heading": (n or o).node.heading,
            "relation": change.relation,
            "similarity": round(change.score, 1),
            "old_start": o.start if o else None,
            "old_end": o.end if o else None,
            "new_start": n.start if n else None,
            "new_end": n.end if n else None,
            "words": [{"op": w.op, "old_start": w.old_start, "old_end": w.old_end,
                       "new_start": w.new_start, "new_end": w.new_end}
                      for w in (change.diff.changes if change.diff is not None else ())],
        })
    findings = []
    for change, shown in zip(comparison.findings, comparison.decisions):
        f, o, n = change.finding, change.old, change.new
        findings.append({
            "status": change.status,
            "rule": f.rule,
            "category": f.category,
            "severity": f.severity.value,
            "clause_old": o.clause if o else None,
            "clause_new": n.clause if n else None,
            "message": f.message,
            "text": f.text,
            "old_start": o.start if o else None,
            "old_end": o.end if o else None,
            "new_start": n.start if n else None,
            "new_end": n.end if n else None,
            "decision": shown.status,
            "note": shown.note,
            "decision_origin": shown.origin or None,
            "earlier_decision": shown.earlier.status if shown.earlier is not None else None,
        })
    return {
        "schema": SCHEMA,
        "mode": "template" if comparison.template else "drafts",
        "pack_version": comparison.new.pack_version,
        "perspective": comparison.new.perspective,
        "old": _side(comparison.old),
        "new": _side(comparison.new),
        "counts": {"clauses": comparison.clauses.counts(), "findings": comparison.finding_counts()},
        "clauses": clauses,
        "findings": findings,
    }


def dumps(comparison: "Comparison") -> str:
    return jsontext.dumps(to_json(comparison)) + "\n"
