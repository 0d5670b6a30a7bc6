"""The HTML report, read back with the standard library's HTML parser."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from reviewer.i18n import set_language
from reviewer.reports import write_report
from reviewer.reports.html import QUOTE_LIMIT

from report_fixtures import seed_decisions, seed_result

VOID = {"meta", "br", "col", "img", "hr", "input", "link", "source", "wbr"}


class ReportParser(HTMLParser):
    """Checks nesting as it goes and collects ids, links, table rows and highlighted text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict]] = []
        self.errors: list[str] = []
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.tags: list[str] = []
        self.attrs_seen: list[tuple[str, str, str]] = []
        self.rows: dict[str, list[str]] = {}   # row id → text of each cell
        self.marked: dict[str, list[tuple[int, str]]] = {}  # data-n → (block no, text) pieces
        self.pins: set[str] = set()
        self.blocks: list[str] = []
        self.text_by_tag: dict[str, list[str]] = {}
        self._block = -1

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append(tag)
        for k, v in attrs.items():
            self.attrs_seen.append((tag, k, v or ""))
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if "href" in attrs:
            self.hrefs.append(attrs["href"])
        if tag == "p" and "blk" in attrs.get("class", ""):
            self._block += 1
            self.blocks.append("")
        if tag == "tr" and attrs.get("id", "").startswith("r"):
            self.rows[attrs["id"]] = []
        if tag == "td" and self._in("tr"):
            row = self._attr("tr", "id")
            if row in self.rows:
                self.rows[row].append("")
        if tag == "mark" and "pin" in attrs.get("class", ""):
            self.pins.add(attrs["data-n"])
        if tag not in VOID:
            self.stack.append((tag, attrs))

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1][0] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1][0] if self.stack else 'nothing'}")
            return
        self.stack.pop()

    def handle_data(self, data):
        if self.stack:
            self.text_by_tag.setdefault(self.stack[-1][0], []).append(data)
        row = self._attr("tr", "id")
        if row in self.rows and self._in("td"):
            self.rows[row][-1] += data
        if self._in("p") and self._block >= 0 and "blk" in (self._attr("p", "class") or ""):
            if not any(t == "span" for t, _ in self.stack):  # the "not contract text" tag
                self.blocks[self._block] += data
            for tag, attrs in self.stack:
                if tag == "mark" and "pin" not in attrs.get("class", ""):
                    self.marked.setdefault(attrs["data-n"], []).append((self._block, data))

    def _in(self, tag):
        return any(t == tag for t, _ in self.stack)

    def _attr(self, tag, name):
        for t, attrs in reversed(self.stack):
            if t == tag:
                return attrs.get(name)
        return None


def marked_text(pieces: list[tuple[int, str]]) -> str:
    """Highlighted pieces joined as Document.text joins blocks: a newline between two blocks."""
    out, last = "", None
    for block, text in pieces:
        if last is not None and block != last:
            out += "\n"
        out += text
        last = block
    return out


@pytest.fixture(scope="module")
def result():
    return seed_result()


def render(result, tmp_path, **kwargs) -> tuple[str, ReportParser]:
    path = write_report(result, "html", tmp_path / "seed.html", **kwargs)
    html = path.read_text(encoding="utf-8")
    parser = ReportParser()
    parser.feed(html)
    parser.close()
    return html, parser


def test_html_is_well_nested_and_self_contained(result, tmp_path):
    html, parser = render(result, tmp_path, decisions=seed_decisions(result))
    assert parser.errors == [] and parser.stack == []
    assert len(parser.ids) == len(set(parser.ids))
    assert not {"link", "img", "iframe", "object", "embed"} & set(parser.tags)
    assert not [a for a in parser.attrs_seen if a[1] == "src"]
    assert all(h.startswith("#") for h in parser.hrefs)
    assert "@media print" in html and "Noto Sans CJK SC" in html
    assert html.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in html


