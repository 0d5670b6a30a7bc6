"""Safe YAML with positions: plain Python values plus the line and column of every key and value."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..i18n import tr

if TYPE_CHECKING:  # pragma: no cover
    import yaml

# PyYAML is imported where a file is parsed: a run whose rule pack comes from its cache
# (reviewer.engine.packcache) parses no YAML, and the import alone takes ~10 ms.

#: Nodes a file may expand to; an alias bomb ("billion laughs") blows far past this and is refused.
MAX_NODES = 200_000
#: A rule file larger than this is refused before parsing.
MAX_BYTES = 2 * 1024 * 1024

Path_ = tuple  # a path into the data: ("rules", 3, "id")


class YamlProblem(Exception):
    """A YAML file that cannot be read at all; ``line``/``column`` are 1-based."""

    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


@dataclass
class Located:
    """The parsed data and where each part of it stands in the file."""

    data: Any
    value_pos: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_pos: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    duplicates: list[tuple[Path_, tuple[int, int]]] = field(default_factory=list)

    def pos(self, path: Path_, key: bool = False) -> tuple[int, int]:
        """Line and column of a value (or of its key), falling back to the nearest parent."""
        table = self.key_pos if key else self.value_pos
        while path:
            if path in table:
                return table[path]
            if key and path in self.value_pos:
                return self.value_pos[path]
            path = path[:-1]
            table = self.value_pos
        return self.value_pos.get((), (1, 1))


_PLAIN_TAGS = ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")


def fast_loader() -> type | None:
    """libyaml's parser, when PyYAML was built with it: the same nodes, tags and marks as PyYAML's own
    pure-Python parser, about ten times faster (tests/test_yamlpos.py holds them equal on every rule file)."""
    import yaml

    return getattr(yaml, "CSafeLoader", None)


def compose(text: str, fast: bool = True) -> yaml.Node | None:
    """The node tree of ``text``, each node with its line and column.

    libyaml composes it when it can. A file it refuses, or one with characters PyYAML's reader
    refuses and libyaml might not, is composed again by PyYAML's own parser, so that a mistake
    is refused and reported exactly as it always was: same words, same line and column.
    """
    import yaml

    loader = fast_loader() if fast else None
    if loader is not None and not yaml.reader.Reader.NON_PRINTABLE.search(text):
        try:
            return yaml.compose(text, Loader=loader)
        except Exception:  # whatever went wrong, the pure-Python parser says it in its own words
            pass
    return yaml.compose(text, Loader=yaml.SafeLoader)


def load_located(text: str, fast: bool = True) -> Located:
    """Parse ``text`` with the safe loader only (no Python tags), recording positions.

    ``fast=False`` uses PyYAML's pure-Python parser alone (the tests compare the two).
    """
    import yaml

    try:
        root = compose(text, fast)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise YamlProblem(tr("YAML 语法错误：{p}", "YAML syntax error: {p}",
                             p=(exc.problem or str(exc)).strip()), line, col) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(tr("YAML 语法错误：{p}", "YAML syntax error: {p}", p=str(exc))) from None
    located = Located(None)
    if root is None:
        return located
    constructor = yaml.SafeLoader("")
    budget = [MAX_NODES]

    def convert(node: yaml.Node, path: Path_) -> Any:
        budget[0] -= 1
        if budget[0] < 0:
            raise YamlProblem(tr(
                "文件展开后过大（可能是 YAML 别名炸弹），拒绝读取。",
                "The file expands to too much data (a YAML alias bomb?); refused."),
                node.start_mark.line + 1, node.start_mark.column + 1)
        located.value_pos.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
        if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.tag not in _PLAIN_TAGS:
            raise YamlProblem(tr("不允许的 YAML 标签“{t}”：规则文件只能包含普通的文字、列表和映射。",
                                 "YAML tag “{t}” is not allowed: rule files hold only plain text, lists and mappings.",
                                 t=node.tag), node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            out: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise YamlProblem(tr("不支持 YAML 合并键“<<”。", "YAML merge keys (<<) are not supported."),
                                      key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                key = constructor.construct_object(key_node) if isinstance(key_node, yaml.ScalarNode) else None
                if not isinstance(key, (str, int, float, bool)) and key is not None:
                    raise YamlProblem(tr("键必须是简单文字。", "Keys must be plain text."),
                                      key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                kpos = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                if key in out:
                    located.duplicates.append((path + (key,), kpos))
                located.key_pos[path + (key,)] = kpos
                out[key] = convert(value_node, path + (key,))
            return out
        if isinstance(node, yaml.SequenceNode):
            return [convert(item, path + (i,)) for i, item in enumerate(node.value)]
        try:
            return constructor.construct_object(node)
        except yaml.constructor.ConstructorError as exc:
            raise YamlProblem(tr("无法识别的值：{p}", "Value not understood: {p}", p=exc.problem),
                              node.start_mark.line + 1, node.start_mark.column + 1) from None

    located.data = convert(root, ())
    return located
