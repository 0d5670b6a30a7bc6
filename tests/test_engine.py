"""The rule engine on small contracts: each generic rule type, scopes, perspective, determinism."""

from __future__ import annotations

from pathlib import Path

from reviewer.engine.run import review
from reviewer.loaders import from_text
from reviewer.engine.rulepack import RuleSet

CLAUSE_TYPES = """\
pack: t
version: "1"
clause_types:
  dispute: {name: 争议解决, headings: ['争议', '仲裁'], body: ['仲裁委员会', '人民法院']}
  liability: {name: 责任限制, headings: ['责任限制'], body: ['赔偿总额']}
  data-protection: {name: 个人信息保护, headings: ['个人信息', '数据保护'], body: []}
"""

CONTRACT = """\
技术服务合同
甲方：某某电商有限公司
乙方：某某科技有限公司
第一章 服务
1.1 服务内容
乙方应为甲方提供客服系统的运维服务，并建立用户画像。
1.2 暂停
甲方逾期付款的，乙方有权暂停服务。乙方有权暂停服务的，应提前通知。
第二章 争议解决
2.1 仲裁
如协商不成，任何一方均有权向甲方所在地人民法院提起诉讼。
"""


def ruleset(tmp_path: Path, rules: str) -> RuleSet:
    types = tmp_path / "types.yaml"
    types.write_text(CLAUSE_TYPES, encoding="utf-8")
    path = tmp_path / "rules.yaml"
    path.write_text('pack: t\nversion: "1"\nrules:\n' + rules, encoding="utf-8")
    rs = RuleSet.from_files([types, path])
    assert [str(e) for e in rs.errors] == []
    return rs


def rule(id_: str, type_: str, body: str, category: str = "suspension") -> str:
    return (f"  - id: {id_}\n    type: {type_}\n    title: t\n    category: {category}\n    severity: medium\n"
            f"    message: '{{clause}}: {{text}}'\n" + body)


def findings(tmp_path, rules, text=CONTRACT, perspective="customer"):
    doc = from_text(text)
    return doc, review(doc, rules=ruleset(tmp_path, rules), perspective=perspective).findings


def test_pattern_per_clause_points_at_exact_words(tmp_path):
    doc, found = findings(tmp_path, rule("s", "pattern", "    any: ['{them}有权暂停']\n"))
    assert [(f.clause, f.text, f.message) for f in found] == [("1.2", "乙方有权暂停", "1.2: 乙方有权暂停")]
    assert doc.text[found[0].start:found[0].end] == "乙方有权暂停"


def test_pattern_per_match_and_none_near(tmp_path):
    _, every = findings(tmp_path, rule("s", "pattern", "    any: ['{them}有权暂停']\n    per: match\n"))
    assert len(every) == 2
    _, quiet = findings(tmp_path, rule("s", "pattern", "    any: ['{them}有权暂停']\n    per: match\n"
                                       "    none: ['提前通知']\n    near: 12\n"))
    assert len(quiet) == 1 and quiet[0].start == every[0].start


def test_perspective_flips_us_and_them(tmp_path):
    _, found = findings(tmp_path, rule("s", "pattern", "    any: ['{them}有权暂停']\n"), perspective="vendor")
    assert found == []
    _, found = findings(tmp_path, rule("s", "pattern", "    any: ['{us}有权暂停']\n"), perspective="vendor")
    assert [f.text for f in found] == ["乙方有权暂停"]


def test_scope_heading_and_clause_types(tmp_path):
    _, found = findings(tmp_path, rule("h", "pattern", "    scope: heading\n    any: ['^仲裁$']\n"))
    assert [(f.clause, f.text) for f in found] == [("2.1", "仲裁")]
    _, found = findings(tmp_path, rule("c", "pattern", "    clause_types: [dispute]\n    any: ['人民法院']\n"))
    assert [f.clause for f in found] == ["2.1"]
    _, found = findings(tmp_path, rule("c", "pattern", "    not_clause_types: [dispute]\n    any: ['人民法院']\n"))
    assert found == []


def test_whole_word_respects_word_boundaries(tmp_path):
    text = "服务合同\n1.1 画像\n乙方不得建立用户画像。\n1.2 其他\n画像素材由乙方提供。\n"
    _, loose = findings(tmp_path, rule("w", "pattern", "    keywords: ['画像']\n"), text=text)
    assert len(loose) >= 2
    _, strict = findings(tmp_path, rule("w", "pattern", "    keywords: ['用户画像']\n    whole_word: true\n"), text=text)
    assert [f.clause for f in strict] == ["1.1"]


def test_required_clause_missing_and_present(tmp_path):
    body = "    clause_type: liability\n    message: 缺少{missing}条款\n"
    text_rule = rule("r", "required-clause", "", category="liability-cap").replace("    message: '{clause}: {text}'\n", "") + body
    doc, found = findings(tmp_path, text_rule)
    assert [(f.clause, f.message, f.text) for f in found] == [(None, "缺少责任限制条款", "技术服务合同")]
    assert found[0].whole_document  # shown at the title, but about the contract as a whole
    _, found = findings(tmp_path, text_rule, text=CONTRACT + "第三章 责任限制\n3.1 赔偿总额不超过合同总价。\n")
    assert found == []


