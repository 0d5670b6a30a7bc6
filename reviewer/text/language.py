"""Which script a contract is written in: Chinese, or mostly Latin letters (English and the like)."""

from __future__ import annotations

import re

_CJK = re.compile(r"[\u4e00-\u9fff]")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def document_language(text: str) -> str:
    """"zh" when Chinese characters carry the text, "en" when Latin words do.

    A Chinese contract quotes English names, e-mail addresses and a URL or two; an English
    contract has almost no Chinese characters. One Chinese character carries about as much as
    one English word, so the two counts are compared directly.
    """
    cjk = len(_CJK.findall(text))
    words = len(_LATIN_WORD.findall(text))
    if words > 50 and words > 4 * cjk:
        return "en"
    return "zh"
