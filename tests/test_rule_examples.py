"""Every built-in rule carries examples that must fire and must not, and they all pass."""

from __future__ import annotations

import pytest

from reviewer.engine.rulepack import RuleSet
from reviewer.engine.ruletest import run_examples

RULESET = RuleSet.default(include_user=False)
RULES = RULESET.rules


def test_builtin_pack_loads_without_errors():
    assert [str(e) for e in RULESET.errors] == []


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_has_examples_of_both_kinds(rule):
    assert len(rule.examples.get("fire", [])) >= 1, f"{rule.id} has no example that must fire"
    assert len(rule.examples.get("no_fire", [])) >= 1, f"{rule.id} has no example that must not fire"


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_examples_pass(rule):
    failing = [(r.kind, r.text, r.fired) for r in run_examples(RULESET, rule) if r.failing]
    assert failing == []


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_explains_itself(rule):
    assert rule.message and rule.why and rule.suggestion, rule.id
    from reviewer.engine.ruletypes import registry

    doc = registry()[rule.type].__doc__ or ""
    for part in ("What it flags", "Why it matters", "Example", "Better wording"):
        assert part in doc, f"rule type {rule.type} lacks '{part}' in its documentation"


def test_builtin_fixture_contracts_meet_their_expectations():
    from reviewer.engine.ruletest import fixture_folders, run_fixtures

    folders = fixture_folders(RULESET)
    assert [f.name for f in folders] == ["fixtures"]
    results = run_fixtures(RULESET, folders[0])
    assert len(results) >= 10
    assert [(r.fixture.name, r.line, r.rule, r.problem) for r in results if r.failing] == []
