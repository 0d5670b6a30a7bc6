"""``contract-review compare OLD NEW`` (or ``--template OURS THEIRS``): what changed, and the risk delta."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import ReviewerError
from ..model.findings import Severity
from ..i18n import tr
from .check import add_rule_options, load_rules

FORMATS = ("text", "json", "html", "md", "docx")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("old", metavar="OLD", help=tr("上一稿（或 --template 时我方模板）", "the earlier draft (our template with --template)"))
    p.add_argument("new", metavar="NEW", help=tr("新稿（或对方文本）", "the new draft (their draft with --template)"))
    p.add_argument("--template", action="store_true",
                   help=tr("OLD 是我方标准模板：列出对方删除、修改、增加的条款",
                           "OLD is our standard template: which of our clauses they dropped, changed or added to"))
    p.add_argument("--format", choices=FORMATS, default="text",
                   help=tr("docx 为带修订标记的新稿（Word 中可接受或拒绝）",
                           "docx is NEW with Word tracked changes against OLD (accept or reject in Word)"))
    p.add_argument("-o", "--output", metavar="PATH", help=tr("输出文件", "output file"))
    add_rule_options(p)
    p.add_argument("--fail-on", choices=[s.value for s in Severity], default=None,
                   help=tr("新稿中存在该级别及以上的问题（新增或仍存在）时退出码为 1",
                           "exit 1 when NEW has a finding (new or open) at or above this severity"))
    p.add_argument("--save-decisions", action="store_true",
                   help=tr("把沿用上一稿的处理结果写入新稿的审阅记录",
                           "write the decisions carried from OLD into NEW's decisions file"))
    p.add_argument("--password", default=None, metavar="PASSWORD",
                   help=tr("加密 PDF 的打开密码", "the open password of an encrypted PDF"))
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from .. import load, review
    from ..compare import compare
    from ..compare.carry import save_carried
    from ..model.decisions import DecisionStore
    from .check import _tell_what_was_noticed

    for name in (args.old, args.new):
        if Path(name).is_dir():
            raise ReviewerError(tr("compare 比较两个文件，“{p}”是文件夹。", "compare takes two files; “{p}” is a folder.", p=name))
    if args.format not in ("text", "json") and not args.output:
        raise ReviewerError(tr("格式 {f} 需要用 -o 指定输出文件。", "Format {f} needs an output file: -o PATH.", f=args.format))
    if args.output and any(Path(args.output).resolve() == Path(p).resolve() for p in (args.old, args.new)):
        raise ReviewerError(tr("报告不能覆盖被比较的合同，请另选文件名。",
                               "The report cannot overwrite a contract being compared; choose another file name."),
                            path=Path(args.output))
    ruleset = load_rules(args)
    if ruleset.errors and not ruleset.rules:
        return 2
    documents = [load(path, password=args.password) for path in (args.old, args.new)]
    for document in documents:
        _tell_what_was_noticed(document)
    old, new = (review(d, rules=ruleset, perspective=args.perspective) for d in documents)
    stores = [DecisionStore.for_contract(d.path) for d in documents]
    for store in stores:
        if store.warning:
            sys.stderr.write(f"contract-review: {store.warning}\n")
    comparison = compare(old, new, old_decisions=stores[0], new_decisions=stores[1], template=args.template)
    if args.save_decisions and not args.template:
        count = save_carried(comparison.findings, comparison.decisions, stores[1])
        sys.stderr.write("contract-review: " + tr("已把 {n} 条处理结果写入 {p}", "{n} carried decision(s) written to {p}",
                                                  n=count, p=stores[1].path) + "\n")
    from ..compare.write import render_text, write_comparison

    if args.format in ("text", "json") and not args.output:
        sys.stdout.write(render_text(comparison, args.format))
    else:
        write_comparison(comparison, args.format, Path(args.output))
    return _exit_code(comparison, args.fail_on)


def _exit_code(comparison, fail_on: str | None) -> int:
    if fail_on is None:
        return 0
    threshold = Severity(fail_on)
    still = [c.new for c in comparison.findings if c.new is not None]
    return 1 if any(f.severity.at_least(threshold) for f in still) else 0
