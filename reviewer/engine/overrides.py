"""The user's own switches for built-in rules (on/off, severity), kept as a YAML override file."""

from __future__ import annotations

from pathlib import Path

import yaml

from ..atomic import atomic_write_text
from ..model.findings import Severity
from .rulepack import user_rules_dir

OVERRIDES_FILE = "window-overrides.yaml"
_HEADER = """\
# yaml-language-server: $schema={schema}
# 由审查窗口写入：对内置规则的个人调整（开关、严重程度）。可以手工编辑；删除某一项即恢复内置设置。
# Written by the review window: your changes to built-in rules (on/off, severity). Delete an entry to undo it.
"""


def overrides_path() -> Path:
    return user_rules_dir() / OVERRIDES_FILE


def read_overrides(path: Path | None = None) -> dict[str, dict]:
    """Rule id → the keys this file overrides."""
    path = path or overrides_path()
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {e["id"]: {k: v for k, v in e.items() if k != "id"}
            for e in data.get("rules") or [] if isinstance(e, dict) and "id" in e}


def set_override(rule_id: str, enabled: bool | None = None, severity: str | Severity | None = None,
                 path: Path | None = None) -> Path:
    """Record that ``rule_id`` is switched on/off or has another severity; written atomically."""
    path = path or overrides_path()
    entries = read_overrides(path)
    entry = entries.setdefault(rule_id, {})
    if enabled is not None:
        entry["enabled"] = bool(enabled)
    if severity is not None:
        entry["severity"] = Severity(severity).value
    return _write(path, entries)


def clear_override(rule_id: str, path: Path | None = None) -> Path:
    path = path or overrides_path()
    entries = read_overrides(path)
    entries.pop(rule_id, None)
    return _write(path, entries)


def _write(path: Path, entries: dict[str, dict]) -> Path:
    from .schema import schema_path

    payload = {"pack": "user-overrides", "version": "1",
               "rules": [{"id": rid, **keys} for rid, keys in sorted(entries.items()) if keys]}
    body = yaml.safe_dump(payload, allow_unicode=True, sort_keys=False)
    return atomic_write_text(path, _HEADER.format(schema=schema_path().as_uri()) + body)
