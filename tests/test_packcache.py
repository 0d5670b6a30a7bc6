"""The compiled rule pack cache: used only for exactly the files, program and Python it was built from.

Every test looks at behaviour — which message a rule gives, whether the file was parsed again,
whether a broken file is still reported at its line and column — never at timings.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from reviewer import load, review
from reviewer.atomic import seal, unseal
from reviewer.engine import packcache, rulepack
from reviewer.engine.overrides import set_override
from reviewer.engine.rulepack import RuleSet
from reviewer.userdirs import CACHE_ENV, cache_dir

from test_rulefile import GOOD_RULE, HEADER as PACK_HEADER

HEADER = PACK_HEADER + "rules:\n"
# The message ends in a mark (甲) that the tests change to see which version of the file is in force.
RULE = GOOD_RULE.replace("允许对方暂停服务。", "允许对方暂停服务：甲。")
assert RULE != GOOD_RULE


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(CACHE_ENV, str(folder))
    return folder


@pytest.fixture
def parses(monkeypatch) -> list[Path]:
    """The rule files parsed from YAML since the test began (a cache hit parses none)."""
    seen: list[Path] = []
    real = rulepack.parse_rule_file

    def spy(path, text=None):
        seen.append(Path(path))
        return real(path, text)

    monkeypatch.setattr(rulepack, "parse_rule_file", spy)
    return seen


def _pack(tmp_path: Path, body: str = HEADER + RULE) -> Path:
    path = tmp_path / "mine.yaml"
    path.write_text(body, encoding="utf-8")
    return path


def _load(path: Path) -> RuleSet:
    return RuleSet.default(extra_paths=[path], include_builtin=False, include_user=False)


def _entry(path: Path) -> Path:
    return packcache.entry_path([packcache.Source.read(path)])


def _problems(ruleset: RuleSet) -> list[str]:
    return [str(p) for e in ruleset.errors for p in e.problems]


def _same_bytes_elsewhere(path: Path, old: str, new: str) -> None:
    """Change the text, keep the size and the modification time: only the bytes tell."""
    assert len(old.encode()) == len(new.encode())
    stat = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size and path.stat().st_mtime_ns == stat.st_mtime_ns


def test_tests_never_touch_the_real_cache():
    assert os.environ.get(CACHE_ENV)
    assert Path(tempfile.gettempdir()) in cache_dir().resolve().parents


def test_an_unchanged_pack_comes_from_the_cache_and_is_the_same(tmp_path, cache, parses):
    path = _pack(tmp_path)
    cold = _load(path)
    assert parses == [path] and _entry(path).is_file()
    warm = _load(path)
    assert parses == [path]  # not parsed again
    assert [vars(r) | {"impl": None} for r in warm.rules] == [vars(r) | {"impl": None} for r in cold.rules]
    assert type(warm.get("no-suspension").impl) is type(cold.get("no-suspension").impl)
    assert (warm.packs, warm.files, warm.errors) == (cold.packs, cold.files, [])


def test_the_built_in_pack_reviews_the_same_from_the_cache(cache, parses, seed_path):
    cold = RuleSet.default(include_user=False)
    assert parses  # the built-in files were read
    parses.clear()
    warm = RuleSet.default(include_user=False)
    assert parses == []
    document = load(seed_path)
    findings = [(f.rule, f.start, f.end, f.severity, f.message) for f in review(document, rules=cold).findings]
    assert findings and findings == [(f.rule, f.start, f.end, f.severity, f.message)
                                     for f in review(document, rules=warm).findings]
    assert warm.clause_types.specs == cold.clause_types.specs and warm.version == cold.version


def test_changed_content_of_the_same_size_and_time_is_read_again(tmp_path, cache, parses):
    path = _pack(tmp_path)
    assert _load(path).get("no-suspension").message.endswith("甲。")
    _same_bytes_elsewhere(path, "甲。", "乙。")
    assert _load(path).get("no-suspension").message.endswith("乙。")
    assert parses == [path, path]


def test_changed_size_is_read_again(tmp_path, cache, parses):
    path = _pack(tmp_path)
    _load(path)
    path.write_text(HEADER + RULE.replace("甲。", "甲方与乙方。"), encoding="utf-8")
    assert _load(path).get("no-suspension").message.endswith("甲方与乙方。")
    assert parses == [path, path]


def test_a_new_modification_time_is_read_again(tmp_path, cache, parses):
    path = _pack(tmp_path)
    _load(path)
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert _load(path).get("no-suspension") is not None
    assert parses == [path, path]


@pytest.mark.parametrize("what", ["program", "python", "engine module"])
def test_another_program_or_python_never_uses_the_entry(tmp_path, cache, parses, monkeypatch, what):
    path = _pack(tmp_path)
    _load(path)
    if what == "program":
        monkeypatch.setattr("reviewer.__version__", "99.0.0")
    elif what == "python":
        monkeypatch.setattr(packcache.sys, "version", "3.99.0 (another build)")
    else:
        real = packcache._code_stamp
        monkeypatch.setattr(packcache, "_code_stamp", lambda: real() + (("rule_type.py", 1, 2),))
    assert _load(path).get("no-suspension") is not None
    assert parses == [path, path]


def _damage_truncated(blob: bytes) -> bytes:
    return blob[: len(blob) // 2]


def _damage_garbage(blob: bytes) -> bytes:
    return os.urandom(len(blob))


def _damage_payload_byte(blob: bytes) -> bytes:  # the hash in the header no longer matches
    middle = len(blob) - 100
    return blob[:middle] + bytes([blob[middle] ^ 0xFF]) + blob[middle + 1:]


def _damage_wrong_hash(blob: bytes) -> bytes:
    start = len(packcache.MAGIC)
    return blob[:start] + bytes(32) + blob[start + 32:]


def _damage_hashed_nonsense(blob: bytes) -> bytes:  # a valid header over a payload that is not ours
    return seal(packcache.MAGIC, ("not", "a", "pack"))


def _damage_empty(blob: bytes) -> bytes:
    return b""


@pytest.mark.parametrize("damage", [_damage_truncated, _damage_garbage, _damage_payload_byte, _damage_wrong_hash,
                                    _damage_hashed_nonsense, _damage_empty], ids=lambda f: f.__name__[8:])
def test_a_damaged_entry_is_ignored_and_rebuilt(tmp_path, cache, parses, damage):
    path = _pack(tmp_path)
    _load(path)
    entry = _entry(path)
    good = entry.read_bytes()
    entry.write_bytes(damage(good))
    rebuilt = _load(path)
    assert rebuilt.get("no-suspension").message.endswith("甲。") and rebuilt.errors == []
    assert parses == [path, path]
    assert unseal(entry.read_bytes(), packcache.MAGIC) is not None  # written again, whole
    _load(path)
    assert parses == [path, path]  # and used again


def test_a_hashed_entry_for_other_files_is_not_used(tmp_path, cache, parses):
    """An entry that verifies but was written for other bytes (copied over, say) is not trusted."""
    path = _pack(tmp_path)
    _load(path)
    other = tmp_path / "other"
    other.mkdir()
    other_path = _pack(other, HEADER + RULE.replace("甲。", "丙。"))
    _load(other_path)
    _entry(path).write_bytes(_entry(other_path).read_bytes())
    assert _load(path).get("no-suspension").message.endswith("甲。")


def test_a_broken_file_is_reported_at_its_place_on_every_run(tmp_path, cache, parses):
    path = _pack(tmp_path)
    assert _load(path).errors == []  # cached while good
    path.write_text(HEADER + RULE.replace("    severity: medium\n", "    severty: medium\n"), encoding="utf-8")
    for _ in range(2):
        ruleset = _load(path)
        assert ruleset.get("no-suspension") is None
        assert any(p.startswith(f"{path}:8:5: ") and "severty" in p for p in _problems(ruleset))
    assert parses == [path] * 3


def test_a_yaml_mistake_keeps_its_line_and_column(tmp_path, cache):
    path = _pack(tmp_path, HEADER + RULE + "  - id: x\n    title: [unclosed\n")
    for _ in range(2):
        found = _problems(_load(path))
        assert len(found) == 1 and "YAML 语法错误" in found[0], found
        assert found[0].startswith(f"{path}:16:1: "), found


def test_an_unwritable_cache_folder_means_no_cache_and_no_failure(tmp_path, monkeypatch, parses):
    blocker = tmp_path / "a-file-not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv(CACHE_ENV, str(blocker / "cache"))
    path = _pack(tmp_path)
    for _ in range(2):
        assert _load(path).get("no-suspension") is not None
    assert parses == [path, path]


def test_window_overrides_and_the_user_folder_take_part(tmp_path, cache, monkeypatch, parses):
    folder = tmp_path / "user-rules"
    folder.mkdir()
    monkeypatch.setenv("CONTRACT_REVIEW_RULES_DIR", str(folder))
    path = _pack(folder)

    def severity() -> str:
        return RuleSet.default(include_builtin=False).get("no-suspension").severity.value

    assert severity() == "medium"
    set_override("no-suspension", severity="high")
    assert severity() == "high"
    set_override("no-suspension", severity="low")
    assert severity() == "low"
    (folder / "window-overrides.yaml").unlink()
    assert severity() == "medium"
    # Each new set of files was built again; the folder as it first was still has its entry.
    assert parses.count(path) == 3


def test_old_entries_are_pruned(tmp_path, cache, monkeypatch):
    monkeypatch.setattr(packcache, "KEEP", 2)
    paths = []
    for name in ("a", "b", "c"):
        folder = tmp_path / name
        folder.mkdir()
        paths.append(_pack(folder))
        _load(paths[-1])
        os.utime(_entry(paths[-1]), ns=(0, len(paths) * 1_000_000_000))  # written in this order
    assert sorted(cache.glob("rulepack-*.bin")) == sorted(_entry(p) for p in paths[1:])
