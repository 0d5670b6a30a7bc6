"""Chinese numerals and amounts in words (大写金额): 十二, 二〇二四, 人民币壹拾万零伍佰元整 → numbers."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

DIGITS = {
    "零": 0, "〇": 0, "○": 0, "Ｏ": 0,
    "一": 1, "壹": 1, "弌": 1, "二": 2, "贰": 2, "貳": 2, "两": 2, "兩": 2, "三": 3, "叁": 3, "參": 3,
    "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "陸": 6, "七": 7, "柒": 7,
    "八": 8, "捌": 8, "九": 9, "玖": 9,
}
SMALL_UNITS = {"十": 10, "拾": 10, "什": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}

#: Characters of a Chinese numeral (lower case and 大写).
NUMERAL_CHARS = "".join(DIGITS) + "".join(SMALL_UNITS) + "".join(BIG_UNITS)
#: Characters only used in 大写 (financial) numerals: their presence marks an amount in words.
CAPITAL_CHARS = "壹贰貳叁參肆伍陆陸柒捌玖拾佰仟"

_ARABIC = re.compile(r"^\s*(\d[\d,，]*(?:\.\d+)?)\s*$")
_ARABIC_WITH_UNIT = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([万萬亿億])\s*$")


def cn_int(text: str) -> int | None:
    """An integer written in Chinese or Arabic numerals: 十二 → 12, 一百零五 → 105, 二〇二四 → 2024.

    Returns ``None`` when ``text`` is not a number (empty, or other characters).
    """
    text = text.strip()
    if not text:
        return None
    m = _ARABIC.match(text)
    if m:
        value = _decimal(m.group(1))
        return int(value) if value is not None and value == int(value) else None
    m = _ARABIC_WITH_UNIT.match(text)
    if m:
        return int(Decimal(m.group(1)) * BIG_UNITS[m.group(2)])
    if any(ch not in NUMERAL_CHARS for ch in text):
        return None
    if not any(ch in SMALL_UNITS or ch in BIG_UNITS for ch in text):
        # Digit by digit, as in years: 二〇二四.
        return int("".join(str(DIGITS[ch]) for ch in text))
    total = section = number = 0
    for ch in text:
        if ch in DIGITS:
            number = DIGITS[ch]
        elif ch in SMALL_UNITS:
            # A leading 十 means 一十 (十二 = 12).
            section += (number or 1) * SMALL_UNITS[ch]
            number = 0
        else:
            unit = BIG_UNITS[ch]
            if unit == 100_000_000:
                total = (total + section + number) * unit
            else:
                total += (section + number) * unit
            section = number = 0
    return total + section + number


_WORDS_PREFIX = re.compile(r"^\s*(?:人民币|RMB|大写|[:：\s])*")
_FRACTION = re.compile(r"^(?:([零〇" + "".join(k for k in DIGITS if DIGITS[k]) + r"])角)?"
                       r"(?:零?([" + "".join(k for k in DIGITS if DIGITS[k]) + r"])分)?$")


def parse_capital_amount(text: str) -> Decimal | None:
    """An amount in words: 壹万元整 → 10000, 人民币壹拾万零伍佰元整 → 100500, 伍佰元伍角 → 500.5.

    Accepts 元/圆, 整/正, 角 and 分, and lower-case numerals too. ``None`` when not an amount.
    """
    text = _WORDS_PREFIX.sub("", text).strip()
    text = re.sub(r"[整正]$", "", text)
    if not text:
        return None
    integer, sep, fraction = text.partition("元") if "元" in text else text.partition("圆")
    if not sep:
        # No 元: only 角/分, or a bare number (万 counted as its unit).
        if "角" in text or "分" in text:
            integer, fraction = "", text
        else:
            value = cn_int(text)
            return None if value is None else Decimal(value)
    if not integer and not fraction:
        return None
    whole = Decimal(0)
    if integer:
        value = cn_int(integer)
        if value is None:
            return None
        whole = Decimal(value)
    if fraction:
        m = _FRACTION.match(fraction)
        if not m or not (m.group(1) or m.group(2)):
            return None
        jiao = DIGITS[m.group(1)] if m.group(1) else 0
        fen = DIGITS[m.group(2)] if m.group(2) else 0
        whole += Decimal(jiao) / 10 + Decimal(fen) / 100
    return whole


def parse_figure_amount(number: str, unit: str = "元") -> Decimal | None:
    """An amount in figures: ``"100,000.00"`` with unit ``"元"`` → 100000; ``"10"`` + ``"万元"`` → 100000."""
    value = _decimal(number)
    if value is None:
        return None
    if unit.startswith(("万", "萬")):
        value *= 10_000
    elif unit.startswith(("亿", "億")):
        value *= 100_000_000
    return value


def format_amount(value: Decimal) -> str:
    """100000 → "100,000"; 500.5 → "500.50" (how counsel read amounts)."""
    if value == value.to_integral_value():
        return f"{int(value):,}"
    return f"{value:,.2f}"


def _decimal(text: str) -> Decimal | None:
    cleaned = text.replace(",", "").replace("，", "").strip()
    if not cleaned:
        return None
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        return None


_CN_DIGITS = "零一二三四五六七八九"


def int_to_cn(value: int) -> str:
    """12 → 十二, 105 → 一百零五, 20 → 二十: numerals as chapter and article numbers are written."""
    if value < 0:
        return "负" + int_to_cn(-value)
    if value < 10:
        return _CN_DIGITS[value]
    if value < 20:
        return "十" + (_CN_DIGITS[value - 10] if value > 10 else "")
    if value >= 10_000:
        high, low = divmod(value, 10_000)
        rest = "" if low == 0 else ("零" if low < 1000 else "") + _below_10k(low)
        return int_to_cn(high) + "万" + rest
    return _below_10k(value)


def _below_10k(value: int) -> str:
    out, zero = [], False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, value = divmod(value, unit)
        if digit:
            if zero and out:
                out.append("零")
            out.append(_CN_DIGITS[digit] + name)
            zero = False
        else:
            zero = True
    return "".join(out)


_CAPITAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_CAPITAL_UNITS = (("仟", 1000), ("佰", 100), ("拾", 10), ("", 1))


def capital_amount(value: Decimal) -> str:
    """100500 → 壹拾万零伍佰元整; 500.5 → 伍佰元伍角: an amount written as in a contract's 大写."""
    value = value.quantize(Decimal("0.01"))
    whole = int(value)
    cents = int((value - whole) * 100)
    if whole == 0:
        integer = "零"
    else:
        groups, out, pending_zero = [], [], False
        while whole:
            whole, group = divmod(whole, 10_000)
            groups.append(group)
        for position in range(len(groups) - 1, -1, -1):
            group = groups[position]
            if group == 0:
                pending_zero = bool(out)
                continue
            if out and (pending_zero or group < 1000):
                out.append("零")
            out.append(_capital_group(group))
            out.append(("", "万", "亿", "万亿")[position])
            pending_zero = False
        integer = "".join(out)
    jiao, fen = divmod(cents, 10)
    if not cents:
        return integer + "元整"
    tail = (_CAPITAL_DIGITS[jiao] + "角" if jiao else "零") + (_CAPITAL_DIGITS[fen] + "分" if fen else "")
    if integer == "零":
        return tail.lstrip("零")
    return integer + "元" + tail


def _capital_group(value: int) -> str:
    out, zero = [], False
    for name, unit in _CAPITAL_UNITS:
        digit, value = divmod(value, unit)
        if digit:
            if zero and out:
                out.append("零")
            out.append(_CAPITAL_DIGITS[digit] + name)
            zero = False
        else:
            zero = True
    return "".join(out)
