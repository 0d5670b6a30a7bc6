"""The machine-readable report: schema 1 of issue 3, plus counsel's decision and note per finding."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Mapping, Sequence

from ..atomic import atomic_write_text
from ..model.decisions import Decision
from ..text import jsontext
from .common import build_report

if TYPE_CHECKING:  # pragma: no cover
    from ..engine.run import ReviewResult

SCHEMA = 1
#: Node kinds that appear in ``clauses``: chapters, numbered clauses and their list items.
CLAUSE_KINDS = ("chapter", "clause", "item")


def document_json(result: "ReviewResult", decisions: Mapping[str, Decision] | None = None,
                  include_false_alarms: bool = True) -> dict:
    """One entry of ``documents``: the text every offset indexes, its clauses and its findings."""
    report = build_report(result, decisions, include_false_alarms)
    doc = result.document
    clauses = [
        {
            "number": node.number,
            "heading": node.heading,
            "start": node.start,
            "end": node.end,
            "page": doc.page_at(node.start),
            "types": sorted(result.clause_types.get(node.index, ())),
        }
        for node in doc.clauses
        if node.kind in CLAUSE_KINDS
    ]
    findings = []
    for item in report.items:
        f = item.finding
        findings.append({
            "rule": f.rule,
            "category": f.category,
            "severity": f.severity.value,
            "clause": f.clause,
            "start": f.start,
            "end": f.end,
            "page": f.page,
            "text": f.text,
            "message": f.message,
            "why": f.why,
            "basis": f.basis,
            "suggestion": f.suggestion,
            "decision": item.decision.status,
            "note": item.decision.note,
        })
    return {
        "file": str(doc.path),
        "format": doc.format,
        "pages": doc.page_count,
        "parties": doc.parties.to_dict(),
        "perspective": result.perspective,
        "pack_version": result.pack_version,
        "text": doc.text,
        "clauses": clauses,
        "findings": findings,
    }


def decisions_for(path: str | Path, decisions_by_file: Mapping | None) -> Mapping[str, Decision] | None:
    """The decisions recorded for one contract; keys may be given as str or Path, relative or not."""
    if not decisions_by_file:
        return None
    if path in decisions_by_file:
        return decisions_by_file[path]
    wanted = Path(path).resolve()
    for key, value in decisions_by_file.items():
        if Path(key).resolve() == wanted:
            return value
    return None


def to_json(results: Sequence["ReviewResult"], decisions_by_file: Mapping | None = None,
            include_false_alarms: bool = True) -> dict:
    """The JSON object ``contract-review check --format json`` prints, for one or more contracts.

    ``decisions_by_file`` maps each contract's path (str or Path) to its decisions by fingerprint.
    """
    versions: list[str] = []
    for r in results:
        if r.pack_version and r.pack_version not in versions:
            versions.append(r.pack_version)
    return {
        "schema": SCHEMA,
        "pack_version": "; ".join(versions),
        "documents": [
            document_json(r, decisions_for(r.document.path, decisions_by_file), include_false_alarms)
            for r in results
        ],
    }


def dumps(data: dict) -> str:
    """The report object as text: UTF-8 Chinese as is, indented, ending in a newline."""
    return jsontext.dumps(data) + "\n"


def write_json(result: "ReviewResult", path: Path, decisions: Mapping[str, Decision] | None = None,
               include_false_alarms: bool = True) -> Path:
    by_file = {result.document.path: decisions} if decisions else None
    return atomic_write_text(path, dumps(to_json([result], by_file, include_false_alarms)))
