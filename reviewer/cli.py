"""The ``contract-review`` command: ``check``, ``outline``, ``rules`` and ``gui`` (the default)."""

from __future__ import annotations

import argparse
import sys

from .errors import ReviewerError
from .i18n import set_language, tr

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # usage errors exit 2 with a plain message
        self.print_usage(sys.stderr)
        sys.stderr.write(f"{self.prog}: {tr('错误', 'error')}: {message}\n")
        raise SystemExit(EXIT_ERROR)


def build_parser() -> argparse.ArgumentParser:
    from .commands import check, outline, rules_cmd

    parser = _Parser(prog="contract-review", description=tr(
        "离线合同审查：按 YAML 审查清单检查合同，指出每个问题的原文位置、理由、依据和修改建议。",
        "Offline contract review against a YAML checklist: every finding at its exact words."))
    parser.add_argument("--lang", choices=("zh", "en"), help=tr("界面与提示语言", "language of messages"))
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    check.add_arguments(sub.add_parser("check", help=tr("审查合同并输出问题", "review contracts and print findings")))
    outline.add_arguments(sub.add_parser("outline", help=tr("显示合同的条款结构", "print a contract's clause tree")))
    rules_cmd.add_arguments(sub.add_parser("rules", help=tr("列出、解释、测试审查规则", "list, explain and test rules")))
    gui = sub.add_parser("gui", help=tr("打开审查窗口", "open the review window"))
    gui.add_argument("file", nargs="?")
    gui.add_argument("--screenshot", metavar="PNG")
    gui.add_argument("--perspective", choices=("customer", "vendor"))
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv:
        return _gui([])
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.lang:
        set_language(args.lang)
    if args.command is None:
        return _gui(["--lang", args.lang] if args.lang else [])
    if args.command == "gui":
        gui_argv = ([args.file] if args.file else []) + (["--screenshot", args.screenshot] if args.screenshot else [])
        gui_argv += ["--perspective", args.perspective] if args.perspective else []
        gui_argv += ["--lang", args.lang] if args.lang else []
        return _gui(gui_argv)
    try:
        return int(args.run(args))
    except ReviewerError as exc:
        sys.stderr.write(f"contract-review: {exc}\n")
        return EXIT_ERROR
    except KeyboardInterrupt:
        sys.stderr.write(tr("已中断。\n", "Interrupted.\n"))
        return 130


def _gui(argv: list[str]) -> int:
    try:
        from ui.app import main as gui_main
    except ImportError as exc:  # PySide6 missing or broken: say so plainly
        sys.stderr.write(tr("无法启动图形界面：{e}\n请确认已安装 PySide6-Essentials。\n",
                            "Cannot start the window: {e}\nCheck that PySide6-Essentials is installed.\n", e=exc))
        return EXIT_ERROR
    return int(gui_main(argv))


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
