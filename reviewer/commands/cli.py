"""The engine's command line: ``check``, ``outline``, ``rules`` and ``compare``.

The installed ``contract-review`` command is :func:`ui.launch.main`, which opens the window for
``gui`` or no arguments and hands everything else to :func:`main` here, so the engine never
imports the GUI.
"""

from __future__ import annotations

import argparse
import os
import sys

from ..errors import ReviewerError
from ..i18n import set_language, tr

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
EXIT_BROKEN_PIPE = 128 + 13  # what a shell reports for a command ended by SIGPIPE


class _Formatter(argparse.HelpFormatter):
    """argparse's own help layout. argparse makes a formatter for every argument added and asks
    shutil for the terminal's width each time (importing shutil, bz2 and lzma: ~2 ms of a run that
    prints no help); here the width is asked as shutil asks it, without them."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24,
                 width: int | None = None) -> None:
        super().__init__(prog, indent_increment, max_help_position,
                         _terminal_columns() - 2 if width is None else width)


def _terminal_columns() -> int:
    """``shutil.get_terminal_size().columns``: $COLUMNS, else the terminal's, else 80."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> None:  # usage errors exit 2 with a plain message
        self.print_usage(sys.stderr)
        sys.stderr.write(f"{self.prog}: {tr('错误', 'error')}: {message}\n")
        raise SystemExit(EXIT_ERROR)


def build_parser() -> argparse.ArgumentParser:
    from . import check, compare, outline, rules_cmd

    parser = _Parser(prog="contract-review", description=tr(
        "离线合同审查：按 YAML 审查清单检查合同，指出每个问题的原文位置、理由、依据和修改建议。",
        "Offline contract review against a YAML checklist: every finding at its exact words."))
    parser.add_argument("--lang", choices=("zh", "en"), help=tr("界面与提示语言", "language of messages"))
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    check.add_arguments(sub.add_parser("check", help=tr("审查合同并输出问题", "review contracts and print findings")))
    outline.add_arguments(sub.add_parser("outline", help=tr("显示合同的条款结构", "print a contract's clause tree")))
    rules_cmd.add_arguments(sub.add_parser("rules", help=tr("列出、解释、测试审查规则", "list, explain and test rules")))
    compare.add_arguments(sub.add_parser("compare", help=tr("比较两稿合同（或与我方模板比较）",
                                                            "compare two drafts (or a draft against our template)")))
    sub.add_parser("gui", help=tr("打开审查窗口（contract-review gui [FILE] [--screenshot PNG]）",
                                  "open the review window (contract-review gui [FILE] [--screenshot PNG])"))
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        return _main(argv)
    except BrokenPipeError:
        # `contract-review rules list | head`: the reader has gone. Point stdout at the null
        # device so the interpreter's last flush finds nowhere to fail, and end as SIGPIPE would.
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
        return EXIT_BROKEN_PIPE


def _main(argv: list[str] | None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.lang:
        set_language(args.lang)
    if args.command in (None, "gui"):
        sys.stderr.write(tr("审查窗口由 contract-review 命令打开（contract-review gui [文件]）。\n",
                            "The review window is opened by the contract-review command (contract-review gui [FILE]).\n"))
        return EXIT_ERROR
    try:
        code = int(args.run(args))
        sys.stdout.flush()  # a closed pipe shows here, inside main, not in the interpreter's exit
        return code
    except ReviewerError as exc:
        sys.stderr.write(f"contract-review: {exc}\n")
        return EXIT_ERROR
    except KeyboardInterrupt:
        sys.stderr.write(tr("已中断。\n", "Interrupted.\n"))
        return 130


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
