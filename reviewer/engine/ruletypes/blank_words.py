"""The words around a blank: what it is for (金额, 期限 …) and whether a bare space stands for a value."""

from __future__ import annotations

import re

from ...i18n import tr

# Space blanks: what may follow a missing value, and the words that expect one before it.
SPACE_UNIT = re.compile(
    r"(?P<money>万元|元|圆)|(?P<rate>[%％]|个百分点)|(?P<term>个工作日|工作日|个自然日|自然日|个月|日内|天|小时|周|年|月|日)"
    r"|(?P<court>人民法院|仲裁委员会|仲裁院)|(?P<ref>[条章种项期款号])|(?P<copies>份)"
    r"|(?P<count>名(?![称义单录片次字额])|台(?![式账湾风])|套(?![餐用])|件(?![事])|人次)"
    r"|(?P<party>方(?![面式法案向针便可能才]))|(?P<place>[省市县区](?![场面民级委政值内外长域])|港(?![澳台币]))")
VALUE_BEFORE = {
    "money": re.compile(r"(?:人民币|币|金额|价款|总价|单价|费用|合计|共计|总计|计|为|的|金|：|:|（|\(|¥|￥|RMB)$"),
    "rate": re.compile(r"(?:的|为|按|比例|费率|百分之|：|:|（|\(|支付|剩余)$"),
    "term": re.compile(r"(?:为期|期限为?|有效期为?|为|至|后|前|内|于|在|满|超过|不超过|不少于|提前|起|自|之日|届满|："
                       r"|:|（|\(|每月|每年|逾期|延期|延长)$"),
    "court": re.compile(r"(?:向|由|提交|交|至|在|为|：|:|（|\()$"),
    "ref": re.compile(r"第$"),
    "copies": re.compile(r"(?:一式|各执|共|计|：|:)$"),
    "count": re.compile(r"(?:对|向|为|共|计|派|派出|安排|配备|不少于|不超过|至少|培训|甲方|乙方|：|:)$"),
    "party": re.compile(r"(?:归属于|归|属于|由|为|于|向|交由)$"),
    "place": re.compile(r"(?:地点|地址|住所|：|:|省|市|于)$"),
}
NUMERAL = set("0123456789０１２３４５６７８９零〇一二三四五六七八九十百千万两壹贰叁肆伍陆柒捌玖拾佰仟")


# The words a contract uses for a party: 甲方, 委托方, 发包方, 出租人 … (a label naming a side).
ROLES = (r"[甲乙丙丁]方|委托方|受托方|委托人|受托人|买方|卖方|供方|需方|出租方|承租方|出租人|承租人|出卖人|买受人|"
         r"发包方|发包人|承包方|承包人|设计方|施工方|服务方|采购方|供应方|供货方|咨询方|开发方|许可方|被许可方")
_OWNER = rf"(?:{ROLES})?的?"
_FIELD = lambda words: re.compile(rf"{_OWNER}(?:合同|项目|通讯|联系|收件|公司|单位)?(?:{words})", re.I)  # noqa: E731
FIELD_PURPOSE = (
    ("编号", _FIELD(r"编号|合同号|编码|No\.?")),
    ("名称", re.compile(rf"{ROLES}|(?:公司|单位|项目)?名称")),
    ("地址", _FIELD(r"地址|住所|住所地|签订地点|地点|邮编|邮政编码")),
    ("联系方式", _FIELD(r"电话|手机|传真|邮箱|信箱|电子邮箱|电子信箱|E-?mail|联系方式|方式")),
    ("姓名", _FIELD(r"联系人|法定代表人|负责人|委托代理人|授权代表|代表人")),
    ("账户", _FIELD(r"开户行|开户银行|账号|帐号|银行账号|户名|税号|纳税人识别号|统一社会信用代码")),
    ("日期", re.compile(r"(?:签订|签署|签约)?日期|签订时间")),
    ("期限", re.compile(r"(?:合同|协议|服务|租赁)?(?:有效)?期限|有效期")),
)
# The label before a colon: 合同编号, 委托方（甲方）, and the spaced-out labels of model texts
# (住 所 地, 电 话) — single characters with single spaces, never "张三 电话".
_LABEL = re.compile(r"(?:^|(?<=\s))(?P<main>(?:[\u4e00-\u9fff] ){1,5}[\u4e00-\u9fff]|[^\s：:，。；、（）()]{1,12})"
                    r"(?P<paren>（[^（）\s]{1,8}）|\([^()\s]{1,8}\))?$")
