"""Excerpts for the structure gallery (tests/gallery), computed from the loaded text, and a check.

The gallery's outlines are written by hand, as a reader sees each fragment: nesting, labels,
headings and node kinds are decided by reading, never copied from the parser. Only the excerpts
are mechanical, and this script computes them from the text the loader produces:

``python3 scripts/gallery_excerpts.py FILE …`` prints every line of FILE's loaded text with the
excerpt a clause starting on that line shows (the text after its number) and, after ``||``, the
excerpt of a 前言 / 签署部分 node starting there (its text with newlines as spaces).

``python3 scripts/gallery_excerpts.py --check`` reads every ``NAME.outline`` in tests/gallery and
finds each of its nodes in NAME's loaded text, in document order: the label and heading as written,
the excerpt exactly the first 18 characters (with "…" only when more follow), the first page
right. It says nothing about the tree, which only a reader can judge. tests/test_gallery.py runs
the same check.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GALLERY = ROOT / "tests" / "gallery"
SOURCES = (".txt", ".md", ".docx")
EXCERPT = 18  # as reviewer/commands/outline.py prints them

# A clause number at the start of a line, for the authoring listing only (the check needs none).
_NUMBER = re.compile(
    r"(?:第[一二三四五六七八九十百零〇\d]+[部分编章节条]+|附件[一二三四五六七八九十\d]*"
    r"|(?:Article|Section) [\d.]+|[IVX]+\."
    r"|[\d０-９]+(?:[.．\-－][\d０-９]+)*[.．、,]?|[一二三四五六七八九十]+[-]?[、．.]"
    r"|[·•]?[(（][\d０-９a-zａ-ｚivx一二三四五六七八九十]+[)）]|[\da-zａ-ｚ０-９]+[)）]"
    r"|[①-⑳⑴-⒇]|[A-Z][、.．])"
    r"[\s：:]*"
)
# An item's number as written; the outline prints it normalised ("1.2(1)"), so the check
# finds the item by this shape instead of by its label.
_ITEM_MARK = re.compile(
    r"[·•]?\s*(?:[(（][\d０-９a-zａ-ｚA-Z]+[)）]|[\da-zａ-ｚ０-９]+[)）]|[①-⑳⑴-⒇]"
    r"|[A-Za-zＡ-Ｚａ-ｚ][、．.])"
)
_ITEM_LABEL = re.compile(r"\S*\([0-9a-z]+\)")
_LINE = re.compile(r"( *)(.+?)  (p\.(\d+)(?:–\d+)?)")
_PARTY = re.compile(r"  (\S+(?: \S+)*?)(?:  (.+?))?  \((客户|供应商|不明)\)")
_BLANK = " \t\u3000"


def excerpt(text: str) -> str:
    """What the outline shows for ``text``: its first 18 characters, "…" when more follow."""
    text = text.replace("\n", " ")
    return text if len(text) <= EXCERPT else text[:EXCERPT] + "…"


def source_of(outline: Path) -> Path | None:
    """The gallery file an outline belongs to (NAME.txt, NAME.md or NAME.docx)."""
    for suffix in SOURCES:
        path = outline.with_suffix(suffix)
        if path.exists():
            return path
    return None


def loaded(path: Path):
    sys.path.insert(0, str(ROOT))
    import reviewer

    return reviewer.load(path)


def show(path: Path) -> None:
    text = loaded(path).text
    start = 0
    for number, line in enumerate(text.split("\n"), 1):
        match = _NUMBER.match(line)
        body = line[match.end():] if match else line
        print(f"{number:3d}  {line[:match.end()] if match else '':10s} · {excerpt(body)}"
              f"   ||  · {excerpt(text[start:])}")
        start += len(line) + 1


class _Finder:
    """Finds the outline's nodes one after another in the text, never going back."""

    def __init__(self, document) -> None:
        self.document = document
        self.text = document.text
        # Where a node may start: every line start, and after a TAB (clauses side by side).
        self.starts = [0] + [i + 1 for i, ch in enumerate(self.text) if ch in "\n\t"]
        self.cursor = 0
        self.on_page: int | None = None  # only look on this page (the one the outline names)

    def _rest_of_line(self, at: int) -> str:
        end = self.text.find("\n", at)
        return self.text[at:] if end < 0 else self.text[at:end]

    def _candidates(self):
        for p in self.starts:
            if p >= self.cursor and (self.on_page is None or self.page(p) == self.on_page):
                yield p

    def _skip_blank(self, at: int) -> int:
        while at < len(self.text) and self.text[at] in _BLANK:
            at += 1
        return at

    @staticmethod
    def _fits(line: str, shown: str, *, clause: bool) -> bool:
        """Does ``shown`` (an excerpt as printed) show the text ``line``?"""
        if shown.endswith("…"):
            stem = shown[:-1]
            return len(stem) == EXCERPT and line[:EXCERPT] == stem and len(line) > EXCERPT
        # A short clause may be followed on its line by the next clause, after a TAB.
        return line == shown or (clause and line.startswith(shown + "\t"))

    def find(self, kind: str, label: str, heading: str, shown: str | None) -> int | None:
        text = self.text
        for p in self._candidates():
            if kind == "标题":
                ok = p == 0 or text[p - 1] == "\n"
                ok = ok and self._rest_of_line(p).replace(" ", "") == heading.replace(" ", "")
            elif kind == "说明":
                ok = (p == 0 or text[p - 1] == "\n") and self._fits(self._rest_of_line(p), shown, clause=False)
            elif kind in ("前言", "签署部分"):
                ok = p == 0 or text[p - 1] == "\n"
                if ok and shown.endswith("…"):
                    ok = self._fits(text[p:].replace("\n", " "), shown, clause=False)
                elif ok:  # the whole node is shown: it ends at a line end
                    end = p + len(shown)
                    ok = text[p:end].replace("\n", " ") == shown and (end == len(text) or text[end] == "\n")
            else:
                ok = self._clause_at(p, label, heading, shown)
            if ok:
                self.cursor = p + 1
                return p
        return None

    def _clause_at(self, p: int, label: str, heading: str, shown: str | None) -> bool:
        text = self.text
        if label and _ITEM_LABEL.fullmatch(label):
            mark = _ITEM_MARK.match(text, p)
            if not mark:
                return False
            after = mark.end()
        elif label:
            if not text.startswith(label, p):
                return False
            after = p + len(label)
            following = text[after:after + 1]
            if label[-1].isdigit() and following and (following.isdigit() or following in ".．-－"):
                return False  # "1" is not the start of "10" or "1.1"
        else:
            after = p
        line = self._rest_of_line(self._skip_blank(after))
        if shown is not None:
            return self._fits(line, shown, clause=True)
        line = line.strip(_BLANK).lstrip("：:").strip(_BLANK)
        return line.rstrip("：:") == heading

    def page(self, at: int) -> int:
        return self.document.pages_of(at, at + 1)[0]


