"""The words of party finding: the labels a contract calls its sides by, and a name told from a blank."""

from __future__ import annotations

import re

from ..text.alternation import any_of

# Labels a contract calls its sides by, with the role the label itself implies (None: neutral).
# Who provides the service, the goods, the lease, the platform is the vendor; who pays, the customer.
LABEL_ROLES: dict[str, str | None] = {
    "甲方": None, "乙方": None, "丙方": None, "丁方": None,
    "委托方": "customer", "受托方": "vendor", "委托人": "customer", "受托人": "vendor",
    "买方": "customer", "卖方": "vendor", "买受人": "customer", "出卖人": "vendor",
    "采购方": "customer", "采购人": "customer", "供应方": "vendor", "供应商": "vendor", "供货方": "vendor",
    "发包方": "customer", "发包人": "customer", "承包方": "vendor", "承包人": "vendor",
    "需方": "customer", "供方": "vendor",
    "用户": "customer", "客户": "customer", "服务商": "vendor", "服务方": "vendor",
    "服务提供方": "vendor", "服务提供商": "vendor", "开发方": "vendor", "研究开发方": "vendor",
    "许可方": "vendor", "被许可方": "customer", "出租方": "vendor", "承租方": "customer",
    "出租人": "vendor", "承租人": "customer", "保管人": "vendor", "保管方": "vendor",
    "存货人": "customer", "存货方": "customer", "咨询者": "vendor", "咨询方": "vendor",
    "设计方": "vendor", "设计人": "vendor", "中介方": "vendor", "中介人": "vendor",
    "订阅方": "customer", "订购方": "customer", "使用方": "customer", "委托单位": "customer",
    "受托单位": "vendor", "用工单位": "customer", "派遣单位": "vendor",
    "Party A": None, "Party B": None, "Party C": None,
    "Customer": "customer", "Client": "customer", "Buyer": "customer", "Purchaser": "customer",
    "Licensee": "customer", "Supplier": "vendor", "Vendor": "vendor", "Service Provider": "vendor",
    "Provider": "vendor", "Seller": "vendor", "Contractor": "vendor", "Licensor": "vendor", "Developer": "vendor",
}
# Sides that sign but neither supply nor pay: a guarantor stands behind one of the two.
BYSTANDERS = frozenset({"担保人", "担保方", "保证人", "Guarantor"})
# Labels that are common words too (用户画像, customer data): trusted only from a header line, a
# definition or "以下简称", never from counting.
STRONG_LABELS = frozenset({"甲方", "乙方", "丙方", "丁方", "Party A", "Party B", "Party C",
                           "委托方", "受托方", "委托人", "受托人", "发包方", "承包方", "需方", "供方", "买方", "卖方"})
WEAK_LABELS = frozenset(k for k in LABEL_ROLES if k not in STRONG_LABELS)
ALL_LABELS = any_of((*LABEL_ROLES, *BYSTANDERS))

# A vendor or a customer told by what a caption or a role word says it does.
VENDOR_CUES = re.compile(r"提供|开发|交付|供货|供应|销售|承接|承包|受托|服务商|服务提供|出卖|许可|provid|supplier|develop|deliver|sell", re.I)
CUSTOMER_CUES = re.compile(r"需要|采购|购买|委托|使用|接受|所有者|需方|客户|用户|发包|买受|purchas|buy|receiv|customer|client", re.I)


def neutral(label: str) -> bool:
    """甲方, 乙方, Party A …: a label that says nothing of the side's role."""
    return label in LABEL_ROLES and LABEL_ROLES[label] is None


def role_of_words(words: str) -> str | None:
    """The role a role word or a caption implies ("餐饮服务提供方", "广告客户或代理单位"), if any."""
    if words in LABEL_ROLES:
        return LABEL_ROLES[words]
    vendor, customer = VENDOR_CUES.search(words), CUSTOMER_CUES.search(words)
    if vendor and (not customer or vendor.start() < customer.start()):
        return "vendor"
    return "customer" if customer else None


# -- names -------------------------------------------------------------------------------------------

# Where a name stops: a run of spaces or a TAB before the next form field, a bracket that starts
# "以下简称" or a seal, a sentence mark.
_NAME_END = re.compile(r"\s{2,}|\t|\(\s*(?:以下简称|以下称|下称|简称|hereinafter|盖章|签章|公章|签字|seal|signature)"
                       r"|[，,。;；]", re.I)