_SIGNING = re.compile(r"盖章|签字|签章|签名|公章")
# A numbered line that is only a label: "1. 技术目标：" — a form item left empty, not a cut sentence.
_NUMBERING = r"(?:\d+[.．、]|[(（]\d+[)）]|[一二三四五六七八九十]+、)"
FORM_LABEL_LINE = re.compile(rf"^{_NUMBERING}?\s*(?P<label>[^\s：:，,。；;]{{1,12}})\s*[：:]\s*$")
_NOT_A_LABEL = re.compile(r"应|须|以下|如下|下列|包括|为|是|将|可|由|按|依|根据")


def looks_like_form_label(line: str) -> bool:
    """技术目标：, 帐 号： — a label waiting for its value; 乙方应提供以下文件： is a sentence."""
    m = FORM_LABEL_LINE.match(line.strip().replace(" ", "").replace("　", ""))
    return bool(m) and not _NOT_A_LABEL.search(m.group("label"))


# -- purposes ---------------------------------------------------------------------------------

_ENGLISH = {
    "金额": "amount", "大写金额": "amount in words", "比例": "percentage", "期限": "term", "日期": "date",
    "编号": "number", "条款编号": "clause number", "名称": "name", "地址": "address", "联系方式": "contact",
    "姓名": "name of the person", "账户": "account", "管辖法院": "court", "仲裁机构": "arbitration body",
    "份数": "number of copies", "选项": "choice", "内容": "content", "数量": "quantity",
    "当事方": "party",
}


def purpose_label(purpose: str) -> str:
    return tr(purpose, _ENGLISH.get(purpose, purpose))

_LEFT_PURPOSE = (
    ("大写金额", re.compile(r"大写[^，。；]{0,3}$")),
    ("金额", re.compile(r"(?:人民币|RMB|¥|￥|金额|价款|总价|单价|费用|价格)[为是：:]?\s*$")),
    ("比例", re.compile(r"(?:百分之|比例为?|费率为?)$")),
    ("编号", re.compile(r"(?:编号|合同号|编码|No\.?)[为：:]?\s*$")),
    ("条款编号", re.compile(r"第$")),
    ("地址", re.compile(r"(?:地址|住所|地点)[为：:]?\s*$")),
    ("联系方式", re.compile(r"(?:电话|手机|传真|邮箱)[为：:]?\s*$")),
    ("名称", re.compile(r"(?:名称|公司|单位|甲方|乙方)[为：:]?\s*$")),
    ("账户", re.compile(r"(?:账号|帐号|开户行|户名)[为：:]?\s*$")),
)
_RIGHT_PURPOSE = (
    ("比例", re.compile(r"^\s*(?:[%％]|个百分点)")),
    ("金额", re.compile(r"^\s*(?:万元|元|圆|美元)")),
    ("期限", re.compile(r"^\s*(?:个工作日|工作日|个自然日|自然日|日内|天|小时|周|个月)")),
    ("管辖法院", re.compile(r"^\s*(?:人民法院|法院)")),
    ("仲裁机构", re.compile(r"^\s*(?:仲裁委员会|仲裁院)")),
    ("份数", re.compile(r"^\s*份")),
    ("选项", re.compile(r"^\s*种")),
    ("编号", re.compile(r"^\s*号")),
    ("条款编号", re.compile(r"^\s*[条章款项期]")),
    ("数量", re.compile(r"^\s*(?:名|台|套|件|人次)")),
    ("当事方", re.compile(r"^\s*方")),
    ("地址", re.compile(r"^\s*[省市县区]")),
)
_POINT_IN_TIME = re.compile(r"(?:于|在|自|从|截至|截止|日期|时间|：|:)$")


def purpose_of(text: str, start: int, end: int, kind: str) -> str:
    """What a blank is for, from the words just before and after it."""
    if kind == "checkbox":
        return "选项"
    left = text[max(0, start - 16):start]
    left = left[left.rfind("\n") + 1:]
    right = text[end:end + 8]
    right = right.split("\n", 1)[0]
    for purpose, rx in _RIGHT_PURPOSE[:2]:
        if rx.search(right):
            # 大写:____元整 is the amount in words; the blank before 元 in figures is 金额.
            return "大写金额" if purpose == "金额" and _LEFT_PURPOSE[0][1].search(left) else purpose
    stripped = right.lstrip()
    if stripped.startswith("年"):
        after = stripped[1:].lstrip()
        if after.startswith(("月", "_", "＿")) or _POINT_IN_TIME.search(left.rstrip()):
            return "日期"
        return "期限"
    if stripped.startswith("月"):
        return "日期" if not left.endswith("个") else "期限"
    if stripped.startswith("日") and not stripped.startswith("日内"):
        return "日期" if re.search(r"月\s*$", left) or _POINT_IN_TIME.search(left.rstrip()) else "期限"
    for purpose, rx in _RIGHT_PURPOSE[2:]:
        if rx.search(right):
            return purpose
    for purpose, rx in _LEFT_PURPOSE:
        if rx.search(left):
            return purpose
    return "内容"


