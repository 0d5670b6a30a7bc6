"""``contract-review rules list|explain|test``: what the checklist holds, why, and whether it works."""

from __future__ import annotations

import argparse
import sys
import textwrap
from pathlib import Path

from ..errors import ReviewerError
from ..i18n import tr


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--rules", action="append", default=[], metavar="PATH",
                   help=tr("额外的规则文件或文件夹", "extra rule file or folder"))
    p.add_argument("--no-default-rules", action="store_true")
    sub = p.add_subparsers(dest="action", required=True)
    ls = sub.add_parser("list", help=tr("列出所有规则", "list every rule"))
    ls.add_argument("--origin", action="store_true", help=tr("显示每项设置的来源", "show where each setting came from"))
    ex = sub.add_parser("explain", help=tr("解释一条规则", "explain one rule"))
    ex.add_argument("rule_id", metavar="ID")
    te = sub.add_parser("test", help=tr("运行规则自带的示例", "run the rules' own examples"))
    te.add_argument("paths", nargs="*", metavar="PATH", help=tr("只测试这些规则文件", "test only these rule files"))
    p.set_defaults(run=run)


def _ruleset(args, extra: list[str] | None = None):
    from ..engine.rulepack import RuleSet

    return RuleSet.default(extra_paths=[Path(p) for p in (args.rules + (extra or []))],
                           include_builtin=not args.no_default_rules, include_user=not args.no_default_rules)


def run(args: argparse.Namespace) -> int:
    ruleset = _ruleset(args, getattr(args, "paths", None))
    for error in ruleset.errors:
        sys.stderr.write(f"contract-review: {error}\n")
    if args.action == "list":
        return _list(ruleset, args.origin) or (2 if ruleset.errors else 0)
    if args.action == "explain":
        return _explain(ruleset, args.rule_id)
    return _test(ruleset, args.paths) or (2 if ruleset.errors else 0)


def _list(ruleset, origin: bool) -> int:
    rows = [(r.id, r.category, r.severity.value, tr("开", "on") if r.enabled else tr("关", "off"),
             f"{r.source.name}:{r.line}") for r in ruleset.rules]
    widths = [max([len(str(row[i])) for row in rows] + [2]) for i in range(5)]
    for r, row in zip(ruleset.rules, rows):
        line = "  ".join(str(v).ljust(w) for v, w in zip(row, widths)).rstrip()
        if origin:
            changed = {k: v for k, v in r.origin.items() if v != f"{r.source.name}:{r.line}"}
            if changed:
                line += "  (" + ", ".join(f"{k} ← {v}" for k, v in sorted(changed.items())) + ")"
        sys.stdout.write(line + "\n")
    sys.stdout.write(tr("共 {n} 条规则（{p}）\n", "{n} rules ({p})\n", n=len(rows), p=ruleset.version or "-"))
    return 0


def explain_text(ruleset, rule_id: str) -> str:
    """The explanation of one rule: what it flags, why, basis, examples, suggested wording."""
    from ..engine.ruletypes import registry

    rule = ruleset.get(rule_id)
    if rule is None:
        import difflib

        near = difflib.get_close_matches(rule_id, [r.id for r in ruleset.rules], n=3, cutoff=0.4)
        raise ReviewerError(tr("没有 id 为“{i}”的规则。", "There is no rule “{i}”.", i=rule_id),
                            hint=tr("相近的：{n}", "Close matches: {n}", n=", ".join(near)) if near else "")
    doc = textwrap.dedent(registry()[rule.type].__doc__ or "").strip()
    examples = []
    for kind, label in (("fire", tr("应报出", "fires on")), ("no_fire", tr("不应报出", "quiet on")),
                        ("todo", tr("已知漏报", "known misses"))):
        for text in rule.examples.get(kind, []):
            examples.append(f"  [{label}] " + text.replace("\n", "\n    "))
    parts = [
        f"{rule.id} — {rule.title}",
        tr("类别：{c}　严重程度：{s}　类型：{t}　{on}", "category: {c}  severity: {s}  type: {t}  {on}",
           c=rule.category, s=rule.severity.value, t=rule.type, on=tr("已启用", "enabled") if rule.enabled else tr("已停用", "disabled")),
        tr("文件：{f}:{l}", "file: {f}:{l}", f=rule.source, l=rule.line),
        "",
        tr("提示：", "Message:") + " " + rule.message,
        tr("为什么重要：", "Why it matters:") + " " + (rule.why or "-"),
        tr("依据：", "Basis:") + " " + (rule.basis or "-"),
        tr("建议措辞：", "Suggested wording:") + " " + (rule.suggestion or "-"),
        "",
        tr("示例：", "Examples:"),
        *(examples or ["  -"]),
        "",
        tr("规则类型“{t}”：", "Rule type “{t}”:", t=rule.type),
        textwrap.indent(doc, "  "),
    ]
    return "\n".join(parts) + "\n"


def _explain(ruleset, rule_id: str) -> int:
    sys.stdout.write(explain_text(ruleset, rule_id))
    return 0


def _test(ruleset, paths: list[str]) -> int:
    from ..engine.ruletest import fixture_folders, run_examples, run_fixtures

    wanted = {Path(p).resolve() for p in paths}
    chosen = [r for r in ruleset.rules
              if not wanted or r.source.resolve() in wanted or r.source.resolve().parent in wanted]
    failures = todo = passed = 0
    for rule in chosen:
        for res in run_examples(ruleset, rule):
            if res.failing:
                failures += 1
                what = (tr("应报出却没有报出", "should fire but did not") if res.kind == "fire"
                        else tr("不应报出却报出了 {n} 个问题", "should not fire but gave {n} finding(s)", n=res.fired))
                sys.stdout.write(f"FAIL {res.source}:{res.line}: {res.rule} [{res.kind}] {what}\n"
                                 f"     {res.text!r}\n")
            elif res.kind == "todo":
                todo += 1
                state = tr("仍未报出", "still missed") if not res.passed else tr("已能报出，可移到 fire", "now fires; move it to fire")
                sys.stdout.write(f"TODO {res.source}:{res.line}: {res.rule} {state}: {res.text!r}\n")
            else:
                passed += 1
    fixtures = 0
    for folder in fixture_folders(ruleset, [Path(p) for p in paths] if paths else None):
        for res in run_fixtures(ruleset, folder):
            fixtures += 1
            if not res.failing:
                continue
            failures += 1
            if res.problem:
                what = res.problem
            elif res.kind == "fire":
                what = tr("应报出 {r}{at} 却没有报出", "should find {r}{at} but did not", r=res.rule,
                          at=tr("（在“{t}”处）", " (at “{t}”)", t=res.text) if res.text else "")
            else:
                what = tr("不应报出 {r}{at} 却报出了 {n} 个", "should not find {r}{at} but found {n}", r=res.rule,
                          n=res.found, at=tr("（在“{t}”处）", " (at “{t}”)", t=res.text) if res.text else "")
            sys.stdout.write(f"FAIL {res.fixture}:{res.line}: [{res.kind}] {what}\n")
    sys.stdout.write(tr("{r} 条规则，{p} 个示例通过，{f} 个失败，{t} 个已知漏报；样例合同检查 {x} 项\n",
                        "{r} rules, {p} examples passed, {f} failed, {t} todo; {x} fixture checks\n",
                        r=len(chosen), p=passed, f=failures, t=todo, x=fixtures))
    return 1 if failures else 0
