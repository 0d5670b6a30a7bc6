"""Word's automatic list numbering (numbering.xml): the numbers a reader sees before each item."""

from __future__ import annotations

import re
from dataclasses import dataclass

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_FALSE = ("0", "false", "off")
_PLACEHOLDER = re.compile(r"%([1-9])")

_DIGITS = "〇一二三四五六七八九"
_LEGAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
_SUFFIX = {"tab": "\t", "space": " ", "nothing": ""}
# Bounds a hostile numbering.xml cannot pass: every numbered paragraph repeats its label, so a
# label of megabytes (letters counted from two billion, a number text of ten thousand "%1")
# would multiply into gigabytes. Word's own dialog stops far below these.
_MAX_LETTER_REPEAT = 30
_MAX_LEVEL_TEXT = 200
_MAX_DIGITS = 10  # Word's counters are 32-bit


def child_val(element, name: str, default: str | None = None) -> str | None:
    """w:val of the child ``name`` of ``element``, or ``default`` when either is missing."""
    child = element.find(W + name) if element is not None else None
    if child is None:
        return default
    return child.get(W + "val", default)


def _chinese_counting(n: int, digits: str = _DIGITS, units: str = "十百千", short_ten: bool = True) -> str:
    """一, 十, 十一, 二十, 一百〇一, 一千〇一十: how Chinese counts (zero once per gap)."""
    if n <= 0 or n >= 10000:
        return str(n)
    out, zero = [], False
    for power, unit in ((1000, units[2]), (100, units[1]), (10, units[0]), (1, "")):
        digit = n // power % 10
        if digit == 0:
            zero = bool(out)
            continue
        if zero:
            out.append(digits[0])
            zero = False
        # 十一 rather than 一十一 when ten is the leading unit.
        out.append(unit if (short_ten and power == 10 and digit == 1 and not out) else digits[digit] + unit)
    return "".join(out)


def _chinese_counting_short(n: int) -> str:
    """Word's chineseCounting: 一…九, 十…九十九 in words, then digit by digit (一〇一)."""
    if 1 <= n <= 99:
        return _chinese_counting(n)
    return "".join(_DIGITS[int(d)] for d in str(n)) if n > 0 else str(n)


def _letters(n: int, upper: bool) -> str:
    """a … z, aa … zz, aaa …: Word repeats the letter rather than counting in base 26."""
    if n <= 0 or (n - 1) // 26 + 1 > _MAX_LETTER_REPEAT:
        return str(n)
    letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
    return letter.upper() if upper else letter


def _roman(n: int, upper: bool) -> str:
    if not 0 < n < 4000:
        return str(n)
    out = []
    for value, numeral in _ROMAN:
        count, n = divmod(n, value)
        out.append(numeral * count)
    text = "".join(out)
    return text.upper() if upper else text


def _enclosed(n: int, first: int, last: int) -> str:
    return chr(first + n - 1) if 1 <= n <= last - first + 1 else str(n)


