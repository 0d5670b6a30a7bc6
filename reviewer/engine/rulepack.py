"""The rule set in force: built-in files, then the user's folder, then ``--rules`` paths; later wins."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from ..errors import RuleFileError
from ..model.findings import CATEGORIES, Severity
from ..i18n import tr
from ..text.occurrences import Occurrences
from . import regexcheck
from .regexcheck import required_literals
from .rulefile import (EXAMPLE_KEYS, OVERRIDABLE, RULE_KEYS, FileChecker, ParsedFile, RawRule,
                       did_you_mean, parse_rule_file)
from .ruletypes import registry
from .ruletypes.base import RuleType
from .yamlpos import MAX_BYTES

if TYPE_CHECKING:  # pragma: no cover
    from ..model.document import Document


def builtin_rules_dir() -> Path:
    """The built-in checklist: installed as ``reviewer.builtin_rules``, or ``rules/`` in a checkout."""
    import importlib.util

    try:
        # rules/ has no __init__.py, so the installed reviewer.builtin_rules is a namespace
        # package: its folder is the one search location of its spec.
        spec = importlib.util.find_spec("reviewer.builtin_rules")
    except ModuleNotFoundError:
        spec = None
    if spec is not None and spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations)))
    return Path(__file__).resolve().parents[2] / "rules"  # editable install or source checkout


def user_config_dir() -> Path:
    if os.name == "nt":
        base = os.environ.get("APPDATA") or str(Path.home() / "AppData" / "Roaming")
    else:
        base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "contract-reviewer"


def user_rules_dir() -> Path:
    """The user's own rules and overrides (``~/.config/contract-reviewer/rules`` on Linux)."""
    override = os.environ.get("CONTRACT_REVIEW_RULES_DIR")
    return Path(override) if override else user_config_dir() / "rules"


def rule_files(path: Path) -> list[Path]:
    """A file itself, or the ``*.yaml``/``*.yml`` files of a folder in name order."""
    path = Path(path)
    if path.is_dir():
        return sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
    return [path]


_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


@dataclass
class Rule:
    """A rule in force: its fields after overrides, where each came from, and its type instance."""

    id: str
    type: str
    title: str
    category: str
    severity: Severity
    message: str
    why: str
    basis: str
    suggestion: str
    enabled: bool
    perspective: str
    examples: dict[str, list[str]]
    params: dict[str, Any]
    source: Path
    line: int
    origin: dict[str, str] = field(default_factory=dict)  # key → "file:line" that set it
    impl: RuleType | None = None
    #: Languages of the contracts the rule can read ("zh"); "any" for language-neutral checks.
    languages: tuple[str, ...] = ("zh",)

    @staticmethod
    def fill(template: str, values: dict[str, Any]) -> str:
        """Fill ``{placeholders}``; an unknown one is left as written rather than failing a review."""
        if not template or "{" not in template:
            return template
        return _PLACEHOLDER.sub(lambda m: str(values[m.group(1)]) if m.group(1) in values else m.group(0),
                                template)

    def applies_to(self, perspective: str) -> bool:
        return self.perspective in ("any", perspective)

    def reads(self, language: str) -> bool:
        """Whether the rule can check a contract written in ``language``."""
        return "any" in self.languages or language in self.languages


