"""``python3 -m benchmarks.diff_libraries``: the numbers behind compare's choice of diff libraries.

Three jobs, each measured on the 100-page benchmark contract (983 units) with the candidates:
pairing identical clauses in order (difflib's matching blocks vs Myers' diff in diff-match-patch),
scoring clause similarity (difflib's ratio vs rapidfuzz), and the word diff inside a changed clause
(difflib on word lists vs diff-match-patch); then how similar unrelated clauses of one contract
are, which is where the thresholds in reviewer/compare/align.py come from.
"""

from __future__ import annotations

import difflib
import itertools
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

from .build import ROOT, build


def _edited(lines: list[str]) -> list[str]:
    """Every 40th clause's heading dropped (merged into the one before), every 10th clause's 甲方 → 乙方."""
    out, clause = [], 0
    for line in lines:
        m = re.match(r"^(\d+)\.(\d+)(.*)$", line)
        if m:
            clause += 1
            if clause % 40 == 5:
                continue
        elif clause % 10 == 3 and "甲方" in line:
            line = line.replace("甲方", "乙方", 1)
        out.append(line)
    return out


def _timed(fn):
    start = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - start


def main() -> int:
    import diff_match_patch
    from rapidfuzz import fuzz, process

    from reviewer import load
    from reviewer.compare.units import units_of
    from reviewer.text.tokens import cut

    path = build(100)["txt"]
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line]
    with tempfile.TemporaryDirectory() as scratch:
        edited = Path(scratch) / "edited.txt"
        edited.write_text("\n\n".join(_edited(lines)) + "\n", encoding="utf-8")
        old = [u.key for u in units_of(load(path))]
        new = [u.key for u in units_of(load(edited))]
    print(f"units: {len(old)} old, {len(new)} new; mean {statistics.mean(map(len, old)):.0f} characters")

    # 1. identical units in order
    table: dict[str, str] = {}
    a = "".join(table.setdefault(k, chr(0x100 + len(table))) for k in old)
    b = "".join(table.setdefault(k, chr(0x100 + len(table))) for k in new)
    differ = diff_match_patch.diff_match_patch()
    differ.Diff_Timeout = 0
    diffs, t_myers = _timed(lambda: differ.diff_main(a, b, False))
    myers = sum(len(t) for op, t in diffs if op == 0)
    blocks, t_blocks = _timed(lambda: difflib.SequenceMatcher(None, old, new, autojunk=False).get_matching_blocks())
    print(f"identical units paired in order: Myers (diff-match-patch) {myers} in {t_myers:.3f} s; "
          f"difflib matching blocks {sum(s for *_, s in blocks)} in {t_blocks:.3f} s")

    # 2. similarity of every unit against every other
    _, t_rf = _timed(lambda: [process.extract(k, old, scorer=fuzz.ratio, score_cutoff=50, limit=None) for k in old])
    random.seed(1)
    sample = [(random.choice(old), random.choice(old)) for _ in range(5000)]
    _, t_dl = _timed(lambda: [difflib.SequenceMatcher(None, x, y, autojunk=False).ratio() for x, y in sample])
    print(f"similarity, all {len(old)}×{len(old)} pairs: rapidfuzz {t_rf:.2f} s; "
          f"difflib ratio {t_dl / len(sample) * 1e6:.0f} µs a pair → {t_dl / len(sample) * len(old) ** 2:.0f} s")

    # 3. word diff of every unit against an edited copy
    pairs = [(cut(k), cut(k.replace("甲方", "乙方", 1).replace("。", ",但双方另有书面约定的除外。", 1))) for k in old]
    _, t_sm = _timed(lambda: [difflib.SequenceMatcher(None, x, y, autojunk=False).get_opcodes() for x, y in pairs])

    def dmp_words():
        for x, y in pairs:
            codes: dict[str, str] = {}
            differ.diff_main("".join(codes.setdefault(w, chr(0x100 + len(codes))) for w in x),
                             "".join(codes.setdefault(w, chr(0x100 + len(codes))) for w in y), False)

    _, t_dw = _timed(dmp_words)
    print(f"word diff of {len(pairs)} changed units: difflib {t_sm:.3f} s; diff-match-patch {t_dw:.3f} s")

    # 4. how similar are different units of one contract?
    scores = []
    for sample_path in sorted((ROOT / "tests" / "corpus").glob("*.txt")) + sorted((ROOT / "samples").glob("*.txt")):
        if "gbk" in sample_path.name or "draft" in sample_path.name:
            continue
        keys = [u.key for u in units_of(load(sample_path)) if u.key]
        scores += [fuzz.ratio(x, y) for x, y in itertools.combinations(keys, 2) if x != y]
    scores.sort()
    n = len(scores)
    print(f"unrelated units of one contract ({n} pairs): median {scores[n // 2]:.0f}, 99th percentile "
          f"{scores[int(n * .99)]:.0f}, 99.9th {scores[int(n * .999)]:.0f}, max {scores[-1]:.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
