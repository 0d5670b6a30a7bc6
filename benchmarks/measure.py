"""One measurement per fresh process: ``python3 -m benchmarks.measure MODE '{json args}'`` prints JSON.

Each mode runs in its own interpreter so that imports, caches and the peak memory of one
measurement never leak into the next. Timings use ``time.perf_counter``; memory is the
process's peak resident set (``ru_maxrss``: what the operating system saw, PDFium's native
memory included) and, where asked, Python's own allocation peak from ``tracemalloc``.
"""

from __future__ import annotations

import json
import re
import resource
import sys
import tempfile
import time
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
#: Stop repeating a measurement once one run has taken this long (pdfplumber on 500 pages).
LONG_RUN_S = 2.0


def rss_mb() -> float:
    """Peak resident set of this process so far, in MB.

    ``VmHWM`` belongs to this program's own memory; ``ru_maxrss`` would not do, as Linux carries
    it over from the parent through fork and exec (a child of a 70 MB runner starts at 70 MB).
    """
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:  # pragma: no cover - not Linux
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def current_rss_mb() -> float:
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * resource.getpagesize() / 2**20
    except OSError:  # pragma: no cover - not Linux
        return rss_mb()


def _timed(fn):
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def _repeat(fn, repeats: int) -> list[float]:
    times = []
    for _ in range(max(1, repeats)):
        elapsed, _ = _timed(fn)
        times.append(elapsed)
        if elapsed > LONG_RUN_S:
            break
    return times


# -- the naive review: every rule's regexes over every clause -------------------------------------

_SLOT = re.compile(r"\{(us|them|customer|vendor)\}")


def rule_regexes(ruleset) -> list[str]:
    """Every regex the rule files hold: each rule's regex parameters (``any``, ``all``, ``none``,
    ``heading``, ``body_any`` …, the patterns of ``require``, ``keywords`` escaped) and every clause
    type's heading and body patterns. Party slots become a plain 甲方|乙方 alternation."""
    from reviewer.engine.ruletypes import registry

    found: list[str] = []

    def add(value) -> None:
        if isinstance(value, str):
            found.append(_SLOT.sub("(?:甲方|乙方)", value))
        elif isinstance(value, (list, tuple)):
            for item in value:
                add(item)
        elif isinstance(value, dict):
            for item in value.values():
                add(item)

    types = registry()
    for rule in ruleset.rules:
        params = types[rule.type].params
        for key, param in params.items():
            value = rule.params.get(key)
            if param.regex or key == "require":
                add(value)
            elif key == "keywords" and value:
                found.extend(re.escape(k) for k in value)
    for spec in ruleset.clause_types.specs.values():
        add(spec.get("headings") or [])
        add(spec.get("body") or [])
    return found


def clause_segments(document) -> list[str]:
    """The text split at every clause-tree node start: each character in exactly one segment."""
    starts = sorted({n.start for n in document.clauses} | {0})
    text = document.text
    return [text[a:b] for a, b in zip(starts, starts[1:] + [len(text)]) if b > a]


def naive_review(patterns: list[re.Pattern], segments: list[str]) -> int:
    hits = 0
    for rx in patterns:
        for segment in segments:
            for _ in rx.finditer(segment):
                hits += 1
    return hits


# -- modes -----------------------------------------------------------------------------------------


def mode_phases(path: str, report: str = "html", repeats: int = 5, warm: str | None = None) -> dict:
    """Load / structure / review / report of ``path``, each timed, after a warm-up on ``warm``.

    The warm-up (the seed sample in the same format) pays the one-time costs every later open
    skips: imports, the rule files, compiled patterns, the word-segmentation dictionary. Those
    one-time costs are measured here too and reported separately.
    """
    once: dict[str, float] = {}
    t, _ = _timed(lambda: __import__("reviewer.loaders"))
    once["import_reviewer"] = t
    from reviewer import load, review
    from reviewer.text import tokens
    from reviewer.reports import write_report
    from reviewer.engine.rulepack import RuleSet

    once["rules"], ruleset = _timed(RuleSet.default)
    once["tokenizer"], _ = _timed(tokens.warm_up)
    if warm:
        once["warmup_open"], _ = _timed(lambda: review(load(warm), rules=ruleset))
    regexes = [re.compile(p) for p in rule_regexes(ruleset)]
    out: dict[str, list[float]] = {k: [] for k in ("load", "structure", "review", "report", "naive")}
    stats: dict = {}
    with tempfile.TemporaryDirectory(prefix="bench-report-") as scratch:
        target = Path(scratch) / f"report.{report}"
        for _ in range(max(1, repeats)):
            tokens.boundaries.cache_clear()  # no word boundaries remembered from the last repeat
            t_load, doc = _timed(lambda: load(path))
            t_struct, tree = _timed(lambda: doc.clauses)
            t_review, result = _timed(lambda: review(doc, rules=ruleset))
            t_report, _ = _timed(lambda: write_report(result, report, target))
            segments = clause_segments(doc)
            t_naive, hits = _timed(lambda: naive_review(regexes, segments))
            for key, value in zip(out, (t_load, t_struct, t_review, t_report, t_naive)):
                out[key].append(value)
            stats = {"chars": len(doc.text), "pages": doc.page_count, "blocks": len(doc.blocks),
                     "clauses": len(tree), "findings": len(result.findings), "rules": len(ruleset.rules),
                     "regexes": len(regexes), "segments": len(segments), "naive_hits": hits,
                     "report_bytes": target.stat().st_size}
            if t_load + t_struct + t_review + t_report > 4 * LONG_RUN_S:
                break
    return {"times": out, "median": {k: median(v) for k, v in out.items()}, "once": once,
            "stats": stats, "peak_rss_mb": rss_mb()}


