"""The command line: compiler-like output, JSON, exit codes, rules list/explain/test, overrides."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reviewer.commands.cli import main

ROOT = Path(__file__).resolve().parent.parent

RULES = """\
# yaml-language-server: $schema=./schema.json
pack: cli-test
version: "9.9"
rules:
  - id: test-suspension
    type: pattern
    title: 供应商可暂停服务
    category: suspension
    severity: medium
    message: "{clause} 允许{them}单方暂停服务：“{text}”。"
    why: 暂停服务会中断我方业务。
    suggestion: 删除暂停条款。
    any: ['{them}有权暂停']
    examples:
      fire: ["8.2 乙方有权暂停提供服务。"]
      no_fire: ["8.2 甲方有权暂停付款。"]
"""
CONTRACT = "技术服务合同\n甲方：某某电商有限公司\n乙方：某某科技有限公司\n第一条 服务\n1.1 乙方应提供技术服务。\n1.2 若甲方逾期付款，乙方有权暂停提供服务。\n"


@pytest.fixture
def setup(tmp_path, monkeypatch):
    monkeypatch.setenv("CONTRACT_REVIEW_RULES_DIR", str(tmp_path / "no-user-rules"))
    rules = tmp_path / "rules.yaml"
    rules.write_text(RULES, encoding="utf-8")
    contract = tmp_path / "合同 样本.txt"
    contract.write_text(CONTRACT, encoding="utf-8")
    return rules, contract


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_check_text_output_reads_like_a_compiler(setup, capsys):
    rules, contract = setup
    code, out, err = run(capsys, "check", str(contract), "--no-default-rules", "--rules", str(rules))
    assert code == 0, err
    first = out.splitlines()[0]
    assert first == f"{contract}:1: 1.2 medium suspension — 1.2 允许乙方单方暂停服务：“乙方有权暂停”。"
    assert "1 个问题：高 0，中 1，低 0，提示 0（cli-test 9.9" in out


def test_fail_on_sets_exit_code(setup, capsys):
    rules, contract = setup
    assert run(capsys, "check", str(contract), "--no-default-rules", "--rules", str(rules), "--fail-on", "medium")[0] == 1
    assert run(capsys, "check", str(contract), "--no-default-rules", "--rules", str(rules), "--fail-on", "high")[0] == 0


def test_json_output_indexes_the_full_text(setup, capsys):
    rules, contract = setup
    code, out, _ = run(capsys, "check", str(contract), "--no-default-rules", "--rules", str(rules), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["schema"] == 1
    doc = data["documents"][0]
    finding = doc["findings"][0]
    assert doc["text"][finding["start"]:finding["end"]] == finding["text"] == "乙方有权暂停"
    assert finding["clause"] == "1.2" and finding["rule"] == "test-suspension"
    assert doc["perspective"] == "customer"


def test_perspective_vendor_flips_us_and_them(setup, capsys):
    rules, contract = setup
    code, out, _ = run(capsys, "check", str(contract), "--no-default-rules", "--rules", str(rules),
                       "--perspective", "vendor")
    assert code == 0 and "suspension" not in out.splitlines()[0]


def test_missing_file_is_a_plain_error_with_exit_2(setup, capsys):
    code, out, err = run(capsys, "check", "no-such-contract.docx")
    assert code == 2 and "Traceback" not in err and "no-such-contract.docx" in err


def test_usage_error_exits_2(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["check", "--format", "pdf", "x.txt"])
    assert exc.value.code == 2


def test_rules_list_explain_and_test(setup, capsys):
    rules, _ = setup
    code, out, _ = run(capsys, "rules", "--no-default-rules", "--rules", str(rules), "list")
    assert code == 0 and out.splitlines()[0].split() == ["test-suspension", "suspension", "medium", "开", "rules.yaml:5"]
    code, out, _ = run(capsys, "rules", "--no-default-rules", "--rules", str(rules), "explain", "test-suspension")
    assert code == 0 and "暂停服务会中断我方业务" in out and "What it flags" in out and "8.2 乙方有权暂停提供服务。" in out
    code, out, _ = run(capsys, "rules", "--no-default-rules", "--rules", str(rules), "test")
    assert code == 0 and "2 个示例通过，0 个失败" in out


def test_rules_test_fails_on_a_broken_example(setup, capsys, tmp_path):
    rules, _ = setup
    broken = tmp_path / "broken.yaml"
    broken.write_text(RULES.replace('no_fire: ["8.2 甲方有权暂停付款。"]', 'no_fire: ["8.2 乙方有权暂停付款。"]'),
                      encoding="utf-8")
    code, out, _ = run(capsys, "rules", "--no-default-rules", "--rules", str(broken), "test")
    assert code == 1
    assert f"FAIL {broken}:5: test-suspension [no_fire]" in out and "'8.2 乙方有权暂停付款。'" in out


def test_override_file_changes_severity_in_check_output(setup, capsys, tmp_path):
    rules, contract = setup
    override = tmp_path / "zz-override.yaml"
    override.write_text('pack: mine\nversion: "1"\nrules:\n  - id: test-suspension\n    severity: high\n',
                        encoding="utf-8")
    code, out, _ = run(capsys, "check", str(contract), "--no-default-rules", "--rules", str(rules),
                       "--rules", str(override))
    assert " 1.2 high suspension — " in out.splitlines()[0]
    code, out, _ = run(capsys, "rules", "--no-default-rules", "--rules", str(rules), "--rules", str(override),
                       "list", "--origin")
    assert "severity ← zz-override.yaml:4" in out


def test_broken_rule_file_is_reported_and_others_still_run(setup, capsys, tmp_path):
    rules, contract = setup
    bad = tmp_path / "bad.yaml"
    bad.write_text('pack: bad\nversion: "1"\nrules:\n  - id: x\n    type: patern\n', encoding="utf-8")
    code, out, err = run(capsys, "check", str(contract), "--no-default-rules", "--rules", str(rules), "--rules", str(bad))
    assert f"{bad}:5:11: 未知的规则类型“patern”（是否想写“pattern”？）" in err
    assert "suspension" in out  # the findings of the rules that did load are printed ...
    # ... and the run still fails: a CI job must not pass with fewer rules than it asked for.
    assert code == 2 and err.endswith("用 --rules 指定的 1 个规则文件未载入（见上），以上问题只来自已载入的规则。\n")


def test_refused_rule_file_in_a_named_folder_fails_the_check_too(setup, capsys, tmp_path):
    rules, contract = setup
    folder = tmp_path / "team-rules"
    folder.mkdir()
    (folder / "good.yaml").write_text(RULES, encoding="utf-8")
    (folder / "bad.yaml").write_text('pack: bad\nversion: "1"\nrules:\n  - id: x\n    type: patern\n', encoding="utf-8")
    code, out, err = run(capsys, "check", str(contract), "--no-default-rules", "--rules", str(folder),
                         "--fail-on", "medium")
    assert code == 2 and "suspension" in out and str(folder / "bad.yaml") in err


def test_refused_rule_file_in_the_users_folder_is_reported_but_not_an_error(setup, capsys, tmp_path, monkeypatch):
    rules, contract = setup
    user = tmp_path / "user-rules"
    user.mkdir()
    (user / "typo.yaml").write_text('pack: bad\nversion: "1"\nrules:\n  - id: x\n    type: patern\n', encoding="utf-8")
    monkeypatch.setenv("CONTRACT_REVIEW_RULES_DIR", str(user))
    code, out, err = run(capsys, "check", str(contract), "--rules", str(rules))
    assert code == 0 and "suspension" in out and str(user / "typo.yaml") in err and "--rules" not in err


def test_rules_test_runs_fixture_contracts_beside_the_rules(setup, capsys, tmp_path):
    rules, contract = setup
    folder = tmp_path / "pack"
    (folder / "fixtures").mkdir(parents=True)
    (folder / "rules.yaml").write_text(RULES, encoding="utf-8")
    (folder / "fixtures" / "c.txt").write_text(CONTRACT, encoding="utf-8")
    expect = folder / "fixtures" / "c.expect.yaml"
    expect.write_text("fire:\n  - rule: test-suspension\n    text: 乙方有权暂停\n", encoding="utf-8")
    code, out, _ = run(capsys, "rules", "--no-default-rules", "--rules", str(folder), "test")
    assert code == 0 and "样例合同检查 1 项" in out
    expect.write_text("fire:\n  - rule: test-suspension\n    text: 甲方有权解除\n"
                      "no_fire:\n  - rule: test-suspension\n", encoding="utf-8")
    code, out, _ = run(capsys, "rules", "--no-default-rules", "--rules", str(folder), "test")
    assert code == 1
    assert f"FAIL {expect}:2: [fire] 合同中没有“甲方有权解除”这段文字" in out
    assert f"FAIL {expect}:5: [no_fire] 不应报出 test-suspension 却报出了 1 个" in out


def test_check_on_a_folder_reviews_its_contracts_but_not_its_readme(setup, capsys, tmp_path):
    rules, contract = setup
    (contract.parent / "README.md").write_text("# 说明\n这里放待审合同。\n", encoding="utf-8")
    out = tmp_path / "reports"
    code, _, err = run(capsys, "check", str(contract.parent), "--no-default-rules", "--rules", str(rules),
                       "--format", "md", "-o", str(out))
    assert code == 0, err
    assert sorted(p.name for p in out.iterdir()) == ["summary.html", "summary.xlsx", "合同 样本.md"]


def _command(*argv: str) -> list[str]:
    return [sys.executable, "-m", "ui.launch", *argv]


def test_output_into_a_pipe_whose_reader_has_gone_ends_quietly(tmp_path):
    """`contract-review rules list | head`: no BrokenPipeError traceback, and the exit of SIGPIPE."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CONTRACT_REVIEW_RULES_DIR": str(tmp_path / "none")}
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the first line: every write meets a closed pipe
    try:
        proc = subprocess.run(_command("rules", "list"), stdout=write_end, stderr=subprocess.PIPE, cwd=ROOT,
                              env=env, text=True, timeout=120)
    finally:
        os.close(write_end)
    assert proc.stderr == "" and proc.returncode == 141
    # The same through a real `| head -n 3`, whichever of the two ends first.
    lister = subprocess.Popen(_command("rules", "list"), stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT,
                              env=env)
    head = subprocess.run(["head", "-n", "3"], stdin=lister.stdout, capture_output=True, text=True, timeout=120)
    lister.stdout.close()
    err = lister.stderr.read().decode()
    lister.stderr.close()
    assert lister.wait(timeout=120) in (0, 141) and err == ""
    assert len(head.stdout.splitlines()) == 3


@pytest.mark.parametrize("columns", [None, "120", "not a number", "0"])
def test_help_is_as_wide_as_shutil_says(monkeypatch, columns):
    """The help formatter asks for the terminal's width without shutil, and gets what shutil says."""
    import shutil

    from reviewer.commands.cli import _terminal_columns

    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    assert _terminal_columns() == shutil.get_terminal_size().columns


def test_help_wraps_at_the_terminal_width(capsys, monkeypatch):
    shown = {}
    for columns in ("50", "150"):
        monkeypatch.setenv("COLUMNS", columns)
        with pytest.raises(SystemExit):
            main(["check", "--help"])
        shown[columns] = capsys.readouterr().out.splitlines()
    assert len(shown["50"]) > len(shown["150"])
    assert max(map(len, shown["150"])) > 50
