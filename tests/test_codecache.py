"""The cache of dataclass methods: kept code is exactly what ``exec`` compiles, and a damaged,
foreign or unfit entry is never used."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
import types
from pathlib import Path

import pytest

from reviewer.atomic import seal, unseal
from reviewer.text import codecache
from reviewer.text.codecache import MAGIC, CodeCache, future_flags, python_key

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "samples" / "seed-contract-scraped.txt"

SOURCE = "def __create_fn__(x):\n def double(self):\n  return x * 2\n return double\n"


def test_kept_code_is_what_exec_compiles(tmp_path):
    path = tmp_path / "code.bin"
    first = CodeCache(path)
    code = first.compile(SOURCE)
    assert code == compile(SOURCE, "<string>", "exec", dont_inherit=True)
    assert code.co_filename == "<string>"
    assert first.compiled == 1 and first.save() == path

    second = CodeCache(path)
    assert second.compile(SOURCE) == code
    assert second.compiled == 0  # served from the file
    assert second.save() is None  # nothing new: not written again
    namespace: dict = {}
    second.exec(SOURCE, {}, namespace)
    assert namespace["__create_fn__"](21)(None) == 42


def test_the_callers_future_features_are_not_passed_on(tmp_path):
    """This test module has ``from __future__ import annotations``; dataclasses has not, so an
    annotation in a generated method stays an object, as with the plain ``exec``."""
    source = "def f(a: int) -> int:\n return a\n"
    namespace: dict = {}
    CodeCache(tmp_path / "code.bin").exec(source, {}, namespace)
    assert namespace["f"].__annotations__ == {"a": int, "return": int}

    postponed = CodeCache(tmp_path / "other.bin", future_flags(sys.modules[__name__]))
    namespace = {}
    postponed.exec(source, {}, namespace)
    assert namespace["f"].__annotations__ == {"a": "int", "return": "int"}
    assert future_flags(dataclasses) == 0


def test_a_syntax_error_raises_as_exec_does(tmp_path):
    cache = CodeCache(tmp_path / "code.bin")
    with pytest.raises(SyntaxError):
        cache.exec("def broken(:\n", {}, {})
    assert len(cache) == 0


def _write(path: Path, key, entries) -> None:
    path.write_bytes(seal(MAGIC, (key, entries)))


def test_a_damaged_or_foreign_file_is_ignored(tmp_path):
    path = tmp_path / "code.bin"
    cache = CodeCache(path)
    cache.compile(SOURCE)
    cache.save()
    assert len(CodeCache(path)) == 1
    blob = bytearray(path.read_bytes())
    blob[-5] ^= 0xFF
    path.write_bytes(bytes(blob))
    assert len(CodeCache(path)) == 0

    cache.compile("x = 1\n")
    cache.save()
    _key, entries = unseal(path.read_bytes(), MAGIC)
    other = list(python_key())
    other[1] = "3.99.0 (some other build)"
    _write(path, tuple(other), entries)
    assert len(CodeCache(path)) == 0


def test_an_entry_that_is_not_code_is_compiled_anew(tmp_path):
    path = tmp_path / "code.bin"
    _write(path, python_key(), {(SOURCE, 0): "not code"})
    cache = CodeCache(path)
    assert len(cache) == 1
    assert cache.compile(SOURCE) == compile(SOURCE, "<string>", "exec", dont_inherit=True)
    assert cache.compiled == 1
    cache.save()
    assert isinstance(CodeCache(path)._entries[(SOURCE, 0)], types.CodeType)


def test_install_serves_dataclasses_and_uninstall_gives_them_back(tmp_path):
    path = tmp_path / "code.bin"
    cache = codecache.install(path)
    try:
        assert cache is not None and codecache.install(path) is cache
        assert dataclasses.exec == cache.exec

        @dataclasses.dataclass(frozen=True, order=True)
        class Kept:
            name: str
            tags: list = dataclasses.field(default_factory=list, compare=False)

        first, second = Kept("甲方", ["a"]), Kept("乙方")
        assert repr(first).endswith("Kept(name='甲方', tags=['a'])") and second.tags == []
        assert second < first and Kept("甲方") == first and hash(first) == hash(Kept("甲方"))
        with pytest.raises(dataclasses.FrozenInstanceError):
            first.name = "丙方"  # type: ignore[misc]
        made = cache.compiled
        assert made > 0
    finally:
        codecache.uninstall()
    assert "exec" not in vars(dataclasses)
    assert len(CodeCache(path)) == made  # written when given back


def test_the_program_keeps_the_code_and_its_next_run_gives_the_same_output(tmp_path):
    env = {"CONTRACT_REVIEW_CACHE_DIR": str(tmp_path), "PATH": "", "PYTHONPATH": str(ROOT),
           "CONTRACT_REVIEW_LANG": "zh"}
    cmd = [sys.executable, "-c", "import sys; from ui.launch import main; sys.exit(main())",
           "check", str(SEED), "--format", "json"]
    first = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120)
    kept = tmp_path / f"code-{sys.implementation.cache_tag}.bin"
    assert len(CodeCache(kept)) > 50  # every dataclass method of a check
    stamp = kept.stat().st_mtime_ns
    second = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120)
    assert first.returncode == second.returncode == 0, first.stderr
    assert second.stdout == first.stdout and '"rule": "liability-cap-missing"' in first.stdout
    assert kept.stat().st_mtime_ns == stamp  # nothing new, not written again