class ClauseTypes:
    """Clause types (dispute, ip, payment …) recognised by heading and body vocabulary."""

    def __init__(self, specs: dict[str, dict[str, Any]]) -> None:
        self.specs = specs
        self._heading = {t: _union(s["headings"]) for t, s in specs.items()}
        self._body = {t: _union(s["body"]) for t, s in specs.items()}
        # Plain text each body vocabulary needs (see regexcheck.required_literals): a clause
        # without any of it is not searched with the regex at all.
        self._body_literals = {t: required_literals(s["body"]) for t, s in specs.items()}
        self._heading_cache: dict[str, set[str]] = {}

    def names(self) -> dict[str, str]:
        return {t: s["name"] for t, s in self.specs.items()}

    def held_by_main_agreement(self, ctype: str) -> bool:
        """Whether a document that is part of another agreement leaves clauses of ``ctype`` to it."""
        return bool(self.specs.get(ctype, {}).get("main_agreement_holds"))

    def of_heading(self, heading: str) -> set[str]:
        if heading not in self._heading_cache:
            self._heading_cache[heading] = {t for t, rx in self._heading.items()
                                            if heading and rx is not None and rx.search(heading)}
        return self._heading_cache[heading]

    def classify(self, document: "Document",
                 occurrences: Occurrences | None = None) -> dict[int, frozenset[str]]:
        """Clause index → types: from its own heading, its ancestors' headings, or its body words.

        ``occurrences`` (the review's, when it has one) tells where each type's required words
        are: a body holding none of them is not searched with the type's regex."""
        text = document.text
        tree = document.clauses
        occurrences = occurrences or Occurrences(text)
        words = {t: None if literals is None else occurrences.any_of(literals)
                 for t, literals in self._body_literals.items()}
        heading_types: dict[int, set[str]] = {}
        out: dict[int, frozenset[str]] = {}
        for node in tree:
            if node.kind not in ("chapter", "clause", "item", "annex", "signature"):
                continue
            own = self.of_heading(node.heading)
            heading_types[node.index] = own
            inherited = set().union(*(heading_types.get(a.index, set()) for a in tree.ancestors(node)))
            body = set()
            if not own:
                start, end = node.body_start, node.end
                segment = None
                for t, rx in self._body.items():
                    if rx is None or words[t] is not None and not words[t].within(start, end):
                        continue
                    if segment is None:
                        segment = text[start:end]
                    if rx.search(segment):
                        body.add(t)
            types = own | inherited | body
            if node.kind == "signature":
                types.add("signature")
            out[node.index] = frozenset(types)
        return out


def _union(patterns: list[str]) -> re.Pattern | None:
    return re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None


class RuleSet:
    """Every rule in force, the clause types, the packs that took part and the files refused."""

    def __init__(self, rules: list[Rule], clause_types: ClauseTypes, packs: list[dict],
                 errors: list[RuleFileError], files: list[Path]) -> None:
        self.rules = rules
        self.clause_types = clause_types
        self.packs = packs
        self.errors = errors
        self.files = files
        self._by_id = {r.id: r for r in rules}

    def get(self, rule_id: str) -> Rule | None:
        return self._by_id.get(rule_id)

    def active_rules(self, perspective: str) -> list[Rule]:
        return [r for r in self.rules if r.enabled and r.applies_to(perspective)]

    def pack_infos(self) -> list[dict]:
        return list(self.packs)

    @property
    def version(self) -> str:
        seen: dict[str, str] = {}
        for p in self.packs:
            seen.setdefault(p["pack"], p["version"])
        return ", ".join(f"{k} {v}" for k, v in seen.items())

    # -- loading ---------------------------------------------------------------------------

    @classmethod
    def default(cls, extra_paths: Iterable[Path] = (), include_builtin: bool = True,
                include_user: bool = True) -> "RuleSet":
        """Built-in rules, then the user's rules folder, then ``extra_paths`` (files or folders)."""
        files: list[Path] = []
        if include_builtin:
            files += rule_files(builtin_rules_dir())
        if include_user and user_rules_dir().is_dir():
            files += rule_files(user_rules_dir())
        for extra in extra_paths:
            files += rule_files(Path(extra))
        return cls.from_files(files)

    @classmethod
    def from_files(cls, files: list[Path], texts: dict[Path, str] | None = None,
                   cache: bool = True) -> "RuleSet":
        """The rules of ``files`` (``texts`` stands in for the text of some); later files win.

        With ``cache``, a pack that loaded cleanly before from exactly these bytes comes back
        from the user's cache folder (:mod:`reviewer.engine.packcache`) without being parsed.
        """
        from . import packcache

        texts = texts or {}
        sources = [packcache.Source.read(p, texts.get(p)) for p in files]
        kept = packcache.load(sources) if cache else None
        if kept is not None:
            try:
                return cls.from_plain(kept)
            except Exception:  # an entry that verifies yet does not fit: never trusted, rebuilt
                pass
        parsed = [parse_rule_file(s.path, texts.get(s.path, _text_of(s.data))) for s in sources]
        ruleset = _assemble(parsed)
        if cache and not ruleset.errors:
            packcache.store(sources, ruleset.to_plain())
        return ruleset

    # -- as plain data, for the cache ------------------------------------------------------

    def to_plain(self) -> dict[str, Any]:
        """The rules, clause types and packs as str, int, bool, lists and dicts (no rule types),
        and what :mod:`regexcheck` found out about their patterns."""
        rules = []
        for rule in self.rules:
            fields = {k: v for k, v in vars(rule).items() if k != "impl"}
            fields.update(severity=rule.severity.value, source=str(rule.source))
            rules.append(fields)
        specs = {tid: {**spec, "path": str(spec["path"])} for tid, spec in self.clause_types.specs.items()}
        return {"rules": rules, "clause_types": specs, "packs": [dict(p) for p in self.packs],
                "files": [str(p) for p in self.files], "regex_analysis": regexcheck.analysis()}

    @classmethod
    def from_plain(cls, data: dict[str, Any]) -> "RuleSet":
        """The rule set :meth:`to_plain` described, each rule's type built again from its parameters."""
        regexcheck.remember(data["regex_analysis"])
        types = registry()
        rules = []
        for fields in data["rules"]:
            rule = Rule(**{**fields, "severity": Severity(fields["severity"]), "source": Path(fields["source"])})
            rule.impl = types[rule.type](rule.id, rule.params)
            rules.append(rule)
        specs = {tid: {**spec, "path": Path(spec["path"])} for tid, spec in data["clause_types"].items()}
        return cls(rules, ClauseTypes(specs), data["packs"], [], [Path(p) for p in data["files"]])


