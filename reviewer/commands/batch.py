"""Review many contracts at once, on every core: one report each plus a summary (XLSX and HTML)."""

from __future__ import annotations

import os
import pickle
import sys
import threading
import traceback
from pathlib import Path
from typing import Callable, Iterable, TextIO

from ..errors import ReviewerError
from ..i18n import language, set_language, tr
from ..reports import FORMATS, SUFFIXES, write_report
from ..reports.summary_rows import BatchSummary, ContractRow, TopFinding
from .inputs import collect_inputs

__all__ = ["ProgressBar", "collect_inputs", "output_names", "review_one", "run_batch"]

Progress = Callable[[int, int, Path], None]


# -- the names of the reports -----------------------------------------------------------------------

def output_names(inputs: list[Path], out_dir: Path, fmt: str) -> list[Path]:
    """``<stem><suffix>`` in ``out_dir`` for each input, unique, and never one of the inputs."""
    taken = {p.resolve() for p in inputs}
    used: set[str] = {"summary.xlsx", "summary.html"}
    out: list[Path] = []
    for path in inputs:
        # 合同.docx and 合同.pdf side by side: the second becomes 合同-pdf, then 合同-pdf-2 …
        stems = [path.stem, f"{path.stem}-{path.suffix.lstrip('.').lower()}"]
        stems += [f"{stems[1]}-{n}" for n in range(2, len(inputs) + 3)]
        for stem in stems:
            target = out_dir / (stem + SUFFIXES[fmt])
            if target.name.lower() not in used and target.resolve() not in taken:
                break
        used.add(target.name.lower())
        out.append(target)
    return out


# -- the work of one contract (runs in a worker process) ------------------------------------------

_WORKER_RULESET = None


def _init_worker(ruleset_blob: bytes | None, lang: str, inherited=None) -> None:
    """Once per worker: the rule set (read and compiled once, not per contract) and the language."""
    global _WORKER_RULESET
    set_language(lang)
    if inherited is not None:  # a forked worker already holds the parent's compiled rule set
        _WORKER_RULESET = inherited
    elif ruleset_blob is not None:
        _WORKER_RULESET = pickle.loads(ruleset_blob)
    else:
        from ..engine.rulepack import RuleSet

        _WORKER_RULESET = RuleSet.default()


def review_one(path: Path, target: Path, fmt: str, perspective: str, include_false_alarms: bool,
               include_notes: bool = True, ruleset=None) -> ContractRow:
    """Load, review and write one contract; a contract that fails becomes a row with its error."""
    from .. import load, review
    from ..model.decisions import DecisionStore, decisions_path

    rules = ruleset if ruleset is not None else _WORKER_RULESET
    try:
        document = load(path)
        result = review(document, rules=rules, perspective=perspective)
        store = decisions_path(path)
        decisions = DecisionStore.load(store).decisions if store.exists() else None
        written = write_report(result, fmt, target, decisions, include_false_alarms, include_notes)
    except ReviewerError as error:
        # The row already names the file: keep the message and what to do about it.
        return ContractRow(path, error=" ".join(p for p in (error.message, error.hint) if p))
    except Exception as error:  # noqa: BLE001 - one broken file must not stop the batch
        detail = traceback.format_exception_only(type(error), error)[-1].strip()
        return ContractRow(path, error=tr("内部错误：{e}", "Internal error: {e}", e=detail))
    from ..reports.common import build_report, severity_label

    report = build_report(result, decisions, include_false_alarms)
    # Messages usually start with their clause ("10.2 标题为…"); do not say it twice.
    top = tuple(TopFinding(severity_label(i.finding.severity),
                           "" if i.finding.message.startswith(i.location) else i.location, i.finding.message)
                for i in report.top_items(3))
    counts = {s.value: n for s, n in report.counts.items()}
    return ContractRow(path, written, document.page_count, counts, top)


def _review_in_worker(args: tuple) -> ContractRow:
    return review_one(*args)


# -- the batch --------------------------------------------------------------------------------------

