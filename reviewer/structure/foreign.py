"""Find text that is not part of the contract: web chrome, advertising, contact handles, spam."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .. import data as data_package
from ..model.document import ForeignSpan
from ..text import datacache
from ..text.alternation import any_of
from ..text.textnorm import WIDTH_FOLD

if TYPE_CHECKING:  # pragma: no cover
    from ..model.document import Block, Document

BLOCK_KINDS = ("web-chrome", "advertising")
KINDS = ("web-chrome", "advertising", "contact", "spam")

# The vocabulary is matched against text folded this way and with ASCII letters in lower case
# (still one character for one): Python's re is many times slower with IGNORECASE.
_MATCH_FOLD = WIDTH_FOLD | {cp: cp + 32 for cp in range(0x41, 0x5B)} | {cp: cp - 0xFEE0 + 32 for cp in range(0xFF21, 0xFF3B)}
# Substituting only the characters that change is much faster than str.translate (see fold_width).
_WIDE_OR_UPPER = re.compile("[\uff01-\uff5e\u3000A-Z]")
_MATCH_CHARS = {chr(k): chr(v) for k, v in _MATCH_FOLD.items()}


def _fold_for_match(text: str) -> str:
    return _WIDE_OR_UPPER.sub(lambda m: _MATCH_CHARS[m.group()], text)

# A block that reads as contract text: it names a party or the contract itself. Such a block is
# never taken for chrome on a weak hint, and inside the contract not even on a strong one.
_CONTRACTISH = re.compile(r"甲方|乙方|丙方|双方|本合同|本协议|委托方|受托方|买方|卖方|供方|需方|"
                          r"\bparty [ab]\b|\bthis (?:agreement|contract)\b")
_CONTRACT_WORD = re.compile(r"合同|协议|契约|agreement|contract")
# A block that opens like a clause ("3.1", "第五条", "一、", "(2)").
_NUMBERED = re.compile(r"(?:第[一二三四五六七八九十百零〇两\d]+[章条节款]|\d+(?:\.\d+)+|[一二三四五六七八九十]+、|\(\d+\))")
# A block that is web-page markup and nothing else: a tag (<properties, <tags …/>) or an attribute
# of one on a line of its own (pageTitle="…"). Never contract text, at any length.
_MARKUP = re.compile(r'\s*(?:</?[a-z!?][\w:.-]*(?:\s+[\w:.-]+(?:="[^"\n]*")?)*\s*/?>?'
                     r'|[a-z][\w:.-]*="[^"\n]*"(?:\s+[\w:.-]+="[^"\n]*")*\s*/?>?)\s*')
_MARKUP_START = re.compile(r'^\s*(?:<[a-z!?/]|[a-z][\w:.-]*=")', re.M)
# A GUID (c8f5e667-cebc-406e-bb93-00a8dbedf4e3): a web page's or a Word form's identifier, never a word
# of the contract; a short line holding one (ID：`…`, 链接：…?id=…) is the page's, not the parties'.
_GUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_GUID_LINE_MAX = 100
# Words that list unlawful content (淫秽、色情、赌博): a gambling word among them is the contract's own.
_UNLAWFUL = re.compile(r"色情|淫秽|暴力|毒品|诈骗|邪教|迷信|恐怖|洗钱|传销|违法|非法|禁止|不得")
# A short block with no hint of its own may sit between two chrome blocks ("收起").
_GAP_MAX = 12
# Whole-block ("line") patterns and file names are only tried on blocks this short.
_LINE_MAX = 40


def _lower_literals(pattern: str) -> str:
    """The pattern with its ASCII letters in lower case, escapes such as ``\\S`` or ``\\D`` kept."""
    return re.sub(r"(\\.)|[A-Z]+", lambda m: m.group(1) or m.group().lower(), pattern)


def _compile(patterns: list[str]) -> re.Pattern | None:
    if not patterns:
        return None
    return re.compile("|".join(f"(?:{_lower_literals(p)})" for p in patterns))


@dataclass(frozen=True, slots=True)
class _Vocabulary:
    chrome_line: re.Pattern
    chrome_strong: re.Pattern
    chrome_weak: re.Pattern
    ad_line: re.Pattern | None
    ad_strong: re.Pattern
    ad_weak: re.Pattern
    file_name: re.Pattern
    contact: tuple[re.Pattern, ...]
    spam: tuple[re.Pattern, ...]
    hint: re.Pattern  # every strong and weak chrome/advertising pattern at once, likewise
    replaces: dict[str, tuple[str, ...]]


@lru_cache(maxsize=1)
def vocabulary() -> _Vocabulary:
    """The patterns of ``reviewer/data/foreign.yaml``, compiled once per process."""
    # The package's own folder (pip installs it as files): importlib.resources would import
    # zipfile and shutil, ~3 ms of every run, to say the same.
    text = (Path(data_package.__path__[0]) / "foreign.yaml").read_text("utf-8")
    data = datacache.parsed("foreign", text, _parse_yaml)
    chrome, ads, spam = data["chrome"], data["advertising"], data["spam"]
    brands = any_of(spam["brands"])
    spam_patterns = [f"(?:{brands}){spam['brand_suffix']}", *spam["phrases"]]
    return _Vocabulary(
        chrome_line=_compile(chrome["line"]),
        chrome_strong=_compile(chrome["strong"]),
        chrome_weak=_compile(chrome["weak"]),
        ad_line=_compile(ads.get("line") or []),
        ad_strong=_compile(ads["strong"]),
        ad_weak=_compile(ads["weak"]),
        file_name=_compile([data["file_name"]]),
        contact=tuple(_compile([p]) for p in data["contact"]),
        spam=tuple(_compile([p]) for p in spam_patterns),
        hint=_compile([*chrome["strong"], *chrome["weak"], *ads["strong"], *ads["weak"]]),
        replaces={word: tuple(cues) for word, cues in data["replaces"].items()},
    )


def _parse_yaml(text: str) -> dict:
    import yaml  # only when the parsed file is not in the cache: the import alone takes ~10 ms

    # libyaml when PyYAML has it: the pure-Python loader took ~25 ms of every run for this file.
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


@dataclass(slots=True)
class _Evidence:
    """What one block shows: 2 = strong (or a whole-line match), 1 = weak, 0 = nothing."""

    level: int = 0
    kind: str = "web-chrome"
    detail: str = ""
    edge_only: bool = False  # counts only in the runs at the document's start or end


_NOTHING = _Evidence()


def _evidence(text: str, folded: str, vocab: _Vocabulary, hinted: bool, has_spam: bool) -> _Evidence:
    if _MARKUP.fullmatch(folded):
        return _Evidence(2, "web-chrome", text[:40])
    if len(folded) <= _GUID_LINE_MAX and not _CONTRACTISH.search(folded):
        guid = _GUID.search(folded)
        if guid:
            return _Evidence(2, "web-chrome", text[guid.start():guid.end()])
    short = len(folded) <= _LINE_MAX
    if short and vocab.chrome_line.fullmatch(folded):
        return _Evidence(2, "web-chrome", text)
    if short and vocab.ad_line is not None and vocab.ad_line.fullmatch(folded):
        return _Evidence(2, "advertising", text)
    if hinted:
        ad = vocab.ad_strong.search(folded)
        if ad:
            return _Evidence(2, "advertising", text[ad.start():ad.end()])
        chrome = vocab.chrome_strong.search(folded)
        if chrome:
            return _Evidence(2, "web-chrome", text[chrome.start():chrome.end()])
    if short and vocab.file_name.fullmatch(folded):
        return _Evidence(1, "web-chrome", text, edge_only=True)
    if not hinted and not has_spam:
        return _NOTHING
    ad_weak, chrome_weak = vocab.ad_weak.search(folded), vocab.chrome_weak.search(folded)
    if not (ad_weak or chrome_weak or has_spam):
        return _NOTHING
    if _CONTRACTISH.search(folded) or _CONTRACT_WORD.search(folded) or _NUMBERED.match(folded):
        return _NOTHING
    hit = ad_weak or chrome_weak
    kind = "advertising" if ad_weak and not chrome_weak else "web-chrome"
    return _Evidence(1, kind, text[hit.start():hit.end()] if hit else "", edge_only=True)


def _spam_by_block(folded: str, starts: list[int], vocab: _Vocabulary) -> dict[int, list[tuple[int, int]]]:
    """Gambling spam, block by block: offsets within the block, overlapping hits merged.

    Each pattern searches the whole text once (one combined pattern would be many times
    slower in Python's re); a hit that runs across a line break is no spam in one word.
    """
    hits = sorted((m.start(), m.end()) for p in vocab.spam for m in p.finditer(folded)
                  if m.end() > m.start() and "\n" not in folded[m.start():m.end()])
    out: dict[int, list[list[int]]] = {}
    for start, end in hits:
        i = bisect_right(starts, start) - 1
        merged = out.setdefault(i, [])
        at = starts[i]
        if merged and start - at <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end - at)
        else:
            merged.append([start - at, end - at])
    kept = {i: [(a, b) for a, b in spans if not _among_unlawful(folded, starts[i] + a, starts[i] + b, vocab)]
            for i, spans in out.items()}
    return {i: spans for i, spans in kept.items() if spans}


def _among_unlawful(folded: str, start: int, end: int, vocab: _Vocabulary) -> bool:
    """网络赌博 in 不得从事网络赌博、色情… is a word of the contract listing what is unlawful; a
    betting site's name (a brand, 投注网站) is spam wherever it stands."""
    if vocab.spam[0].search(folded, max(0, start - 8), min(len(folded), end + 8)):
        return False
    if re.search(r"网站|平台|官网|app|网址|入口", folded[start:end]):
        return False
    left = max(folded.rfind(c, 0, start) for c in "。；;\n") + 1
    right = min((i for i in (folded.find(c, end) for c in "。；;\n") if i >= 0), default=len(folded))
    return bool(_UNLAWFUL.search(folded, left, right))


def _contact_spans(folded: str, vocab: _Vocabulary) -> list[tuple[int, int]]:
    hits = sorted((m.start(), m.end()) for p in vocab.contact for m in p.finditer(folded))
    out: list[tuple[int, int]] = []
    for start, end in hits:
        if not out or start >= out[-1][1]:
            out.append((start, end))
    return out


def _edge_run(order: range, evidence: list[_Evidence], blocks: tuple["Block", ...]) -> list[int]:
    """Indices of the chrome run at one end of the text, walking ``order``.

    A block with any evidence continues the run; one short block with none may sit between two
    that have some (a stray caption); anything else ends the run, so the title or the last
    clause is never swallowed.
    """
    found: list[int] = []
    pending: list[int] = []
    for i in order:
        if evidence[i].level:
            found.extend(pending)
            pending.clear()
            found.append(i)
        elif not pending and found and blocks[i].end - blocks[i].start <= _GAP_MAX:
            pending.append(i)
        else:
            break
    return found


def _guess_replaced(context: str, vocab: _Vocabulary) -> str:
    best, best_score = "", 0
    for word, cues in vocab.replaces.items():
        score = sum(context.count(cue) for cue in cues)
        if score > best_score:
            best, best_score = word, score
    return best


def _blocks_hit(pattern: re.Pattern, folded: str, starts: list[int]) -> set[int]:
    """Indices of the blocks in which ``pattern`` finds something (one search of the whole text)."""
    return {bisect_right(starts, m.start()) - 1 for m in pattern.finditer(folded)}


def find_foreign(document: "Document") -> list[ForeignSpan]:
    """Every foreign span of ``document``, sorted by start (longest first at equal starts).

    Chrome and advertising blocks give one span per run of consecutive blocks of one kind,
    covering those blocks whole, and these spans never overlap each other. Contact handles and
    gambling spam get exact spans: spam wherever it stands (inside a clause it is a word that
    was substituted, with ``replaces`` guessed), contact handles only inside a foreign block
    (a telephone number in a notice clause is contract text). Those exact spans may therefore
    lie inside a block span; a consumer that wants one mark per place skips spans contained in
    another.
    """
    vocab = vocabulary()
    text, blocks = document.text, document.blocks
    n = len(blocks)
    if not n:
        return []
    folded = _fold_for_match(text)
    starts = [b.start for b in blocks]
    hinted = _blocks_hit(vocab.hint, folded, starts)
    markup = _blocks_hit(_MARKUP_START, folded, starts) | _blocks_hit(_GUID, folded, starts)
    spam_in = _spam_by_block(folded, starts, vocab)
    evidence: list[_Evidence] = []
    for i, block in enumerate(blocks):
        line = folded[block.start:block.end]
        if i in hinted or i in spam_in or i in markup or len(line) <= _LINE_MAX:
            evidence.append(_evidence(text[block.start:block.end], line, vocab, i in hinted, bool(spam_in.get(i))))
        else:
            evidence.append(_NOTHING)

    # Chrome sits in a run at the start (before the title) and at the end (after the last
    # clause); inside the contract only strong evidence counts, and never in a block that
    # names the parties or the contract.
    head = _edge_run(range(n), evidence, blocks)
    tail = _edge_run(range(n - 1, max(head, default=-1), -1), evidence, blocks)
    edge = set(head) | set(tail)
    kinds: list[str | None] = [None] * n
    for i, ev in enumerate(evidence):
        if i in edge:
            kinds[i] = ev.kind if ev.level else "web-chrome"
        elif ev.level == 2 and not ev.edge_only and not _CONTRACTISH.search(folded, blocks[i].start, blocks[i].end):
            kinds[i] = ev.kind

    spans: list[ForeignSpan] = []
    i = 0
    while i < n:
        kind = kinds[i]
        if kind is None:
            i += 1
            continue
        j = i
        while j + 1 < n and kinds[j + 1] == kind:
            j += 1
        detail = "; ".join(dict.fromkeys(evidence[k].detail for k in range(i, j + 1) if evidence[k].detail))
        spans.append(ForeignSpan(blocks[i].start, blocks[j].end, kind, detail[:120]))
        for k in range(i, j + 1):
            at = blocks[k].start
            for start, end in _contact_spans(folded[at:blocks[k].end], vocab):
                spans.append(ForeignSpan(at + start, at + end, "contact", text[at + start:at + end]))
        i = j + 1

    # Spam: the same spam replaced the same word everywhere, so the cues around all its places
    # (each block holding it and the block after) tell which word it was.
    places: dict[str, list[int]] = {}
    for i, found in spam_in.items():
        if kinds[i] is None:
            for start, end in found:
                places.setdefault(text[blocks[i].start + start:blocks[i].start + end], []).append(i)
    guessed = {
        word: _guess_replaced("\n".join(text[blocks[k].start:blocks[min(k + 1, n - 1)].end]
                                        for k in dict.fromkeys(holders)), vocab)
        for word, holders in places.items()
    }
    for i, found in spam_in.items():
        at = blocks[i].start
        for start, end in found:
            word = text[at + start:at + end]
            spans.append(ForeignSpan(at + start, at + end, "spam", word, guessed.get(word, "") if kinds[i] is None else ""))
    spans.sort(key=lambda s: (s.start, -s.end))
    return spans

