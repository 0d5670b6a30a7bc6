"""The speed benchmark runs end to end on a tiny size and writes its table (no timing is asserted)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.build import build, contract_lines, split_seed, seed_lines
from benchmarks.measure import clause_segments, rule_regexes

ROOT = Path(__file__).resolve().parent.parent


def test_built_contract_keeps_the_seed_and_renumbers_the_rest():
    head, chapters = split_seed(seed_lines())
    assert len(chapters) == 12
    lines = contract_lines(15)
    # The seed as written first, blanks and all …
    assert lines[: len(head)] == head
    assert "3.1服务费用" in lines and any("____" in line for line in lines[: lines.index("第十二章:定义与解释")])
    # … then chapters 12-14 made of three seed chapters each, renumbered, blanks filled …
    generated = lines[lines.index("第十二章:定义与解释"): lines.index("第十五章:通知与送达")]
    assert [x for x in generated if x.startswith("第")] == ["第十二章:定义与解释", "第十三章:知识产权",
                                                          "第十四章:技术支持与维护"]
    assert generated[1:3] == ["12.1定义", "除非本合同另有规定,以下术语在本合同中的定义如下:"]
    assert "12.3升级服务" in generated and "12.5服务费用" in generated and "13.1软件版权" in generated
    assert not any("_" in line for line in generated)
    assert "甲方应支付给乙方的服务费用总计为人民币100,000元(大写:壹拾万元整)。" in generated
    # … and the seed's unfinished last chapter last, renumbered.
    assert lines[-5:] == ["第十五章:通知与送达", "15.1通知",
                          "双方就本合同相关事宜发出的通知,应以书面形式送达对方。书面通知可通过邮寄、快递、邮件等方式进行。",
                          "15.2送达", "双方确认以下地址为有效"]


def test_the_next_draft_inserts_fills_removes_adds_and_moves_clauses():
    from benchmarks.build import INSERTED, ONE_SIDED, draft_lines

    lines = contract_lines(15)
    draft = draft_lines(lines)
    # Chapter 1: a clause inserted second, the rest renumbered.
    assert draft[draft.index("第一章:定义与解释") + 1:][:1] == ["1.1定义"]
    assert draft[draft.index(INSERTED) - 1] == "1.2服务地点" and "1.3解释" in draft
    # Chapter 2: its first clause's blank filled; chapter 3: its last clause gone; chapter 4: a one-sided one added.
    assert "本合同项下的服务期限自双方签字盖章之日起计算,为期30年。" not in draft  # 2.1 has no blank: 乙方 -> 甲方
    assert "3.3增值税发票" not in draft and "3.2付款方式" in draft
    assert draft[draft.index("第五章:保密条款") - 1] == ONE_SIDED
    # Chapter 14's first clause moved to the end of chapter 15 (the last).
    first = lines[lines.index("第十四章:技术支持与维护") + 1]
    assert first == "14.1技术支持"
    assert "15.3技术支持" in draft[draft.index("第十五章:通知与送达"):]


def test_built_files_carry_the_same_text(tmp_path):
    from reviewer import load

    paths = build(2, tmp_path)
    texts = {fmt: load(path).text for fmt, path in paths.items()}
    assert texts["txt"] == texts["docx"]
    assert load(paths["pdf"]).page_count >= 2
    # The PDF's text layer carries the same contract (its Kangxi radicals aside).
    assert texts["pdf"].replace("\u2f45", "方").count("\n") == texts["txt"].count("\n")


def test_naive_review_collects_every_rule_regex():
    from reviewer import load
    from reviewer.engine.rulepack import RuleSet

    ruleset = RuleSet.default()
    patterns = rule_regexes(ruleset)
    assert "仲裁委员会" in patterns  # a clause type's body pattern
    assert all("{us}" not in p and "{them}" not in p for p in patterns)
    for p in patterns:
        re.compile(p)
    doc = load(ROOT / "samples" / "seed-contract-clean.txt")
    segments = clause_segments(doc)
    assert "".join(segments) == doc.text


@pytest.mark.slow
def test_benchmark_runs_on_a_tiny_size_and_writes_its_table(tmp_path):
    out = tmp_path / "PERFORMANCE.md"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run([sys.executable, "-m", "benchmarks", "--sizes", "2", "--quick", "--silent",
                           "--cache", str(tmp_path / "cache"), "--out", str(out), "--profile", "none"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    page = out.read_text(encoding="utf-8")
    assert page.startswith("# Performance")
    for heading in ("## Machine", "## Targets", "## Phases by format and size", "## Bare libraries",
                    "## Command line", "## Start-up: whole processes and the rule pack cache", "## Window", "## Batch",
                    "## Comparing drafts", "## Word segmentation"):
        assert heading in page
    # One row per format at 2 pages, with the bare libraries measured on the same files.
    for fmt in ("txt", "docx", "pdf"):
        assert re.search(rf"^\| 2 \| {fmt} \| [\d,]+ \| \d+ \| \d+ \| \d+ ms \|", page, re.M), fmt
    for lib in ("pdfplumber", "pypdfium2", "python-docx"):
        assert f"| 2 | {lib} |" in page
    assert "contract-review check` on the seed" in page
    # Issue 17: cold, warm and uncached runs beside the bare libraries, all as whole processes.
    assert re.search(r"^\| 2-page PDF \| \d+ ms \(\d+ ms\); CPU \d+ ms \| \d+ ms .* \| \d+ ms .* \| \d+ ms .* \| \d+ ms ",
                     page, re.M)
    assert "**Cores**: " in page
    # The targets table also goes to stdout.
    assert "## Targets" in proc.stdout and str(out) in proc.stdout
