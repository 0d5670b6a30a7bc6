"""The JSON Schema of rule files, made from the same key definitions the validator uses."""

from __future__ import annotations

from pathlib import Path

from ..model.findings import CATEGORIES
from ..text import jsontext
from .rulefile import CLAUSE_TYPE_KEYS, EXAMPLE_KEYS, OVERRIDABLE, PACK_KEYS, RULE_KEYS
from .ruletypes import registry
from .ruletypes.base import Param

_JSON = {str: "string", bool: "boolean", int: "integer", float: "number", list: "array", dict: "object"}


def schema_path() -> Path:
    from .rulepack import builtin_rules_dir

    return builtin_rules_dir() / "schema.json"


def _prop(param: Param, name: str = "") -> dict:
    kinds = param.kind if isinstance(param.kind, tuple) else (param.kind,)
    out: dict = {"type": [_JSON[k] for k in kinds] if len(kinds) > 1 else _JSON[kinds[0]]}
    if param.doc:
        out["description"] = param.doc
    if param.choices:
        if list in kinds:
            out["items"] = {"enum": list(param.choices)}
        else:
            out["enum"] = list(param.choices)
    elif list in kinds and param.items is str:
        out["items"] = {"type": "string"}
    return out


def build_schema() -> dict:
    """Draft 2020-12 schema: pack keys, then one branch per rule type plus the override form."""
    rule_common = {k: _prop(p, k) for k, p in RULE_KEYS.items()}
    rule_common["category"] = {"type": "string", "description": "checklist category",
                               "examples": list(CATEGORIES)}
    rule_common["examples"] = {"type": "object", "additionalProperties": False,
                               "properties": {k: {"type": "array", "items": {"type": "string"}} for k in EXAMPLE_KEYS}}
    branches = []
    for name, cls in sorted(registry().items()):
        props = dict(rule_common)
        props.update({k: _prop(p, k) for k, p in cls.params.items()})
        props["type"] = {"const": name}
        required = [k for k, p in RULE_KEYS.items() if p.required] + [k for k, p in cls.params.items() if p.required]
        doc = (cls.__doc__ or "").strip().splitlines()
        branches.append({"title": name, "description": " ".join(line.strip() for line in doc[1:4]),
                         "type": "object", "properties": props, "required": required,
                         "additionalProperties": False})
    branches.append({"title": "override", "description": "change some keys of an existing rule by its id",
                     "type": "object", "not": {"required": ["type"]},
                     "properties": {"id": {"type": "string"}, **{k: _prop(RULE_KEYS[k]) for k in OVERRIDABLE}},
                     "required": ["id"], "additionalProperties": False})
    pack = {k: _prop(p, k) for k, p in PACK_KEYS.items()}
    pack["rules"] = {"type": "array", "items": {"oneOf": branches}}
    pack["clause_types"] = {"type": "object", "additionalProperties": {
        "type": "object", "additionalProperties": False,
        "properties": {k: _prop(p, k) for k, p in CLAUSE_TYPE_KEYS.items()}, "required": ["name"]}}
    pack["categories"] = {"type": "object", "additionalProperties": {"type": "string"}}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "contract-reviewer-rules.schema.json",
        "title": "Contract Reviewer rule file",
        "type": "object",
        "properties": pack,
        "required": [k for k, p in PACK_KEYS.items() if p.required],
        "additionalProperties": False,
    }


def schema_text() -> str:
    return jsontext.dumps(build_schema()) + "\n"


if __name__ == "__main__":  # python -m reviewer.engine.schema > rules/schema.json
    import sys

    sys.stdout.write(schema_text())
