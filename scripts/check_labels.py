"""Validate tests/labels/*.yaml against their contracts and print per-category coverage.

Run from anywhere: ``python3 scripts/check_labels.py`` (exit 1 on any error). For each labels
file it checks the schema, that every category is a checklist category, that every quote is an
exact substring of the contract (as ``Document.text`` will hold it: lines stripped, blank lines
dropped) of at most 20 characters, and that it lies inside the named clause as far as a simple
line-start search for that clause number can tell. ``--table`` prints the coverage table that
tests/labels/README.md shows.

It also checks the labels of the real contracts (``tests/real/labels/``, contracts in
``../shared/corpus-real/``; skipped with a note when ``../shared`` is absent): the same schema plus
``part`` (``work`` or ``blind``) and ``acceptable`` (correct findings counsel accept but do not
require), quotes checked against the text the tool's own loader reads (DOCX, Markdown, text), and
``quote: null`` allowed with a clause for a blank that cannot be quoted.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from reviewer.text.cn_numbers import cn_int  # noqa: E402
from reviewer.model.findings import CATEGORIES  # noqa: E402

LABELS = ROOT / "tests" / "labels"
#: The checklist's categories and those the built-in pack adds (``categories:`` of rules/*.yaml).
PACK_CATEGORIES = set(CATEGORIES) | {
    c for f in sorted((ROOT / "rules").glob("*.yaml"))
    for c in ((yaml.safe_load(f.read_text(encoding="utf-8")) or {}).get("categories") or {})}
REAL_LABELS = ROOT / "tests" / "real" / "labels"
#: Where the real contracts live: beside the repository, not in it.
REAL_CORPUS = ROOT.parent / "shared" / "corpus-real"
TOP_KEYS = {"file", "kind", "perspective", "parties", "must_find", "must_not_find"}
REAL_TOP_KEYS = TOP_KEYS | {"part", "acceptable"}
LIST_KEYS = ("must_find", "acceptable", "must_not_find")
ENTRY_KEYS = {"category", "clause", "quote", "note"}
#: A judgement of a whole-document finding may name the rule it judges (real contracts only).
REAL_ENTRY_KEYS = ENTRY_KEYS | {"rule", "occurrence"}
MAX_QUOTE = 20

_CN_NUM = "零〇一二两三四五六七八九十百"


def cn_to_int(s: str) -> int:
    """Chinese numerals (第十二条 → 12) or ASCII digits, read as the engine reads them."""
    return cn_int(s) or 0


# Line-start clause markers: (family, regex). A clause's region runs from its own line to the
# next line that starts a clause of the same family or a broader one.
_MARKERS = [
    ("chapter", re.compile(rf"^第([{_CN_NUM}\d]+)章")),
    ("article", re.compile(rf"^第([{_CN_NUM}\d]+)条")),
    ("cn", re.compile(rf"^([{_CN_NUM}]+)、")),
    ("dotted", re.compile(r"^(\d+\.\d+(?:\.\d+)*)")),
    ("top", re.compile(r"^(\d+)[.．]\s*(?!\d)")),
]
_BROADER = {
    "chapter": {"chapter"},
    "article": {"article", "chapter"},
    "cn": {"cn", "chapter"},
    "dotted": {"dotted", "top", "chapter", "cn", "article"},
    "top": {"top", "chapter", "cn"},
}


_PREFERENCE = ("dotted", "article", "cn", "top", "chapter")


def document_text(raw: str) -> str:
    """What ``Document.text`` will be for a plain text file: lines stripped, blanks dropped."""
    return "\n".join(line.strip() for line in raw.splitlines() if line.strip())


def line_markers(lines: list[str]) -> list[tuple[str, str] | None]:
    out = []
    for line in lines:
        found = None
        for family, rx in _MARKERS:
            m = rx.match(line)
            if m:
                num = m.group(1)
                if family in ("chapter", "article", "cn"):
                    num = str(cn_to_int(num))
                found = (family, num)
                break
        out.append(found)
    return out


def clause_regions(text: str, clause: str) -> list[tuple[int, int]]:
    """Spans of ``text`` that plausibly belong to the clause numbered ``clause``."""
    lines = text.split("\n")
    starts, pos = [], 0
    for line in lines:
        starts.append(pos)
        pos += len(line) + 1
    markers = line_markers(lines)
    # A bare "1." is a clause in 1.1-style contracts but a paragraph inside 第一条 or 一、, so the
    # strongest family that has this number wins; duplicates within it are all kept.
    families = {m[0] for m in markers if m is not None and m[1] == clause}
    chosen = next((f for f in _PREFERENCE if f in families), None)
    regions = []
    for i, mark in enumerate(markers):
        if mark is None or mark[1] != clause or mark[0] != chosen:
            continue
        family = mark[0]
        end = len(text)
        for j in range(i + 1, len(lines)):
            other = markers[j]
            if other is not None and other[0] in _BROADER[family]:
                end = starts[j] - 1
                break
        regions.append((starts[i], end))
    return regions


def check_entry(entry, where: str, text: str, errors: list[str], must: bool, real: bool = False,
                regions_of=clause_regions) -> None:
    if not isinstance(entry, dict):
        errors.append(f"{where}: entry is not a mapping")
        return
    unknown = set(entry) - (REAL_ENTRY_KEYS if real else ENTRY_KEYS)
    if entry.get("rule") is not None and (entry.get("quote") is not None or entry.get("clause") is not None):
        errors.append(f"{where}: rule may only narrow a whole-document entry (clause and quote null)")
    if unknown:
        errors.append(f"{where}: unknown keys {sorted(unknown)}")
    cat = entry.get("category")
    if cat not in PACK_CATEGORIES:
        errors.append(f"{where}: unknown category {cat!r}")
    clause, quote = entry.get("clause"), entry.get("quote")
    if clause is not None and not isinstance(clause, str):
        errors.append(f"{where}: clause must be a quoted string or null, got {clause!r}")
        return
    if quote is not None and not isinstance(quote, str):
        errors.append(f"{where}: quote must be a string or null, got {quote!r}")
        return
    if quote is not None:
        if len(quote) > MAX_QUOTE:
            errors.append(f"{where}: quote longer than {MAX_QUOTE} chars: {quote!r}")
        if "\n" in quote or quote != quote.strip():
            errors.append(f"{where}: quote must not contain line breaks or edge spaces: {quote!r}")
        if quote not in text:
            errors.append(f"{where}: quote not in contract text: {quote!r}")
            return
    occurrence = entry.get("occurrence")
    if occurrence is not None:
        if not (isinstance(occurrence, int) and quote is not None and clause is None
                and 1 <= occurrence <= text.count(quote)):
            errors.append(f"{where}: occurrence {occurrence!r} must pick one of the quote's places in the text")
        return
    if clause is None:
        if quote is not None and text.count(quote) != 1:
            errors.append(f"{where}: whole-document quote occurs {text.count(quote)} times: {quote!r}")
        return
    regions = regions_of(text, clause)
    if not regions:
        if not real:  # real layouts (Markdown headings, Word numbering) defeat the line-start search
            errors.append(f"{where}: clause {clause} not found at any line start")
        return
    if quote is None:
        return
    hits = sum(text[a:b].count(quote) for a, b in regions)
    if hits == 0:
        errors.append(f"{where}: quote {quote!r} not inside clause {clause}")
    elif hits > 1 and must and not real:  # the matcher takes every occurrence; real labels rely on it
        errors.append(f"{where}: quote {quote!r} occurs {hits} times inside clause {clause}")


def check_file(path: Path, errors: list[str], real: bool = False) -> dict | None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    name = path.relative_to(ROOT)
    if not isinstance(data, dict):
        errors.append(f"{name}: not a mapping")
        return None
    unknown = set(data) - (REAL_TOP_KEYS if real else TOP_KEYS)
    if real and data.get("part") not in ("work", "blind"):
        errors.append(f"{name}: part must be work or blind")
    missing = {"file", "kind", "perspective", "parties", "must_find"} - set(data)
    if unknown or missing:
        errors.append(f"{name}: unknown keys {sorted(unknown)}, missing keys {sorted(missing)}")
    if data.get("perspective") not in ("customer", "vendor"):
        errors.append(f"{name}: perspective must be customer or vendor")
    parties = data.get("parties")
    if not (isinstance(parties, dict) and set(parties) == {"customer", "vendor"}):
        errors.append(f"{name}: parties must map customer and vendor to labels")
    contract = ROOT / str(data.get("file", ""))
    if not contract.is_file():
        errors.append(f"{name}: contract {data.get('file')} does not exist")
        return None
    regions_of = clause_regions
    if real:
        document = load_document(contract)
        text = document.text
        regions_of = lambda text, clause: (clause_regions(text, clause)  # noqa: E731
                                           + [(n.start, n.end) for n in document.clauses if n.number == clause])
    else:
        text = document_text(contract.read_text(encoding="utf-8"))
    for parties_label in (parties or {}).values():
        if parties_label and parties_label not in text:
            errors.append(f"{name}: party label {parties_label!r} not in contract")
    for key in LIST_KEYS if real else ("must_find", "must_not_find"):
        if not isinstance(data.get(key) or [], list):
            errors.append(f"{name}: {key} must be a list")
            continue
        for i, entry in enumerate(data.get(key) or []):
            check_entry(entry, f"{name}: {key}[{i}]", text, errors, key == "must_find", real, regions_of)
    return data


def load_document(path: Path):
    """The ``Document`` the tool's loader reads (DOCX and Markdown too): quotes and clauses are checked on it.

    A quote with a clause must lie in that clause as either the line-start search or the tool's
    clause tree finds it (the matcher looks there first, then in the whole text), so a label stays
    valid while the parser's reading of a real layout improves.
    """
    from reviewer.loaders import load

    return load(path)


def check_real(errors: list[str]) -> list[tuple[Path, dict]]:
    """The real contracts' labels, or none (with a note) when ../shared is not beside the repo."""
    if not REAL_CORPUS.is_dir():
        print(f"note: {REAL_CORPUS} is absent; the real corpus labels were not checked")
        return []
    loaded = []
    for path in sorted(REAL_LABELS.glob("*.yaml")):
        data = check_file(path, errors, real=True)
        if data is not None:
            loaded.append((path, data))
    labelled = {Path(str(d.get("file"))).name for _, d in loaded}
    # HTML and program sources have a .txt rendering beside them; the old .doc is refused by design.
    for contract in sorted(REAL_CORPUS.iterdir()):
        if contract.suffix in (".txt", ".md", ".docx") and contract.name not in labelled \
                and contract.name != "SOURCES.md":
            errors.append(f"{contract.name}: real contract has no labels file")
    return loaded


