"""``contract-review check``: review contracts and print findings like a compiler, or write reports."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import ReviewerError
from ..model.findings import Severity
from ..i18n import tr

FORMATS = ("text", "json", "html", "docx", "annotated", "xlsx", "md")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("files", nargs="+", metavar="FILE", help=tr("合同文件或文件夹", "contract files or folders"))
    add_rule_options(p)
    p.add_argument("--format", choices=FORMATS, default="text")
    p.add_argument("-o", "--output", metavar="PATH",
                   help=tr("报告文件；多个合同时为输出文件夹", "report file; a folder when several contracts"))
    p.add_argument("--fail-on", choices=[s.value for s in Severity], default=None,
                   help=tr("存在该级别及以上的问题时退出码为 1", "exit 1 when a finding is at or above this severity"))
    p.add_argument("--no-false-alarms", action="store_true",
                   help=tr("报告中不列出已标为误报的问题", "leave findings marked as false alarms out of reports"))
    p.add_argument("--no-notes", action="store_true",
                   help=tr("报告中不含处理结果和备注（发给对方的版本）",
                           "leave counsel's decisions and notes out of reports (a copy for the vendor)"))
    p.add_argument("--jobs", type=int, default=None, help=tr("并行进程数", "parallel processes"))
    p.add_argument("--password", default=None, metavar="PASSWORD",
                   help=tr("加密 PDF 的打开密码", "the open password of an encrypted PDF"))
    p.set_defaults(run=run)


def add_rule_options(p: argparse.ArgumentParser) -> None:
    """``--rules``, ``--no-default-rules`` and ``--perspective``: what reviews a contract (check, compare)."""
    p.add_argument("--rules", action="append", default=[], metavar="PATH",
                   help=tr("额外的规则文件或文件夹（可多次）", "extra rule file or folder (repeatable)"))
    p.add_argument("--no-default-rules", action="store_true",
                   help=tr("不使用内置规则和用户规则", "use neither the built-in nor the user's rules"))
    p.add_argument("--perspective", choices=("customer", "vendor"), default="customer",
                   help=tr("我方立场：客户（默认）或供应商", "whose counsel we are: customer (default) or vendor"))


def load_rules(args: argparse.Namespace):
    from ..engine.rulepack import RuleSet

    ruleset = RuleSet.default(extra_paths=[Path(p) for p in args.rules],
                              include_builtin=not args.no_default_rules,
                              include_user=not args.no_default_rules)
    for error in ruleset.errors:
        sys.stderr.write(f"contract-review: {error}\n")
    return ruleset


def expand_inputs(files: list[str], out_dir: str | None = None) -> list[Path]:
    """Files given, and the contracts under each folder given (the batch's own rule for it)."""
    from .inputs import collect_inputs

    return collect_inputs(files, out_dir)


def run(args: argparse.Namespace) -> int:
    ruleset = load_rules(args)
    if ruleset.errors and not ruleset.rules:
        return 2
    code = _review(args, ruleset)
    refused = refused_named_rules(args, ruleset)
    if refused:
        # The findings above came from fewer rules than were asked for: a CI job must not pass.
        sys.stderr.write("contract-review: " + tr(
            "用 --rules 指定的 {n} 个规则文件未载入（见上），以上问题只来自已载入的规则。\n",
            "{n} rule file(s) named with --rules were refused (see above); the findings come only from "
            "the rules that loaded.\n", n=len(refused)))
        return 2
    return code


def refused_named_rules(args: argparse.Namespace, ruleset) -> list:
    """The refused rule files that ``--rules`` named, itself or as a file of a folder it named."""
    named = {Path(p).resolve() for p in args.rules}
    return [e for e in ruleset.errors
            if e.path is not None and (e.path.resolve() in named or e.path.resolve().parent in named)]


def _review(args: argparse.Namespace, ruleset) -> int:
    from .. import load, review
    from ..model.decisions import DecisionStore

    paths = expand_inputs(args.files, args.output if args.output and Path(args.output).is_dir() else None)
    if not paths:
        raise ReviewerError(tr("没有找到可审查的合同文件（DOCX、PDF、TXT）。",
                               "No contract files (DOCX, PDF, TXT) found."))
    many = len(paths) > 1 or any(Path(f).is_dir() for f in args.files)
    if args.format not in ("text", "json") and (many or (args.output and Path(args.output).is_dir())):
        return _batch(args, paths, ruleset)
    results, failed = [], 0
    for path in paths:
        try:
            document = load(path, password=args.password)
        except ReviewerError as exc:
            sys.stderr.write(f"contract-review: {exc}\n")
            failed += 1
            continue
        _tell_what_was_noticed(document)
        results.append(review(document, rules=ruleset, perspective=args.perspective))
    stores = {str(r.document.path): DecisionStore.for_contract(r.document.path) for r in results}
    for store in stores.values():
        if store.warning:  # a damaged decisions file was kept aside: say so, and where
            sys.stderr.write(f"contract-review: {store.warning}\n")
    decisions = {str(r.document.path): stores[str(r.document.path)].for_findings(r.findings) for r in results}
    if args.format == "text":
        out = "".join(format_text(r, decisions[str(r.document.path)]) for r in results)
        _emit(out, args.output)
    elif args.format == "json":
        from ..reports.json_report import dumps, to_json

        _emit(dumps(to_json(results, decisions)), args.output)
    else:
        from ..reports import write_report

        if not args.output:
            raise ReviewerError(tr("格式 {f} 需要用 -o 指定输出文件。", "Format {f} needs an output file: -o PATH.",
                                   f=args.format))
        for r in results:
            write_report(r, args.format, Path(args.output), decisions=decisions[str(r.document.path)],
                         include_false_alarms=not args.no_false_alarms, include_notes=not args.no_notes)
    if failed and not results:
        return 2
    return _exit_code(results, args.fail_on)


def _tell_what_was_noticed(document) -> None:
    """The loader's notes (encoding, a cut-off file) and pages without text, on stderr."""
    for note in document.notes:
        sys.stderr.write(f"contract-review: {document.path}: {note}\n")
    pages = [str(p.page) for p in document.page_problems]
    if pages:
        sys.stderr.write("contract-review: " + tr(
            "{path}：第 {pages} 页没有可读取的文字（扫描的页面？），这些页没有审查。",
            "{path}: page(s) {pages} have no readable text (scanned pages?) and were not reviewed.",
            path=document.path, pages=", ".join(pages)) + "\n")


def _exit_code(results, fail_on: str | None) -> int:
    if fail_on is None:
        return 0
    threshold = Severity(fail_on)
    return 1 if any(f.severity.at_least(threshold) for r in results for f in r.findings) else 0


def _emit(text: str, output: str | None) -> None:
    if output:
        from ..atomic import atomic_write_text

        atomic_write_text(output, text)
    else:
        sys.stdout.write(text)


def format_text(result, decisions=None) -> str:
    """``file:page: clause severity category — message`` per finding, then the counts."""
    doc = result.document
    lines = []
    for f in result.findings:
        decision = (decisions or {}).get(f.fingerprint)
        mark = f" [{decision.status}]" if decision and decision.status != "open" else ""
        clause = f.clause or "—"
        lines.append(f"{doc.path}:{f.page}: {clause} {f.severity.value} {f.category} — {f.message}{mark}")
    counts = result.counts()
    summary = tr("{n} 个问题：高 {high}，中 {medium}，低 {low}，提示 {info}（{pack}，我方：{side}）",
                 "{n} findings: {high} high, {medium} medium, {low} low, {info} info ({pack}, perspective: {side})",
                 n=len(result.findings), pack=result.pack_version or "-",
                 side=tr("客户", "customer") if result.perspective == "customer" else tr("供应商", "vendor"), **counts)
    return "\n".join(lines + [summary]) + "\n"


def _batch(args, paths, ruleset) -> int:
    from .batch import ProgressBar, run_batch

    if not args.output:
        raise ReviewerError(tr("审查多个合同时需要用 -o 指定输出文件夹。", "Several contracts need an output folder: -o DIR."))
    summary = run_batch(paths, Path(args.output), args.format, ruleset=ruleset, perspective=args.perspective,
                        jobs=args.jobs, progress=ProgressBar(), include_false_alarms=not args.no_false_alarms,
                        include_notes=not args.no_notes)
    return 2 if getattr(summary, "all_failed", False) else 0
