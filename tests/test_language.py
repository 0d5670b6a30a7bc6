"""A contract in Latin letters gets one notice and no Chinese-only findings; Chinese with English words is Chinese."""

from __future__ import annotations

from reviewer.engine.run import review
from reviewer.loaders import from_text
from reviewer.text.language import document_language

ENGLISH = ("WEB HOSTING AGREEMENT\n"
           "1. Services. The Provider shall host the Customer's web site and keep it available.\n"
           "2. Fees. The Customer shall pay the monthly fee of USD 500 within thirty days of each invoice.\n"
           "3. Term. This Agreement renews each month unless either party gives fifteen days notice.\n"
           "4. Law. This Agreement is governed by the laws of the State of Florida, and any dispute\n"
           "shall be brought before the courts of Palm Beach County. Signed by the parties below.\n"
           "By: ______________________ Title: President\n")


def test_the_script_decides_the_language():
    assert document_language(ENGLISH) == "en"
    assert document_language("第一条 乙方为甲方提供 ERP（Enterprise Resource Planning）系统运维服务。" * 3) == "zh"


def test_an_english_contract_gets_the_notice_only():
    findings = review(from_text(ENGLISH), perspective="customer").findings
    assert [(f.rule, f.category, f.severity.value) for f in findings] == [
        ("document-language-not-chinese", "language", "info")]
    assert "模板字段未填写" in findings[0].message  # it names the checks that still ran


def test_a_chinese_contract_gets_no_notice():
    text = "技术服务合同\n第一条 乙方为甲方提供运维服务，联系邮箱 support@example.com。\n第二条 本合同适用中华人民共和国法律。"
    assert all(f.category != "language" for f in review(from_text(text), perspective="customer").findings)
