"""Parties a text gives without 甲方/乙方: terms addressed to 您/用户/客户 and the vendor who offers them,
and an English opening "between A, a … ("X"), and B ("Y")"."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .party_words import clean_name, name_before

# The words click-through terms call the customer by; the one the text uses most is the label.
ADDRESSEES = ("您", "用户", "客户")
_MIN_ADDRESSED = 3
_ORG = re.compile(r"(?:有限责任公司|股份有限公司|有限公司|公司|集团|\bInc\.?|\bLtd\.?|\bLLC|\bCorporation|\bCorp\.?)$")
# "北京某某有限公司（以下简称“某某”或“我们”…）": a company and the short name the terms use for it.
_ORG_SHORT = re.compile(r"\(\s*(?:以下简称|以下称|下称|简称)为?\s*[:：]?\s*[“\"‘'「『]?([^“”\"‘’'「」『』()，,。;；\s]{2,12}?)"
                        r"[”\"’'」』]?\s*(?:或[^()]*?)?[),，]")
_BRAND = r"[^\n，,。;；:：()“”\"、]"
_TEMPLATE_FIELD = r"\{\{[^}]*\}\}|«[^»]*»|\[%[^\]]*\]"
# Words that lead into the vendor's name and are not part of it: "是腾讯云与您", "规定了某某向客户提供".
_BRAND_LEAD = re.compile(r"^(?:.*?[了是由])?(?=.{2})")
_NOT_A_VENDOR = frozenset({"您", "你", "用户", "客户", "我们", "双方", "一方", "任何一方", "第三方", "他人", "其", "公司"})


@dataclass(frozen=True, slots=True)
class Given:
    """A side as the text gives it: ``label``, the span of its name in the text (or -1), where the
    label is given, the role the text states for it, and the span that says so."""

    label: str
    name_start: int = -1
    name_end: int = -1
    at: int = 0
    role: str | None = None
    cue: tuple[int, int] = (-1, -1)


def addressed_terms(text: str) -> list[Given]:
    """Vendor and customer of terms written to 您/用户/客户: ``[vendor, customer]``, or [] when the text
    is not such terms or names no vendor."""
    counts = {word: text.count(word) for word in ADDRESSEES}
    addressee = max(ADDRESSEES, key=lambda w: counts[w])
    if counts[addressee] < _MIN_ADDRESSED:
        return []
    at = text.find(addressee)
    customer = Given(addressee, at=at, role="customer", cue=(at, at + len(addressee)))
    vendor = _company_with_short_name(text, addressee) or _vendor_by_cues(text, addressee)
    return [vendor, customer] if vendor else []


def _company_with_short_name(text: str, addressee: str) -> Given | None:
    """The first company that the terms give a short name (以下简称“世纪互联”) and use it by."""
    for m in _ORG_SHORT.finditer(text):
        label = m.group(1)
        if label in _NOT_A_VENDOR or label == addressee:
            continue
        before = text[max(0, m.start() - 60):m.start()]
        name = re.split("与|和|及|由", name_before(before))[-1].strip()
        name = clean_name(name)
        if name and _ORG.search(name):
            start = m.start() - len(before) + before.rfind(name)
            return Given(label, start, start + len(name), start, "vendor", (start, m.end()))
    return None


def _vendor_by_cues(text: str, addressee: str) -> Given | None:
    """The vendor the terms name beside the customer: "某某与您", "您与某某之间", "由某某制定",
    "客户从某某处购买" first; "某某向客户提供", "{{ 站点名 }}提供的服务" when those say nothing."""
    c = re.escape(addressee)
    # (pattern, whether the capture runs back to the sentence start and must be cut to the name)
    tiers = (
        ((rf"(?P<x>{_BRAND}{{1,20}}?)与{c}", True), (rf"{c}与(?P<x>{_BRAND}{{2,12}}?)(?:之间|签订|订立|达成)", False),
         (rf"由(?P<x>{_BRAND}{{2,12}}?)(?:制定|发布)", False), (rf"{c}已?从(?P<x>{_BRAND}{{2,12}}?)处", False)),
        ((rf"(?P<x>{_BRAND}{{1,20}}?)(?:可|将|应|会)?(?:向|为){c}[^，,。;；\n]{{0,6}}?提供", True),
         (rf"(?P<x>{_TEMPLATE_FIELD})提供的", False)),
    )
    for patterns in tiers:
        votes: Counter[str] = Counter()
        first: dict[str, tuple[int, int]] = {}
        for pattern, open_left in patterns:
            for m in re.finditer(pattern, text):
                brand = _brand(m.group("x"), text) if open_left else m.group("x").strip()
                if brand and brand != addressee and brand not in _NOT_A_VENDOR:
                    votes[brand] += 1
                    first.setdefault(brand, (m.start("x") + m.group("x").rfind(brand), m.end()))
        if votes:
            # Most cues first, then the name the text uses most, then the first one given.
            label = max(votes, key=lambda b: (votes[b], text.count(b), -first[b][0]))
            at, end = first[label]
            start, stop = _full_name(text, label)
            return Given(label, start, stop, at, "vendor", (at, end))
    return None


def _brand(raw: str, text: str) -> str:
    """The vendor's name in a cue's capture: a template field as it is, else the longest end of the
    capture that the text uses more than once ("规定了云盾互联" → "云盾互联")."""
    raw = raw.strip()
    if re.fullmatch(_TEMPLATE_FIELD, raw):
        return raw
    raw = _BRAND_LEAD.sub("", raw, count=1) if len(raw) > 2 else raw
    for i in range(len(raw) - 1):
        if text.count(raw[i:]) >= 2:
            return raw[i:]
    return ""


def _full_name(text: str, label: str) -> tuple[int, int]:
    """The span of the company name that begins with ``label``'s stem ("腾讯云公司" → "腾讯云计算（北京）
    有限责任公司"), or (-1, -1)."""
    stem = re.sub(r"(?:公司|集团)$", "", label)
    if len(stem) < 2 or not re.fullmatch(r"[\w]+", stem):
        return -1, -1
    m = re.search(rf"{re.escape(stem)}[^\s，,。;；:：“”]{{0,16}}?(?:有限责任公司|股份有限公司|有限公司)", text)
    return (m.start(), m.end()) if m else (-1, -1)