# Template fields that stand where a name is to be filled in: «Client» (Word mail merge),
# [%cpName%#longInput#], {{ webInfo.title }}, ${name}, 【甲方名称】, [ ].
_FIELD = re.compile(r"«[^»]*»|\[%[^\]]*\]|\{\{[^}]*\}\}|\$\{[^}]*\}|【[^】]*】|\[[^\]]*\]|<<[^>]*>>")
# What is left of a blank: underscores, dashes, dots, stars, ×××, and a bracketed hint "(委托方名称)".
_BLANK = re.compile(r"(?:[_＿\-—.…·\s*×X]|\([\s_]*\)|\([^()]*(?:名称|全称|姓名|盖章|签字|签章)\))*")
# "××国际咨询公司", "XX有限公司": a model text's made-up name is a blank too.
_TEMPLATE_NAME = re.compile(r"×{2,}|(?<![A-Za-z])[XＸ]{2,}(?![A-Za-z])")
# A caption where the name was to go: "广告客户或代理单位名称", "单位全称".
_CAPTION = re.compile(r"(?:名称|全称|姓名|名字)$")
# "签订地点:" or "传真:____" after an empty name: the next form field, not a name.
_FORM_FIELD = re.compile(r"[:：]")
# "作为受托方的南京大学…": the role comes first, then the name.
ROLE_LEAD = re.compile(rf"^(?:作为)?\s*({ALL_LABELS})\s*(?:的)?\s*")
# The words that lead into a name in a sentence: "本合同由…", "本服务协议是…", "…与…".
NAME_LEAD = re.compile(r"^(?:本[^\s，。()]{0,8}?(?:合同|协议|条款|规则))?(?:是由|由|与|和|及|是|为|系)+\s*")
_NAME_CUT = re.compile(r"[\n:：，,。;；]")
_SHORT_NAMING = re.compile(r"简称|以下称|下称|hereinafter", re.I)


def clean_name(raw: str) -> str:
    """``raw`` cut to the name it holds; "" for a blank, a template field, a caption or the next form field.

    The result is always a piece of ``raw`` (so its position can be found again), or "".
    """
    without_fields = _FIELD.sub(lambda m: " " * len(m.group()), raw).strip()
    name = _NAME_END.split(without_fields, 1)[0].strip()
    if not name or _BLANK.fullmatch(without_fields) or _BLANK.fullmatch(name) or _FORM_FIELD.search(name) \
            or _TEMPLATE_NAME.search(name) or _CAPTION.search(name) or name not in raw:
        return ""
    return name[:40]


def name_before(text: str) -> str:
    """The name that ends ``text`` ("…（以下简称“甲方”）与北京某某（中国）有限公司" → "北京某某（中国）有限公司"):
    after the last line break, colon or sentence mark, after a ")" that no "(" opens or that closes
    the other side's "(以下简称…)", and after the words leading into it."""
    piece = _NAME_CUT.split(text)[-1]
    opened: list[int] = []
    cut = 0
    for i, ch in enumerate(piece):
        if ch == "(":
            opened.append(i)
        elif ch == ")":
            if not opened or _SHORT_NAMING.search(piece, opened.pop(), i):
                cut = i + 1
    return NAME_LEAD.sub("", piece[cut:].strip())


def split_role_lead(name: str) -> tuple[str, str]:
    """``(role word, rest)`` for "作为委托方的 «FirstParty»" or "委托方 «Client»"; ``("", name)`` otherwise."""
    m = ROLE_LEAD.match(name)
    if m is None or (m.end() < len(name) and not name.startswith("作为") and not name[m.end() - 1:m.end()].isspace()):
        return "", name
    return m.group(1), name[m.end():]


def short_description(text: str) -> str:
    """A definition's subject kept short: "需要升级…的电商平台所有者" → "电商平台所有者"."""
    text = text.strip().rstrip("。.;；")
    if "的" in text:
        tail = text.rsplit("的", 1)[1]
        if len(tail) >= 4:
            return tail[:30]
    return text[:30]


def names_nobody(description: str, label: str) -> bool:
    """A definition that only points back ("“客户”指签订本协议的机构", "“X”指…载明的X实体") names nobody."""
    return bool(re.search(r"本(?:协议|合同|条款)", description)) or label in description
