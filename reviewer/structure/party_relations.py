"""Sentences that name both sides and say who gives whom: "乙方为甲方提供…", "甲方委托乙方…", "甲方向乙方支付…"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..text.alternation import any_of

# Between the acting side and 向/为 or the verb: "乙方承诺为甲方", "甲方按季度向乙方", "甲方拟委托乙方".
_LEAD = r"[^，,。；;：:\n]{0,8}?"
# Giving to the other side: "乙方向甲方提供/出租/出售/交付…".
_GIVE = r"提供|出租|出售|销售|供应|供货|交付|转让"
# Making something for the other side: "乙方为甲方开发/搭建/建设…" (never "向甲方开发").
_MAKE = r"开发|设计|搭建|建设|施工|制作|加工|安装|部署|实施|维护|运维|托管|承办|代理"
# Paying, buying, renting from the other side: "甲方向乙方支付/采购/租用…".
_TAKE = r"支付|付款|付清|预付|结清|采购|购买|订购|购置|租用|承租|订阅"
# What a customer gives its vendor to work with, and money either way: not a sign of who supplies.
_INPUT = re.compile(r"资料|材料|文件|信息|数据|证明|证件|条件|协助|配合|便利|场地|用房|房屋|环境|账号|帐号|密码|权限|"
                    r"通道|接口|素材|需求|担保|保函|费|价|款|金额|租金|保证金|押金")
_PENALTY = re.compile(r"违约金|赔偿|罚款|损失|滞纳金|利息")
# What a licence grants when the licensor is the vendor: the product, not the licensee's own marks or data.
_LICENSED = re.compile(r"软件|系统|程序|产品|技术|专利|平台")
_OWN_THINGS = re.compile(r"商标|商号|名称|标识|肖像|数据|游戏|内容|素材|作品")
# A side right after one of these is a recipient or a possessor, not the one who acts.
_NOT_ACTOR_BEFORE = ("向", "给", "对", "为", "与", "和", "及", "经", "协助", "配合")


@dataclass(frozen=True, slots=True)
class Relation:
    """One sentence's word on who supplies (``vendor``) and who is supplied (``customer``), and its span."""

    vendor: str
    customer: str
    start: int
    end: int


def relations(text: str, labels: list[str]) -> list[Relation]:
    """Every sentence of ``text`` in which one of ``labels`` gives to, makes for, pays, buys from,
    entrusts, engages, licenses or undertakes the work of another, in text order."""
    if len(labels) < 2:
        return []
    side = any_of(labels)
    a, b = rf"(?P<a>{side}){_LEAD}", rf"(?P<b>{side})"
    after = r"(?P<o>[^。；;\n]{0,14})"
    # (pattern, whether the acting side ``a`` is the vendor)
    patterns = (
        (rf"{a}(?:向|为|给){b}的?[^，,。；;：:\n的]{{0,8}}?(?P<v>{_GIVE}){after}", True),
        (rf"{a}为{b}的?[^，,。；;：:\n的]{{0,8}}?(?P<v>{_MAKE}){after}", True),
        (rf"{a}(?:向|给){b}[^，,。；;：:\n的]{{0,3}}?(?P<v>{_TAKE}){after}", False),
        (rf"{a}(?P<v>委托|聘请|聘用){b}(?!代)", False),
        (rf"{a}接受{b}的?(?P<v>委托|聘请)", True),
        (rf"{a}(?P<v>承接|承包|承揽|承建){b}", True),
        (rf"{a}(?P<v>授权|授予|许可){b}(?P<o>[^。；;\n]{{0,30}})", True),
    )
    labels_re = re.compile(side)
    found: dict[int, Relation] = {}
    for pattern, a_supplies in patterns:
        for m in re.finditer(pattern, text):
            if not _plausible(text, m, labels_re):
                continue
            vendor, customer = (m.group("a"), m.group("b")) if a_supplies else (m.group("b"), m.group("a"))
            found.setdefault(m.start(), Relation(vendor, customer, m.start(), m.end()))
    return [found[k] for k in sorted(found)]


def gives_input(thing: str) -> bool:
    """Whether what is given ("必要的资料和工作条件", "履约保证金") is what a customer gives its vendor to
    work with, or money: giving it says nothing of who supplies."""
    return bool(_INPUT.search(thing))


def _plausible(text: str, m: re.Match, labels_re: re.Pattern) -> bool:
    """Whether the match says what its pattern claims: two different sides, the first one acting,
    no third side in between, and an object that fits the verb."""
    if m.group("a") == m.group("b") or text[max(0, m.start() - 2):m.start()].endswith(_NOT_ACTOR_BEFORE) \
            or text.startswith("的", m.end("a")):
        return False
    if labels_re.search(text, m.end("a"), m.start("b")):
        return False
    verb = m.group("v")
    thing = m.groupdict().get("o") or ""
    if re.fullmatch(_GIVE, verb) or re.fullmatch(_MAKE, verb):
        return not gives_input(thing)
    if re.fullmatch(_TAKE, verb):
        return not _PENALTY.search(thing)
    if verb in ("授权", "授予", "许可"):
        return bool(_LICENSED.search(thing)) and not _OWN_THINGS.search(thing)
    return True
