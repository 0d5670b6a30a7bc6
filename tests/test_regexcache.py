"""The compiled-regex cache: a kept pattern behaves exactly as a fresh one, and a damaged, foreign or
refused entry is never used."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from reviewer.atomic import seal, unseal
from reviewer.text import regexcache
from reviewer.text.regexcache import MAGIC, RegexCache, python_key

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "samples" / "seed-contract-scraped.txt"

PATTERNS = [
    (r"第(?P<num>[一二三四五六七八九十百零〇两\d]+)条", 0),
    (r"(?<![向给予对])(?:甲方|乙方)(?:有权|可以?)[^。；;\n]{0,8}(?:暂停|中止)", 0),
    (r"^\s*(\d+)\.(\d+)\s+(?P<title>\S.*)$", re.M),
    (r"[^\t\n\r -~\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]", 0),
    (r"(?i)\bliabilit(?:y|ies)\b", 0),
    (r"(a)|(?P<b>b)", re.I | re.S),
]
TEXT = "第十二条 乙方有权随时暂停服务。\n3.1  Liability cap\nLIABILITIES\x07 ab B 第3条"


def _same(mine: re.Pattern, pattern: str, flags: int) -> None:
    theirs = re.compile(pattern, flags)
    assert mine is not theirs
    assert (mine.pattern, mine.flags, mine.groups, mine.groupindex) == \
           (theirs.pattern, theirs.flags, theirs.groups, theirs.groupindex)
    assert [m.span() for m in mine.finditer(TEXT)] == [m.span() for m in theirs.finditer(TEXT)]
    assert [m.groups() for m in mine.finditer(TEXT)] == [m.groups() for m in theirs.finditer(TEXT)]


def test_a_kept_pattern_behaves_as_a_fresh_one(tmp_path):
    path = tmp_path / "regexes.bin"
    first = RegexCache(path)
    for pattern, flags in PATTERNS:
        _same(first.compile(pattern, flags), pattern, flags)
    assert first.compiled == len(PATTERNS)
    assert first.save() == path

    second = RegexCache(path)
    assert len(second) == len(PATTERNS)
    for pattern, flags in PATTERNS:
        _same(second.compile(pattern, flags), pattern, flags)
    assert second.compiled == 0  # every one served from the file
    assert second.save() is None  # nothing new: the file is not written again


def test_a_bad_pattern_raises_as_re_does(tmp_path):
    cache = RegexCache(tmp_path / "regexes.bin")
    with pytest.raises(re.error, match="missing \\)"):
        cache.compile("(未闭合", 0)


def _write(path: Path, key, entries) -> None:
    path.write_bytes(seal(MAGIC, (key, entries)))


def test_a_damaged_file_is_ignored_and_rebuilt(tmp_path):
    path = tmp_path / "regexes.bin"
    cache = RegexCache(path)
    cache.compile(*PATTERNS[0])
    cache.save()
    blob = bytearray(path.read_bytes())
    blob[-10] ^= 0xFF
    path.write_bytes(bytes(blob))
    assert len(RegexCache(path)) == 0
    path.write_bytes(bytes(blob[: len(MAGIC) + 5]))
    assert len(RegexCache(path)) == 0

    rebuilt = RegexCache(path)
    _same(rebuilt.compile(*PATTERNS[0]), *PATTERNS[0])
    rebuilt.save()
    assert len(RegexCache(path)) == 1


def test_a_file_of_another_python_is_ignored(tmp_path):
    path = tmp_path / "regexes.bin"
    cache = RegexCache(path)
    cache.compile(*PATTERNS[0])
    cache.save()
    _key, entries = unseal(path.read_bytes(), MAGIC)
    other = list(python_key())
    other[1] = "3.99.0 (some other build)"
    _write(path, tuple(other), entries)
    assert len(RegexCache(path)) == 0


def test_an_entry_the_engine_refuses_is_compiled_anew(tmp_path):
    """Correctly hashed, written by this Python, yet its code is not valid: the C engine refuses it and
    the pattern is compiled from scratch, never run on that code."""
    path = tmp_path / "regexes.bin"
    pattern, flags = PATTERNS[0]
    bogus = (flags, b"\xff\xff\xff\xff" * 6, 0, {}, (None,))
    _write(path, python_key(), {(pattern, flags): bogus, ("x", 0): "not a tuple"})
    cache = RegexCache(path)
    assert len(cache) == 2
    _same(cache.compile(pattern, flags), pattern, flags)
    _same(cache.compile("x", 0), "x", 0)
    assert cache.compiled == 2


def test_a_python_whose_re_differs_compiles_as_ever_and_keeps_nothing(tmp_path, monkeypatch):
    """Should a later Python change what its C engine takes, patterns still compile (re's own way)."""
    def refused(*_args):
        raise TypeError("compile() takes exactly 5 arguments")

    monkeypatch.setattr(regexcache, "_from_entry", refused)
    cache = RegexCache(tmp_path / "regexes.bin")
    for pattern, flags in PATTERNS:
        _same(cache.compile(pattern, flags), pattern, flags)
    assert len(cache) == 0 and cache.save() is None
    with pytest.raises(re.error):
        cache.compile("(未闭合", 0)


def test_the_file_keeps_the_most_recently_used_patterns(tmp_path, monkeypatch):
    path = tmp_path / "regexes.bin"
    old = RegexCache(path)
    for i in range(20):
        old.compile(f"旧{i}[甲乙丙]+", 0)
    old.save()
    monkeypatch.setattr(RegexCache, "max_bytes", 5 * len(_entry_code(path, "旧0[甲乙丙]+")))
    new = RegexCache(path)
    new.compile("旧7[甲乙丙]+", 0)   # used again: kept first
    new.compile("新[丁戊]+", 0)      # compiled now: kept
    new.save()
    kept = RegexCache(path)
    names = {p for p, _f in kept._entries}
    assert len(names) == 5
    assert {"旧7[甲乙丙]+", "新[丁戊]+"} <= names


def test_earlier_runs_patterns_are_carried_over_only_up_to_a_share(tmp_path, monkeypatch):
    """Patterns of a contract checked long ago (its party names) do not pile up in the file that
    every run reads: this run's are all kept, earlier runs' only up to ``carry_bytes``."""
    path = tmp_path / "regexes.bin"
    old = RegexCache(path)
    for i in range(10):
        old.compile(f"旧{i}[甲乙丙]+", 0)
    old.save()
    monkeypatch.setattr(RegexCache, "carry_bytes", 3 * len(_entry_code(path, "旧0[甲乙丙]+")))
    new = RegexCache(path)
    for i in range(4):
        new.compile(f"新{i}[丁戊]+", 0)
    new.compile("旧7[甲乙丙]+", 0)
    new.save()
    names = {p for p, _f in RegexCache(path)._entries}
    assert names == {"新0[丁戊]+", "新1[丁戊]+", "新2[丁戊]+", "新3[丁戊]+", "旧7[甲乙丙]+",
                     "旧0[甲乙丙]+", "旧1[甲乙丙]+", "旧2[甲乙丙]+"}


def _entry_code(path: Path, pattern: str) -> bytes:
    _key, entries = unseal(path.read_bytes(), MAGIC)
    return entries[(pattern, 0)][1]


def test_an_unwritable_folder_means_no_cache_not_an_error(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    cache = RegexCache(blocker / "regexes.bin")  # a folder that cannot exist
    _same(cache.compile(*PATTERNS[1]), *PATTERNS[1])
    assert cache.save() is None


def test_install_serves_re_and_uninstall_gives_it_back(tmp_path):
    from re import _compiler

    original = _compiler.compile
    path = tmp_path / "regexes.bin"
    cache = regexcache.install(path)
    try:
        assert cache is not None and regexcache.install(path) is cache
        pattern = "装上之后[编译]{2}的式样"
        re.purge()
        assert re.compile(pattern).search("这是装上之后编译的式样") is not None
        assert (pattern, 0) in cache._entries
    finally:
        regexcache.uninstall()
    assert _compiler.compile is original
    assert (pattern, 0) in RegexCache(path)._entries  # written when given back


def test_the_program_writes_the_cache_and_its_next_run_gives_the_same_output(tmp_path):
    """Whole processes, as counsel run it: the first run fills the cache, the second is served from
    it, and both print the same findings."""
    env = {"CONTRACT_REVIEW_CACHE_DIR": str(tmp_path), "PATH": "", "PYTHONPATH": str(ROOT),
           "CONTRACT_REVIEW_LANG": "zh"}
    cmd = [sys.executable, "-c", "import sys; from ui.launch import main; sys.exit(main())",
           "check", str(SEED), "--format", "json"]
    first = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120)
    kept = tmp_path / f"regexes-{sys.implementation.cache_tag}.bin"
    assert kept.stat().st_size > 100_000
    stamp = kept.stat().st_mtime_ns
    second = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120)
    assert first.returncode == second.returncode == 0, first.stderr
    assert second.stdout == first.stdout and '"rule": "liability-cap-missing"' in first.stdout
    assert kept.stat().st_mtime_ns == stamp  # nothing new, not written again
