"""``contract-review compare``: every format on the seed and its draft 2, exit codes, the JSON schema."""

from __future__ import annotations

import json
import shutil
import zipfile
from importlib import resources
from pathlib import Path

import pytest
from lxml import etree

from reviewer.commands.cli import main

from test_compare_seed import EXPECTED_CLAUSES, NEW, RESOLVED
from test_report_json import validate

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
OLD, NEW_DRAFT = SAMPLES / "seed-contract-clean.txt", SAMPLES / "seed-contract-draft2.txt"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def schema() -> dict:
    return json.loads(resources.files("reviewer.data").joinpath("compare-schema.json").read_text("utf-8"))


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["compare", *map(str, argv)])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def as_json(tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("json") / "c.json"
    assert main(["compare", str(OLD), str(NEW_DRAFT), "--format", "json", "-o", str(out)]) == 0
    return json.loads(out.read_text("utf-8"))


def test_text_lists_the_changed_clauses_and_the_risk_delta(capsys):
    code, out, _ = run(capsys, OLD, NEW_DRAFT)
    assert code == 0
    lines = out.splitlines()
    assert lines[1] == "条款：未变 37，移动 0，修改 2，新增 2，删除 1"
    assert "修改  2.2 → 2.3  服务期限：…盖章之日起计算,为期[-____年-]{+两年+}。" in lines
    assert "删除  7.2 → —  维护服务" in lines
    assert "新增  — → 8.3  费用调整  [新增风险：单方变更]" in lines  # the clause that brought the new risk in
    assert "风险：新增 1，已解决 3，仍存在 24" in lines
    first = lines[lines.index("风险：新增 1，已解决 3，仍存在 24") + 1]
    assert first.startswith(f"{NEW_DRAFT}:1: 8.3 high unilateral-change — ") and first.endswith("[新增风险]")
    assert any(line.startswith(f"{OLD}:1: 4.2 high ip-ownership") and line.endswith("[已解决]") for line in lines)


def test_json_is_valid_against_its_schema(as_json):
    assert validate(as_json, schema()) == []
    assert as_json["schema"] == 1 and as_json["mode"] == "drafts"


def test_json_pairs_and_statuses(as_json):
    assert [(c["old"], c["new"], c["status"]) for c in as_json["clauses"]] == EXPECTED_CLAUSES
    resolved = [(f["clause_old"], f["rule"], f["text"]) for f in as_json["findings"] if f["status"] == "resolved"]
    assert resolved == RESOLVED
    assert [(f["clause_new"], f["rule"]) for f in as_json["findings"] if f["status"] == "new"] == NEW
    assert as_json["counts"]["findings"] == {"new": 1, "open": 24, "resolved": 3}


def test_json_offsets_index_each_drafts_text(as_json):
    old, new = as_json["old"]["text"], as_json["new"]["text"]
    by_new = {c["new"]: c for c in as_json["clauses"]}
    assert new[by_new["2.3"]["new_start"]:by_new["2.3"]["new_end"]].startswith("2.3服务期限")
    assert old[by_new["2.3"]["old_start"]:by_new["2.3"]["old_end"]].startswith("2.2服务期限")
    (word,) = by_new["4.2"]["words"]
    assert (old[word["old_start"]:word["old_end"]], new[word["new_start"]:word["new_end"]]) == ("乙方", "甲方")
    for f in as_json["findings"]:
        if f["new_start"] is not None:
            assert new[f["new_start"]:f["new_end"]] == f["text"]
        if f["old_start"] is not None and f["status"] == "resolved":
            assert old[f["old_start"]:f["old_end"]] == f["text"]


def test_the_same_through_docx_files(tmp_path):
    out = tmp_path / "c.json"
    assert main(["compare", str(OLD.with_suffix(".docx")), str(NEW_DRAFT.with_suffix(".docx")),
                 "--format", "json", "-o", str(out)]) == 0
    data = json.loads(out.read_text("utf-8"))
    assert validate(data, schema()) == []
    assert [(c["old"], c["new"], c["status"]) for c in data["clauses"]] == EXPECTED_CLAUSES
    assert data["counts"]["findings"] == {"new": 1, "open": 24, "resolved": 3}


def test_html_marks_words_and_strikes_resolved_findings(tmp_path):
    out = tmp_path / "c.html"
    assert main(["compare", str(OLD), str(NEW_DRAFT), "--format", "html", "-o", str(out)]) == 0
    html = out.read_text("utf-8")
    assert "<del>乙方</del><ins>甲方</ins>" in html
    assert html.count('<tr class="resolved">') == 3
    assert "tr.resolved .msg{text-decoration:line-through" in html
    assert '<section id="redline">' in html and "<del>7.2维护服务</del>" in html


def test_markdown(tmp_path):
    out = tmp_path / "c.md"
    assert main(["compare", str(OLD), str(NEW_DRAFT), "--format", "md", "-o", str(out)]) == 0
    md = out.read_text("utf-8")
    assert "| 修改 | 4.2 | 4.2 | 知识产权归属 | …生的任何知识产权均归~~乙方~~**甲方**所有。 |" in md
    assert "| 已解决 | 7.2 → — | medium | ~~7.2 只约定乙方“立即”处理，没有可衡量的时限。~~ |  |" in md


def _accepted_and_rejected(docx: Path) -> tuple[str, str]:
    """The document's text with every tracked change accepted, and with every one rejected."""
    root = etree.fromstring(zipfile.ZipFile(docx).read("word/document.xml"))
    accepted, rejected = [], []
    for p in root.iter(f"{W}p"):
        mark = p.find(f"{W}pPr/{W}rPr")
        mark_op = None
        if mark is not None:
            mark_op = "ins" if mark.find(f"{W}ins") is not None else "del" if mark.find(f"{W}del") is not None else None
        a, r = [], []
        for run in p.iter(f"{W}r"):
            parent = run.getparent().tag
            text = "".join(t.text or "" for t in run if t.tag in (f"{W}t", f"{W}delText"))
            if parent != f"{W}del":
                a.append(text)
            if parent != f"{W}ins":
                r.append(text)
        accepted.append("".join(a) + ("" if mark_op == "del" else "\n"))
        rejected.append("".join(r) + ("" if mark_op == "ins" else "\n"))
    return "".join(accepted)[:-1], "".join(rejected)[:-1]


@pytest.mark.parametrize("suffix", [".txt", ".docx"])
def test_the_redline_docx_accepted_is_the_new_draft_and_rejected_the_old(tmp_path, suffix):
    from reviewer import load

    out = tmp_path / "redline.docx"
    old, new = OLD.with_suffix(suffix), NEW_DRAFT.with_suffix(suffix)
    assert main(["compare", str(old), str(new), "--format", "docx", "-o", str(out)]) == 0
    accepted, rejected = _accepted_and_rejected(out)
    assert accepted == load(new).text
    assert rejected == load(old).text
    xml = zipfile.ZipFile(out).read("word/document.xml").decode("utf-8")
    assert xml.count("<w:del ") >= 4 and xml.count("<w:ins ") >= 4
    assert "<w:trackRevisions/>" in zipfile.ZipFile(out).read("word/settings.xml").decode("utf-8")


def test_against_our_template(capsys, tmp_path):
    code, out, _ = run(capsys, "--template", OLD, NEW_DRAFT)
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith(f"我方模板 {OLD} ↔ 对方文本 {NEW_DRAFT}")
    assert "对方缺少  7.2 → —  维护服务" in lines
    assert "对方增加  — → 8.3  费用调整  [新增风险：单方变更]" in lines
    assert "一致  4.1 → 4.1  软件版权" in lines  # every clause of ours, unchanged ones too
    findings = [line for line in lines if line.startswith(str(NEW_DRAFT)) or line.startswith(str(OLD))]
    assert len(findings) == 1 and findings[0].endswith("[新增风险]")  # only the risks their draft brings in
    target = tmp_path / "t.json"
    assert main(["compare", "--template", str(OLD), str(NEW_DRAFT), "--format", "json", "-o", str(target)]) == 0
    data = json.loads(target.read_text("utf-8"))
    assert data["mode"] == "template" and validate(data, schema()) == []


def test_against_our_template_a_weakened_clause_names_the_risk_it_brings(capsys):
    # Our template gives the IP to 甲方 (draft 2's 4.2); theirs gives it to 乙方 (the seed's).
    code, out, _ = run(capsys, "--template", NEW_DRAFT, OLD)
    assert code == 0
    assert "被修改  4.2 → 4.2  知识产权归属：…生的任何知识产权均归[-甲方-]{+乙方+}所有。  [新增风险：知识产权归属]" \
        in out.splitlines()
    assert "对方缺少  8.3 → —  费用调整" in out.splitlines()


def test_fail_on_counts_what_the_new_draft_still_has(capsys):
    assert run(capsys, OLD, NEW_DRAFT, "--fail-on", "high")[0] == 1
    assert run(capsys, OLD, NEW_DRAFT, "--fail-on", "high", "--no-default-rules")[0] == 0


@pytest.mark.parametrize("argv, words", [
    (["missing.txt", str(NEW_DRAFT)], "文件不存在"),
    ([str(SAMPLES), str(NEW_DRAFT)], "是文件夹"),
    ([str(OLD), str(NEW_DRAFT), "--format", "docx"], "需要用 -o"),
    ([str(OLD), str(NEW_DRAFT), "-o", str(NEW_DRAFT)], "不能覆盖"),
])
def test_bad_input_exits_2_with_a_plain_message(capsys, argv, words):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert words in err and "Traceback" not in err


def test_a_damaged_file_exits_2(capsys, tmp_path):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"\x00\x01 not a zip")
    code, _, err = run(capsys, OLD, bad)
    assert code == 2 and "bad.docx" in err


def test_save_decisions_writes_the_carried_ones_beside_the_new_draft(capsys, tmp_path):
    from reviewer import load, review
    from reviewer.model.decisions import DecisionStore

    old, new = tmp_path / OLD.name, tmp_path / NEW_DRAFT.name
    shutil.copy(OLD, old)
    shutil.copy(NEW_DRAFT, new)
    finding = next(f for f in review(load(old)).findings if f.rule == "invoice-ordinary-vat-only")
    DecisionStore.for_contract(old).set(finding, "accepted", "普票可以")
    code, out, err = run(capsys, old, new, "--save-decisions")
    assert code == 0 and "[仍存在; 接受风险，沿用上一稿]" in out
    assert "已把 1 条处理结果写入" in err
    moved = next(f for f in review(load(new)).findings if f.rule == "invoice-ordinary-vat-only")
    assert DecisionStore.for_contract(new).get(moved).note == "普票可以"
