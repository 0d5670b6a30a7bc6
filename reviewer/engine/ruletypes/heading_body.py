"""The heading-vs-body rule: a clause whose heading promises one thing while its body does another."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from .base import Hit, Param, RuleType
from .scope import Matcher

if TYPE_CHECKING:  # pragma: no cover
    from ..context import ReviewContext


class HeadingBodyRule(RuleType):
    """What it flags:
    A clause whose heading matches ``heading`` while its body matches ``body_any`` and none of
    ``body_none`` — above all a clause titled 仲裁 whose body sends disputes to a court.

    Why it matters:
    Heading and body then point two ways; a dispute starts with a dispute about which of
    them governs, and a clause meant as arbitration may be no valid arbitration agreement.

    Example:
      - id: dispute-heading-arbitration-body-court
        type: heading-body
        heading: ['仲裁']
        body_any: ['人民法院', '诉讼']
        body_none: ['仲裁委员会']

    Better wording:
    Make heading and body say the same: either 诉讼 throughout, or 仲裁 with a named
    arbitration commission.
    """

    name = "heading-body"
    params = {
        "heading": Param(list, regex=True, required=True, doc="patterns the heading matches"),
        "body_any": Param(list, regex=True, required=True, doc="patterns in the body that contradict it"),
        "body_none": Param(list, regex=True, default=None, doc="patterns that make the body consistent after all"),
        "point_at": Param(str, choices=("heading", "body"), default="body",
                          doc="where the finding points: the heading or the contradicting words"),
    }

    def setup(self) -> None:
        self.heading = Matcher(self.options["heading"])
        self.body_any = Matcher(self.options["body_any"])
        self.body_none = Matcher(self.options.get("body_none"))

    def check(self, ctx: "ReviewContext") -> Iterable[Hit]:
        tree = ctx.document.clauses
        for node in tree:
            if node.kind not in ("chapter", "clause") or node.heading_end <= node.heading_start:
                continue
            if not self.heading.search(ctx, node.heading_start, node.heading_end):
                continue
            # A chapter titled 仲裁 is judged by its own clauses when it has them.
            if any(c.kind == "clause" for c in tree.children(node)):
                continue
            found = self.body_any.search(ctx, node.body_start, node.end)
            if found is None or (self.body_none and self.body_none.search(ctx, node.body_start, node.end)):
                continue
            values = {"heading": node.heading, "body": found.group(0)}
            if self.options.get("point_at") == "heading":
                yield Hit(node.heading_start, node.heading_end, values)
            else:
                yield Hit(found.start(), found.end(), values)
