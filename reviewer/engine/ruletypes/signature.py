"""The signature block: whether the contract has one, and a place in it for the signing date."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterable

from ...i18n import tr
from .base import Hit, Param, RuleType
from .blank_forms import contract_signing_regions
from .places import place_of, signature_span

if TYPE_CHECKING:  # pragma: no cover
    from ..context import ReviewContext

# Where the signing date goes: 签订日期：, 日期：, ____年____月____日, 年 月 日, Date:.
DATE_PLACE = re.compile(r"日期|时间|年[\s_＿\d〇零一二三四五六七八九十]*月[\s_＿\d〇零一二三四五六七八九十]*日|\bdate\b"
                        r"|«[^«»\n]{0,20}(?:date|time)[^«»\n]{0,20}»", re.I)
HEADER_DATE = re.compile(r"(?:签订|签署|签约|订立)(?:日期|时间)")
# A place to sign or seal; "（以下无正文）" alone announces a signature page but is not one.
SIGNING = re.compile(r"盖章|签字|签章|签名|公章|合同专用章|授权代表|法定代表人|委托代理人|signature", re.I)
# A row naming both parties side by side (甲 方：      乙 方：) above the signing date: where they sign.
PARTY_ROW = re.compile(r"^(?:甲方|委托方|发包方|出租人|出卖人|买方|需方)[:：].{0,30}(?:乙方|受托方|承包方|承租人|买受人|卖方|供方)[:：]")


class SignatureDetector(RuleType):
    """What it flags: with ``check: block``, a contract with no signature/seal block — no place for
    the parties to sign and seal (甲方（盖章）：…, 法定代表人（签字）：…); with ``check: date``, a
    signature block with no place for the signing date (日期：, ____年____月____日) while the
    header does not state a signing date either. Reported once for the whole contract.

    Why it matters: a written contract is formed when both parties sign or seal it (民法典 第490条);
    without a block it is unclear who signs, in what capacity and when, and a copy with the block cut
    off may not be the whole contract. Without a signing date, terms that run "自签订之日起" have no
    start.

    Example: a contract whose text ends at ``12.2 双方确认以下地址为有效`` with nothing after it.

    Better wording: ``甲方（盖章）：            乙方（盖章）：`` ⏎ ``法定代表人或授权代表（签字）：
    法定代表人或授权代表（签字）：`` ⏎ ``签订日期：    年  月  日        签订日期：    年  月  日``
    """

    name = "signature"
    params = {
        "check": Param(str, choices=("block", "date"), default="block",
                       doc="block: the contract has no signature block; date: the block has no place for the date"),
        "unless_document": Param(list, default=[], regex=True,
                                 doc="no finding when the contract says one of these (terms accepted online, "
                                     "an annex of a main agreement)"),
    }

    def setup(self) -> None:
        self.what = self.options.get("check") or "block"
        self.unless = [re.compile(p) for p in self.options.get("unless_document") or []]

    def check(self, ctx: "ReviewContext") -> Iterable[Hit]:
        doc = ctx.document
        spans = ctx.contract_spans
        if not spans or not doc.text[spans[0][0]:spans[-1][1]].strip():
            return
        if any(rx.search(doc.text) for rx in self.unless):
            return
        block = signature_span(ctx)
        lines = [] if block is None else [(s, e) for s, e in spans if block[0] <= s < block[1]]
        block_text = "".join(doc.text[s:e] + "\n" for s, e in lines)
        if block is not None and not SIGNING.search(block_text) and not _party_rows(ctx, block):
            block = None
        if self.what == "block":
            if block is None and any(SIGNING.search(doc.text[a:b]) for a, b in _signing_pages(ctx)):
                return  # a signing page the form put elsewhere (before its general terms, before a registry box)
            if block is None:
                start, end = spans[-1]
                yield Hit(start, end, {"clause": None, "place": place_of(ctx, start),
                                       "last": doc.text[start:end][-20:]})
            return
        if block is None:
            return  # no block at all is the other check's finding
        if DATE_PLACE.search(block_text) or HEADER_DATE.search(doc.text[:block[0]]):
            return
        yield Hit(lines[0][0], lines[0][1], {"clause": None, "place": tr("签署页", "the signature block")})


def _party_rows(ctx: "ReviewContext", block: tuple[int, int]) -> bool:
    """甲 方：  乙 方：⏎通讯地址：  通讯地址：⏎签订日期：… — the parties' names over the signing date
    (in the block, or just above the line that opens it) are where they sign."""
    lines = [(a, b) for a, b in ctx.contract_spans if a < block[1]]
    first = next((k for k, (a, _b) in enumerate(lines) if a >= block[0]), len(lines))
    return any(PARTY_ROW.match(re.sub(r"\s", "", ctx.document.text[a:b])) for a, b in lines[max(0, first - 4):])


def _signing_pages(ctx: "ReviewContext") -> list[tuple[int, int]]:
    return contract_signing_regions(ctx)
