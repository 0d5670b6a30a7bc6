"""The JSON Schema shipped for editors matches the validator's own key definitions."""

from __future__ import annotations

import json

from reviewer.engine.rulepack import builtin_rules_dir
from reviewer.engine.schema import build_schema, schema_text


def test_shipped_schema_is_current():
    shipped = (builtin_rules_dir() / "schema.json").read_text(encoding="utf-8")
    assert shipped == schema_text(), "rules/schema.json is stale: run python -m reviewer.engine.schema > rules/schema.json"


def test_schema_has_a_branch_per_rule_type_and_the_override_form():
    from reviewer.engine.ruletypes import registry

    branches = build_schema()["properties"]["rules"]["items"]["oneOf"]
    titles = [b["title"] for b in branches]
    assert titles[-1] == "override" and sorted(titles[:-1]) == sorted(registry())
    pattern = next(b for b in branches if b["title"] == "pattern")
    assert pattern["properties"]["scope"]["enum"] == ["document", "clause", "heading", "body"]
    assert "severity" in pattern["required"] and pattern["additionalProperties"] is False


def test_every_builtin_rule_file_references_the_schema():
    for path in sorted(builtin_rules_dir().glob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=./schema.json", path.name


def test_schema_is_valid_json_with_draft_2020_12():
    data = json.loads(schema_text())
    assert data["$schema"].endswith("2020-12/schema")