def coverage(files: list[tuple[Path, dict]]) -> tuple[Counter, Counter]:
    must, trap = Counter(), Counter()
    for _, data in files:
        for e in data.get("must_find") or []:
            must[e.get("category")] += 1
        for e in data.get("must_not_find") or []:
            trap[e.get("category")] += 1
    return must, trap


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    errors: list[str] = []
    loaded = []
    for path in sorted(LABELS.glob("*.yaml")):
        data = check_file(path, errors)
        if data is not None:
            loaded.append((path, data))
    corpus = [(p, d) for p, d in loaded if str(d.get("file", "")).startswith("tests/corpus/")]
    must, trap = coverage(corpus)
    for cat in CATEGORIES:
        if not must[cat]:
            errors.append(f"corpus: no must_find for category {cat}")
        if not trap[cat]:
            errors.append(f"corpus: no must_not_find (trap) for category {cat}")
    contracts = {d.get("file") for _, d in loaded}
    for txt in sorted((ROOT / "tests" / "corpus").glob("*.txt")):
        if str(txt.relative_to(ROOT)) not in contracts:
            errors.append(f"{txt.relative_to(ROOT)}: has no labels file")
    if "--table" in argv:
        sample_must, sample_trap = coverage([x for x in loaded if x not in corpus])
        print("| category | corpus must-find | corpus traps | samples must-find | samples traps |")
        print("|---|---:|---:|---:|---:|")
        for cat in CATEGORIES:
            print(f"| `{cat}` | {must[cat]} | {trap[cat]} | {sample_must[cat]} | {sample_trap[cat]} |")
        print(f"| **total** | {sum(must.values())} | {sum(trap.values())} | "
              f"{sum(sample_must.values())} | {sum(sample_trap.values())} |")
    real = check_real(errors)
    for err in errors:
        print("ERROR", err)
    print(f"{len(loaded)} labels files, {len(corpus)} for the corpus, {len(real)} for the real contracts; "
          f"{len(errors)} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
