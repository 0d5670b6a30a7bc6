"""libyaml's parser reads rule files exactly as PyYAML's own did: same data, same places, same mistakes."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from reviewer.engine.yamlpos import YamlProblem, fast_loader, load_located

ROOT = Path(__file__).resolve().parent.parent
RULE_FILES = sorted((ROOT / "rules").glob("*.yaml")) + sorted((ROOT / "rules" / "fixtures").glob("*.yaml"))

needs_libyaml = pytest.mark.skipif(fast_loader() is None, reason="PyYAML built without libyaml")


def _read(text: str, fast: bool):
    try:
        located = load_located(text, fast=fast)
    except YamlProblem as exc:
        return ("problem", exc.message, exc.line, exc.column)
    return (located.data, located.value_pos, located.key_pos, located.duplicates)


def test_libyaml_is_there():
    # The wheels on PyPI carry libyaml; without it rule files still load, only slower.
    assert fast_loader() is not None or not yaml.__with_libyaml__


@needs_libyaml
@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: p.name)
def test_every_rule_file_reads_the_same_with_libyaml(path):
    text = path.read_text(encoding="utf-8-sig")
    fast = _read(text, fast=True)
    assert fast == _read(text, fast=False)
    assert fast[0] is not None and fast[1]  # really parsed, with positions


BROKEN = {
    "unclosed-flow": 'pack: a\nrules:\n  - id: x\n    title: [unclosed\n',
    "unclosed-quote": 'pack: "a\nversion: 1\n',
    "bad-indent": 'pack: a\n  version: 1\n rules: []\n',
    "tab-indent": 'pack: a\nrules:\n\t- id: x\n',
    "control-character": 'pack: a\x07b\nversion: "1"\n',
    "duplicate-keys": 'pack: a\npack: b\nrules:\n  - {id: x, id: y}\n',
    "merge-key": 'base: &b {a: 1}\nother:\n  <<: *b\n',
    "anchors-and-aliases": 'a: &x [1, 2]\nb: *x\nc: *x\n',
    "undefined-alias": 'a: *nothing\n',
    "python-tag": 'pack: !!python/object/apply:os.system ["true"]\n',
    "python-tag-on-mapping": 'pack: !!python/object:foo {a: 1}\n',
    "binary-and-dates": 'a: !!binary aGVsbG8=\nb: 2024-01-02\nc: 0x1F\nd: ~\ne: .inf\n',
    "complex-key": '? [a, b]\n: c\n',
    "two-documents": 'a: 1\n---\nb: 2\n',
    "empty": '',
    "only-comment": '# nothing\n',
    "scalar-top": 'just text\n',
    "deep": "a: " + "[" * 200 + "]" * 200 + "\n",
    "chinese-keys": '规则: 值\n键: [甲方, 乙方]\n',
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_odd_and_broken_yaml_reads_and_fails_the_same(name):
    text = BROKEN[name]
    assert _read(text, fast=True) == _read(text, fast=False)
