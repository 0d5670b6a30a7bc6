"""The user's language for messages: Chinese by default, English when asked for."""

from __future__ import annotations

import locale
import os

_language: str | None = None


def language() -> str:
    """``"zh"`` or ``"en"``: CONTRACT_REVIEW_LANG wins, then the system locale, else Chinese."""
    global _language
    if _language is None:
        wanted = os.environ.get("CONTRACT_REVIEW_LANG", "").lower()
        if not wanted:
            system = (os.environ.get("LC_ALL") or os.environ.get("LC_MESSAGES")
                      or os.environ.get("LANG") or (locale.getlocale()[0] or ""))
            wanted = "en" if system.lower().startswith("en") else "zh"
        _language = "en" if wanted.startswith("en") else "zh"
    return _language


def set_language(code: str | None) -> None:
    """Force ``"zh"`` or ``"en"``; ``None`` goes back to detecting it."""
    global _language
    _language = None if code is None else ("en" if code.lower().startswith("en") else "zh")


def tr(zh: str, en: str, **values: object) -> str:
    """Pick the message in the user's language and fill in ``{placeholders}``."""
    text = en if language() == "en" else zh
    return text.format(**values) if values else text
