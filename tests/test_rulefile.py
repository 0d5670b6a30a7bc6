"""Strict validation of rule files: every mistake named at its file, line and column."""

from __future__ import annotations

from pathlib import Path


from reviewer.engine.rulepack import RuleSet

HEADER = 'pack: mine\nversion: "1"\n'
GOOD_RULE = """\
  - id: no-suspension
    type: pattern
    title: 暂停服务
    category: suspension
    severity: medium
    message: "{clause} 允许对方暂停服务。"
    any: ['有权暂停']
    examples:
      fire: ["8.2 乙方有权暂停服务。"]
      no_fire: ["8.2 乙方应持续提供服务。"]
"""


def load(tmp_path: Path, body: str, name: str = "mine.yaml", builtin: bool = True) -> RuleSet:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return RuleSet.default(extra_paths=[path], include_builtin=builtin, include_user=False)


def problems(ruleset: RuleSet) -> list[str]:
    return [str(p) for e in ruleset.errors for p in e.problems]


def test_good_file_loads(tmp_path):
    rs = load(tmp_path, HEADER + "rules:\n" + GOOD_RULE)
    assert rs.errors == []
    rule = rs.get("no-suspension")
    assert rule is not None and rule.line == 4 and rule.source.name == "mine.yaml"


def test_unknown_key_names_position_allowed_keys_and_nearest(tmp_path):
    rs = load(tmp_path, HEADER + "rules:\n" + GOOD_RULE.replace("    severity: medium", "    severty: medium"))
    found = problems(rs)
    assert any(p.startswith(f"{tmp_path / 'mine.yaml'}:8:5: ") and "severty" in p and "“severity”" in p
               and "allowed" not in p and "允许的键" in p for p in found), found
    assert any("缺少必填的键“severity”" in p for p in found)
    assert rs.get("no-suspension") is None  # the file is refused whole


def test_wrong_type_and_bad_choice(tmp_path):
    body = GOOD_RULE.replace("severity: medium", "severity: hihg").replace("type: pattern", "type: pattern\n    enabled: 3")
    found = problems(load(tmp_path, HEADER + "rules:\n" + body))
    assert any(":9:15: " in p and "“hihg”" in p and "“high”" in p for p in found), found
    assert any(":6:14: " in p and "“enabled”应为true 或 false" in p for p in found), found


def test_unknown_category_and_clause_type(tmp_path):
    body = GOOD_RULE.replace("category: suspension", "category: suspention").replace(
        "    any:", "    clause_types: [disputes]\n    any:")
    found = problems(load(tmp_path, HEADER + "rules:\n" + body))
    assert any(":7:15: " in p and "未知的类别“suspention”" in p and "“suspension”" in p for p in found), found
    assert any(":10:20: " in p and "未知的条款类型“disputes”" in p and "“dispute”" in p for p in found), found


def test_regex_that_does_not_compile(tmp_path):
    found = problems(load(tmp_path, HEADER + "rules:\n" + GOOD_RULE.replace("['有权暂停']", "['有权(暂停']")))
    assert any(":10:11: " in p and "无法编译" in p for p in found), found


def test_catastrophic_regex_is_refused(tmp_path):
    found = problems(load(tmp_path, HEADER + "rules:\n" + GOOD_RULE.replace("['有权暂停']", "['(a+)+b']")))
    assert any(":10:11: " in p and "嵌套的重复" in p for p in found), found


def test_duplicate_id_in_file_and_across_files(tmp_path):
    found = problems(load(tmp_path, HEADER + "rules:\n" + GOOD_RULE + GOOD_RULE))
    assert any(":14:9: " in p and "重复" in p for p in found), found
    first = tmp_path / "a.yaml"
    first.write_text(HEADER + "rules:\n" + GOOD_RULE, encoding="utf-8")
    second = tmp_path / "b.yaml"
    second.write_text(HEADER + "rules:\n" + GOOD_RULE, encoding="utf-8")
    rs = RuleSet.default(extra_paths=[first, second], include_builtin=False, include_user=False)
    assert rs.get("no-suspension") is not None  # the first file still loads
    assert any("b.yaml:4:9: " in p and "已在 a.yaml 中定义" in p for p in problems(rs))


