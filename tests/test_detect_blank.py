"""The blank detector: every blank of the seed, the blank kinds of real vendor paper, and their traps."""

from __future__ import annotations

import pytest

from reviewer.engine.run import review
from reviewer.model.findings import Severity
from reviewer.loaders import load
from reviewer.engine.rulepack import RuleSet
from reviewer.engine.ruletest import run_rule

PACK = RuleSet.default(include_user=False)


def run(rule_id: str, source):
    """The document and the findings of one built-in rule (enabled even if the pack disables it)."""
    return run_rule(PACK, rule_id, source)


def around(doc, finding, before: int, after: int) -> str:
    return doc.text[finding.start - before:finding.end + after]


# (clause, text before the blank, the blank, text after it, severity, purpose)
SEED_BLANKS = [
    (None, "合同编号:", "__________", "", "medium", "编号"),
    ("2.2", "为期", "____", "年", "high", "期限"),
    ("3.1", "人民币", "____", "元", "high", "金额"),
    ("3.1", "(大写:", "__________________________", "元整", "high", "大写金额"),
    ("3.2", "合同签订后", "____", "个工作日内", "high", "期限"),
    ("3.2", "支付合同总金额的", "____", "%", "high", "比例"),
    ("3.2", "验收合格后", "____", "个工作日内", "high", "期限"),
    ("3.2", "剩余", "____", "%", "high", "比例"),
    ("3.3", "支付服务费用后", "____", "个工作日内", "high", "期限"),
    ("5.2", "履行完毕后", "____", "年止", "high", "期限"),
    ("6.2", "之日起", "____", "个工作日内", "high", "期限"),
    ("8.1", "合同总金额的", "____", "%", "high", "比例"),
    ("8.2", "暂停服务后", "____", "个工作日内", "high", "期限"),
]


def test_every_blank_of_the_seed_once_with_its_purpose(seed_path):
    doc, found = run("blank-placeholder", load(seed_path))
    assert len(found) == len(SEED_BLANKS)
    for f, (clause, before, blank, after, severity, purpose) in zip(found, SEED_BLANKS):
        assert (f.clause, f.text, f.severity.value) == (clause, blank, severity)
        assert around(doc, f, len(before), len(after)) == before + blank + after
        assert f"中的{purpose}尚未填写" in f.message
        assert before.lstrip("(") + blank in f.message  # the contract's own words
        assert f.category == "blank" and f.why and f.suggestion and f.basis


def test_seed_blank_messages_read_like_counsel():
    doc, found = run("blank-placeholder", load("samples/seed-contract-scraped.txt"))
    first_amount = next(f for f in found if f.clause == "3.1")
    assert first_amount.message == "3.1：“甲方应支付给乙方的服务费用总计为人民币____元”中的金额尚未填写，签署前必须补全。"
    assert "价款是合同的主要条款" in first_amount.why
    assert "人民币【100,000】元" in first_amount.suggestion
    assert found[0].message == "合同首部：“合同编号:__________”中的编号尚未填写，签署前必须补全。"


@pytest.mark.parametrize("text, blank, purpose, severity", [
    ("10.2 协商不成的，任何一方均可向 人民法院起诉。", " ", "管辖法院", Severity.MEDIUM),
    ("第十五条 本合同有效期至 年 月 日。", " 年 月 日", "日期", Severity.HIGH),
    ("3.1 合同总价款 元。", " ", "金额", Severity.HIGH),
    ("2.1 服务期限为期 年。", " ", "期限", Severity.HIGH),
    ("2.1 月服务费为人民币{{月服务费}}元。", "{{月服务费}}", "金额", Severity.HIGH),
    ("2.1 服务费为人民币${fee}元。", "${fee}", "金额", Severity.HIGH),
    ("8.1 违约金为合同总金额的【 】%。", "【 】", "比例", Severity.HIGH),
    ("乙方：XX科技有限公司", "XX", "名称", Severity.MEDIUM),
    ("合同编号：", "合同编号：", "编号", Severity.MEDIUM),
    ("1.1 乙方应对甲方 名设备管理人员进行培训。", " ", "数量", Severity.MEDIUM),
    ("7.1 新技术成果的权利归属于 方。", " ", "当事方", Severity.MEDIUM),
    ("9.1 协商不成的，按下列第 种方式解决。", " ", "选项", Severity.MEDIUM),
    ("5.1 报酬总额为人民币368,000元（大写： ）。", "大写： ", "大写金额", Severity.HIGH),
    ("4.1 本合同□需要 □不需要办理技术合同认定登记。", "□需要 □不需要办理技术合同认定登记", "选项", Severity.MEDIUM),
    ("4.1 本合同有效期自____年____月____日起。", "____年____月____日", "日期", Severity.HIGH),
])
def test_blank_kinds_fire_once_with_their_purpose(text, blank, purpose, severity):
    doc, found = run("blank-placeholder", text)
    assert [(f.text, f.severity) for f in found] == [(blank, severity)]
    assert f"中的{purpose}尚未填写" in found[0].message


def test_unticked_choice_lines_form_one_group():
    text = "9.1 争议解决方式：\n□ 提交仲裁委员会仲裁；\n□ 向人民法院起诉。"
    doc, found = run("blank-placeholder", text)
    assert len(found) == 1
    assert found[0].text == "□ 提交仲裁委员会仲裁；\n□ 向人民法院起诉"