def test_font_stack_ends_in_the_chinese_faces_of_windows_macos_and_linux(result, tmp_path):
    html, _ = render(result, tmp_path)
    stack = re.search(r"body\{font-family:([^;]+);", html).group(1)
    faces = [face.strip().strip('"') for face in stack.split(",")]
    assert faces[-1] == "sans-serif"
    for face in ("Microsoft YaHei", "PingFang SC", "Hiragino Sans GB", "Noto Sans CJK SC", "Source Han Sans SC",
                 "WenQuanYi Micro Hei"):
        assert face in faces[:-1], face


def test_header_names_contract_parties_perspective_date_and_pack(result, tmp_path):
    _, parser = render(result, tmp_path)
    header = "".join(parser.text_by_tag.get("td", []))
    assert "电商平台智能客服系统升级合同" in "".join(parser.text_by_tag["p"])
    for expected in ("我方：甲方", "2026-03-02", "builtin 2026.1", "seed-contract-scraped.txt"):
        assert expected in header
    for party in result.document.parties.parties:
        assert party.label in header


def test_every_finding_has_a_row_linked_to_its_highlight(result, tmp_path):
    _, parser = render(result, tmp_path, decisions=seed_decisions(result))
    findings = sorted(result.findings, key=lambda f: f.sort_key)
    assert len(parser.rows) == len(findings)
    for n, finding in enumerate(findings, 1):
        cells = parser.rows[f"r{n}"]
        assert finding.message in cells[4]
        whole = finding.clause is None and finding.end - finding.start == len(result.document.text)
        if whole:
            assert f"#f{n}" not in parser.hrefs
            continue
        assert f"#f{n}" in parser.hrefs and f"f{n}" in parser.ids
        if finding.end > finding.start:
            assert cells[5] == finding.text.replace("\n", "")  # the quote (<br> between lines)
            assert len(finding.text) <= QUOTE_LIMIT
            assert marked_text(parser.marked[str(n)]) == finding.text
        else:
            assert str(n) in parser.pins


def test_overlapping_findings_both_highlighted(result, tmp_path):
    _, parser = render(result, tmp_path)
    findings = sorted(result.findings, key=lambda f: f.sort_key)
    n_def = str(next(i for i, f in enumerate(findings, 1) if f.rule == "fm-definition"))
    n_cross = str(next(i for i, f in enumerate(findings, 1) if f.rule == "fm-crossing"))
    assert marked_text(parser.marked[n_def]) == "自然灾害、行为、社会"
    assert marked_text(parser.marked[n_cross]) == "行为、社会异常事件"


def test_contract_text_is_complete_and_escaped(result, tmp_path):
    html, parser = render(result, tmp_path)
    assert "\n".join(parser.blocks) == result.document.text
    # a message with markup in it is shown as text, never as markup
    assert "<b>&amp;</b>" not in html.split("<body>")[1].split("<style>")[0]
    assert "&lt;b&gt;&amp;amp;&lt;/b&gt;" in html
    row = next(cells for cells in parser.rows.values() if "10.2 标题为" in cells[4])
    assert "<b>&amp;</b>" in row[4]


def test_decisions_shown_and_false_alarms_left_out(result, tmp_path):
    decisions = seed_decisions(result)
    _, parser = render(result, tmp_path, decisions=decisions)
    cells = {row[4].split("理由")[0]: row for row in parser.rows.values()}
    assert cells["acceptance-vague 的问题说明"][7] == "接受风险已与业务确认：可接受"
    assert cells["invoice-ordinary 的问题说明"][7] == "误报我方为小规模纳税人"
    _, parser = render(result, tmp_path, decisions=decisions, include_false_alarms=False)
    assert len(parser.rows) == len(result.findings) - 1
    assert not any("invoice-ordinary" in row[4] for row in parser.rows.values())


def test_english_report(result, tmp_path):
    try:
        set_language("en")
        html, parser = render(result, tmp_path)
    finally:
        set_language("zh")
    assert '<html lang="en">' in html and "Contract review report" in html
    assert "Severity" in "".join(parser.text_by_tag["th"])