def test_missing_required_keys_and_bad_id(tmp_path):
    found = problems(load(tmp_path, HEADER + "rules:\n  - id: Bad_Id\n    type: pattern\n"))
    assert any(":4:9: " in p and "Bad_Id" in p for p in found), found


def test_yaml_syntax_error_position(tmp_path):
    found = problems(load(tmp_path, HEADER + "rules:\n  - id: x\n    title: [unclosed\n"))
    assert len(found) == 1 and ":6:1: " in found[0] or ":5:" in found[0], found


def test_alias_bomb_is_refused(tmp_path):
    bomb = HEADER + 'a: &a ["x","x","x","x","x","x","x","x","x","x"]\n'
    for i in range(1, 9):
        prev = chr(ord("a") + i - 1)
        cur = chr(ord("a") + i)
        bomb += f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 10) + "]\n"
    found = problems(load(tmp_path, bomb))
    assert any("别名炸弹" in p for p in found), found


def test_python_tags_cannot_run_code(tmp_path):
    found = problems(load(tmp_path, HEADER + "rules: !!python/object/apply:os.system ['echo pwned']\n"))
    assert len(found) == 1 and "python/object/apply" in found[0] and "不允许" in found[0], found


def test_not_utf8(tmp_path):
    path = tmp_path / "gbk.yaml"
    path.write_bytes((HEADER + "title: 中文标题\n").encode("gbk"))
    rs = RuleSet.default(extra_paths=[path], include_builtin=False, include_user=False)
    assert any("不是 UTF-8" in p for p in problems(rs))


def test_english_messages(tmp_path, monkeypatch):
    from reviewer import i18n

    i18n.set_language("en")
    try:
        found = problems(load(tmp_path, HEADER + "rules:\n" + GOOD_RULE.replace("severity: medium", "severty: medium")))
    finally:
        i18n.set_language("zh")
    assert any("unknown key “severty”" in p and "(did you mean “severity”?)" in p for p in found), found


def test_override_changes_only_given_keys(tmp_path):
    base = tmp_path / "base.yaml"
    base.write_text(HEADER + "rules:\n" + GOOD_RULE, encoding="utf-8")
    user = tmp_path / "user.yaml"
    user.write_text('pack: my-overrides\nversion: "1"\nrules:\n  - id: no-suspension\n    severity: low\n',
                    encoding="utf-8")
    rs = RuleSet.default(extra_paths=[base, user], include_builtin=False, include_user=False)
    rule = rs.get("no-suspension")
    assert rs.errors == []
    assert rule.severity.value == "low" and rule.title == "暂停服务"
    assert rule.origin["severity"] == "user.yaml:4" and rule.origin["title"] == "base.yaml:4"


def test_override_of_unknown_id_and_forbidden_key(tmp_path):
    base = tmp_path / "base.yaml"
    base.write_text(HEADER + "rules:\n" + GOOD_RULE, encoding="utf-8")
    user = tmp_path / "user.yaml"
    user.write_text('pack: o\nversion: "1"\nrules:\n  - id: no-suspensoin\n    enabled: false\n'
                    '  - id: no-suspension\n    any: [x]\n', encoding="utf-8")
    rs = RuleSet.default(extra_paths=[base, user], include_builtin=False, include_user=False)
    found = problems(rs)
    assert any("user.yaml:4:9: " in p and "“no-suspension”" in p for p in found), found
    assert any("user.yaml:7:5: " in p and "“any”" in p for p in found), found
    assert rs.get("no-suspension").enabled is True  # the broken override file changed nothing