# -- English ----------------------------------------------------------------------------------------

_BETWEEN = re.compile(r"\bby and between\b|\bbetween\b", re.I)
# ("the Customer"), (hereinafter "Party A"), (the "Supplier"): the label a party is given.
_EN_LABEL = re.compile(r"\(\s*(?:hereinafter\s+)?(?:referred to as\s+|called\s+)?(?:the\s+)?"
                       r"[“\"]([^”\"()]{1,30})[”\"]\s*\)", re.I)
_EN_JOIN = re.compile(r"^\s*(?:,\s*)?(?:and\s+)?", re.I)


def english_opening(text: str) -> list[Given]:
    """The parties of the first line that says "between A … ("X") and B … ("Y")"."""
    for between in _BETWEEN.finditer(text):
        line_end = text.find("\n", between.end())
        line_end = len(text) if line_end < 0 else line_end
        given, last = [], between.end()
        for m in _EN_LABEL.finditer(text, between.end(), line_end):
            chunk = text[last:m.start()]
            lead = _EN_JOIN.match(chunk).end()
            # "Centrack International, a Florida corporation": the name ends at the first comma.
            name = chunk[lead:].split(",", 1)[0].strip()
            name = clean_name(name) if name else ""
            start = last + lead + chunk[lead:].find(name) if name else -1
            given.append(Given(m.group(1).strip(), start, start + len(name) if name else -1, m.start(1)))
            last = m.end()
        if len(given) >= 2:
            return given
    return []
