"""What every rule type shares: its parameters from YAML, its documentation, and its hits."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Iterable

if TYPE_CHECKING:  # pragma: no cover
    from ..context import ReviewContext
    from ...model.findings import Severity


@dataclass(frozen=True, slots=True)
class Hit:
    """One place a rule fires: a span of ``Document.text`` and values for the message template.

    ``values`` fill ``{placeholders}`` in the rule's message/why/suggestion (e.g. ``purpose``
    for a blank: 金额, 期限 …). ``severity`` overrides the rule's own when the type knows better
    (a blank for an amount is high, any other blank medium). ``clause`` overrides the clause the
    engine would derive from ``start`` (used for findings about a whole document).
    """

    start: int
    end: int
    values: dict[str, Any] = field(default_factory=dict)
    severity: "Severity | None" = None
    #: The finding is about the contract as a whole (a missing clause); the span only says where
    #: to show it (the title), and reports list it without highlighting that text.
    whole_document: bool = False


class RuleType:
    """Base of the closed set of rule types. Subclasses set ``name`` and the class docstring.

    The docstring has four parts — *What it flags*, *Why it matters*, *Example*,
    *Better wording* — and is what ``contract-review rules explain`` prints for the type.
    ``params`` lists the YAML keys the type accepts (beyond the keys every rule has), each
    mapped to a :class:`Param`; the rule loader validates against it.
    """

    name: ClassVar[str] = ""
    params: ClassVar[dict[str, "Param"]] = {}

    def __init__(self, rule_id: str, options: dict[str, Any]) -> None:
        self.rule_id = rule_id
        self.options = options
        self.setup()

    def setup(self) -> None:
        """Compile patterns once, when the rule is loaded (not per document)."""

    def check(self, ctx: "ReviewContext") -> Iterable[Hit]:  # pragma: no cover - abstract
        raise NotImplementedError


@dataclass(frozen=True, slots=True)
class Param:
    """One YAML key of a rule type: its Python type(s), whether required, allowed values."""

    kind: type | tuple[type, ...]
    required: bool = False
    choices: tuple[str, ...] = ()
    default: Any = None
    doc: str = ""
    regex: bool = False  # a string or list of strings that must compile as regular expressions
    items: type | None = str  # for a list: the type of its items (None: not checked here)