def test_conditional_names_missing_elements(tmp_path):
    body = ("    if_any: ['用户画像', '个人信息']\n    require:\n      处理目的: ['目的']\n      删除或返还: ['删除', '返还']\n"
            "    message: '{trigger}：缺少{missing}'\n")
    text_rule = rule("d", "conditional", "", category="data-protection").replace("    message: '{clause}: {text}'\n", "") + body
    _, found = findings(tmp_path, text_rule)
    assert [(f.clause, f.text, f.message) for f in found] == [("1.1", "用户画像", "用户画像：缺少处理目的、删除或返还")]
    _, found = findings(tmp_path, text_rule, text=CONTRACT + "3.1 数据仅用于服务目的，合同终止后乙方应删除。\n")
    assert found == []


def test_heading_body_mismatch(tmp_path):
    body = "    heading: ['仲裁']\n    body_any: ['人民法院']\n    body_none: ['仲裁委员会']\n"
    _, found = findings(tmp_path, rule("hb", "heading-body", body, category="heading-mismatch"))
    assert [(f.clause, f.text) for f in found] == [("2.1", "人民法院")]


def test_findings_sorted_and_deterministic(tmp_path):
    rules = (rule("a", "pattern", "    any: ['乙方']\n    per: match\n")
             + rule("b", "pattern", "    any: ['甲方']\n    per: match\n"))
    _, first = findings(tmp_path, rules)
    _, second = findings(tmp_path, rules)
    assert first == second
    assert [f.start for f in first] == sorted(f.start for f in first)


def test_foreign_text_is_never_matched(tmp_path):
    text = "有哪些信誉好的足球投注网站 乙方有权暂停\n" + CONTRACT
    doc, found = findings(tmp_path, rule("s", "pattern", "    any: ['{them}有权暂停']\n    scope: document\n"
                                         "    per: match\n"), text=text)
    assert doc.foreign and all(not doc.foreign_at(f.start, f.end) for f in found)


def test_required_literals_are_what_every_match_contains():
    from reviewer.engine.regexcheck import required_literals

    assert required_literals(["{them}有权暂停"]) == ["有权暂停"]
    assert required_literals(["(?:暂停|中止)服务", "有权(?:暂停)"]) == ["服务", "有权暂停"]
    assert required_literals(["仲裁委员会|(?:提交|提请)[^。]{0,20}仲裁"]) == ["仲裁委员会", "仲裁"]
    assert required_literals(["{them}(?:的)?(?:住所地|所在地)[^。]{0,15}法院"]) == ["住所地", "所在地"]
    assert required_literals(["a|[bc]"]) is None  # a branch with no literal: no filter
    assert required_literals(["(?i)abc"]) is None  # case-insensitive: the literal may differ in case


def test_literal_filter_keeps_exactly_the_spans_that_can_match():
    from reviewer.engine.ruletypes.scope import literal_spans
    from reviewer.text.occurrences import Occurrences

    def spans_with(spans, literals, occurrences):
        return list(literal_spans(spans, literals, occurrences))

    text = Occurrences("甲方付款。乙方交付。甲方验收。乙方开票。")
    spans = [(0, 5, None), (5, 10, None), (10, 15, None), (15, 20, None)]
    assert spans_with(spans, ["甲方"], text) == [spans[0], spans[2]]
    assert spans_with(spans, ["交付", "开票"], text) == [spans[1], spans[3]]
    assert spans_with(spans, ["违约"], text) == []
    nested = [(0, 20, None), (5, 10, None)]
    assert spans_with(nested, ["交付"], text) == nested
    assert spans_with(spans, None, text) == spans


def test_occurrences_answer_as_str_find_does():
    from reviewer.text.occurrences import Occurrences

    text = "乙方乙方乙方，甲方向乙方付款；乙方"
    occ = Occurrences(text)
    assert occ.of("乙方乙方") == [0, 2]  # overlapping ones too
    for lit in ("乙方", "乙方乙方", "付款", "违约", "方", "甲方向乙方", "方乙", "款；乙方", "乙x"):
        for start in range(len(text) + 1):
            assert occ.next_start(lit, start) == text.find(lit, start)
            for end in range(start, len(text) + 1):
                assert occ.within(lit, start, end) == (text.find(lit, start, end) >= 0), (lit, start, end)


def test_occurrences_of_any_of_several_words_answer_as_str_find_does():
    from reviewer.text.occurrences import Occurrences

    text = "乙方乙方乙方，甲方向乙方付款；乙方"
    occ = Occurrences(text)
    for words in (["乙方乙方", "付款"], ["方", "甲方向乙方"], ["违约"], ["款；乙方", "乙方，甲"], []):
        either = occ.any_of(words)
        for start in range(len(text) + 1):
            for end in range(start, len(text) + 1):
                assert either.within(start, end) == any(text.find(w, start, end) >= 0 for w in words), \
                    (words, start, end)