_NAMED_PURPOSE = (
    ("大写金额", re.compile(r"大写")),
    ("比例", re.compile(r"比例|百分比|费率|利率|rate|percent", re.I)),
    ("金额", re.compile(r"金额|费|价|款|amount|price|fee", re.I)),
    ("期限", re.compile(r"期限|期间|年限|天数|工作日|term|period|days", re.I)),
    ("日期", re.compile(r"日期|时间|date", re.I)),
    ("编号", re.compile(r"编号|合同号|number|\bno\b", re.I)),
    ("地址", re.compile(r"地址|住所|address", re.I)),
    ("联系方式", re.compile(r"电话|手机|邮箱|传真|phone|email", re.I)),
    ("名称", re.compile(r"名称|姓名|name", re.I)),
)


def field_name_purpose(field: str) -> str:
    """{{协议终止日期}} says what it is for; "" lets the words around it decide."""
    for purpose, rx in _NAMED_PURPOSE:
        if rx.search(field):
            return purpose
    return ""


def field_label_start(text: str, line_start: int, colon: int) -> int | None:
    """Start of the field label ending at ``colon``, or None when the words before it are not one."""
    m = _LABEL.search(text[max(line_start, colon - 40):colon])
    if m is None or (colon - 40 > line_start and m.start() == 0):
        return None
    return colon - len(m.group())


def field_purpose(label: str) -> str | None:
    """What a labelled field is for: 委托方（甲方） → 名称, 住 所 地 → 地址; 甲方（盖章） is where one signs."""
    m = _LABEL.search(label)
    if m is None or (m.group("paren") and _SIGNING.search(m.group("paren"))):
        return None
    main = re.sub(r"\s", "", m.group("main"))
    for purpose, rx in FIELD_PURPOSE:
        if rx.fullmatch(main):
            return purpose
    return None


# A line that reads as a document's title or its issuer (技术服务合同, （2024版）, 科学技术部印制), not a value.
_TITLE_OR_ISSUER = re.compile(r"(?:合同|协议|合同书|协议书|条款|示范文本|[(（][^()（）]{0,8}版[)）]|印制|制定|监制)$")
# What the value of a number, a date or a term holds: figures, letters, or the words of a date.
_VALUE_OF = {
    "编号": re.compile(r"[0-9０-９A-Za-zＡ-Ｚａ-ｚ_＿]|第.{0,8}号"),
    "日期": re.compile(r"[0-9０-９_＿]|[年月日]"),
    "期限": re.compile(r"[0-9０-９_＿]|[年月日至起止]|[一二三四五六七八九十两]"),
}


def next_line_is_value(line: str, purpose: str = "") -> bool:
    """甲方：⏎北京某某科技有限公司 — the value sits on the next line. The next line of 合同编号： on a
    cover is the contract's title, not its number; a number, a date or a term has figures in it."""
    line = line.strip()
    if not line or len(line) > 40 or re.search(r"[：:]", line) or re.match(
            r"^(?:第[一二三四五六七八九十百零〇两\d]+[章条]|\d+(?:\.\d+)*|[一二三四五六七八九十]+、|[(（]\d+[)）])", line):
        return False
    if purpose in _VALUE_OF:
        return bool(_VALUE_OF[purpose].search(line)) and not _TITLE_OR_ISSUER.search(line)
    return not (purpose != "名称" and _TITLE_OR_ISSUER.search(line))


def space_blank_purpose(line: str, start: int, end: int) -> str:
    """The purpose when the spaces at ``line[start:end]`` stand where a value belongs, else ""."""
    left_char = line[start - 1]
    if left_char in NUMERAL or left_char.isascii() and left_char.isalnum():
        return ""
    m = SPACE_UNIT.match(line, end)
    if not m:
        return ""
    group = m.lastgroup
    left = line[max(0, start - 8):start]
    if not VALUE_BEFORE[group].search(left):
        return ""
    if splits_a_word(line, start, end):
        return ""
    return purpose_of(line, start, end, "space")


def splits_a_word(line: str, start: int, end: int) -> bool:
    """True when the characters on both sides of the gap form one word (每 月, 次 日): a wrapped line."""
    left = line[max(0, start - 4):start]
    right = line[end:end + 4]
    left = re.split(r"\s", left)[-1]
    right = re.split(r"\s", right)[0]
    if not left or not right:
        return False
    position = 0
    for token in cut_words(left + right):
        if position < len(left) < position + len(token):
            return True
        position += len(token)
    return False


def cut_words(text: str) -> list[str]:
    """Segment by the dictionary alone (see :mod:`reviewer.text.tokens`), loaded on first use: a
    document with no candidate blank never loads it."""
    from ...text.tokens import cut

    return cut(text)
