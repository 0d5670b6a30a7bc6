"""The rule engine: rule files and the rule pack, the rule types, the review run, rule tests, overrides."""
