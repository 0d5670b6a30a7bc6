"""Our data files kept parsed between runs: used only for exactly the text they were parsed from."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from reviewer.structure import foreign
from reviewer.text import datacache
from reviewer.userdirs import CACHE_ENV


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(CACHE_ENV, str(folder))
    return folder


class Parser:
    """A parser that counts its calls: a kept value parses nothing."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def __call__(self, text: str) -> dict:
        self.calls.append(text)
        return {"words": text.split(), "n": len(text)}


def test_the_second_read_of_the_same_text_parses_nothing(cache):
    parse = Parser()
    first = datacache.parsed("words", "甲方 乙方", parse)
    again = datacache.parsed("words", "甲方 乙方", parse)
    assert first == again == {"words": ["甲方", "乙方"], "n": 5}
    assert parse.calls == ["甲方 乙方"]
    assert (cache / "data-words.bin").is_file()


def test_a_changed_text_is_parsed_anew(cache):
    parse = Parser()
    datacache.parsed("words", "甲方 乙方", parse)
    assert datacache.parsed("words", "甲方 丙方", parse) == {"words": ["甲方", "丙方"], "n": 5}
    assert parse.calls == ["甲方 乙方", "甲方 丙方"]


def test_another_parser_does_not_get_the_first_one_s_value(cache):
    datacache.parsed("words", "甲方 乙方", Parser())
    assert datacache.parsed("words", "甲方 乙方", str.upper) == "甲方 乙方".upper()


@pytest.mark.parametrize("damage", [
    lambda blob: blob[:-1] + bytes([blob[-1] ^ 1]),   # a flipped bit
    lambda blob: blob[: len(blob) // 2],              # cut short
    lambda blob: b"",                                 # empty
])
def test_a_damaged_file_is_never_used_and_is_rewritten(cache, damage):
    parse = Parser()
    datacache.parsed("words", "甲方 乙方", parse)
    kept = cache / "data-words.bin"
    kept.write_bytes(damage(kept.read_bytes()))
    assert datacache.parsed("words", "甲方 乙方", parse) == {"words": ["甲方", "乙方"], "n": 5}
    assert len(parse.calls) == 2
    datacache.parsed("words", "甲方 乙方", parse)
    assert len(parse.calls) == 2  # rewritten whole: the third read parses nothing


def test_an_unwritable_cache_folder_only_means_parsing_every_time(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv(CACHE_ENV, str(blocker / "cache"))
    parse = Parser()
    for _ in range(2):
        assert datacache.parsed("words", "甲方", parse) == {"words": ["甲方"], "n": 2}
    assert len(parse.calls) == 2


def test_the_foreign_text_vocabulary_is_kept_and_a_warm_run_imports_no_yaml(cache):
    """A check whose rule pack and vocabulary come from the cache never imports PyYAML."""
    contract = cache.parent / "c.txt"
    contract.write_text("甲方：北京某某有限公司\n乙方：上海某某有限公司\n第一条 服务内容\n乙方提供服务。\n", encoding="utf-8")
    probe = ("import sys, runpy; sys.argv = ['contract-review', 'check', sys.argv[1], '--format', 'json']\n"
             "try:\n    runpy.run_module('ui.launch', run_name='__main__')\n"
             "except SystemExit:\n    pass\n"
             "print('YAML' if 'yaml' in sys.modules else 'NO-YAML', file=sys.stderr)\n")
    env = {**os.environ, CACHE_ENV: str(cache)}
    runs = [subprocess.run([sys.executable, "-c", probe, str(contract)], env=env, capture_output=True, text=True)
            for _ in range(2)]
    assert runs[0].stdout == runs[1].stdout and '"findings"' in runs[1].stdout
    assert runs[0].stderr.strip().endswith("YAML")  # the first run parses the files
    assert runs[1].stderr.strip().endswith("NO-YAML"), runs[1].stderr
    assert (cache / "data-foreign.bin").is_file()
    assert foreign.vocabulary().replaces  # the vocabulary read in this process is whole
