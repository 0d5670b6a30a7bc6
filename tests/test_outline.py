"""``contract-review outline FILE``: the tree, the parties and the foreign text, one line each."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from reviewer.commands import outline
from reviewer.errors import LoadError
from reviewer.i18n import set_language

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


@pytest.fixture
def english():
    set_language("en")
    yield
    set_language(None)


def run(path, capsys) -> list[str]:
    assert outline.run(argparse.Namespace(file=str(path))) == 0
    return capsys.readouterr().out.splitlines()


def test_seed_outline_in_chinese(capsys):
    lines = run(SAMPLES / "seed-contract-scraped.txt", capsys)
    assert lines[:7] == [
        "标题  电商平台智能客服系统升级合同  p.1",
        "前言  · 合同编号:__________  p.1",
        "第一章 定义与解释  p.1",
        "  1.1 定义  p.1",
        "  1.2 解释  p.1",
        "第二章 服务内容  p.1",
        "  2.1 升级服务  p.1",
    ]
    assert "    2.1(1) · 优化自然语言处理能力;  p.1" in lines
    assert "  10.2 仲裁  p.1" in lines
    assert "第十二章 通知与送达  p.1" in lines
    parties = lines.index("当事人:")
    assert lines[parties + 1:parties + 3] == ["  甲方  电商平台所有者  (客户)", "  乙方  提供智能客服系统升级服务的公司  (供应商)"]
    foreign = lines[lines.index("外来文本:") + 1:]
    assert foreign[0] == "  第 1 行  广告 (advertising)  “网站大量收购闲置独家精品文档,联系Q…”"
    assert foreign[1] == "  第 1 行  联系方式 (contact)  “QQ:2885784924”"
    assert foreign[2] == "  第 3–9 行  网页框架 (web-chrome)  “电商平台智能客服系统升级合同.doc…”"
    assert "  第 77 行  垃圾插入 (spam)  “必威体育官网网址”  原文应为“保密”" in foreign
    assert foreign[-2] == "  第 187–197 行  网页框架 (web-chrome)  “文档评论(0) 133****172…”"
    assert len(foreign) == 12


def test_outline_in_english(capsys, english):
    lines = run(SAMPLES / "seed-contract-scraped.txt", capsys)
    assert lines[0] == "Title  电商平台智能客服系统升级合同  p.1"
    assert "Parties:" in lines and "  甲方  电商平台所有者  (customer)" in lines
    assert "  line 77  spam  “必威体育官网网址”  in place of “保密”" in lines
    assert "  lines 3–9  web chrome  “电商平台智能客服系统升级合同.doc…”" in lines


def test_pages_from_a_pdf(capsys):
    lines = run(SAMPLES / "seed-contract-clean.pdf", capsys)
    assert "第一章 定义与解释  p.1" in lines
    assert any(line.startswith("第三章 费用与支付  p.1–") for line in lines)
    assert "外来文本:" not in lines


def test_signature_and_clauses_without_heading(tmp_path, capsys):
    path = tmp_path / "contract.txt"
    path.write_text("技术服务合同\n甲方：某某科技有限公司\n乙方：某某信息有限公司\n"
                    "第一条 服务内容\n乙方为甲方提供运维服务。\n"
                    "第二条 本合同自双方签字盖章之日起生效。\n甲方（盖章）：\n乙方（盖章）：\n", encoding="utf-8")
    lines = run(path, capsys)
    assert lines[:5] == [
        "标题  技术服务合同  p.1",
        "前言  · 甲方：某某科技有限公司 乙方：某某信…  p.1",
        "第一条 服务内容  p.1",
        "第二条 · 本合同自双方签字盖章之日起生效。  p.1",
        "签署部分  · 甲方（盖章）： 乙方（盖章）：  p.1",
    ]


def test_missing_file_raises_the_documented_error(tmp_path):
    with pytest.raises(LoadError):
        outline.run(argparse.Namespace(file=str(tmp_path / "nothing.txt")))


def test_wired_into_the_cli(capsys):
    from reviewer.commands.cli import main

    assert main(["outline", str(SAMPLES / "seed-contract-scraped.txt")]) == 0
    assert "  12.2 送达  p.1" in capsys.readouterr().out.splitlines()


def test_add_arguments():
    parser = argparse.ArgumentParser()
    outline.add_arguments(parser)
    args = parser.parse_args(["contract.docx"])
    assert args.file == "contract.docx" and args.run is outline.run
