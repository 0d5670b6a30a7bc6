"""Build long contracts (N pages, as TXT, DOCX and PDF) from the seed sample into a cache folder.

The first part of every built contract is the seed as written (its blanks, its truncated
12.2 at the end); the rest is the seed's chapters again, renumbered and with their blanks
filled in, so a 100-page contract reads like one long agreement rather than fifty copies of
the same blanks. The DOCX and PDF are typeset by ``scripts/make_samples.py`` (running header,
page-number footer, Word list numbering, fake-bold headings), so every format carries the
same text and the same features the samples do. Files are rebuilt only when missing.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SEED = SAMPLES / "seed-contract-clean.txt"
DEFAULT_CACHE = ROOT / ".bench-cache"
FORMATS = ("txt", "docx", "pdf")
#: Seed chapters per built chapter: keeps chapter numbers realistic (under 一千) at 500 pages.
CHAPTERS_PER_GROUP = 3
_BUILD_VERSION = "1"  # bump when the built text changes, so cached files are rebuilt

_CHAPTER = re.compile(r"^第([一二三四五六七八九十百]+)章[:：]?(.*)$")
_CLAUSE = re.compile(r"^(\d+)\.(\d+)(.*)$")
_FILLS = (
    (re.compile(r"大写[:：]_+元整"), "大写:壹拾万元整"),
    (re.compile(r"人民币_+元"), "人民币100,000元"),
    (re.compile(r"_+%"), "50%"),
    (re.compile(r"_+"), "10"),
)


@lru_cache(maxsize=1)
def make_samples():
    """``scripts/make_samples.py`` as a module (it is a script, not a package)."""
    spec = importlib.util.spec_from_file_location("_make_samples", ROOT / "scripts" / "make_samples.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("_make_samples", module)
    spec.loader.exec_module(module)
    return module


def seed_lines() -> list[str]:
    return [line.strip() for line in SEED.read_text(encoding="utf-8-sig").splitlines() if line.strip()]


def split_seed(lines: list[str]) -> tuple[list[str], list[list[str]]]:
    """(the lines before 第一章, each chapter's lines with its heading first)."""
    head: list[str] = []
    chapters: list[list[str]] = []
    for line in lines:
        if _CHAPTER.match(line):
            chapters.append([line])
        elif chapters:
            chapters[-1].append(line)
        else:
            head.append(line)
    return head, chapters


def _fill(line: str) -> str:
    for pattern, value in _FILLS:
        line = pattern.sub(value, line)
    return line


def _cn(number: int) -> str:
    from reviewer.text.cn_numbers import int_to_cn

    return int_to_cn(number)


def _chapter(number: int, group: list[list[str]]) -> list[str]:
    """Seed chapters ``group`` as one chapter ``number``, clauses renumbered, blanks filled."""
    heading = _CHAPTER.match(group[0][0]).group(2)
    out = [f"第{_cn(number)}章:{heading}"]
    clause = 0
    for chapter in group:
        for line in chapter[1:]:
            m = _CLAUSE.match(line)
            if m:
                clause += 1
                line = f"{number}.{clause}{m.group(3)}"
            out.append(_fill(line))
    return out


def contract_lines(chapter_count: int) -> list[str]:
    """The seed's head and chapters 1–11 as written, generated chapters, then the seed's last chapter."""
    head, chapters = split_seed(seed_lines())
    body, last = chapters[:-1], chapters[-1]
    lines = head + [line for chapter in body for line in chapter]
    number = len(body)
    while number < chapter_count - 1:
        start = (number - len(body)) * CHAPTERS_PER_GROUP
        group = [body[(start + k) % len(body)] for k in range(CHAPTERS_PER_GROUP)]
        number += 1
        lines += _chapter(number, group)
    number += 1
    # The seed's unfinished last chapter stays last, renumbered, so the contract still ends mid-clause.
    lines += [f"第{_cn(number)}章:{_CHAPTER.match(last[0]).group(2)}"]
    lines += [(f"{number}.{m.group(2)}{m.group(3)}" if (m := _CLAUSE.match(x)) else x) for x in last[1:]]
    return lines


def page_count(lines: list[str]) -> int:
    """Pages the PDF of ``lines`` will have (make_samples' own layout, before it nudges breaks)."""
    ms = make_samples()
    ms._register_font()
    return len(ms._layout(lines, 84.0))


def lines_for_pages(pages: int) -> list[str]:
    """The shortest built contract whose PDF has at least ``pages`` pages."""
    _, chapters = split_seed(seed_lines())
    lo = len(chapters)
    if page_count(contract_lines(lo)) >= pages:
        return contract_lines(lo)
    hi = lo * 2
    while page_count(contract_lines(hi)) < pages:
        lo, hi = hi, hi * 2
    while hi - lo > 1:  # smallest chapter count that reaches the page count
        mid = (lo + hi) // 2
        if page_count(contract_lines(mid)) >= pages:
            hi = mid
        else:
            lo = mid
    return contract_lines(hi)


def build(pages: int, cache: Path = DEFAULT_CACHE, formats=FORMATS) -> dict[str, Path]:
    """``{format: path}`` of the ``pages``-page contract, building whatever is not cached yet."""
    cache = Path(cache)
    cache.mkdir(parents=True, exist_ok=True)
    stem = f"contract-{pages}p-v{_BUILD_VERSION}"
    paths = {fmt: cache / f"{stem}.{fmt}" for fmt in formats}
    missing = [fmt for fmt, path in paths.items() if not path.exists()]
    if not missing:
        return paths
    txt = cache / f"{stem}.txt"
    if txt.exists():
        lines = [line for line in txt.read_text(encoding="utf-8").splitlines() if line]
    else:
        lines = lines_for_pages(pages)
    ms = make_samples()
    for fmt in missing:
        target = paths[fmt]
        partial = target.with_name(target.name + ".part")
        if fmt == "txt":
            partial.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
        elif fmt == "docx":
            ms.write_docx(lines, partial)
        else:
            ms.write_pdf(lines, partial)
        partial.replace(target)  # a build cut short never leaves a file that looks finished
    return paths


def build_batch(count: int, cache: Path = DEFAULT_CACHE) -> Path:
    """A folder of ``count`` small contracts: the samples (TXT and DOCX) and the seed PDF, cycled."""
    folder = Path(cache) / f"batch-{count}-v{_BUILD_VERSION}"
    if folder.is_dir() and len(list(folder.iterdir())) == count:
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    sources = sorted(p for p in SAMPLES.iterdir()
                     if p.suffix in (".txt", ".docx", ".pdf") and "gbk" not in p.name)
    for i in range(count):
        source = sources[i % len(sources)]
        target = folder / f"{i:03d}-{source.name}"
        if not target.exists():
            target.write_bytes(source.read_bytes())
    return folder
