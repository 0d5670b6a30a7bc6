"""The counsel's guide (rules/README.md) stays true: its YAML examples load and name real rules."""

from __future__ import annotations

import re
from pathlib import Path

from reviewer.engine.rulepack import RuleSet, builtin_rules_dir, rule_files

GUIDE = builtin_rules_dir() / "README.md"
BLOCKS = re.findall(r"```yaml\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.S)


def test_guide_has_complete_rule_files():
    assert sum("pack:" in b for b in BLOCKS) >= 2


def test_every_complete_example_loads_with_the_builtin_pack(tmp_path):
    builtin = rule_files(builtin_rules_dir())
    for i, block in enumerate(b for b in BLOCKS if "pack:" in b):
        path = tmp_path / f"guide-{i}.yaml"
        path.write_text(block, encoding="utf-8")
        rs = RuleSet.from_files(builtin + [path])
        assert [str(e) for e in rs.errors] == [], block


def test_every_rule_id_the_guide_names_exists():
    ids = {r.id for r in RuleSet.default(include_user=False).rules}
    named = set(re.findall(r"^\s*- id: ([a-z0-9-]+)", GUIDE.read_text(encoding="utf-8"), re.M))
    ours = {i for i in named if not i.startswith("our-")}
    assert ours <= ids, sorted(ours - ids)


def test_guide_lists_every_rule_type():
    from reviewer.engine.ruletypes import registry

    text = GUIDE.read_text(encoding="utf-8")
    assert [t for t in registry() if f"`{t}`" not in text] == []


def test_guide_lists_every_builtin_file():
    text = GUIDE.read_text(encoding="utf-8")
    assert [p.name for p in rule_files(builtin_rules_dir()) if f"`{p.name}`" not in text] == []
    assert Path(GUIDE).exists()