def check(outline: Path) -> list[str]:
    """Problems with one gallery outline; an empty list when every node is where it says."""
    source = source_of(outline)
    if source is None:
        return [f"{outline.name}: no NAME.txt/.md/.docx beside it"]
    document = loaded(source)
    finder = _Finder(document)
    problems: list[str] = []
    lines = outline.read_text(encoding="utf-8").split("\n")
    if lines[-1] != "" or lines[-2] == "":
        problems.append(f"{outline.name}: must end with exactly one newline")
    lines = lines[:-1]
    if "当事人:" not in lines:
        problems.append(f"{outline.name}: no 当事人: section")
        tree, parties = lines, []
    else:
        at = lines.index("当事人:")
        tree, parties = lines[:at], lines[at + 1:]
    depth = 0
    for number, line in enumerate(tree, 1):
        where = f"{outline.name}:{number}"
        match = _LINE.fullmatch(line)
        if not match:
            problems.append(f"{where}: not `indent body  p.N`: {line!r}")
            continue
        indent, body, page = len(match.group(1)), match.group(2), int(match.group(4))
        if indent % 2 or indent // 2 > depth:
            problems.append(f"{where}: indented {indent} below a node at level {depth}")
        depth = indent // 2 + 1
        finder.on_page = page
        found = _locate(finder, body)
        finder.on_page = None
        if found is None:
            found = _locate(finder, body)
            if found is None:
                problems.append(f"{where}: not found in the text after the node before: {line!r}")
            else:
                problems.append(f"{where}: starts on p.{finder.page(found)}, not p.{page}")
    for number, line in enumerate(parties, len(tree) + 2):
        match = _PARTY.fullmatch(line)
        if not match:
            problems.append(f"{outline.name}:{number}: not `  label  name  (role)`: {line!r}")
        elif match.group(2) and match.group(2) not in document.text:
            problems.append(f"{outline.name}:{number}: party name not in the text: {match.group(2)}")
    return problems


def _locate(finder: _Finder, body: str) -> int | None:
    for kind in ("标题", "说明", "前言", "签署部分"):
        if body.startswith(kind + "  "):
            rest = body[len(kind) + 2:]
            if kind == "标题":
                return finder.find(kind, "", rest, None)
            return finder.find(kind, "", "", rest[2:]) if rest.startswith("· ") else None
    if body.startswith("· "):
        return finder.find("clause", "", "", body[2:])
    if " · " in body:
        label, shown = body.split(" · ", 1)
        return finder.find("clause", label, "", shown)
    # A heading node: "label heading", "label" alone, or an unnumbered "heading".
    cuts = [i for i, ch in enumerate(body) if ch == " "]
    tries = [(body[:i], body[i + 1:]) for i in cuts] + [(body, ""), ("", body)]
    saved = finder.cursor
    for label, heading in tries:
        finder.cursor = saved
        found = finder.find("clause", label, heading, None)
        if found is not None:
            return found
    finder.cursor = saved
    return None


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args == ["--check"]:
        problems = [p for outline in sorted(GALLERY.glob("*.outline")) for p in check(outline)]
        print("\n".join(problems) or "all gallery excerpts match their text")
        return 1 if problems else 0
    for name in args:
        print(f"== {name}")
        show(Path(name))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
