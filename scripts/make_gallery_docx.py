"""Build the structure gallery's Word cases, tests/gallery/*.docx, whose numbers Word draws itself.

Run from anywhere: ``python3 scripts/make_gallery_docx.py``. python-docx writes the paragraphs;
numbering.xml is written with lxml, because the point of each case is a numbering definition:

* ``docx-autonum``: ``%1.`` / ``%1.%2.`` automatic numbering, no number typed anywhere;
* ``docx-restart``: typed ``第一条`` articles, each followed by a ``%1.`` list that restarts at 1
  (a new ``w:num`` per article with ``w:lvlOverride/w:startOverride``, as Word's "restart
  numbering" writes it);
* ``docx-islgl``: ``第%1条`` in chineseCounting with a ``%1.%2`` child level marked ``w:isLgl``,
  so Word shows ``1.1`` under ``第一条`` (without isLgl it would show ``一.1``);
* ``docx-chinese-counting``: one ``%1、`` chineseCounting list running to ``十一、``.

Every case states the number Word displays before each paragraph; after building, the file is
loaded back and the script stops if the loader shows anything else. The member dates are fixed,
so a rebuild is byte-identical.
"""

from __future__ import annotations

import io
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.oxml.ns import qn
from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
GALLERY = ROOT / "tests" / "gallery"
ZIP_DATE = (2024, 1, 1, 0, 0, 0)  # fixed member dates keep the files byte-identical
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _w(tag: str, parent=None, **attrs: str):
    """A w: element with w: attributes, appended to ``parent`` when given."""
    element = etree.Element(qn(f"w:{tag}")) if parent is None else etree.SubElement(parent, qn(f"w:{tag}"))
    for name, value in attrs.items():
        element.set(qn(f"w:{name}"), value)
    return element


@dataclass(frozen=True)
class Level:
    """One w:lvl: number format, number text (``%1.%2.``), suffix, and Word's isLgl flag."""

    fmt: str
    text: str
    suffix: str = "tab"
    legal: bool = False

    def element(self, ilvl: int):
        lvl = _w("lvl", ilvl=str(ilvl))
        _w("start", lvl, val="1")
        _w("numFmt", lvl, val=self.fmt)
        if self.legal:
            _w("isLgl", lvl)
        _w("suff", lvl, val=self.suffix)
        _w("lvlText", lvl, val=self.text)
        _w("lvlJc", lvl, val="left")
        ppr = _w("pPr", lvl)
        _w("ind", ppr, left=str(420 * (ilvl + 1)), hanging="420")
        return lvl


@dataclass
class Case:
    """A made-up contract: paragraphs as (what Word shows before it, text, (numId, ilvl) or None)."""

    name: str
    levels: list[Level]
    # numId → startOverride per level ({} for a plain instance of abstractNum 0).
    nums: dict[int, dict[int, int]]
    paragraphs: list[tuple[str, str, tuple[int, int] | None]] = field(default_factory=list)


def _numbering(case: Case):
    root = etree.Element(qn("w:numbering"), nsmap={"w": W_NS})
    abstract = _w("abstractNum", root, abstractNumId="0")
    _w("multiLevelType", abstract, val="multilevel" if len(case.levels) > 1 else "singleLevel")
    for ilvl, level in enumerate(case.levels):
        abstract.append(level.element(ilvl))
    for num_id, starts in case.nums.items():
        num = _w("num", root, numId=str(num_id))
        _w("abstractNumId", num, val="0")
        for ilvl, start in starts.items():
            override = _w("lvlOverride", num, ilvl=str(ilvl))
            _w("startOverride", override, val=str(start))
    return root