def mode_memory(path: str, report: str = "html", trace: bool = False) -> dict:
    """Peak memory of opening ``path`` once in a fresh process (load, structure, review, report).

    Also the cold timings: this is the first open in the process, imports and rules included.
    """
    start = time.perf_counter()
    from reviewer import load, review
    from reviewer.reports import write_report
    from reviewer.engine.rulepack import RuleSet

    ruleset = RuleSet.default()
    ready = time.perf_counter()
    base = current_rss_mb()
    if trace:
        import tracemalloc

        tracemalloc.start()
    t0 = time.perf_counter()
    doc = load(path)
    t1 = time.perf_counter()
    doc.clauses
    t2 = time.perf_counter()
    result = review(doc, rules=ruleset)
    t3 = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bench-mem-") as scratch:
        write_report(result, report, Path(scratch) / f"report.{report}")
    t4 = time.perf_counter()
    out = {"base_rss_mb": base, "peak_rss_mb": rss_mb(), "imports_and_rules": ready - start,
           "cold": {"load": t1 - t0, "structure": t2 - t1, "review": t3 - t2, "report": t4 - t3}}
    if trace:
        out["py_peak_mb"] = tracemalloc.get_traced_memory()[1] / 2**20
    return out


def mode_baseline(lib: str, path: str, repeats: int = 3) -> dict:
    """The bare library on the same file: what reading the text costs without us."""
    if lib == "pdfplumber":
        t_import, _ = _timed(lambda: __import__("pdfplumber"))
        import pdfplumber

        def run():
            with pdfplumber.open(path) as pdf:
                return [page.extract_text() for page in pdf.pages]
    elif lib == "pypdfium2":
        t_import, _ = _timed(lambda: __import__("pypdfium2"))
        import pypdfium2 as pdfium

        def run():
            pdf = pdfium.PdfDocument(path)
            texts = []
            for index in range(len(pdf)):
                page = pdf[index]
                textpage = page.get_textpage()
                texts.append(textpage.get_text_range())
                textpage.close()
                page.close()
            pdf.close()
            return texts
    elif lib == "python-docx":
        t_import, _ = _timed(lambda: __import__("docx"))
        import docx

        def run():
            return [p.text for p in docx.Document(path).paragraphs]
    else:
        raise SystemExit(f"unknown baseline {lib!r}")
    texts = run()  # the first call warms the library's own lazy imports; not timed
    times = _repeat(run, repeats)
    return {"times": times, "median": median(times), "import": t_import,
            "chars": sum(len(t or "") for t in texts), "peak_rss_mb": rss_mb()}


def mode_batch(folder: str, out: str, jobs: int, fmt: str = "html") -> dict:
    """``run_batch`` over a folder, as the CLI calls it; wall time from the call to the summary.

    Also the fixed costs around the steady part: until the first contract is done (worker
    processes starting, rules loading) and after the last one (the summaries), and the rate
    in between, which shows whether both cores work.
    """
    start = time.perf_counter()
    from reviewer.commands.batch import run_batch

    imported = time.perf_counter()
    done: list[float] = []
    summary = run_batch([folder], out, fmt, jobs=jobs, progress=lambda *_: done.append(time.perf_counter()))
    end = time.perf_counter()
    steady = (len(done) - 1) / (done[-1] - done[0]) if len(done) > 1 and done[-1] > done[0] else None
    return {"elapsed": end - imported, "import": imported - start, "contracts": len(summary.rows),
            "failed": len(summary.failed), "per_second": len(summary.rows) / (end - imported),
            "first_done": done[0] - imported if done else None, "summary": end - done[-1] if done else None,
            "steady_per_second": steady}


