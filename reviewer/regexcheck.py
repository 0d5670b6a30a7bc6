"""Refuse regular expressions that do not compile or that could backtrack for ever."""

from __future__ import annotations

import re

try:  # Python 3.11+: the parser lives in re._parser
    from re import _constants as sre_constants  # type: ignore[attr-defined]
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

from .i18n import tr

MAX_PATTERN = 2000
_REPEATS = (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT)
_UNBOUNDED = sre_constants.MAXREPEAT


def regex_problem(pattern: str) -> str:
    """``""`` when the pattern is safe to run, else a plain message saying what is wrong."""
    if len(pattern) > MAX_PATTERN:
        return tr("正则表达式过长（{n} 个字符，上限 {m}）。", "regular expression too long ({n} characters, limit {m}).",
                  n=len(pattern), m=MAX_PATTERN)
    probe = re.sub(r"\{(us|them|customer|vendor)\}", "X", pattern)
    try:
        re.compile(probe)
        parsed = sre_parse.parse(probe)
    except re.error as exc:
        return tr("正则表达式“{p}”无法编译：{e}（第 {c} 个字符）。如果要匹配括号等符号本身，请在前面加反斜杠 \\。",
                  "the regular expression “{p}” does not compile: {e} (at character {c}). "
                  "To match a bracket or similar literally, put a backslash \\ before it.",
                  p=pattern, e=exc.msg, c=(exc.pos or 0) + 1)
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
