"""Refuse regular expressions that do not compile or that could backtrack for ever."""

from __future__ import annotations

import re

try:  # Python 3.11+: the parser lives in re._parser
    from re import _constants as sre_constants  # type: ignore[attr-defined]
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

from ..i18n import tr

MAX_PATTERN = 2000
_REPEATS = (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT)
_UNBOUNDED = sre_constants.MAXREPEAT


# What the checks below found out about each pattern. Both are pure functions of the pattern's
# text, so they are remembered for the process, and the rule pack cache keeps them between runs
# (reviewer.engine.packcache): parsing ~400 patterns again costs more than the rest of a load.
_SAFE: set[str] = set()
_LITERALS: dict[tuple[str, ...], tuple[str, ...] | None] = {}


def analysis() -> tuple[list[str], list[tuple[tuple[str, ...], tuple[str, ...] | None]]]:
    """What is known so far: the patterns found safe and the literals of each pattern list."""
    return sorted(_SAFE), list(_LITERALS.items())


def remember(known: tuple) -> None:
    """Take back what :func:`analysis` returned (in an earlier run of the same program)."""
    safe, literals = known
    _SAFE.update(safe)
    _LITERALS.update((tuple(k), None if v is None else tuple(v)) for k, v in literals)


def regex_problem(pattern: str) -> str:
    """``""`` when the pattern is safe to run, else a plain message saying what is wrong."""
    if pattern in _SAFE:
        return ""
    problem = _regex_problem(pattern)
    if not problem:
        _SAFE.add(pattern)
    return problem


def _regex_problem(pattern: str) -> str:
    if len(pattern) > MAX_PATTERN:
        return tr("正则表达式过长（{n} 个字符，上限 {m}）。", "regular expression too long ({n} characters, limit {m}).",
                  n=len(pattern), m=MAX_PATTERN)
    probe = re.sub(r"\{(us|them|customer|vendor)(?:_initial)?\}", "X", pattern)
    try:
        re.compile(probe)
        parsed = sre_parse.parse(probe)
    except re.error as exc:
        return tr("正则表达式“{p}”无法编译：{e}（第 {c} 个字符）。如果要匹配括号等符号本身，请在前面加反斜杠 \\。",
                  "the regular expression “{p}” does not compile: {e} (at character {c}). "
                  "To match a bracket or similar literally, put a backslash \\ before it.",
                  p=pattern, e=exc.msg, c=(exc.pos or 0) + 1)
    try:
        re.compile(f"(?:{probe})|(?:x)")  # a rule's patterns run joined with others
    except re.error:
        return tr("正则表达式“{p}”含有只能写在开头的全局标志（如 (?m)），与其他写法合并时无法编译。"
                  "请改用局部写法，例如 (?:^|\n) 代替 (?m)^。",
                  "the regular expression “{p}” has a global flag such as (?m) that must stand at the start "
                  "and breaks when joined with other patterns. Use a local form, e.g. (?:^|\n) instead of (?m)^.",
                  p=pattern)
    if _ambiguous_repeat(parsed):
        return tr("正则表达式“{p}”在重复中含有可以从同一个字开始的多个分支（如 (甲|甲方)*），可能使审查卡死，已拒绝。"
                  "请让各分支的开头互不相同，或去掉外层的重复。",
                  "the regular expression “{p}” repeats an alternation whose branches can start with the same "
                  "character (like (a|ab)*), which can hang a review; refused. Make the branches start "
                  "differently, or drop the outer repetition.", p=pattern)
    if _nested_unbounded(parsed, inside=False):
        return tr("正则表达式“{p}”含有嵌套的重复（如 (a+)+ 或 (.*)*），可能使审查卡死，已拒绝。请改写为不嵌套的形式。",
                  "the regular expression “{p}” nests repetitions (like (a+)+ or (.*)*), which can hang a "
                  "review; refused. Rewrite it without the nesting.", p=pattern)
    return ""


def _nested_unbounded(items, inside: bool) -> bool:
    """True when an unbounded repeat contains another repeat of more than one item."""
    for op, arg in items:
        if op in _REPEATS:
            low, high, sub = arg
            unbounded = high == _UNBOUNDED or high > 50
            if inside and (unbounded or high > 1):
                return True
            if _nested_unbounded(sub, inside or unbounded):
                return True
        elif op == sre_constants.SUBPATTERN:
            if _nested_unbounded(arg[-1], inside):
                return True
        elif op == sre_constants.BRANCH:
            for branch in arg[1]:
                if _nested_unbounded(branch, inside):
                    return True
        elif op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
            if _nested_unbounded(arg[1], inside):
                return True
    return False


