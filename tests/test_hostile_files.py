"""Damaged, hostile and odd contract files: one plain message each, bounded time and memory, nothing lost.

The files come from ``scripts/make_hostile.py``, built once into a temporary folder. Bombs are
opened in a child process under a 1.5 GB address-space limit and a timeout, so a regression
fails the test instead of exhausting the machine; the rest run in-process.
"""

from __future__ import annotations

import hashlib
import json
import os
import resource
import runpy
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import reviewer
from reviewer.model.decisions import DecisionStore, decisions_path
from reviewer.model.document import PageProblem
from reviewer.errors import LoadError, PasswordRequired, ReviewerError, WriteError
from reviewer.i18n import set_language
from reviewer.reports import FORMATS, report_name, write_report
from ui.launch import main as cli

ROOT = Path(__file__).resolve().parent.parent
MAKE = runpy.run_path(str(ROOT / "scripts" / "make_hostile.py"))
MEMORY_LIMIT = 1536 * 1024 * 1024  # address space of a child that opens a bomb
HANG_GUARD = 60  # seconds; only there so that a hang fails instead of blocking the suite
SHORT = "\n".join(MAKE["SHORT_CONTRACT"])
CHINESE_DOCX = "合同 草稿 (最终版)/供应商 合同 v2.docx"
CHINESE_PDF = "合同 草稿 (最终版)/供应商 合同 v2.pdf"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("hostile")
    MAKE["build"](out)
    return out


