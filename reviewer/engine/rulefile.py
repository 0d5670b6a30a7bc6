"""Read one rule file strictly: every mistake reported as ``file:line:column: what is wrong``."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from ..errors import RuleProblem
from ..model.findings import CATEGORIES
from ..i18n import tr
from .regexcheck import regex_problem
from .ruletypes.base import Param
from .yamlpos import MAX_BYTES, Located, YamlProblem, load_located

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SEVERITIES = ("high", "medium", "low", "info")
PERSPECTIVE_CHOICES = ("any", "customer", "vendor")
#: Keys that an override entry (an id that is already defined, without ``type``) may change.
OVERRIDABLE = ("enabled", "severity", "title", "message", "why", "basis", "suggestion")
MAX_RULES = 5000

PACK_KEYS: dict[str, Param] = {
    "pack": Param(str, required=True, doc="pack name"),
    "version": Param(str, required=True, doc="pack version"),
    "language": Param(str, doc="language of the messages, e.g. zh"),
    "title": Param(str),
    "description": Param(str),
    "categories": Param(dict, doc="extra categories: id → name"),
    "clause_types": Param(dict, doc="clause types: id → {name, headings, body}"),
    "rules": Param(list, items=None, doc="the rules"),
}
RULE_KEYS: dict[str, Param] = {
    "id": Param(str, required=True),
    "type": Param(str, required=True),
    "title": Param(str, required=True),
    "category": Param(str, required=True),
    "severity": Param(str, required=True, choices=SEVERITIES),
    "message": Param(str, required=True),
    "why": Param(str, default=""),
    "basis": Param(str, default=""),
    "suggestion": Param(str, default=""),
    "enabled": Param(bool, default=True),
    "perspective": Param(str, choices=PERSPECTIVE_CHOICES, default="any"),
    "languages": Param(list, default=["zh"],
                       doc="languages of the contracts the rule can read: zh (Chinese), or any (language-neutral)"),
    "examples": Param(dict),
}
EXAMPLE_KEYS = ("fire", "no_fire", "todo")
CLAUSE_TYPE_KEYS: dict[str, Param] = {
    "name": Param(str, required=True),
    "headings": Param(list, regex=True, default=[]),
    "body": Param(list, regex=True, default=[]),
    "main_agreement_holds": Param(bool, default=False,
                                  doc="a document that is part of another agreement (an SLA, a supplement, an annex "
                                      "signed apart) leaves this clause to that agreement: it is not asked for there"),
}


@dataclass
class RawRule:
    """A rule entry as validated from a file; ``override`` when it only changes an existing rule."""

    data: dict[str, Any]
    path: Path
    line: int
    override: bool = False


@dataclass
class ParsedFile:
    path: Path
    pack: str = ""
    version: str = ""
    language: str = ""
    categories: dict[str, str] = field(default_factory=dict)
    clause_types: dict[str, dict[str, Any]] = field(default_factory=dict)
    rules: list[RawRule] = field(default_factory=list)
    problems: list[RuleProblem] = field(default_factory=list)
    located: Located | None = None


def did_you_mean(word: object, choices, cutoff: float = 0.5) -> str:
    """“（是否想写“x”？）” for the nearest of ``choices`` to a mistyped ``word``, else ""."""
    near = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=cutoff)
    return tr("（是否想写“{n}”？）", " (did you mean “{n}”?)", n=near[0]) if near else ""


def _type_name(kind: type | tuple[type, ...]) -> str:
    names = {str: tr("文字", "text"), bool: tr("true 或 false", "true or false"), int: tr("整数", "a whole number"),
             list: tr("列表", "a list"), dict: tr("映射（键: 值）", "a mapping (key: value)"),
             float: tr("数字", "a number")}
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return tr(" 或 ", " or ").join(names.get(k, k.__name__) for k in kinds)


def _is(value: Any, kind: type | tuple[type, ...]) -> bool:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    if isinstance(value, bool):
        return bool in kinds
    return isinstance(value, kinds)


class FileChecker:
    """Collects the problems of one file, each at its line and column."""

    def __init__(self, path: Path, located: Located) -> None:
        self.path = path
        self.located = located
        self.problems: list[RuleProblem] = []

    def add(self, where: tuple, message: str, key: bool = False) -> None:
        line, col = self.located.pos(where, key=key)
        self.problems.append(RuleProblem(self.path, line, col, message))

    def unknown_keys(self, where: tuple, mapping: dict, allowed: Iterable[str], what: str) -> None:
        allowed = list(allowed)
        for key in mapping:
            if key in allowed:
                continue
            hint = did_you_mean(key, allowed, cutoff=0.6)
            self.add(where + (key,), tr(
                "{what}中有未知的键“{k}”{hint}。允许的键：{allowed}",
                "unknown key “{k}” in {what}{hint}. Allowed keys: {allowed}",
                what=what, k=key, hint=hint, allowed=", ".join(allowed)), key=True)

    def check_params(self, where: tuple, mapping: dict, params: dict[str, Param], what: str,
                     required: bool = True) -> None:
        for name, param in params.items():
            if name not in mapping:
                if required and param.required:
                    self.add(where, tr("{what}缺少必填的键“{k}”。", "{what} is missing the required key “{k}”.",
                                       what=what, k=name))
                continue
            value = mapping[name]
            if not _is(value, param.kind):
                self.add(where + (name,), tr("“{k}”应为{t}，这里是“{v}”。", "“{k}” must be {t}, not “{v}”.",
                                             k=name, t=_type_name(param.kind), v=value))
                continue
            if param.choices:
                values = value if isinstance(value, list) else [value]
                for i, item in enumerate(values):
                    if item not in param.choices:
                        hint = did_you_mean(item, param.choices)
                        self.add(where + (name,) + ((i,) if isinstance(value, list) else ()), tr(
                            "“{k}”的值“{v}”无效{hint}。允许的值：{c}",
                            "“{v}” is not a valid value for “{k}”{hint}. Allowed values: {c}",
                            k=name, v=item, hint=hint, c=", ".join(param.choices)))
            if isinstance(value, list) and param.kind is list and param.items is not None:
                for i, item in enumerate(value):
                    if not isinstance(item, str) or isinstance(item, bool):
                        self.add(where + (name, i), tr("“{k}”的每一项都应为文字。", "every item of “{k}” must be text.",
                                                       k=name))
                    elif param.regex:
                        self.check_regex(where + (name, i), item)
            elif param.regex and isinstance(value, str):
                self.check_regex(where + (name,), value)

    def check_regex(self, where: tuple, pattern: str) -> None:
        problem = regex_problem(pattern)
        if problem:
            self.add(where, problem)


def parse_rule_file(path: Path, text: str | None = None) -> ParsedFile:
    """Parse and validate the pack-level keys and every rule's common keys of one file.

    Type-specific parameters, clause-type references and overrides of earlier files are
    checked by :mod:`reviewer.engine.rulepack`, which knows the other files.
    """
    parsed = ParsedFile(Path(path))
    try:
        if text is None:
            raw = Path(path).read_bytes()
            if len(raw) > MAX_BYTES:
                parsed.problems.append(RuleProblem(path, 1, 1, tr(
                    "规则文件过大（{n} 字节，上限 {m}），拒绝读取。", "rule file too large ({n} bytes, limit {m}); refused.",
                    n=len(raw), m=MAX_BYTES)))
                return parsed
            try:
                text = raw.decode("utf-8-sig")
            except UnicodeDecodeError as exc:
                line = raw[: exc.start].count(b"\n") + 1
                parsed.problems.append(RuleProblem(path, line, 1, tr(
                    "规则文件不是 UTF-8 编码。请在编辑器中另存为 UTF-8。",
                    "the rule file is not UTF-8 encoded. Save it as UTF-8 in your editor.")))
                return parsed
        located = load_located(text)
    except YamlProblem as exc:
        parsed.problems.append(RuleProblem(path, exc.line, exc.column, exc.message))
        return parsed
    except OSError as exc:
        parsed.problems.append(RuleProblem(path, 1, 1, tr("无法读取文件：{e}", "cannot read the file: {e}",
                                                           e=exc.strerror or exc)))
        return parsed
    parsed.located = located
    check = FileChecker(parsed.path, located)
    for where, _pos in located.duplicates:
        check.add(where, tr("键“{k}”重复出现。", "the key “{k}” appears twice.", k=where[-1]), key=True)
    data = located.data
    if not isinstance(data, dict):
        check.add((), tr("规则文件的顶层应为映射（pack:、version:、rules: …）。",
                         "the top level of a rule file must be a mapping (pack:, version:, rules: …)."))
        parsed.problems = check.problems
        return parsed
    check.unknown_keys((), data, PACK_KEYS, tr("规则文件顶层", "the top level"))
    check.check_params((), data, PACK_KEYS, tr("规则文件", "the rule file"))
    parsed.pack = str(data.get("pack", "")) if isinstance(data.get("pack"), str) else ""
    parsed.version = str(data.get("version", "")) if isinstance(data.get("version"), str) else ""
    parsed.language = data.get("language", "") if isinstance(data.get("language"), str) else ""

    categories = data.get("categories") or {}
    if isinstance(categories, dict):
        for cid, name in categories.items():
            if not isinstance(cid, str) or not ID_RE.match(cid):
                check.add(("categories", cid), tr("类别 id 应为小写字母、数字和连字符：“{c}”。",
                                                  "a category id must be lowercase letters, digits and hyphens: “{c}”.",
                                                  c=cid), key=True)
            elif cid in CATEGORIES:
                check.add(("categories", cid), tr("类别“{c}”是内置类别，不能重新定义。",
                                                  "“{c}” is a built-in category and cannot be redefined.", c=cid),
                          key=True)
            else:
                parsed.categories[cid] = str(name)

    clause_types = data.get("clause_types") or {}
    if isinstance(clause_types, dict):
        for tid, spec in clause_types.items():
            where = ("clause_types", tid)
            if not isinstance(tid, str) or not ID_RE.match(tid):
                check.add(where, tr("条款类型 id 应为小写字母、数字和连字符：“{c}”。",
                                    "a clause type id must be lowercase letters, digits and hyphens: “{c}”.", c=tid),
                          key=True)
                continue
            if not isinstance(spec, dict):
                check.add(where, tr("条款类型“{c}”应为映射（name、headings、body）。",
                                    "clause type “{c}” must be a mapping (name, headings, body).", c=tid))
                continue
            check.unknown_keys(where, spec, CLAUSE_TYPE_KEYS, tr("条款类型“{c}”", "clause type “{c}”", c=tid))
            check.check_params(where, spec, CLAUSE_TYPE_KEYS, tr("条款类型“{c}”", "clause type “{c}”", c=tid))
            parsed.clause_types[tid] = {"name": spec.get("name", tid), "headings": spec.get("headings") or [],
                                        "body": spec.get("body") or [],
                                        "main_agreement_holds": spec.get("main_agreement_holds") is True,
                                        "path": parsed.path,
                                        "line": located.pos(where, key=True)[0]}

    rules = data.get("rules") or []
    if isinstance(rules, list):
        if len(rules) > MAX_RULES:
            check.add(("rules",), tr("一个文件最多 {m} 条规则，这里有 {n} 条。", "at most {m} rules per file; this has {n}.",
                                     m=MAX_RULES, n=len(rules)))
            rules = []
        for i, entry in enumerate(rules):
            where = ("rules", i)
            if not isinstance(entry, dict):
                check.add(where, tr("rules 的每一项应为一条规则（映射）。", "each item of rules must be a rule (a mapping)."))
                continue
            rid = entry.get("id")
            if not isinstance(rid, str) or not ID_RE.match(rid):
                if "id" not in entry:
                    check.add(where, tr("规则缺少必填的键“id”。", "the rule is missing the required key “id”."))
                else:
                    check.add(where + ("id",), tr(
                        "规则 id“{i}”无效：只能用小写字母、数字和连字符（如 ip-vendor-owns）。",
                        "rule id “{i}” is invalid: use lowercase letters, digits and hyphens (e.g. ip-vendor-owns).",
                        i=rid))
                continue
            override = "type" not in entry
            parsed.rules.append(RawRule(entry, parsed.path, located.pos(where)[0], override))
    parsed.problems = check.problems
    return parsed