def _ambiguous_repeat(items) -> bool:
    """An unbounded repeat around an alternation whose branches can begin alike: (a|ab)*, (\\d|1)+.

    Such a repeat can split one string in exponentially many ways, and ``re`` tries them all
    before it gives up on a text that does not match.
    """
    for op, arg in items:
        if op in _REPEATS:
            low, high, sub = arg
            if (high == _UNBOUNDED or high > 50) and _overlapping_branches(sub):
                return True
            if _ambiguous_repeat(sub):
                return True
        elif op == sre_constants.SUBPATTERN and _ambiguous_repeat(arg[-1]):
            return True
        elif op == sre_constants.BRANCH and any(_ambiguous_repeat(b) for b in arg[1]):
            return True
    return False


def _overlapping_branches(items) -> bool:
    """The sequence is (or wraps) an alternation two of whose branches share a possible first character."""
    while len(items) == 1 and items[0][0] == sre_constants.SUBPATTERN:
        items = items[0][1][-1]
    if len(items) != 1 or items[0][0] != sre_constants.BRANCH:
        return False
    firsts = [_first_chars(branch) for branch in items[0][1][1]]
    for i, (chars, wide) in enumerate(firsts):
        for other_chars, other_wide in firsts[i + 1:]:
            if (wide and (other_chars or other_wide)) or (other_wide and chars) or chars & other_chars:
                return True
    return False


def _first_chars(items) -> tuple[set[int], bool]:
    """Characters a sequence can start with: (code points, True when a class or any character)."""
    chars: set[int] = set()
    for op, arg in items:
        if op == sre_constants.LITERAL:
            return chars | {arg}, False
        if op == sre_constants.SUBPATTERN:
            inner, wide = _first_chars(arg[-1])
            return chars | inner, wide
        if op == sre_constants.BRANCH:
            wide = False
            for branch in arg[1]:
                inner, inner_wide = _first_chars(branch)
                chars |= inner
                wide = wide or inner_wide
            return chars, wide
        if op in _REPEATS:
            inner, wide = _first_chars(arg[2])
            chars |= inner
            if wide or arg[0] > 0:
                return chars, wide
            continue  # may match nothing: the next item can come first too
        if op in (sre_constants.AT, sre_constants.ASSERT, sre_constants.ASSERT_NOT):
            continue
        return chars, True  # a class, any character, a back reference: treat as wide
    return chars, False


def required_literals(patterns: list[str]) -> list[str] | None:
    """Pieces of plain text of which every match contains at least one; None if there are none.

    One piece per pattern, or one per branch of a pattern that is an alternation. Party slots
    ({us} …) and groups break a run of literal characters; a case-insensitive pattern has no
    usable literal.
    """
    key = tuple(patterns)
    if key not in _LITERALS:
        found = _required_literals(patterns)
        _LITERALS[key] = None if found is None else tuple(found)
    known = _LITERALS[key]
    return None if known is None else list(known)


def _required_literals(patterns: list[str]) -> list[str] | None:
    out: list[str] = []
    for pattern in patterns:
        probe = re.sub(r"\{(us|them|customer|vendor)(?:_initial)?\}", lambda _m: "[\\x00\\x01]", pattern)
        try:
            parsed = sre_parse.parse(probe)
        except re.error:
            return None
        if parsed.state.flags & re.IGNORECASE:
            return None
        pieces = _branch_literals(list(parsed))
        if pieces is None:
            return None
        out += pieces
    return out


def _branch_literals(items) -> list[str] | None:
    """Alternatives of which every match of the sequence ``items`` contains one (None: unknown).

    Candidates are runs of literal characters and groups whose every branch has such pieces;
    the one with the longest shortest piece wins (the rarer, the fewer spans the regex must try).
    """
    best: list[str] | None = None

    def consider(pieces: list[str] | None) -> None:
        nonlocal best
        if not pieces or not all(pieces):
            return
        if best is None or (min(map(len, pieces)), -len(pieces)) > (min(map(len, best)), -len(best)):
            best = pieces

    run: list[str] = []
    for op, arg in list(items) + [(None, None)]:
        if op == sre_constants.LITERAL:
            run.append(chr(arg))
            continue
        if run:
            consider(["".join(run)])
            run = []
        if op == sre_constants.SUBPATTERN and not (arg[1] & re.IGNORECASE):
            consider(_branch_literals(list(arg[-1])))
        elif op == sre_constants.BRANCH:
            pieces: list[str] = []
            for branch in arg[1]:
                inner = _branch_literals(list(branch))
                if inner is None:
                    pieces = []
                    break
                pieces += inner
            consider(pieces)
        elif op in _REPEATS and arg[0] >= 1:  # a required repeat contains its body at least once
            consider(_branch_literals(list(arg[2])))
    return best
