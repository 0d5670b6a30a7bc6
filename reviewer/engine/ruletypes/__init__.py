"""The closed set of rule types a YAML rule can use; each is one small class."""

from __future__ import annotations

import importlib
from functools import lru_cache

from .base import RuleType

#: Modules holding rule types; each RuleType subclass with a ``name`` in them is registered.
_MODULES = (
    "pattern",
    "required",
    "conditional",
    "heading_body",
    "blank",
    "truncation",
    "numbering",
    "amounts",
    "signature",
    "foreign_text",
    "language",
)


@lru_cache(maxsize=1)
def registry() -> dict[str, type[RuleType]]:
    """Rule type name (the YAML ``type:``) → class."""
    types: dict[str, type[RuleType]] = {}
    for module_name in _MODULES:
        module = importlib.import_module(f"{__name__}.{module_name}")
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, RuleType) and value.name:
                types[value.name] = value
    return types