@pytest.fixture(autouse=True)
def private_folders(tmp_path, monkeypatch):
    """The user's data and rule folders live in the test's own folder."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data-home"))
    monkeypatch.setenv("CONTRACT_REVIEW_RULES_DIR", str(tmp_path / "no-user-rules"))


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def _child_env(**extra: str) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "CONTRACT_REVIEW_LANG": "zh", **extra}


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _refused(path: Path, *words: str) -> LoadError:
    """load() raises one LoadError that names the file, says what happened and what to do."""
    with pytest.raises(LoadError) as caught:
        reviewer.load(path)
    error = caught.value
    text = str(error)
    assert text.startswith(f"{path}: ") and error.hint and "Traceback" not in text
    for word in words:
        assert word in text, (word, text)
    return error


# -- files that cannot be reviewed: a plain message, in the library and on the command line --------------

REFUSED = {
    "empty.txt": ["文件是空的"], "empty.docx": ["文件是空的"], "empty.pdf": ["文件是空的"], "blank.txt": ["文件是空的"],
    "zero-pages.pdf": ["一页也没有"],
    "locked-user.pdf": ["打开密码", "打印"],
    "scan-only.pdf": ["扫描件", "共 3 页", "OCR"],
    "garbled-font.pdf": ["乱码", "共 2 页", "Word 版本"],
    "truncated.pdf": ["已损坏", "PDF"],
    "header-then-garbage.pdf": ["已损坏", "PDF"],
    "random.pdf": ["不是 PDF", "重新获取"],
    "random.docx": ["不是 Word（.docx）文档"],
    "old-word.doc": ["Word 97-2003（.doc）", "另存为", "Word 文档（*.docx）"],
    "old-wps.wps": ["WPS（.wps）", "另存为", "Word 文档（*.docx）"],
    "locked.docx": ["打开密码", "清空密码"],
    "web-page.doc": ["不是可识别的 Word 文档", "另存为"],
    "no-paragraphs.docx": ["没有任何文字"],
    "empty-paragraphs.docx": ["没有任何文字"],
    "big.txt": ["文件过大", "50 MB", "上限 20 MB"],
    "many-pages.pdf": ["2500 页", "上限 2000 页"],
    "pipe.txt": ["不是一个普通文件"],
    "many-lines.txt": ["超过 300 万字"],
}
if os.name == "nt":  # pragma: no cover - no named pipes in the file system there
    del REFUSED["pipe.txt"]


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_refused_with_a_plain_message(corpus, name):
    _refused(corpus / name, *REFUSED[name])


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_command_line_says_it_once_on_stderr(corpus, capsys, name):
    code = cli(["check", str(corpus / name)])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert err.startswith(f"contract-review: {corpus / name}: ") and err.count("contract-review:") == 1
    assert all(word in err for word in REFUSED[name]) and "Traceback" not in err


def test_real_command_reports_every_bad_file_and_exits_2(corpus):
    """The installed command, in a process of its own: one message per file, no traceback."""
    names = sorted(REFUSED) + ["zip-bomb.docx", "entity-bomb.docx"]
    proc = subprocess.run([sys.executable, "-m", "ui.launch", "check", *(str(corpus / n) for n in names)],
                          cwd=ROOT, env=_child_env(XDG_DATA_HOME=str(corpus / "data-home")),
                          capture_output=True, text=True, timeout=HANG_GUARD, preexec_fn=_limits)
    assert proc.returncode == 2 and proc.stdout == ""
    assert "Traceback" not in proc.stderr
    messages = proc.stderr.split("contract-review: ")[1:]
    assert len(messages) == len(names)
    for name, message in zip(names, messages):
        assert message.startswith(f"{corpus / name}: ")


def test_messages_in_english(corpus):
    set_language("en")
    try:
        _refused(corpus / "empty.txt", "The file is empty")
        _refused(corpus / "locked-user.pdf", "protected with an open password", "print it to a new PDF")
        _refused(corpus / "scan-only.pdf", "a scan (3 pages)", "OCR")
        _refused(corpus / "old-word.doc", "only .docx can be read", "Save As")
        _refused(corpus / "big.txt", "too large (50 MB; the limit is 20 MB)")
        _refused(corpus / "zero-pages.pdf", "no pages at all")
    finally:
        set_language("zh")


@pytest.mark.parametrize("name, module", [(CHINESE_DOCX, "reviewer.loaders.docx"), (CHINESE_PDF, "reviewer.loaders")])
def test_text_limit_holds_for_every_format(corpus, monkeypatch, name, module):
    # The limit (3 million characters) is far above these samples: lower it to see it work. The
    # Word reader stops as it reads; every format meets the same check when the text is assembled.
    monkeypatch.setattr(f"{module}.MAX_TEXT_CHARS", 1000)
    _refused(corpus / name, "远超任何合同")


# -- bombs: opened in a child process with a memory limit ----------------------------------------------

_OPEN_EACH = """
import json, resource, sys, time
import reviewer
from reviewer.errors import ReviewerError
for name in sys.argv[2:]:
    started = time.monotonic()
    try:
        doc = reviewer.load(sys.argv[1] + "/" + name)
        lines = doc.text.split("\\n")
        row = {"lines": len(lines), "head": lines[:30], "length": len(doc.text)}
    except ReviewerError as error:
        row = {"error": type(error).__name__, "message": str(error)}
    row.update(name=name, seconds=round(time.monotonic() - started, 2),
               peak_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
    print(json.dumps(row, ensure_ascii=False), flush=True)
"""

BOMBS = {
    "zip-bomb.docx": ["内部结构异常", "“word/document.xml”解压后有 256 MB"],
    "rels-bomb.docx": ["内部结构异常", "“_rels/.rels”解压后有 256 MB"],
    "zip-many-entries.docx": ["内部结构异常", "包含 20003 个内部部件"],
    "entity-bomb.docx": ["内部结构异常", "文档类型定义（DTD）"],
    "entity-quadratic.docx": ["内部结构异常", "文档类型定义（DTD）"],
    "external-entity.docx": ["内部结构异常", "文档类型定义（DTD）"],
    "zip-liar.docx": ["已损坏"],  # zipfile stops at the size the headers claim, then the CRC fails
    "deep-nesting.docx": ["已损坏"],  # libxml2 refuses nesting past 256 levels without huge_tree
}
READ_SAFELY = ("nested-text-boxes.docx", "numbering-bomb.docx")


@pytest.fixture(scope="module")
def opened(corpus) -> dict[str, dict]:
    names = [*BOMBS, *READ_SAFELY]
    proc = subprocess.run([sys.executable, "-c", _OPEN_EACH, str(corpus), *names], cwd=ROOT, env=_child_env(),
                          capture_output=True, text=True, timeout=HANG_GUARD, preexec_fn=_limits)
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr[-2000:]
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    return {row["name"]: row for row in rows}


@pytest.mark.parametrize("name", sorted(BOMBS))
def test_bomb_refused_before_it_expands(opened, corpus, name):
    row = opened[name]
    assert row.get("error") == "LoadError", row
    assert row["message"].startswith(f"{corpus / name}: ")
    for word in BOMBS[name]:
        assert word in row["message"], row["message"]


def test_nested_text_boxes_read_once_each(opened):
    row = opened["nested-text-boxes.docx"]
    # The anchoring paragraph comes first, then the boxes it anchors, outermost first.
    assert row["lines"] == 25 and row["head"] == [f"第 {level} 层" for level in range(23, -1, -1)] + ["第一条 最里面的文本框"]


def test_numbering_bomb_labels_stay_small(opened):
    row = opened["numbering-bomb.docx"]
    # Letters counted from two billion fall back to the number; a number text of 10,000 "%1"
    # is cut to 200 characters, so 4,000 items make 2 MB of text, not 40 GB.
    assert row["lines"] == 4000 and row["length"] < 3_000_000
    assert row["head"][:2] == ["2000000000" * 100 + "\tx", "2000000000\tx"]


# -- files that load, with what the reader must know ----------------------------------------------------


def test_scan_with_some_text_pages(corpus):
    doc = reviewer.load(corpus / "scan-mixed.pdf")
    assert doc.text == SHORT
    assert doc.page_problems == (PageProblem(2, "no-text"),) and doc.page_count == 3
    assert doc.page_at(doc.text.index("第二条")) == 3


def test_pdf_that_lost_its_end_loads_with_a_note(corpus):
    doc = reviewer.load(corpus / "truncated-tail.pdf")
    assert doc.text == reviewer.load(corpus / CHINESE_PDF).text
    assert len(doc.notes) == 1 and "末尾不完整" in doc.notes[0] and "重新获取完整文件" in doc.notes[0]


def test_owner_password_alone_opens(corpus):
    assert reviewer.load(corpus / "locked-owner.pdf").text == SHORT


def test_open_password(corpus):
    path = corpus / "locked-user.pdf"
    error = _refused(path, "需要密码")
    assert isinstance(error, PasswordRequired) and not error.wrong_password
    with pytest.raises(PasswordRequired) as caught:
        reviewer.load(path, password="not-it")
    assert caught.value.wrong_password and "密码不正确" in caught.value.message
    assert reviewer.load(path, password="secret").text == SHORT
    assert reviewer.load(path, password="owner-secret").text == SHORT
    assert reviewer.load(corpus / "no-numbering.txt", password="ignored").format == "txt"


@pytest.mark.parametrize("name, encoding", [("utf32-le.txt", "utf-32-le"), ("utf32-bom.txt", "utf-32")])
def test_utf32_decoded(corpus, name, encoding):
    doc = reviewer.load(corpus / name)
    assert doc.text == SHORT and doc.source_encoding == encoding and doc.notes == ()


def test_shift_jis_decoded_and_named(corpus):
    doc = reviewer.load(corpus / "shift-jis.txt")
    assert doc.text == "\n".join(MAKE["JAPANESE"])
    assert len(doc.notes) == 1 and "Shift-JIS（日文）" in doc.notes[0]


def test_latin1_decoded_and_named(corpus):
    doc = reviewer.load(corpus / "latin1.txt")
    assert doc.text == "\n".join(MAKE["FRENCH"]) and "Société Générale" not in doc.text
    assert "« le Client »" in doc.text
    assert len(doc.notes) == 1 and "Windows-1252" in doc.notes[0]


def test_double_encoded_text_restored_with_a_note(corpus):
    doc = reviewer.load(corpus / "double-encoded.txt")
    assert doc.text == SHORT
    assert len(doc.notes) == 1 and "已自动还原" in doc.notes[0]


def test_lost_characters_are_not_hidden(corpus):
    doc = reviewer.load(corpus / "replacement-chars.txt")
    lost = doc.text.count("\ufffd")
    assert lost > 40 and doc.text.replace("\ufffd", "") != doc.text
    assert len(doc.notes) == 1 and f"有 {lost} 个字符无法正常识别" in doc.notes[0]


def test_contract_without_numbering_reviews(corpus):
    doc = reviewer.load(corpus / "no-numbering.txt")
    result = reviewer.review(doc)
    # Headings without numbers still make clauses, and nothing gets a number it does not have.
    assert [c.kind for c in doc.clauses] == ["title", "preamble"] + ["clause"] * 7 + ["signature"]
    assert all(c.number is None for c in doc.clauses)
    assert [p.label for p in doc.parties.parties] == ["甲方", "乙方"]
    found = {f.rule: f for f in result.findings}
    assert found["suspension-unilateral"].text == "乙方有权在甲方逾期付款时暂停"
    assert found["jurisdiction-their-seat"].text == "乙方所在地有管辖权的人民法院"
    for f in result.findings:
        assert doc.text[f.start:f.end] == f.text and f.clause is None


def test_contract_in_english_only_reviews(corpus):
    doc = reviewer.load(corpus / "english-only.txt")
    result = reviewer.review(doc)
    assert [c.number for c in doc.clauses if c.number] == ["1", "1.1", "1.2", "2", "2.1", "3", "3.1", "3.2",
                                                           "4", "4.1", "5", "5.1", "6", "6.1"]
    assert [(p.label, p.name) for p in doc.parties.parties] == [
        ("Customer", "Northwind Analytics Ltd."), ("Vendor", "Bluepeak Software Inc.")]
    assert result.findings and all(doc.text[f.start:f.end] == f.text for f in result.findings)


# -- paths, folders and nothing lost --------------------------------------------------------------------


def test_chinese_path_with_spaces_end_to_end(corpus, tmp_path):
    folder = tmp_path / "审查 结果 (第 1 轮)"
    source = corpus / CHINESE_DOCX
    before = _sha(source)
    proc = subprocess.run([sys.executable, "-m", "ui.launch", "check", str(source), "--format", "annotated",
                           "-o", str(folder / "供应商 合同 批注.docx")], cwd=ROOT, capture_output=True, text=True,
                          env=_child_env(XDG_DATA_HOME=str(tmp_path / "data-home")), timeout=HANG_GUARD)
    assert proc.returncode == 0 and proc.stderr == "", proc.stderr
    annotated = reviewer.load(folder / "供应商 合同 批注.docx")
    assert annotated.text.startswith("电商平台智能客服系统升级合同")
    assert _sha(source) == before
    assert decisions_path(source) == source.with_name("供应商 合同 v2.docx.review.json")


@pytest.mark.parametrize("name", [CHINESE_DOCX, CHINESE_PDF, "no-numbering.txt"])
def test_source_is_never_modified(corpus, tmp_path, name):
    source = tmp_path / Path(name).name
    shutil.copyfile(corpus / name, source)
    before, stamp = _sha(source), source.stat().st_mtime_ns
    result = reviewer.review(reviewer.load(source))
    store = DecisionStore.for_contract(source)
    store.set(result.findings[0], "accepted", "已与对方确认")
    written = [write_report(result, fmt, tmp_path / "out" / report_name(source, fmt),
                            decisions=store.for_findings(result.findings)) for fmt in FORMATS]
    with pytest.raises(ReviewerError, match="不能覆盖合同原件"):
        write_report(result, "annotated", source)
    assert _sha(source) == before and source.stat().st_mtime_ns == stamp
    assert source not in written and all(p.stat().st_size > 0 for p in written)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["out", source.name, source.name + ".review.json"])


# -- the review decisions file -------------------------------------------------------------------------


@pytest.mark.parametrize("name, reason", [
    ("contract.txt.review.json", "JSON 格式错误"),
    ("nested.txt.review.json", "嵌套过深"),
    ("wrong-types.txt.review.json", "不是一条审阅记录"),
])
def test_damaged_decisions_kept_aside_and_told(corpus, tmp_path, name, reason):
    path = tmp_path / name
    shutil.copyfile(corpus / "decisions" / name, path)
    original = path.read_bytes()
    store = DecisionStore.load(path)
    aside = [p for p in tmp_path.iterdir() if p.name.startswith(name + ".damaged-")]
    assert len(aside) == 1 and aside[0].read_bytes() == original  # renamed, never rewritten
    assert store.decisions == {} and aside[0].name in store.warning and reason in store.warning
    assert not path.exists()
    result = reviewer.review(reviewer.load(corpus / "decisions" / "contract.txt"))
    store.set(result.findings[0], "fixed")
    assert DecisionStore.load(path).get(result.findings[0]).status == "fixed" and aside[0].exists()


def test_two_damaged_files_in_one_second_keep_both(tmp_path):
    path = tmp_path / "c.txt.review.json"
    for content in ("{broken", "[also broken"):
        path.write_text(content, encoding="utf-8")
        assert DecisionStore.load(path).warning
    kept = sorted(p.read_text(encoding="utf-8") for p in tmp_path.iterdir())
    assert kept == ["[also broken", "{broken"]


def test_command_line_tells_about_damaged_decisions(corpus, tmp_path, capsys):
    for name in ("contract.txt", "contract.txt.review.json"):
        shutil.copyfile(corpus / "decisions" / name, tmp_path / name)
    code = cli(["check", str(tmp_path / "contract.txt")])
    out, err = capsys.readouterr()
    assert code == 0 and "个问题" in out
    aside = [p.name for p in tmp_path.iterdir() if ".damaged-" in p.name]
    assert len(aside) == 1
    assert aside[0] in err and "Traceback" not in err


# -- a read-only folder --------------------------------------------------------------------------------

_READ_ONLY_SESSION = """
import sys
from pathlib import Path
import reviewer
from reviewer.model.decisions import DecisionStore
from reviewer.errors import ReviewerError
from reviewer.reports import write_report
contract = Path(sys.argv[1])
damaged = DecisionStore.for_contract(contract.with_name("坏.txt"))
print(damaged.warning)
store = DecisionStore.for_contract(contract)
carried = len(store.decisions)
result = reviewer.review(reviewer.load(contract))
store.set(result.findings[0], "accepted", "ok")
print(carried, store.path)
try:
    write_report(result, "html", contract.with_name("report.html"))
except ReviewerError as error:
    print("ReviewerError:", str(error).replace("\\n", " | "))
except OSError as error:
    print("OSError:", error)
"""


@pytest.fixture
def read_only_folder(corpus, tmp_path):
    """A folder the child process cannot write to (as root, the child gives up overriding permissions)."""
    folder, data_home = tmp_path / "只读 文件夹", tmp_path / "data-home"
    folder.mkdir()
    for name in ("合同.txt", "坏.txt"):
        shutil.copyfile(corpus / "no-numbering.txt", folder / name)
    # Decisions saved while the folder was still writable, and a damaged decisions file.
    (folder / "合同.txt.review.json").write_text(
        '{"schema": 1, "decisions": {"earlier|1.1|x": {"status": "fixed", "note": "", "updated": ""}}}',
        encoding="utf-8")
    shutil.copyfile(corpus / "decisions" / "contract.txt.review.json", folder / "坏.txt.review.json")
    folder.chmod(0o555)
    try:
        yield folder, data_home
    finally:
        folder.chmod(0o755)


def _without_permission_override() -> None:
    """Drop CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH from the bounding set before exec: root obeys chmod."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):
        if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def _run_unprivileged(argv: list[str], data_home: Path) -> subprocess.CompletedProcess:
    as_root = {"preexec_fn": _without_permission_override} if os.geteuid() == 0 else {}
    try:
        return subprocess.run(argv, cwd=ROOT, env=_child_env(XDG_DATA_HOME=str(data_home)),
                              capture_output=True, text=True, timeout=HANG_GUARD, **as_root)
    except subprocess.SubprocessError as error:  # pragma: no cover - a sandbox without CAP_SETPCAP
        if isinstance(error, subprocess.TimeoutExpired):
            raise
        pytest.skip(f"cannot drop the permission override here: {error}")


def test_read_only_folder_decisions_go_to_the_user_data_folder(read_only_folder):
    folder, data_home = read_only_folder
    before = {p.name: _sha(p) for p in folder.iterdir()}
    proc = _run_unprivileged([sys.executable, "-c", _READ_ONLY_SESSION, str(folder / "合同.txt")], data_home)
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    warning, saved, report = proc.stdout.splitlines()
    assert str(folder / "坏.txt.review.json") in warning and "原文件保持不动" in warning
    carried, saved = saved.split(" ", 1)
    assert carried == "1" and Path(saved).parent == data_home / "contract-reviewer" / "decisions"
    assert set(json.loads(Path(saved).read_text(encoding="utf-8"))["decisions"]) > {"earlier|1.1|x"}
    assert {p.name: _sha(p) for p in folder.iterdir()} == before  # nothing in the folder changed
    assert report.startswith("ReviewerError: ") and str(folder) in report and "可以写入的文件夹" in report


def test_read_only_folder_report_on_the_command_line(read_only_folder):
    folder, data_home = read_only_folder
    proc = _run_unprivileged([sys.executable, "-m", "ui.launch", "check", str(folder / "合同.txt"),
                              "--format", "html", "-o", str(folder / "报告.html")], data_home)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert proc.stderr.startswith("contract-review: ") and str(folder) in proc.stderr and "可以写入的文件夹" in proc.stderr


def test_write_error_is_plain_and_still_an_oserror(tmp_path):
    error = WriteError.from_os_error(tmp_path / "x" / "r.html", PermissionError(13, "Permission denied"))
    assert isinstance(error, OSError) and isinstance(error, ReviewerError)
    assert str(error).startswith(f"{tmp_path / 'x' / 'r.html'}: 无法在文件夹“{tmp_path / 'x'}”中写入文件（Permission denied）")
