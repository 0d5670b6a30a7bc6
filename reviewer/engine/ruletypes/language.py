"""A contract the checklist cannot read: one notice saying so, and which checks still ran."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from ...i18n import tr
from .base import Hit, RuleType

if TYPE_CHECKING:  # pragma: no cover
    from ..context import ReviewContext

_NAMES = {"en": ("英文等拉丁字母文字", "English or another language in Latin script")}


class LanguageNotice(RuleType):
    """What it flags: a contract written mostly in Latin letters (an English vendor agreement)
    reviewed with a checklist that reads Chinese. One notice for the whole document, naming the
    language-neutral checks that still ran; the Chinese checks are not run on it.

    Why it matters: a Chinese checklist looks for 争议解决, 违约金, 知识产权归属 in Chinese words. On an
    English contract it would report every clause as missing and every sentence as cut off —
    findings that are all wrong. Saying plainly that the contract was not checked is the true answer.

    Example: ``WEB SITE HOSTING AGREEMENT … This Agreement shall be governed by the laws of …``

    Better wording: have the contract reviewed in its own language, or ask for the Chinese version
    that prevails and review that one.
    """

    name = "language"
    params = {}

    def check(self, ctx: "ReviewContext") -> Iterable[Hit]:
        if ctx.language == "zh":
            return
        ran = sorted(r.title for r in getattr(ctx.ruleset, "rules", [])
                     if r.enabled and r.reads(ctx.language) and r.impl is not self)
        zh, en = _NAMES.get(ctx.language, (ctx.language, ctx.language))
        checks = "、".join(ran) if ran else tr("无", "none")
        first_line_end = ctx.document.text.find("\n")
        end = first_line_end if first_line_end > 0 else min(len(ctx.document.text), 40)
        yield Hit(0, end, {"clause": None, "language": tr(zh, en), "checks": checks}, whole_document=True)
