"""The JSON report: schema 1 of issue 3 plus decisions, valid against reviewer/data/report-schema.json."""

from __future__ import annotations

import copy
import json
from importlib import resources

import pytest

from reviewer.reports import write_report
from reviewer.reports.json_report import document_json, dumps, to_json

from report_fixtures import seed_decisions, seed_result


def load_schema() -> dict:
    return json.loads(resources.files("reviewer.data").joinpath("report-schema.json").read_text("utf-8"))


_TYPES = {"string": str, "integer": int, "array": list, "object": dict, "null": type(None),
          "boolean": bool, "number": (int, float)}


def validate(instance, schema: dict, root: dict | None = None, where: str = "$") -> list[str]:
    """A small validator for the subset of JSON Schema the report schema uses."""
    root = root or schema
    if "$ref" in schema:
        name = schema["$ref"].removeprefix("#/$defs/")
        return validate(instance, root["$defs"][name], root, where)
    errors: list[str] = []
    if "type" in schema:
        kinds = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        ok = any(isinstance(instance, _TYPES[k]) and not (k in ("integer", "number") and isinstance(instance, bool))
                 for k in kinds)
        if not ok:
            return [f"{where}: expected {kinds}, got {type(instance).__name__}"]
    if "const" in schema and instance != schema["const"]:
        errors.append(f"{where}: expected {schema['const']!r}")
    if "enum" in schema and instance not in schema["enum"]:
        errors.append(f"{where}: {instance!r} not in {schema['enum']}")
    if "minimum" in schema and isinstance(instance, int) and instance < schema["minimum"]:
        errors.append(f"{where}: {instance} < {schema['minimum']}")
    if isinstance(instance, dict):
        for key in schema.get("required", ()):
            if key not in instance:
                errors.append(f"{where}: missing {key!r}")
        props = schema.get("properties", {})
        for key, value in instance.items():
            if key in props:
                errors += validate(value, props[key], root, f"{where}.{key}")
            elif schema.get("additionalProperties") is False:
                errors.append(f"{where}: unexpected {key!r}")
    if isinstance(instance, list) and "items" in schema:
        for i, value in enumerate(instance):
            errors += validate(value, schema["items"], root, f"{where}[{i}]")
    return errors


@pytest.fixture(scope="module")
def result():
    return seed_result()


@pytest.fixture(scope="module")
def output(result, tmp_path_factory):
    path = tmp_path_factory.mktemp("json") / "seed.json"
    written = write_report(result, "json", path, seed_decisions(result))
    return json.loads(written.read_text(encoding="utf-8"))


def test_output_validates_against_the_shipped_schema(output):
    schema = load_schema()
    assert validate(output, schema) == []
    try:
        import jsonschema
    except ImportError:  # pragma: no cover - the small validator above still ran
        return
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(output)


def test_the_small_validator_catches_what_the_schema_forbids(output):
    schema = load_schema()
    bad = copy.deepcopy(output)
    bad["documents"][0]["findings"][0]["severity"] = "urgent"
    del bad["documents"][0]["findings"][1]["note"]
    bad["documents"][0]["extra"] = 1
    bad["documents"][0]["clauses"].append({"number": 3, "heading": "", "start": -1, "end": 0, "page": 1,
                                           "types": []})
    errors = validate(bad, schema)
    assert any("severity" in e for e in errors)
    assert any("missing 'note'" in e for e in errors)
    assert any("unexpected 'extra'" in e for e in errors)
    assert any("number" in e for e in errors) and any("< 0" in e for e in errors)


def test_every_finding_is_there_with_its_offsets_into_the_text(output, result):
    doc = output["documents"][0]
    assert doc["text"] == result.document.text
    assert len(doc["findings"]) == len(result.findings)
    for entry, finding in zip(doc["findings"], sorted(result.findings, key=lambda f: f.sort_key)):
        assert entry["rule"] == finding.rule
        assert doc["text"][entry["start"]:entry["end"]] == entry["text"] == finding.text
        assert entry["severity"] == finding.severity.value
        assert entry["clause"] == finding.clause
        assert (entry["message"], entry["why"], entry["basis"], entry["suggestion"]) == (
            finding.message, finding.why, finding.basis, finding.suggestion)


def test_decisions_and_notes_are_in_the_findings(output):
    by_rule = {f["rule"]: f for f in output["documents"][0]["findings"]}
    assert (by_rule["acceptance-vague"]["decision"], by_rule["acceptance-vague"]["note"]) == (
        "accepted", "已与业务确认：可接受")
    assert by_rule["invoice-ordinary"]["decision"] == "false-alarm"
    assert (by_rule["fm-definition"]["decision"], by_rule["fm-definition"]["note"]) == ("open", "")


def test_false_alarms_can_be_left_out(result):
    doc = document_json(result, seed_decisions(result), include_false_alarms=False)
    assert "invoice-ordinary" not in {f["rule"] for f in doc["findings"]}
    assert len(doc["findings"]) == len(result.findings) - 1


def test_header_fields(output, result):
    assert output["schema"] == 1
    assert output["pack_version"] == "builtin 2026.1"
    doc = output["documents"][0]
    assert doc["file"] == str(result.document.path)
    assert (doc["format"], doc["pages"], doc["perspective"]) == ("txt", 1, "customer")
    assert doc["parties"] == result.document.parties.to_dict()


def test_clauses_are_every_chapter_clause_and_item(output, result):
    nodes = [n for n in result.document.clauses if n.kind in ("chapter", "clause", "item")]
    assert len(nodes) > 20  # the seed has twelve chapters, their clauses and list items
    clauses = output["documents"][0]["clauses"]
    assert [(c["number"], c["start"], c["end"]) for c in clauses] == [(n.number, n.start, n.end) for n in nodes]
    assert all(c["types"] == sorted(c["types"]) for c in clauses)


def test_clause_types_come_from_the_review(result):
    node = next(n for n in result.document.clauses if n.kind == "clause")
    result.clause_types[node.index] = frozenset({"payment", "acceptance"})
    try:
        doc = document_json(result)
        entry = next(c for c in doc["clauses"] if c["start"] == node.start and c["number"] == node.number)
        assert entry["types"] == ["acceptance", "payment"]
    finally:
        del result.clause_types[node.index]


def test_to_json_is_the_object_the_cli_prints_for_several_documents(result, tmp_path):
    decisions = {str(result.document.path): seed_decisions(result)}
    data = to_json([result, result], decisions)
    assert data == to_json([result, result], {result.document.path: seed_decisions(result)})
    assert len(data["documents"]) == 2 and data["pack_version"] == "builtin 2026.1"
    assert data["documents"][1]["findings"][0]["rule"] == sorted(result.findings, key=lambda f: f.sort_key)[0].rule
    assert {f["rule"]: f["decision"] for f in data["documents"][1]["findings"]}["invoice-ordinary"] == "false-alarm"
    assert validate(data, load_schema()) == []
    # the report file holds exactly the same object, Chinese written as Chinese
    written = write_report(result, "json", tmp_path / "one.json", seed_decisions(result)).read_text("utf-8")
    assert json.loads(written) == to_json([result], decisions)
    assert written == dumps(to_json([result], decisions)) and "\\u" not in written
