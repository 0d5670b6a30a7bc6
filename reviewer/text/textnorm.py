"""Character clean-up applied to each paragraph before it becomes part of ``Document.text``."""

from __future__ import annotations

import re
import unicodedata

# CJK Radicals Supplement code points that some PDF fonts emit instead of the ordinary
# (mostly simplified) characters; Unicode gives them no decomposition, so they are listed here.
_RADICAL_SUPPLEMENT = {
    "⺁": "厂", "⺇": "几", "⺈": "刀", "⺊": "卜", "⺌": "小", "⺍": "小", "⺎": "兀", "⺏": "尢",
    "⺐": "尢", "⺑": "尢", "⺒": "巳", "⺓": "幺", "⺔": "彐", "⺖": "心", "⺗": "心", "⺘": "手",
    "⺙": "攵", "⺛": "旡", "⺜": "日", "⺝": "月", "⺞": "歺", "⺟": "母", "⺠": "民", "⺡": "水",
    "⺢": "水", "⺣": "火", "⺤": "爪", "⺥": "爪", "⺦": "丬", "⺧": "牛", "⺨": "犬", "⺩": "王",
    "⺪": "疋", "⺫": "目", "⺬": "示", "⺭": "示", "⺮": "竹", "⺯": "糸", "⺰": "糸", "⺱": "网",
    "⺲": "网", "⺳": "网", "⺴": "网", "⺵": "网", "⺶": "羊", "⺷": "羊", "⺸": "羊", "⺹": "老",
    "⺺": "聿", "⺻": "聿", "⺼": "肉", "⺽": "臼", "⺾": "艸", "⺿": "艸", "⻀": "艸", "⻁": "虎",
    "⻂": "衣", "⻃": "襾", "⻄": "西", "⻅": "见", "⻆": "角", "⻇": "角", "⻈": "讠", "⻉": "贝",
    "⻋": "车", "⻌": "辶", "⻍": "辶", "⻎": "辶", "⻏": "阝", "⻐": "钅", "⻑": "長", "⻒": "长",
    "⻓": "长", "⻔": "门", "⻕": "门", "⻖": "阝", "⻗": "雨", "⻘": "青", "⻙": "韦", "⻚": "页",
    "⻛": "风", "⻜": "飞", "⻝": "食", "⻞": "食", "⻟": "食", "⻠": "饣", "⻡": "首", "⻢": "马",
    "⻣": "骨", "⻤": "鬼", "⻥": "鱼", "⻦": "鸟", "⻧": "卤", "⻨": "麦", "⻩": "黄", "⻪": "黾",
    "⻫": "齐", "⻬": "齐", "⻭": "齿", "⻮": "齿", "⻯": "龙", "⻰": "龙", "⻱": "龟", "⻲": "龟",
    "⻳": "龟",
}


def _build_table() -> dict[int, str]:
    table: dict[int, str] = {ord(k): v for k, v in _RADICAL_SUPPLEMENT.items()}
    # Kangxi radicals (U+2F00–U+2FD5) and CJK compatibility ideographs decompose to one ordinary
    # ideograph under NFKC; map exactly those, and nothing else, so offsets never move.
    for cp in list(range(0x2F00, 0x2FD6)) + list(range(0xF900, 0xFB00)) + list(range(0x2F800, 0x2FA20)):
        ch = chr(cp)
        norm = unicodedata.normalize("NFKC", ch)
        if len(norm) == 1 and norm != ch:
            table[cp] = norm
    # Non-breaking and odd-width spaces become a plain space (same length).
    for cp in (0x00A0, 0x2002, 0x2003, 0x2009, 0x202F, 0x205F):
        table[cp] = " "
    return table


_TABLE = _build_table()
# str.translate looks every character up in the table, slowly for Chinese text; a paragraph
# with none of the characters it changes (nearly all of them) is returned as it is.
def _char_class(code_points) -> re.Pattern:
    """A regex character class of ``code_points``, written as ranges (re checks a long list of
    single characters outside the BMP one by one)."""
    ranges: list[list[int]] = []
    for cp in sorted(code_points):
        if ranges and cp == ranges[-1][1] + 1:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])
    return re.compile("[" + "".join(re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "")
                                    for a, b in ranges) + "]")


_TABLE_CHARS = _char_class(_TABLE)


def normalise_chars(text: str) -> str:
    """Map compatibility/radical code points to ordinary characters; length is unchanged."""
    return text.translate(_TABLE) if _TABLE_CHARS.search(text) else text


_ZERO_WIDTH = dict.fromkeys((0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD))
_ZERO_WIDTH_CHARS = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def drop_invisible(text: str) -> str:
    """Remove zero-width characters and soft hyphens (before offsets exist: changes length)."""
    return _ZERO_WIDTH_CHARS.sub("", text)


# Full-width ASCII and the ideographic space fold to half-width: one character for one, so
# offsets found in the folded copy index the original text unchanged.
WIDTH_FOLD = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
# str.translate looks up every character; substituting only the characters that change is much
# faster on the usual text, where most characters stay as they are.
_WIDE = re.compile("[\uff01-\uff5e\u3000]")
_FOLD_CHARS = {chr(k): chr(v) for k, v in WIDTH_FOLD.items()}


def fold_width(text: str) -> str:
    """``text`` with full-width ASCII and the ideographic space as half-width; same length."""
    return _WIDE.sub(lambda m: _FOLD_CHARS[m.group()], text)