def _text_of(data: bytes | None) -> str | None:
    """The text of a rule file's bytes, or None to let :func:`parse_rule_file` read and refuse it itself."""
    if data is None or len(data) > MAX_BYTES:
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def _assemble(parsed_files: list[ParsedFile]) -> RuleSet:
    errors: list[RuleFileError] = []
    good: list[ParsedFile] = []
    # Clause types and categories first, from every file that parsed: rules of one file may use
    # the clause types of another.
    clause_specs: dict[str, dict[str, Any]] = {}
    categories = set(CATEGORIES)
    for pf in parsed_files:
        if pf.problems:
            continue
        for tid, spec in pf.clause_types.items():
            clause_specs[tid] = spec
        categories |= set(pf.categories)
    rules: dict[str, Rule] = {}
    packs: list[dict] = []
    for pf in parsed_files:
        problems = list(pf.problems)
        new_rules: dict[str, Rule] = {}
        if not problems and pf.located is not None:
            checker = FileChecker(pf.path, pf.located)
            for index, raw in enumerate(pf.rules):
                rule = _build_rule(raw, index, checker, rules, new_rules, clause_specs, categories)
                if rule is not None:
                    new_rules[rule.id] = rule
            problems += checker.problems
        if problems:
            errors.append(RuleFileError(
                tr("规则文件有 {n} 处错误，整个文件未载入：\n{items}",
                   "the rule file has {n} mistake(s) and was not loaded:\n{items}",
                   n=len(problems), items="\n".join(str(p) for p in problems)),
                path=pf.path, problems=problems))
            continue
        good.append(pf)
        rules.update(new_rules)
        packs.append({"pack": pf.pack, "version": pf.version, "path": str(pf.path)})
    return RuleSet(list(rules.values()), ClauseTypes(clause_specs), packs, errors, [pf.path for pf in good])


