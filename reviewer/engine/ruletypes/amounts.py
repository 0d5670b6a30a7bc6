"""Money: an amount in figures against its 大写, and instalment percentages that must add up to 100%."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING, Iterable

from ...text.cn_numbers import (CAPITAL_CHARS, capital_amount, cn_int, format_amount, parse_capital_amount,
                          parse_figure_amount)
from ...i18n import tr
from .base import Hit, Param, RuleType
from .places import contract_matches, foreign_index, place_of

if TYPE_CHECKING:  # pragma: no cover
    from ..context import ReviewContext
    from ...model.clauses import Clause

_WORD_CHARS = "零〇壹贰叁肆伍陆柒捌玖拾佰仟万亿两一二三四五六七八九十百千"
_BLANK = r"[_＿]{2,}|【[ 　]*】|（[ 　]*）|\([ 　]*\)|[Xx×]{2,}|\*{3,}"
# An amount in words: 壹拾万零伍佰元整, or whatever follows a 大写 label (even a blank).
WORDS = re.compile(
    rf"(?P<label>大写(?:金额)?\s*[:：]?\s*(?:人民币)?\s*)"
    rf"(?:(?P<lw>[{_WORD_CHARS}]+(?:[元圆](?:[{_WORD_CHARS}]角)?(?:[{_WORD_CHARS}]分)?|万元)[整正]?)"
    rf"|(?P<blank>(?:{_BLANK}|[ 　]+)\s*(?:万元|元)?\s*[整正]?))"
    rf"|(?P<w>[{_WORD_CHARS}]*[{CAPITAL_CHARS}][{_WORD_CHARS}]*"
    rf"(?:[元圆](?:[{_WORD_CHARS}]角)?(?:[{_WORD_CHARS}]分)?|万元)[整正]?)")
# An amount in figures (or its blank) right before the words: 人民币100,000元, ¥____元.
FIGURES = re.compile(
    rf"(?:(?:人民币|RMB|¥|￥)\s*)?(?P<f>\d[\d,，]*(?:\.\d+)?|{_BLANK})\s*(?P<unit>万元|元|万)"
    r"|(?:RMB|¥|￥)\s*(?P<cf>\d[\d,，]*(?:\.\d+)?)(?![\d,，.])"
    r"|(?:人民币|RMB|¥|￥)(?P<sb>[ 　]+)(?P<sunit>万元|元)")
_GAP = re.compile(r"^[\s(（\[【:：,，]*$")
_SMALL = re.compile(
    rf"[\s)）\]】,，;；]*[(（]?\s*小写(?:金额)?\s*[:：]?\s*(?:人民币|RMB|¥|￥)?\s*(?P<f>\d[\d,，]*(?:\.\d+)?|{_BLANK})"
    r"\s*(?P<unit>万元|元|万)?")


class AmountMismatchDetector(RuleType):
    """What it flags: an amount written in figures and in Chinese capitals (大写) that disagree —
    ``人民币100,000元（大写：壹万元整）`` — or one of the two left blank while the other is filled.
    Figures in 万元, commas, full-width punctuation and 小写/大写 labels in either order are read.
    When both are blank, the blank detector reports them; this rule stays silent.

    Why it matters: the price is the term the parties are least likely to agree on afterwards. With
    two different figures in the contract, each side will rely on the one that suits it; banks and
    courts usually follow the 大写, which may not be the figure counsel checked.

    Example: ``服务费用总计为人民币100,000元（大写：壹万元整）`` — 100,000 against 10,000.

    Better wording: ``服务费用总计为人民币100,000元（大写：壹拾万元整）。`` — one amount, written twice.
    """

    name = "amount-mismatch"
    params: dict[str, Param] = {}

    def check(self, ctx: "ReviewContext") -> Iterable[Hit]:
        doc = ctx.document
        text = doc.text
        seen: set[tuple[int, int]] = set()
        foreign = foreign_index(doc)
        for start, end, m in contract_matches(ctx, WORDS):
            words_blank = m.group("blank") is not None
            words_text = m.group("lw") or m.group("w") or m.group("blank") or ""
            ws = m.start("lw") if m.group("lw") else m.start("w") if m.group("w") else m.start("blank")
            we = m.end()
            figure = _figure_before(text, start, m.start(), ws) or _figure_after(text, we, end)
            if figure is None:
                continue
            fs, fe, fig_text, fig_value = figure
            if (fs, fe) in seen or foreign.touches(min(fs, ws), max(fe, we)):
                continue
            seen.add((fs, fe))
            words_value = None if words_blank else parse_capital_amount(words_text)
            if not words_blank and words_value is None:
                continue  # not an amount after all
            span = (min(fs, ws), max(fe, we))
            values = {"place": place_of(ctx, span[0]), "figures": fig_text.strip(),
                      "words": words_text.strip() or tr("（空白）", "(blank)")}
            if fig_value is None and words_blank:
                continue  # both blank: the blank rule's finding
            if fig_value is None:
                values["problem"] = tr("小写金额空白而大写为“{w}”", "the figures are blank while the words say “{w}”",
                                       w=values["words"])
            elif words_blank:
                values["problem"] = tr("小写为 {f} 元而大写金额空白", "the figures say {f} but the words are blank",
                                       f=format_amount(fig_value))
            elif fig_value != words_value:
                values["problem"] = tr("小写为 {f} 元，大写“{w}”却是 {v} 元",
                                       "the figures say {f} but the words “{w}” mean {v}",
                                       f=format_amount(fig_value), w=values["words"], v=format_amount(words_value))
            else:
                continue
            # The figure counsel will most likely keep: the one in figures when there is one.
            basis = fig_value if fig_value is not None else words_value
            values["example"] = tr("人民币{f}元（大写：{w}）", "RMB {f} (in words: {w})",
                                   f=format_amount(basis), w=capital_amount(basis))
            yield Hit(span[0], span[1], values)


def _figure_before(text: str, line_start: int, label_start: int, words_start: int):
    """The figures that the words (or their 大写 label) follow: 人民币100,000元（大写：…."""
    window_start = max(line_start, label_start - 40)
    best = None
    for f in FIGURES.finditer(text, window_start, label_start):
        if _GAP.match(text[f.end():label_start]):
            best = f
    if best is None:
        return None
    if best.group("sb") is not None:
        return best.start(), best.end(), best.group(), None
    if best.group("cf") is not None:  # ￥18,000.00 with no 元 after it
        return best.start(), best.end(), best.group(), parse_figure_amount(best.group("cf"))
    number = best.group("f")
    value = parse_figure_amount(number, best.group("unit")) if number and number[0].isdigit() else None
    return best.start(), best.end(), best.group(), value


def _figure_after(text: str, words_end: int, line_end: int):
    """小写 after the words: 大写：壹拾万元整（小写：¥100,000元）."""
    m = _SMALL.match(text, words_end, line_end)
    if not m:
        return None
    number = m.group("f")
    value = parse_figure_amount(number, m.group("unit") or "元") if number[0].isdigit() else None
    return m.start("f"), m.end(), text[m.start("f"):m.end()], value


# -- instalments ------------------------------------------------------------------------------

PERCENT = re.compile(
    r"(?P<n>\d+(?:\.\d+)?)\s*[%％]"
    r"|百分之(?P<cn>[一二三四五六七八九十百零两]+)"
    r"|(?P<blank>[_＿]{2,}|【[ 　]*】|[Xx×]{2,}|(?<=[的余])[ 　]+)\s*[%％]")
# Percentages in a payment clause that are not shares of the price.
_NOT_A_SHARE = re.compile(r"违约|滞纳|每日|每天|按日|扣除|扣减|扣留|退还|返还|利息|利率|税|逾期|罚|赔偿|折扣|优惠|"
                          r"上浮|下浮|调整|浮动|增长|不超过|不低于|至少|超过|以内|万分之|千分之|履约保证金|投标保证金|"
                          r"押金|可用性|达到|准确率|满意度|低于|高于|等于|不足|代金券|补偿")
_PAYING = re.compile(r"支付|付款|付清|预付|首付|进度款|尾款|余款|剩余|其余|余下|质保金|质量保证金|结算|合同款|"
                     r"总金额|总价|价款|合同金额|服务费|货款|费用")
# 支付剩余款项 with no percentage: the last instalment is "whatever is left", so the schedule is whole.
_OPEN_REMAINDER = re.compile(r"(?:支付|付清|结清)(?:全部)?(?:剩余|其余|余下)(?:的)?(?:全部)?"
                             r"(?:款项|费用|价款|合同款|金额|部分)|(?:支付|付清|结清)(?:全部)?(?:尾款|余款)")
_CUMULATIVE = re.compile(r"(?:支付|付)至|累计|累积")
_PER_PERIOD = re.compile(r"每(?:期|季度?|月|年|半年|个月|次)")
_FRAGMENT_END = re.compile(r"[。；;，,\n]")


class PaymentSumDetector(RuleType):
    """What it flags: the instalment percentages of a payment clause (a clause of type ``payment``
    or headed 付款/支付/结算) that do not add up to 100% — ``30% + 60%`` — counting a 剩余/尾款
    share as one of them (30% + 剩余70% is whole, 30% + 剩余60% is not). Percentages that are not
    shares of the price (违约金, 滞纳金, 税率, 逾期利息, per-period rates) are left out; a blank
    percentage (``____%``) is the blank rule's finding, so no sum is made then.

    Why it matters: when the instalments do not add up, either part of the price has no payment
    date — the vendor can claim it at once — or the customer has promised more than the price.

    Example: ``合同签订后支付30%；验收合格后支付60%。`` — 90%; when is the last 10% due?

    Better wording: ``合同签订后10个工作日内支付合同总金额的30%；验收合格后10个工作日内支付60%；
    质保期满后10个工作日内支付剩余10%。``
    """

    name = "payment-sum"
    params = {
        "clause_types": Param(list, default=["payment"], doc="clause types that hold the payment schedule"),
        "headings": Param(list, regex=True, default=["付款", "支付", "结算"],
                          doc="headings that mark a payment clause even when it is not typed"),
    }

    def setup(self) -> None:
        self.types = set(self.options.get("clause_types") or ["payment"])
        headings = self.options.get("headings") or []
        self.heading_rx = re.compile("|".join(f"(?:{h})" for h in headings)) if headings else None

    def check(self, ctx: "ReviewContext") -> Iterable[Hit]:
        tree = ctx.document.clauses
        with_clauses = {n.parent for n in tree if n.kind == "clause" and n.parent is not None}
        candidates = [n for n in tree
                      if n.kind in ("clause", "chapter") and self._is_payment(ctx, n, with_clauses)]
        chosen = {n.index for n in candidates}
        for node in candidates:
            # The innermost payment clause holds the schedule; its parent would count it twice.
            if any(a.index in chosen for a in tree.ancestors(node)):
                continue
            hit = self._schedule(ctx, node)
            if hit is not None:
                yield hit

    def _is_payment(self, ctx: "ReviewContext", node: "Clause", with_clauses: set[int]) -> bool:
        if node.kind == "chapter" and node.index in with_clauses:
            return False  # the chapter's clauses are checked one by one
        if ctx.types_of(node) & self.types:
            return True
        return bool(self.heading_rx and node.heading and self.heading_rx.search(node.heading))

    def _schedule(self, ctx: "ReviewContext", node: "Clause") -> Hit | None:
        doc = ctx.document
        text = doc.text
        shares: list[tuple[int, int, Decimal]] = []
        open_remainder = False
        foreign = foreign_index(doc)
        for m in PERCENT.finditer(text, node.body_start, node.end):
            if foreign.touches(m.start(), m.end()):
                continue
            fragment = _fragment_before(text, node.body_start, m.start())
            if m.group("blank") is not None:
                return None  # a blank share: the blank rule reports it, no sum can be made
            after = _fragment_after(text, m.end(), node.end)
            if _NOT_A_SHARE.search(fragment + after) or not _PAYING.search(fragment + after):
                continue
            if _PER_PERIOD.search(fragment):
                return None  # 每季度支付25%: a rate per period, not a share of a schedule
            if _CUMULATIVE.search(fragment):
                return None  # 支付至90%: a running total, not a share
            value = Decimal(m.group("n")) if m.group("n") else _cn_percent(m.group("cn"))
            if value is None:
                continue
            shares.append((m.start(), m.end(), value))
        for sentence in re.split(r"[。；;\n]", text[node.body_start:node.end]):
            if _OPEN_REMAINDER.search(sentence) and not PERCENT.search(sentence):
                open_remainder = True
        if len(shares) < 2 and not (shares and shares[0][2] > 100):
            return None
        total = sum(s[2] for s in shares)
        if total == 100 or (open_remainder and total < 100):
            return None
        if total % 100 == 0 and total > 100:
            return None  # two alternative schedules, or two fees each paid in full: not one schedule
        shown = [text[s:e] for s, e, _ in shares]
        diff = total - 100
        problem = (tr("合计 {t}%，少了 {d}%", "they add up to {t}%, {d}% short", t=_pct(total), d=_pct(-diff))
                   if diff < 0 else
                   tr("合计 {t}%，多出 {d}%", "they add up to {t}%, {d}% too much", t=_pct(total), d=_pct(diff)))
        values = {"place": place_of(ctx, shares[0][0]), "shares": " + ".join(shown), "total": _pct(total) + "%",
                  "problem": problem}
        return Hit(shares[0][0], shares[-1][1], values)


def _fragment_before(text: str, floor: int, at: int) -> str:
    """The words of the same clause part before a percentage, back to the last , ; or 。."""
    start = at
    while start > floor and not _FRAGMENT_END.match(text[start - 1]) and at - start < 40:
        start -= 1
    return text[start:at]


def _fragment_after(text: str, at: int, ceiling: int) -> str:
    end = at
    while end < ceiling and not _FRAGMENT_END.match(text[end]) and end - at < 20:
        end += 1
    return text[at:end]


def _cn_percent(words: str) -> Decimal | None:
    value = cn_int(words)
    return None if value is None else Decimal(value)


def _pct(value: Decimal) -> str:
    return format(value.normalize(), "f")
