"""``python3 -m benchmarks [--sizes 10,100,500] [--quick] [--out docs/PERFORMANCE.md]``: measure, then write the page."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .build import DEFAULT_CACHE, ROOT, SAMPLES
from .runner import Options, measure, run_all
from .table import render, targets

DEFAULT_OUT = ROOT / "docs" / "PERFORMANCE.md"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python3 -m benchmarks", description=(
        "Build contracts of N pages (TXT, DOCX, PDF), time load / structure / review / report against the bare "
        "libraries, the CLI, the window and batch mode, and write the table to docs/PERFORMANCE.md."))
    parser.add_argument("--sizes", default="10,100,500", help="page counts, comma-separated (default 10,100,500)")
    parser.add_argument("--quick", action="store_true", help="one repeat each, a batch of 8, no tracemalloc pass")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="the Markdown page to write")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="where built contracts are kept")
    parser.add_argument("--batch", type=int, default=200, help="contracts in the batch measurement")
    parser.add_argument("--profile", choices=("missed", "all", "none"), default="missed",
                        help="profile the targets that were missed (default), all of them, or none")
    parser.add_argument("--silent", action="store_true", help="no progress on stderr")
    return parser.parse_args(argv)


def profile_targets(results, rows, which: str) -> None:
    """cProfile of each target's phase that was missed (or of all with a phase)."""
    if which == "none":
        return
    done: set[tuple[str, str]] = set()
    for row in rows:
        if row.profile is None or (which == "missed" and row.met is not False) or row.profile in done:
            continue
        done.add(row.profile)
        phase, path = row.profile
        warm = str(SAMPLES / f"seed-contract-clean{Path(path).suffix}")
        texts = measure("profile", phase=phase, path=path, warm=warm)
        results.profiles[f"{row.name}: {phase} of {Path(path).name}"] = texts["tottime"]


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    except ValueError:
        print(f"--sizes takes page counts like 10,100,500, not {args.sizes!r}", file=sys.stderr)
        return 2
    if not sizes or min(sizes) < 1:
        print("--sizes needs at least one page count of 1 or more", file=sys.stderr)
        return 2
    options = Options(sizes=sizes, cache=args.cache, quick=args.quick, batch_size=args.batch,
                      profile=args.profile, log=None if args.silent else sys.stderr)
    results = run_all(options)
    rows = targets(results)
    profile_targets(results, rows, args.profile)
    page = render(results)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(page, encoding="utf-8")
    # The targets table on stdout; the whole page is in the file.
    start = page.index("## Targets")
    end = page.index("\n## ", start + 1)
    sys.stdout.write(page[start:end].rstrip() + f"\n\nWritten to {args.out}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