def _build_rule(raw: RawRule, index: int, check: FileChecker, earlier: dict[str, Rule],
                same_file: dict[str, Rule], clause_specs: dict[str, Any], categories: set[str]) -> Rule | None:
    data = raw.data
    where = ("rules", index)
    rid = data["id"]
    if rid in same_file:
        check.add(where + ("id",), tr("规则 id“{i}”在本文件中重复。", "the rule id “{i}” is used twice in this file.", i=rid))
        return None
    if raw.override:
        return _apply_override(raw, index, check, earlier)
    if rid in earlier:
        check.add(where + ("id",), tr(
            "规则 id“{i}”已在 {f} 中定义。要修改它，只写 id 和要改的键（如 severity: low），不要写 type。",
            "the rule id “{i}” is already defined in {f}. To change it, write only its id and the keys to change "
            "(e.g. severity: low), without type.", i=rid, f=earlier[rid].source.name))
        return None
    type_name = data.get("type")
    types = registry()
    if type_name not in types:
        hint = did_you_mean(type_name, types)
        check.add(where + ("type",), tr("未知的规则类型“{t}”{hint}。可用的类型：{all}",
                                        "unknown rule type “{t}”{hint}. Available types: {all}",
                                        t=type_name, hint=hint, all=", ".join(sorted(types))))
        return None
    cls = types[type_name]
    allowed = dict(RULE_KEYS)
    allowed.update(cls.params)
    before = len(check.problems)
    what = tr("规则“{i}”", "rule “{i}”", i=rid)
    check.unknown_keys(where, data, allowed, what)
    check.check_params(where, data, allowed, what)
    category = data.get("category")
    if isinstance(category, str) and category not in categories:
        hint = did_you_mean(category, sorted(categories))
        check.add(where + ("category",), tr(
            "未知的类别“{c}”{hint}。类别见 CHECKLIST 或在文件顶层 categories: 中新增。",
            "unknown category “{c}”{hint}. Use a checklist category or add it under categories: at the top.",
            c=category, hint=hint))
    for key in ("clause_types", "not_clause_types", "then_clause_type", "clause_type"):
        value = data.get(key)
        for i, tid in enumerate(value if isinstance(value, list) else [value] if isinstance(value, str) else []):
            if tid not in clause_specs:
                hint = did_you_mean(tid, sorted(clause_specs))
                check.add(where + (key,) + ((i,) if isinstance(value, list) else ()), tr(
                    "未知的条款类型“{t}”{hint}。已定义的条款类型：{all}",
                    "unknown clause type “{t}”{hint}. Defined clause types: {all}",
                    t=tid, hint=hint, all=", ".join(sorted(clause_specs))))
    examples = data.get("examples") or {}
    if isinstance(examples, dict):
        check.unknown_keys(where + ("examples",), examples, EXAMPLE_KEYS, tr("examples", "examples"))
        for key, items in examples.items():
            if key in EXAMPLE_KEYS and not (isinstance(items, list) and all(isinstance(x, str) for x in items)):
                check.add(where + ("examples", key), tr("examples.{k} 应为文字列表。", "examples.{k} must be a list of texts.",
                                                        k=key))
    if len(check.problems) > before:
        return None
    params = {k: data.get(k, p.default) for k, p in cls.params.items()}
    try:
        impl = cls(rid, params)
    except ValueError as exc:  # a type's own check of its parameters
        check.add(where, tr("规则“{i}”的参数有误：{e}", "rule “{i}” has a parameter problem: {e}", i=rid, e=exc))
        return None
    here = f"{raw.path.name}:{raw.line}"
    return Rule(
        id=rid, type=type_name, title=data["title"], category=category, severity=Severity(data["severity"]),
        message=data["message"], why=data.get("why", ""), basis=data.get("basis", ""),
        suggestion=data.get("suggestion", ""), enabled=data.get("enabled", True),
        perspective=data.get("perspective", "any"),
        examples={k: list(examples.get(k) or []) for k in EXAMPLE_KEYS} if isinstance(examples, dict) else {},
        params=params, source=raw.path, line=raw.line,
        origin={k: here for k in data if k in RULE_KEYS}, impl=impl,
        languages=tuple(data.get("languages") or ("zh",)))


def _apply_override(raw: RawRule, index: int, check: FileChecker, earlier: dict[str, Rule]) -> Rule | None:
    data = raw.data
    where = ("rules", index)
    rid = data["id"]
    if rid not in earlier:
        hint = did_you_mean(rid, list(earlier), cutoff=0.6)
        check.add(where + ("id",), tr(
            "没有 id 为“{i}”的规则可以覆盖{hint}。新规则必须写 type；覆盖已有规则时 id 必须与之一致。",
            "there is no rule “{i}” to override{hint}. A new rule needs a type; an override must use an existing id.",
            i=rid, hint=hint))
        return None
    allowed = {"id": RULE_KEYS["id"], **{k: RULE_KEYS[k] for k in OVERRIDABLE}}
    before = len(check.problems)
    what = tr("对规则“{i}”的覆盖", "the override of “{i}”", i=rid)
    check.unknown_keys(where, data, allowed, what)
    check.check_params(where, data, allowed, what, required=False)
    if len(check.problems) > before:
        return None
    base = earlier[rid]
    here = f"{raw.path.name}:{raw.line}"
    changes = {k: v for k, v in data.items() if k != "id"}
    rule = Rule(**{**base.__dict__, "origin": dict(base.origin)})
    for key, value in changes.items():
        setattr(rule, key, Severity(value) if key == "severity" else tuple(value) if key == "languages" else value)
        rule.origin[key] = here
    return rule