def run_batch(paths: Iterable[str | Path], out_dir: str | Path, fmt: str = "html", ruleset=None,
              perspective: str = "customer", jobs: int | None = None, progress: Progress | None = None,
              include_false_alarms: bool = True, include_notes: bool = True) -> BatchSummary:
    """Review every contract in ``paths`` (files or folders) into ``out_dir``, ``jobs`` at a time.

    Each contract is loaded, reviewed and written by a worker process; the summary is written
    by this process when all are done. ``progress(done, total, path)`` is called as each one
    finishes. ``ruleset`` (a RuleSet) is sent to the workers once; None means the built-in pack.
    """
    if fmt not in FORMATS:
        raise ReviewerError(tr("未知的报告格式“{fmt}”，可选：{allowed}。", "Unknown report format “{fmt}”; "
                               "choose one of: {allowed}.", fmt=fmt, allowed=", ".join(FORMATS)))
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    inputs = collect_inputs(paths, out)
    targets = output_names(inputs, out, fmt)
    tasks = [(p, t, fmt, perspective, include_false_alarms, include_notes) for p, t in zip(inputs, targets)]
    rows: dict[int, ContractRow] = {}
    total = len(tasks)
    workers = max(1, min(jobs or os.cpu_count() or 1, total))

    def finished(i: int, row: ContractRow) -> None:
        rows[i] = row
        if progress is not None:
            progress(len(rows), total, inputs[i])

    blob = None
    if ruleset is None and total:
        from ..engine.rulepack import RuleSet

        # Read the built-in pack here first: a broken rule file stops the batch with its own
        # message instead of failing every contract; workers then read their own copy.
        default = RuleSet.default()
        if workers == 1:
            ruleset = default
    elif workers > 1 and ruleset is not None:
        try:
            blob = pickle.dumps(ruleset)
        except (pickle.PicklingError, TypeError, AttributeError):
            workers = 1  # a rule set that cannot travel to other processes: do the work here
    if workers == 1:
        for i, task in enumerate(tasks):
            finished(i, review_one(*task, ruleset=ruleset))
    else:
        # Fork where it is safe — a single-threaded process on a system that has it (the command
        # line on Linux): a forked worker starts at once with the rules already compiled. The
        # window calls this from a worker thread, and forking a process that runs threads can
        # deadlock, so there (and on Windows and macOS) workers are spawned.
        # This process is one of the workers too: while the others start, it takes contracts from
        # the end of the queue that none of them has begun.
        # Imported here: a `check` of one contract never starts a process pool.
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor, as_completed

        own = ruleset if ruleset is not None else default
        fork = "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1
        context = multiprocessing.get_context("fork" if fork else "spawn")
        initargs = (None, language(), own) if fork else (blob, language(), None)
        with ProcessPoolExecutor(max_workers=workers - 1, mp_context=context,
                                 initializer=_init_worker, initargs=initargs) as pool:
            futures = {pool.submit(_review_in_worker, task): i for i, task in enumerate(tasks)}
            by_index = {i: f for f, i in futures.items()}
            for i in range(total - 1, -1, -1):
                if not by_index[i].cancel():
                    break  # a worker has it (and, the queue being in order, every one before it)
                finished(i, review_one(*tasks[i], ruleset=own))
            for future in as_completed([f for f in futures if not f.cancelled()]):
                i = futures[future]
                try:
                    row = future.result()
                except Exception as error:  # noqa: BLE001 - a worker that died (out of memory …)
                    row = ContractRow(inputs[i], error=tr("处理失败：{e}", "Failed: {e}", e=error))
                finished(i, row)
    summary = BatchSummary(out, fmt, [rows[i] for i in range(total)])
    from ..reports.summary import write_summary_html, write_summary_xlsx

    summary.summary_xlsx = write_summary_xlsx(summary, out / "summary.xlsx")
    summary.summary_html = write_summary_html(summary, out / "summary.html")
    return summary


# -- terminal progress bar ----------------------------------------------------------------------------

class ProgressBar:
    """``[#####-----] 5/10 合同.pdf`` redrawn in place on stderr; silent when stderr is not a terminal."""

    def __init__(self, stream: TextIO | None = None, width: int = 30, force: bool = False) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.width = width
        self.enabled = force or (hasattr(self.stream, "isatty") and self.stream.isatty())

    def line(self, done: int, total: int, path: Path | str) -> str:
        filled = self.width * done // total if total else self.width
        name = Path(path).name
        if len(name) > 40:
            name = "…" + name[-39:]
        return f"[{'#' * filled}{'-' * (self.width - filled)}] {done}/{total} {name}"

    def __call__(self, done: int, total: int, path: Path | str) -> None:
        if not self.enabled:
            return
        self.stream.write("\r\x1b[2K" + self.line(done, total, path))
        if done >= total:
            self.stream.write("\n")
        self.stream.flush()