def build(case: Case, target: Path) -> None:
    document = docx.Document()
    numbering_part = document.part.numbering_part
    numbering_part._element = _numbering(case)  # replace the template's list definitions
    for num_pr in list(document.styles.element.iter(qn("w:numPr"))):  # the template's list styles
        num_pr.getparent().remove(num_pr)  # pointed at those definitions; no style numbers here
    title, *body = case.paragraphs
    document.add_paragraph(title[1], style="Title")
    for _, text, num in body:
        paragraph = document.add_paragraph(text)
        if num is not None:
            ppr = paragraph._p.get_or_add_pPr()
            num_pr = _w("numPr")
            _w("ilvl", num_pr, val=str(num[1]))
            _w("numId", num_pr, val=str(num[0]))
            ppr.insert(0, num_pr)
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as built, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for item in built.infolist():
            info = zipfile.ZipInfo(item.filename, ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            out.writestr(info, built.read(item.filename))


def verify(case: Case, target: Path) -> None:
    """The loader must show each paragraph with the number Word displays, followed by its suffix."""
    sys.path.insert(0, str(ROOT))
    import reviewer

    lines = reviewer.load(target).text.split("\n")
    suffix = {"tab": "\t", "space": " ", "nothing": ""}
    expected = []
    for shown, text, num in case.paragraphs:
        expected.append(f"{shown}{suffix[case.levels[num[1]].suffix]}{text}" if num else text)
    if lines != expected:
        wrong = [(a, b) for a, b in zip(expected, lines) if a != b] or [(len(expected), len(lines))]
        raise SystemExit(f"{target.name}: the loader does not show what Word shows: {wrong[:3]}")


_SIGN = [("", "甲方（盖章）：", None), ("", "乙方（盖章）：", None)]

CASES = [
    Case(
        "docx-autonum",
        [Level("decimal", "%1."), Level("decimal", "%1.%2.")],
        {1: {}},
        [("", "信息系统运维服务合同", None),
         ("", "甲方：松涛物业管理有限公司", None),
         ("", "乙方：云帆信息技术有限公司", None),
         ("1.", "服务内容", (1, 0)),
         ("1.1.", "乙方为甲方提供机房设备巡检和故障处理服务。", (1, 1)),
         ("1.2.", "服务时间为每周一至周五九时至十八时。", (1, 1)),
         ("2.", "服务费用", (1, 0)),
         ("2.1.", "甲方每年向乙方支付运维服务费人民币七万元。", (1, 1)),
         ("2.2.", "甲方于每季度末支付当季服务费。", (1, 1)),
         ("3.", "合同期限", (1, 0)),
         ("3.1.", "本合同有效期一年，自双方签字盖章之日起计算。", (1, 1)),
         *_SIGN],
    ),
    Case(
        "docx-restart",
        [Level("decimal", "%1.")],
        {1: {}, 2: {0: 1}, 3: {0: 1}},
        [("", "员工餐饮服务合同", None),
         ("", "甲方：瑞祥电子科技有限公司", None),
         ("", "乙方：味佳餐饮管理有限公司", None),
         ("", "第一条 服务内容", None),
         ("1.", "乙方为甲方员工提供工作日午餐和晚餐。", (1, 0)),
         ("2.", "每餐不少于三荤三素一汤。", (1, 0)),
         ("", "第二条 食品安全", None),
         ("1.", "乙方应持有有效的食品经营许可证。", (2, 0)),
         ("2.", "食材采购应留存票据备查。", (2, 0)),
         ("3.", "乙方对每餐菜品留样四十八小时。", (2, 0)),
         ("", "第三条 费用结算", None),
         ("1.", "甲方按实际就餐人次向乙方支付餐费。", (3, 0)),
         ("2.", "甲方于次月十日前支付上月餐费。", (3, 0)),
         *_SIGN],
    ),
    Case(
        "docx-islgl",
        [Level("chineseCounting", "第%1条", suffix="space"), Level("decimal", "%1.%2", legal=True)],
        {1: {}},
        [("", "软件测试服务合同", None),
         ("", "甲方：易行出行科技有限公司", None),
         ("", "乙方：精测软件测试有限公司", None),
         ("第一条", "测试范围", (1, 0)),
         ("1.1", "乙方对甲方的移动应用进行功能测试和性能测试。", (1, 1)),
         ("1.2", "测试环境由甲方提供。", (1, 1)),
         ("第二条", "测试周期", (1, 0)),
         ("2.1", "乙方应在收到测试版本后十五个工作日内完成测试。", (1, 1)),
         ("第三条", "测试费用", (1, 0)),
         ("3.1", "甲方应向乙方支付测试费用人民币六万元。", (1, 1)),
         ("3.2", "甲方在收到测试报告后十日内付款。", (1, 1)),
         *_SIGN],
    ),
    Case(
        "docx-chinese-counting",
        [Level("chineseCounting", "%1、")],
        {1: {}},
        [("", "展会搭建服务合同", None),
         ("", "甲方：蓝鲸海洋装备有限公司", None),
         ("", "乙方：筑景展览服务有限公司", None),
         ("一、", "乙方为甲方在会展中心搭建展位一个，面积七十二平方米。", (1, 0)),
         ("二、", "展位设计方案以甲方确认的效果图为准。", (1, 0)),
         ("三、", "乙方应在开展前两日完成搭建并通过主办方验收。", (1, 0)),
         ("四、", "搭建材料应符合消防要求。", (1, 0)),
         ("五、", "展会期间乙方派两名工作人员现场值守。", (1, 0)),
         ("六、", "闭展后乙方负责拆除展位并清运材料。", (1, 0)),
         ("七、", "搭建费用总额为人民币十八万元。", (1, 0)),
         ("八、", "甲方于合同签订后五日内支付百分之四十。", (1, 0)),
         ("九、", "余款在展会结束后十日内付清。", (1, 0)),
         ("十、", "因乙方原因导致展位未通过验收的，乙方承担由此产生的损失。", (1, 0)),
         ("十一、", "本合同一式两份，双方各执一份，自盖章之日起生效。", (1, 0)),
         *_SIGN],
    ),
]


def main() -> int:
    for case in CASES:
        target = GALLERY / f"{case.name}.docx"
        build(case, target)
        verify(case, target)
        print(f"wrote {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