def format_number(n: int, fmt: str) -> str:
    """One level's counter in one of Word's number formats (ST_NumberFormat)."""
    if fmt in ("decimal", "decimalHalfWidth"):
        return str(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return str(n).translate({ord(d): 0xFF10 + int(d) for d in "0123456789"})
    if fmt in ("lowerLetter", "upperLetter"):
        return _letters(n, fmt == "upperLetter")
    if fmt in ("lowerRoman", "upperRoman"):
        return _roman(n, fmt == "upperRoman")
    if fmt in ("chineseCountingThousand", "japaneseCounting", "taiwaneseCountingThousand",
               "koreanCounting", "japaneseDigitalTenThousand"):
        return _chinese_counting(n)
    if fmt in ("chineseCounting", "taiwaneseCounting"):
        return _chinese_counting_short(n)
    if fmt in ("chineseLegalSimplified", "japaneseLegal", "koreanLegal"):
        return _chinese_counting(n, _LEGAL_DIGITS, "拾佰仟", short_ten=False)
    if fmt in ("ideographDigital", "taiwaneseDigital", "koreanDigital"):
        return "".join(_DIGITS[int(d)] for d in str(n))
    if fmt in ("ideographTraditional", "ideographZodiac"):
        cycle = _STEMS if fmt == "ideographTraditional" else _BRANCHES
        return cycle[n - 1] if 1 <= n <= len(cycle) else str(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese", "ideographEnclosedCircle"):
        return _enclosed(n, 0x2460, 0x2473)  # ① … ⑳
    if fmt == "decimalEnclosedFullstop":
        return _enclosed(n, 0x2488, 0x249B)  # ⒈ … ⒛
    if fmt == "decimalEnclosedParen":
        return _enclosed(n, 0x2474, 0x2487)  # ⑴ … ⒇
    if fmt == "ordinal":
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return f"{n}{suffix}"
    if fmt == "none":
        return ""
    return str(n)  # cardinalText, hebrew, … : the number itself is the honest fallback


def _integer(value: str | None, default):
    """A whole number of at most ten digits (a counter), else ``default``."""
    digits = (value or "").removeprefix("-")
    if not (digits.isascii() and digits.isdigit()) or len(digits) > _MAX_DIGITS:
        return default
    return int(value)


def _bullet(text: str) -> str:
    # Symbol/Wingdings bullets live in the private use area; a reader sees a bullet.
    return "".join("•" if "\ue000" <= ch <= "\uf8ff" else ch for ch in text)


@dataclass(slots=True)
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str | None = None  # lvlText; None means "%n." for this level
    restart: int | None = None  # lvlRestart; None = after any shallower level
    legal: bool = False  # isLgl: every level shown in decimal
    suffix: str = "\t"
    style: str | None = None  # pStyle the level is linked to

    @classmethod
    def parse(cls, lvl) -> "Level":
        start = child_val(lvl, "start")
        restart = child_val(lvl, "lvlRestart")
        legal = lvl.find(W + "isLgl")
        text = lvl.find(W + "lvlText")
        return cls(
            start=_integer(start, 1),
            fmt=child_val(lvl, "numFmt", "decimal") or "decimal",
            text=text.get(W + "val", "")[:_MAX_LEVEL_TEXT] if text is not None else None,
            restart=_integer(restart, None) if restart and restart.isdigit() else None,
            legal=legal is not None and legal.get(W + "val", "1") not in _FALSE,
            suffix=_SUFFIX.get(child_val(lvl, "suff", "tab") or "tab", "\t"),
            style=child_val(lvl, "pStyle"),
        )


class Numbering:
    """numbering.xml plus counters: ``label(num_id, ilvl)`` gives the next item's number text."""

    def __init__(self, root=None, style_num: dict[str, tuple[str | None, str | None]] | None = None) -> None:
        self._abstract: dict[str, dict[int, Level]] = {}
        self._abstract_link: dict[str, str] = {}  # abstractNumId → numStyleLink style id
        self._nums: dict[str, tuple[str, dict[int, Level], dict[int, int]]] = {}
        self._counters: dict[str, dict[int, int]] = {}
        self._style_num = style_num or {}
        if root is not None:
            self._parse(root)

    def _parse(self, root) -> None:
        for abstract in root.iter(W + "abstractNum"):
            aid = abstract.get(W + "abstractNumId", "")
            levels = {}
            for lvl in abstract.findall(W + "lvl"):
                ilvl = lvl.get(W + "ilvl", "0")
                if ilvl.isdigit():
                    levels[int(ilvl)] = Level.parse(lvl)
            self._abstract[aid] = levels
            link = child_val(abstract, "numStyleLink")
            if link:
                self._abstract_link[aid] = link
        for num in root.iter(W + "num"):
            levels, starts = {}, {}
            for override in num.findall(W + "lvlOverride"):
                ilvl = override.get(W + "ilvl", "0")
                if not ilvl.isdigit():
                    continue
                lvl = override.find(W + "lvl")
                if lvl is not None:
                    levels[int(ilvl)] = Level.parse(lvl)
                start = _integer(child_val(override, "startOverride"), None)
                if start is not None and start >= 0:
                    starts[int(ilvl)] = start
            self._nums[num.get(W + "numId", "")] = (child_val(num, "abstractNumId", "") or "", levels, starts)

    def _abstract_id(self, num_id: str, depth: int = 0) -> str | None:
        entry = self._nums.get(num_id)
        if entry is None:
            return None
        aid = entry[0]
        link = self._abstract_link.get(aid)
        if link and depth < 3:  # a list style: the real definition hangs off the style's own numId
            linked_num = self._style_num.get(link, (None, None))[0]
            if linked_num and linked_num != num_id:
                return self._abstract_id(linked_num, depth + 1) or aid
        return aid

    def level(self, num_id: str, ilvl: int) -> Level | None:
        entry = self._nums.get(num_id)
        if entry is None:
            return None
        if ilvl in entry[1]:
            return entry[1][ilvl]
        return self._abstract.get(self._abstract_id(num_id) or "", {}).get(ilvl)

    def level_for_style(self, num_id: str, style_id: str | None) -> int:
        """The level an abstract definition links to ``style_id`` (w:lvl/w:pStyle), else 0."""
        if style_id:
            for ilvl, level in self._abstract.get(self._abstract_id(num_id) or "", {}).items():
                if level.style == style_id:
                    return ilvl
        return 0

    def label(self, num_id: str, ilvl: int) -> str:
        """Advance the list's counter for a paragraph at ``ilvl`` and return "number + suffix"."""
        level = self.level(num_id, ilvl)
        if level is None:
            return ""
        entry = self._nums[num_id]
        # A num instance with start overrides is a list of its own; otherwise every num
        # pointing at the same abstract definition continues one sequence, as Word does.
        key = f"num:{num_id}" if entry[2] else f"abs:{self._abstract_id(num_id)}"
        counters = self._counters.setdefault(key, {})
        if ilvl in counters:
            counters[ilvl] += 1
        else:
            counters[ilvl] = entry[2].get(ilvl, level.start)
        for deeper in [k for k in counters if k > ilvl]:
            restart = (self.level(num_id, deeper) or Level()).restart
            if restart is None or (restart != 0 and ilvl < restart):
                del counters[deeper]
        if level.fmt == "bullet":
            text = _bullet(level.text or "")
        elif level.text is None:
            text = self._number(num_id, ilvl, counters, level) + "."
        else:
            def fill(match: re.Match) -> str:
                return self._number(num_id, int(match.group(1)) - 1, counters, level)

            text = _PLACEHOLDER.sub(fill, level.text)
        return text + level.suffix if text else ""

    def _number(self, num_id: str, ilvl: int, counters: dict[int, int], current: Level) -> str:
        level = self.level(num_id, ilvl) or Level()
        value = counters.get(ilvl, self._nums[num_id][2].get(ilvl, level.start))
        return format_number(value, "decimal" if current.legal and level.fmt != "none" else level.fmt)