@pytest.mark.parametrize("text", [
    "本条不适用：/",
    "3.1 乙方提供技术 服务，违 约金按合同总金额的 5% 计算。",  # stray spaces from line wrapping
    "3.1 甲方应于每 月 5 日前付款，次 日 起算。",
    "3.1 双方应在 2026年3月1日前完成，有效期 1 年。",
    "12.1 联系电话：133****1728",  # a phone mask
    "甲方：北京***科技有限公司",  # a redacted name
    "甲方：【已隐去】\n乙方：***",  # a redacted document
    "1.1 本合同所称**服务**指运维服务。",  # Markdown bold
    "1.1 调用 __init__ 方法。",
    "6.1 乙方需向甲方提供以下文件和资料：\n(1)系统升级报告；\n(2)操作手册。",
    "5.1 争议解决方式：□提交仲裁委员会仲裁 ☑向人民法院起诉",
    "9.1 争议解决方式：\n☑提交上海仲裁委员会仲裁。\n□向 人民法院起诉。",  # blank in the option not chosen
    "9.1 向甲方所在地 人民法院起诉。",
    "□ 本人已阅读并同意上述条款",  # a lone box is a yes/no
    "甲方：\n北京甲科技有限公司",
    "服务时间：\n工作日9:00-18:00",
    "3.1 本合同总价为人民币100,000元（大写：壹拾万元整）。",
    "4.1 乙方交付的系统为 XXL 规格。",
    "1.1 甲方应付款。\n____________________\n1.2 乙方应交付。",  # a rule across the page
    "1.1 甲方应付款。\n* * *\n***\n1.2 乙方应交付。",  # section separators
])
def test_no_false_blanks(text):
    assert run("blank-placeholder", text)[1] == []


def test_signature_block_blanks_are_not_unfilled_prices():
    text = ("12.1 本合同一式两份。\n甲方（盖章）：\n法定代表人（签字）：________\n"
            "签订日期：____年____月____日\n乙方（盖章）：\n签订日期： 年 月 日")
    assert run("blank-placeholder", text)[1] == []
    doc, details = run("blank-signature-details", text)
    assert [f.text for f in details] == ["________", "____年____月____日", " 年 月 日"]
    assert all(f.severity == Severity.LOW and f.message.startswith("签署页") for f in details)
    assert not PACK.get("blank-signature-details").enabled  # a draft's signature block is blank by design


def test_high_when_is_configurable():
    from reviewer.engine.ruletypes.blank import BlankDetector

    detector = BlankDetector("x", {"high_when": ["金额"], "signature_block": "skip"})
    assert detector.high_when == {"金额"}


def test_blanks_in_an_annex_after_the_signature_block_are_reported():
    text = ("第十条 本合同一式两份。\n甲方（盖章）：\n签订日期：____年____月____日\n"
            "附件1 报价清单\n1.服务器单价为人民币____元。")
    doc, found = run("blank-placeholder", text)
    assert [(f.text, f.severity) for f in found] == [("____", Severity.HIGH)]
    assert "服务器单价为人民币____元" in found[0].message


MODEL_TEXT = """技术开发（委托）合同
委托方（甲方）：
住 所 地：
电 话：                传 真：
受托方（乙方）：杭州某某信息技术有限公司
签订日期：    年  月  日
第一条 本项目研究开发的目标、内容和要求：
1. 技术目标：
2. 技术内容：
第二条 乙方应在本合同生效后 日内向甲方提交研究开发计划。研究开发计划应包括以下主要内容：
1. 研究开发进度；
2. 人员安排。
第三条 乙方违反本合同第二条约定的，应当支付违约金 元。
甲方：（盖章）                乙方：（盖章）
     年   月   日                     年   月   日"""


def test_a_model_text_copied_from_the_web():
    doc, found = run("blank-placeholder", MODEL_TEXT)
    assert [(f.text, f.severity.value) for f in found] == [
        ("委托方（甲方）：", "medium"), ("住 所 地：", "medium"), ("电 话：                ", "medium"),
        ("传 真：", "medium"), ("    年  月  日", "high"), ("技术目标：", "medium"), ("技术内容：", "medium"),
        (" ", "high"), (" ", "high")]
    assert [f.message.split("：“", 1)[1].split("”", 1)[0] for f in found[-2:]] == [
        "乙方应在本合同生效后 日内向甲方提交研究开发计…", "应当支付违约金 元"]
    # The empty items are blanks of a form, not clauses cut off mid-sentence.
    truncated = [f for f in review(doc, RuleSet([PACK.get("truncated-clause")], PACK.clause_types, PACK.packs, [],
                                                PACK.files)).findings]
    assert truncated == []


def test_a_word_form_blank_underlined_across_a_line_break(tmp_path):
    """Each printed line of the form is a paragraph; the blank is underlined spaces at the end of
    one and the start of the next. The text keeps no edge spaces; the blocks say how many there were."""
    import docx

    document = docx.Document()
    first = document.add_paragraph("第一条 本合同甲方委托乙方就")
    first.add_run(" " * 20).font.underline = True
    second = document.add_paragraph()
    second.add_run(" " * 12).font.underline = True
    second.add_run("项目进行技术服务。")
    document.add_paragraph("第二条 本合同一式两份。")
    path = tmp_path / "form.docx"
    document.save(path)
    doc = load(path)
    assert [b.edge_spaces for b in doc.blocks] == [(0, 20), (12, 0), (0, 0)]
    found = run("blank-placeholder", doc)[1]
    assert [(f.text, f.clause) for f in found] == [("就", "1")]
    assert "行末与下一行行首只有空格" in found[0].message
