"""Chinese word segmentation, loaded once and only when a rule needs whole words.

rjieba (a compiled port of jieba with the same dictionary) loads in about 0.1 s against about
0.6 s for jieba from its cache, so it is used when installed; jieba is the fallback, with its
cache in the user's cache folder rather than /tmp.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from typing import Callable

from ..userdirs import cache_dir

_lock = threading.Lock()
_tokenize: Callable[[str], list[tuple[str, int, int]]] | None = None
_cut: Callable[[str], list[str]] | None = None


def _load() -> Callable[[str], list[tuple[str, int, int]]]:
    # Dictionary only, HMM off: with HMM the segmenter glues a blank's neighbours into made-up
    # words (后 个工作日 → 后个), and rjieba matches jieba exactly only with HMM off.
    global _tokenize, _cut
    with _lock:
        if _tokenize is None:
            try:
                import rjieba

                def tokenize(text: str) -> list[tuple[str, int, int]]:
                    return rjieba.tokenize(text, "default", False)

                def cut(text: str) -> list[str]:
                    return rjieba.cut(text, False)
            except ImportError:  # pragma: no cover - depends on what is installed
                import logging

                import jieba

                jieba.setLogLevel(logging.WARNING)
                directory = cache_dir()
                directory.mkdir(parents=True, exist_ok=True)
                jieba.dt.tmp_dir = str(directory)
                jieba.initialize()

                def tokenize(text: str) -> list[tuple[str, int, int]]:
                    return list(jieba.tokenize(text, HMM=False))

                def cut(text: str) -> list[str]:
                    return jieba.lcut(text, HMM=False)
            _tokenize, _cut = tokenize, cut
    return _tokenize


def warm_up() -> None:
    """Load the dictionary now (call from a worker thread so nobody waits for it later)."""
    _load()


def tokenize(text: str) -> list[tuple[str, int, int]]:
    """``[(word, start, end), ...]`` covering ``text``."""
    return _load()(text)


def cut(text: str) -> list[str]:
    """The words of ``text``, in order."""
    _load()
    assert _cut is not None
    return _cut(text)


@lru_cache(maxsize=4096)
def boundaries(text: str) -> frozenset[int]:
    """Offsets in ``text`` where a word starts or ends."""
    out = {0, len(text)}
    for _word, start, end in tokenize(text):
        out.add(start)
        out.add(end)
    return frozenset(out)


def is_whole_word(text: str, start: int, end: int, window: int = 12) -> bool:
    """True when ``text[start:end]`` starts and ends on word boundaries (judged in a small window)."""
    lo = max(0, start - window)
    hi = min(len(text), end + window)
    cuts = boundaries(text[lo:hi])
    return (start - lo) in cuts and (end - lo) in cuts
