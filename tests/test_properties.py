"""Property tests: random and mutated contract text never breaks the parser or the engine."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reviewer.engine.rulepack import RuleSet
from reviewer.engine.run import review
from reviewer.loaders import from_text
from reviewer.text import textnorm

RULES = RuleSet.default(include_user=False)
SEED_LINES = [line for line in (
    __import__("pathlib").Path(__file__).resolve().parent.parent / "samples" / "seed-contract-scraped.txt"
).read_text(encoding="utf-8").splitlines() if line.strip()]

PIECES = st.sampled_from([
    "第一章", "第十二条", "1.", "1.1", "10.2", "2.1.3", "（一）", "(1)", "①", "a)", "一、", "ARTICLE 3",
    "仲裁", "人民法院", "甲方", "乙方", "____", "＿＿", "【 】", "( )", "□", "☑", "{{金额}}", "${date}",
    "人民币", "元", "%", "大写", "壹万元整", "100,000", "。", "；", "：", "，", "\n", " ", "  ", "见第15条",
    "知识产权归乙方所有", "用户画像", "立即", "视为验收合格", "不可抗力", "必威体育官网网址", "QQ:123456",
    "合同", "服务", "违约金", "（盖章）", "日期：", "年 月 日", "/", "████", "\t", "\r\n", "\u3000", "𠀀",
])
TEXTS = st.lists(PIECES | st.text(max_size=6), max_size=80).map("".join)


def check_document(text: str) -> None:
    doc = from_text(text)
    n = len(doc.text)
    for block in doc.blocks:
        assert 0 <= block.start <= block.end <= n
    for span in doc.foreign:
        assert 0 <= span.start <= span.end <= n
    nodes = doc.clauses.nodes
    for node in nodes:
        assert 0 <= node.start <= node.end <= n
        assert node.start <= node.heading_start <= node.heading_end <= node.end
        assert node.start <= node.body_start <= max(node.end, node.body_start)
        if node.parent is not None:
            parent = nodes[node.parent]
            assert parent.start <= node.start and node.end <= parent.end
    for perspective in ("customer", "vendor"):
        for f in review(doc, rules=RULES, perspective=perspective).findings:
            assert 0 <= f.start <= f.end <= n
            assert f.text == doc.text[f.start:f.end]
            assert 1 <= f.page <= doc.page_count


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_random_contract_text(text):
    check_document(text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_mutated_seed(data):
    lines = list(SEED_LINES)
    for _ in range(data.draw(st.integers(0, 12))):
        action = data.draw(st.sampled_from(["drop", "dup", "swap", "cut", "insert"]))
        i = data.draw(st.integers(0, len(lines) - 1))
        if action == "drop" and len(lines) > 1:
            lines.pop(i)
        elif action == "dup":
            lines.insert(i, lines[i])
        elif action == "swap":
            j = data.draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif action == "cut":
            lines[i] = lines[i][: data.draw(st.integers(0, len(lines[i])))]
        else:
            lines.insert(i, data.draw(TEXTS))
    check_document("\n".join(lines))


_NORMALISED = st.sampled_from(sorted({chr(cp) for cp in textnorm._TABLE} | {chr(cp) for cp in textnorm._ZERO_WIDTH}))


@given(st.text(alphabet=st.one_of(_NORMALISED, st.characters()), max_size=40))
def test_character_clean_up_equals_translating_every_character(text):
    """normalise_chars and drop_invisible skip the paragraphs they would not change; what they
    return is still exactly str.translate with their tables."""
    from reviewer.text import textnorm

    assert textnorm.normalise_chars(text) == text.translate(textnorm._TABLE)
    assert textnorm.drop_invisible(text) == text.translate(textnorm._ZERO_WIDTH)
