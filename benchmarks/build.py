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


def split_seed(lines: list[str], chapter: re.Pattern = None) -> tuple[list[str], list[list[str]]]:
    """(the lines before 第一章, each chapter's lines with its heading first)."""
    head: list[str] = []
    chapters: list[list[str]] = []
    for line in lines:
        if (chapter or _CHAPTER).match(line):
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


# -- the vendor's next draft, for the comparison ---------------------------------------------------------

ONE_SIDED = "乙方有权根据市场情况单方调整服务费用,调整后的费用自乙方通知之日起生效,甲方不得提出异议。"
INSERTED = "乙方应在甲方指定的办公地点提供现场服务,确需远程实施的,应事先征得甲方书面同意。"


def draft_lines(lines: list[str]) -> list[str]:
    """The next draft of a built contract: the seed's draft-2 edits, spread through every chapter.

    Chapter by chapter, in turn: a clause inserted second (the rest of the chapter renumbered), a
    blank filled or a party turned round, the last clause removed, a one-sided clause added last,
    and the first clause of every seventh chapter moved to the end of the next one.
    """
    head, chapters = split_seed(lines, _ANY_CHAPTER)
    edited: list[list[str]] = []
    moving: list[str] | None = None
    for number, chapter in enumerate(chapters, 1):
        clauses = _clauses(chapter[1:])
        kind = number % 4
        if kind == 1 and len(clauses) > 1:
            clauses.insert(1, ["x服务地点", INSERTED])
        elif kind == 2 and clauses:
            body = clauses[0]
            body[1:] = [line.replace("____", "30", 1) if "____" in line else line.replace("乙方", "甲方", 1)
                        for line in body[1:]]
        elif kind == 3 and len(clauses) > 2:
            clauses.pop()
        elif kind == 0:
            clauses.append(["x费用调整", ONE_SIDED])
        if moving is not None:
            clauses.append(moving)
            moving = None
        if number % 7 == 0 and len(clauses) > 2 and number < len(chapters):
            moving = clauses.pop(0)
        out = [chapter[0]]
        chapter_no = _chapter_number(chapter[0])
        for k, clause in enumerate(clauses, 1):
            title = _CLAUSE.match(clause[0])
            out.append(f"{chapter_no}.{k}" + (title.group(3) if title else clause[0][1:]))
            out += clause[1:]
        edited.append(out)
    return head + [line for chapter in edited for line in chapter]


_ANY_CHAPTER = re.compile(r"^第([〇零一二三四五六七八九十百千]+)章")  # 第一百零一章 too


def _chapter_number(heading: str) -> int:
    from reviewer.text.cn_numbers import cn_int

    return cn_int(_ANY_CHAPTER.match(heading).group(1)) or 0


def _clauses(lines: list[str]) -> list[list[str]]:
    out: list[list[str]] = []
    for line in lines:
        if _CLAUSE.match(line) or not out:
            out.append([line])
        else:
            out[-1].append(line)
    return out


def build_draft(pages: int, cache: Path = DEFAULT_CACHE, formats=("txt", "docx")) -> dict[str, Path]:
    """``{format: path}`` of the next draft of the ``pages``-page contract (see :func:`draft_lines`)."""
    source = build(pages, cache, formats=("txt",))["txt"]
    paths = {fmt: Path(cache) / f"contract-{pages}p-v{_BUILD_VERSION}-draft2.{fmt}" for fmt in formats}
    missing = [fmt for fmt, path in paths.items() if not path.exists()]
    if missing:
        lines = draft_lines([line for line in source.read_text(encoding="utf-8").splitlines() if line])
        for fmt in missing:
            partial = paths[fmt].with_name(paths[fmt].name + ".part")
            if fmt == "txt":
                partial.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
            else:
                make_samples().write_docx(lines, partial)
            partial.replace(paths[fmt])
    return paths