def mode_tokenizer(which: str, text_path: str, cache: str) -> dict:
    """Dictionary load and segmentation of one text with jieba (from its cache) or rjieba."""
    text = Path(text_path).read_text(encoding="utf-8")
    start = time.perf_counter()
    if which == "rjieba":
        import rjieba

        rjieba.tokenize("合同")  # the dictionary is read on first use
        loaded = time.perf_counter()
        tokens = rjieba.tokenize(text)
    else:
        import logging

        import jieba

        jieba.setLogLevel(logging.WARNING)
        Path(cache).mkdir(parents=True, exist_ok=True)
        jieba.dt.tmp_dir = cache
        jieba.initialize()
        loaded = time.perf_counter()
        tokens = list(jieba.tokenize(text))
    end = time.perf_counter()
    return {"load": loaded - start, "tokenize": end - loaded, "tokens": len(tokens), "chars": len(text)}


def mode_profile(phase: str, path: str, warm: str | None = None, report: str = "html", limit: int = 18) -> dict:
    """cProfile of one phase of opening ``path`` (after the same warm-up as ``phases``)."""
    import cProfile
    import io
    import pstats

    from reviewer import load, review
    from reviewer.text import tokens
    from reviewer.reports import write_report
    from reviewer.engine.rulepack import RuleSet

    ruleset = RuleSet.default()
    tokens.warm_up()
    if warm:
        review(load(warm), rules=ruleset)
    profiler = cProfile.Profile()
    with tempfile.TemporaryDirectory(prefix="bench-prof-") as scratch:
        steps = {
            "load": lambda doc: load(path),
            "structure": lambda doc: doc.clauses,
            "review": lambda doc: review(doc, rules=ruleset),
            "report": lambda doc: write_report(review(doc, rules=ruleset), report, Path(scratch) / "r"),
        }
        doc = None if phase in ("load", "open") else load(path)
        if phase in ("review", "report"):
            doc.clauses
        profiler.enable()
        if phase == "open":
            doc = load(path)
            review(doc, rules=ruleset)
        else:
            steps[phase](doc)
        profiler.disable()
    texts = {}
    for order in ("tottime", "cumulative"):
        buffer = io.StringIO()
        stats = pstats.Stats(profiler, stream=buffer).strip_dirs().sort_stats(order)
        stats.print_stats(limit)
        # Keep the table itself, not pstats' preamble.
        lines = buffer.getvalue().splitlines()
        first = next((i for i, line in enumerate(lines) if line.lstrip().startswith("ncalls")), 0)
        texts[order] = "\n".join(line.rstrip() for line in lines[first:] if line.strip())
    return texts


def mode_compare(old: str, new: str, repeats: int = 3) -> dict:
    """``compare`` of two drafts in phases (after one warm-up comparison): load, review, align, report."""
    from reviewer import load, review
    from reviewer.text import tokens
    from reviewer.compare import compare
    from reviewer.compare.json_report import dumps
    from reviewer.engine.rulepack import RuleSet

    ruleset = RuleSet.default()
    tokens.warm_up()
    out: dict[str, list[float]] = {k: [] for k in ("load", "structure", "review", "compare", "report")}
    stats: dict = {}
    for _ in range(max(1, repeats) + 1):  # the first round warms up and is not kept
        t_load, docs = _timed(lambda: [load(old), load(new)])
        t_struct, _ = _timed(lambda: [d.clauses for d in docs])
        t_review, results = _timed(lambda: [review(d, rules=ruleset) for d in docs])
        t_compare, comparison = _timed(lambda: compare(*results))
        t_report, text = _timed(lambda: dumps(comparison))
        for key, value in zip(out, (t_load, t_struct, t_review, t_compare, t_report)):
            out[key].append(value)
        stats = {"chars": [len(d.text) for d in docs], "units": [len(comparison.alignment.old),
                                                                  len(comparison.alignment.new)],
                 "clauses": comparison.clauses.counts(), "findings": comparison.finding_counts()}
    return {"median": {k: median(v[1:]) for k, v in out.items()}, "stats": stats}


MODES = {"compare": mode_compare, "profile": mode_profile, "phases": mode_phases, "memory": mode_memory, "baseline": mode_baseline, "batch": mode_batch,
         "tokenizer": mode_tokenizer}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    mode, args = argv[0], json.loads(argv[1]) if len(argv) > 1 else {}
    sys.stdout.write(json.dumps(MODES[mode](**args)) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
