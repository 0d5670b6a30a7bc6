"""Find a contract's parties: their labels, names, and which side supplies and which side pays."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .foreign import BLOCK_KINDS, fold_width
from ..model.parties import Parties, Party

if TYPE_CHECKING:  # pragma: no cover
    from ..model.document import Document

# Labels a contract calls its sides by, with the role the label itself implies (None: neutral).
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
    "订阅方": "customer", "订购方": "customer", "使用方": "customer", "委托单位": "customer",
    "Party A": None, "Party B": None, "Party C": None,
    "Customer": "customer", "Client": "customer", "Buyer": "customer", "Purchaser": "customer",
    "Licensee": "customer", "Supplier": "vendor", "Vendor": "vendor", "Service Provider": "vendor",
    "Provider": "vendor", "Seller": "vendor", "Contractor": "vendor", "Licensor": "vendor", "Developer": "vendor",
}
# Labels that are common words too (用户画像, customer data): trusted only from a header line, a
# definition or "以下简称", never from counting.
_WEAK_LABELS = frozenset(k for k in LABEL_ROLES if k not in ("甲方", "乙方", "丙方", "丁方", "Party A", "Party B", "Party C")
                         and k not in ("委托方", "受托方", "委托人", "受托人", "发包方", "承包方", "需方", "供方", "买方", "卖方"))
_COUNTED = ("甲方", "乙方", "丙方", "Party A", "Party B", "Party C")

_ALL = "|".join(sorted((re.escape(k) for k in LABEL_ROLES), key=len, reverse=True))
_Q_OPEN, _Q_CLOSE = "[“\"「『']?", "[”\"」』']?"
# "甲方（订阅方）：某某公司": the bracket may hold a second label or any short role word.
_HEADER = re.compile(rf"^({_ALL})\s*(?:\(\s*(?!盖章|签字|签章|公章|签名)([^()]{{1,8}}?)\s*\))?\s*[:：]\s*(.*)$")
# "某某公司（以下简称“甲方”）": the anchor is searched, the name read backwards from it.
_SHORT_NAME = re.compile(rf"\(\s*(?:以下简称|以下称|下称|简称)\s*[:：]?\s*{_Q_OPEN}({_ALL}){_Q_CLOSE}\s*[),，]")
_NAME_START = re.compile(r"^.*[\n:：，,。;；)]\s*|^\s*")
_NAME_LEAD = re.compile(r"^(?:本合同由|本协议由|由|与|和|及|是|为)\s*")
_SHORT_NAME_EN = re.compile(
    rf"([A-Z][^()\n]{{1,80}}?)\s*\(\s*(?:hereinafter|the)?\s*(?:referred to as|called)?\s*(?:the\s*)?"
    rf"{_Q_OPEN}({_ALL}){_Q_CLOSE}\s*\)", re.I)
# "甲方指派" is no definition: a bare 指 counts only after a quoted label. Two patterns, each
# beginning with something fixed, search much faster than one with an optional quote.
_DEFINITIONS = (
    re.compile(rf"[“\"「『]({_ALL})[”\"」』]\s*(?:指的是|是指|系指|指)\s*([^。；;\n]{{2,80}})"),
    re.compile(rf"({_ALL})\s*(?:指的是|是指|系指)\s*([^。；;\n]{{2,80}})"),
)
_BETWEEN = re.compile(r"\b(?:by and between|between|and)\s+|,\s*", re.I)
_DEFINITION_EN = re.compile(rf"[“\"]({_ALL})[”\"]\s*(?:means|shall mean|refers to)\s*([^.;\n]{{2,120}})", re.I)
_NAME_END = re.compile(r"\s{2,}|\(\s*(?:以下简称|以下称|下称|简称|hereinafter|盖章|签章|公章|签字|seal|signature)|[，,。;；]", re.I)

_VENDOR_CUES = re.compile(r"提供|开发|交付|供货|供应|销售|承接|承包|受托|服务商|服务提供|出卖|许可|provid|supplier|develop|deliver|sell", re.I)
_CUSTOMER_CUES = re.compile(r"需要|采购|购买|委托|使用|接受|所有者|需方|客户|用户|发包|买受|purchas|buy|receiv|customer|client", re.I)

# Duties: who pays the fees, who supplies the goods or the service.
# No IGNORECASE in the two searches over the whole text: it makes Python's re many times slower.
_PAY = re.compile(r"(?<![已所])(?:支付|付款|付清|结清)|\b[Pp]ays?\b")
_PAY_OBJECT = re.compile(r"费|价款|款项|合同款|报酬|金额|价格|fee|price|amount|charge", re.I)
_NOT_FEE = re.compile(r"违约金|赔偿|罚款|损失|penalt|damages|liquidated", re.I)
_SUPPLY = re.compile(r"提供|交付|开发|供货|发货|升级|维护|实施|部署|安装|调试|培训|供应|"
                     r"\b(?:[Pp]rovide|[Dd]eliver|[Dd]evelop|[Ss]upply|[Pp]erform|[Mm]aintain|[Ii]mplement|[Ii]nstall)s?\b")
# Enough duties read to tell the sides apart; a long contract stops adding votes here.
_MAX_DUTY_VOTES = 40
_PROVIDE_OBJECT = re.compile(r"服务|系统|产品|软件|技术|支持|升级|维护|文件|资料|货物|设备|成果|方案|培训|平台|"
                             r"service|system|product|software|deliverable|goods|support", re.I)
# A label right after one of these is the recipient or a reference, not the one who acts.
_MARKERS = ("向", "给", "对", "为", "按照", "按", "根据", "依照", "依据", "与", "和", "及", "经", "接到", "协助", "配合",
            "to ", "for ", "from ", "with ", "by ", "of ")
_SENTENCE_END = re.compile(r"[。；;\n!?！？]")


@dataclass(slots=True)
class _Side:
    label: str
    name: str = ""
    alias: str = ""
    first: int = 0
    line_end: int = -1  # end of the header line "委托方：某某公司", when there is one
    score: int = 0  # > 0 vendor, < 0 customer
    evidence: list[tuple[int, int, int, str]] = field(default_factory=list)  # (weight, start, end, role)

    def vote(self, role: str, weight: int, start: int, end: int) -> None:
        self.score += weight if role == "vendor" else -weight
        self.evidence.append((weight, start, end, role))


# A name left to fill in: ____, {{受托方名称}}, 【甲方名称】, [ ].
_PLACEHOLDER = re.compile(r"[_＿\-—.\s*×X]*|\{\{[^}]*\}\}|\$\{[^}]*\}|【[^】]*】|\[[^\]]*\]|\([\s_]*\)")


def _clean_name(raw: str) -> str:
    name = _NAME_END.split(raw.strip(), 1)[0].strip()
    return "" if _PLACEHOLDER.fullmatch(name) else name[:40]


def _short_description(text: str) -> str:
    """A definition's subject kept short: "需要升级…的电商平台所有者" → "电商平台所有者"."""
    text = text.strip().rstrip("。.;；")
    if "的" in text:
        tail = text.rsplit("的", 1)[1]
        if len(tail) >= 4:
            return tail[:30]
    return text[:30]


class PartyFinder:
    """Read the parties from the header lines, "以下简称" phrases and definitions, then tell the
    vendor from the customer by the labels themselves (委托方, 供方), the definitions ("提供…服务
    的公司") and the duties (who pays the fees, who supplies) — in that order of weight."""

    def __init__(self, document: "Document") -> None:
        self.document = document
        text = document.text
        # Foreign blocks are blanked (same length) so nothing is read from page chrome.
        pieces, last = [], 0
        for span in document.foreign:
            if span.kind in BLOCK_KINDS and span.start >= last:
                pieces += [text[last:span.start], " " * (span.end - span.start)]
                last = span.end
        pieces.append(text[last:])
        self.text = fold_width("".join(pieces))
        self._found_definitions: list[tuple[int, int, str, str]] | None = None

    def find(self) -> Parties:
        sides = self._discover()
        if not sides:
            return Parties()
        self._roles_from_labels(sides)
        self._roles_from_definitions(sides)
        self._roles_from_duties(sides)
        return Parties(tuple(self._decide(sides)))

    # -- who the parties are -----------------------------------------------------------------------

    def _discover(self) -> list[_Side]:
        text = self.text
        sides: dict[str, _Side] = {}

        def add(label: str, at: int, name: str = "", alias: str = "", line_end: int = -1) -> None:
            side = sides.get(label)
            if side is None:
                sides[label] = _Side(label, name, alias, at, line_end)
                return
            if not side.name and name:
                side.name = name
            if not side.alias and alias:
                side.alias, side.first, side.line_end = alias, at, line_end

        for start, end in self._header_regions():
            offset = start
            for line in text[start:end].split("\n"):
                m = _HEADER.match(line.strip())
                if m:
                    a, b = m.group(1), m.group(2)
                    label, alias = (a, b) if b not in LABEL_ROLES or self._count(a) >= self._count(b) else (b, a)
                    lead = len(line) - len(line.lstrip())
                    add(label, offset + lead, _clean_name(m.group(3)), alias or "", offset + len(line.rstrip()))
                offset += len(line) + 1
        for m in _SHORT_NAME.finditer(text):
            before = text[max(0, m.start() - 60):m.start()]
            name = _NAME_LEAD.sub("", _NAME_START.sub("", before, count=1))
            add(m.group(1), m.start() - len(name), _clean_name(name))
        for m in _SHORT_NAME_EN.finditer(text):
            # "This Agreement is made between ABC Ltd. (hereinafter …) and XYZ Inc. (…)": the name
            # is what follows the last "between" / "and".
            name = _BETWEEN.split(m.group(1))[-1]
            add(m.group(2), m.start(1) + m.group(1).rfind(name), _clean_name(name))
        for start, _, label, description in self._definitions():
            add(label, start, _short_description(self._before_other_label(description, label)))
        counted_only = not sides
        if len(sides) < 2:
            for label in _COUNTED:
                if label not in sides and self._count(label) >= 2:
                    add(label, text.find(label))
        if counted_only:  # no header to follow: 甲方 before 乙方, Party A before Party B
            found = sorted(sides.values(), key=lambda s: _COUNTED.index(s.label))
        else:
            found = sorted(sides.values(), key=lambda s: s.first)
        return found if len(found) >= 2 or any(s.name for s in found) else []

    def _definitions(self) -> list[tuple[int, int, str, str]]:
        """Every definition of a label: ``(start, end, label, description)``, in text order."""
        if self._found_definitions is None:
            found = {m.start(): (m.start(), m.end(), m.group(1), m.group(2))
                     for p in (*_DEFINITIONS, _DEFINITION_EN) for m in p.finditer(self.text)
                     # "最终用户是指…" defines a word, not a party: common words need quotes.
                     if p is not _DEFINITIONS[1] or m.group(1) not in _WEAK_LABELS}
            self._found_definitions = [found[k] for k in sorted(found)]
        return self._found_definitions

    def _header_regions(self) -> list[tuple[int, int]]:
        """Where "甲方：XX公司" lines are read: before the first clause, then the signature block."""
        tree = self.document.clauses
        first = next((n.start for n in tree if n.kind in ("chapter", "clause") and n.number is not None), None)
        if first is None:
            first = len(self.text) if len(tree) == 0 else next(
                (n.start for n in tree if n.kind in ("chapter", "clause")), len(self.text))
        regions = [(0, first)]
        regions += [(n.start, n.end) for n in tree if n.kind == "signature"]
        return regions

    def _count(self, label: str) -> int:
        if label.isascii():
            return len(re.findall(rf"\b{re.escape(label)}\b", self.text))
        return self.text.count(label)

    @staticmethod
    def _before_other_label(description: str, own: str) -> str:
        m = re.search(_ALL, description)
        while m and m.group() == own:
            m = re.search(_ALL, description[m.end():])
        return description[:m.start()] if m and m.start() > 1 else description

    # -- who supplies, who pays --------------------------------------------------------------------

    def _roles_from_labels(self, sides: list[_Side]) -> None:
        for side in sides:
            for label in (side.label, side.alias):
                role = LABEL_ROLES.get(label) if label else None
                if role:
                    at = self.text.find(label, side.first)
                    side.vote(role, 5, side.first if side.line_end > 0 else at,
                              side.line_end if side.line_end > 0 else at + len(label))

    def _roles_from_definitions(self, sides: list[_Side]) -> None:
        by_label = {s.label: s for s in sides}
        for start, end, label, description in self._definitions():
            side = by_label.get(label)
            if side is None:
                continue
            description = self._before_other_label(description, side.label)
            vendor, customer = _VENDOR_CUES.search(description), _CUSTOMER_CUES.search(description)
            if vendor and (not customer or vendor.start() < customer.start()):
                side.vote("vendor", 3, start, end)
            elif customer:
                side.vote("customer", 3, start, end)

    def _roles_from_duties(self, sides: list[_Side]) -> None:
        by_label = {s.label: s for s in sides}
        labels = re.compile("|".join(rf"\b{re.escape(s.label)}\b" if s.label.isascii() else re.escape(s.label)
                                     for s in sorted(sides, key=lambda s: len(s.label), reverse=True)))
        text = self.text
        # A definition ("“甲方”指需要升级…的所有者") says who a side is, not what it must do.
        definitions = [(a, b) for a, b, _, _ in self._definitions()]
        def_starts = [a for a, _ in definitions]
        seen: set[tuple[int, str]] = set()
        for verbs, role in ((_PAY, "customer"), (_SUPPLY, "vendor")):
            votes = 0
            for m in verbs.finditer(text):
                if votes >= _MAX_DUTY_VOTES:
                    break
                k = bisect_right(def_starts, m.start()) - 1
                if k >= 0 and m.start() < definitions[k][1]:
                    continue
                after = text[m.end():m.end() + (40 if m.group().isascii() else 16)]
                if role == "customer" and (not _PAY_OBJECT.search(after) or _NOT_FEE.search(after)):
                    continue
                if role == "vendor" and m.group().lower().startswith(("提供", "provide")) \
                        and not _PROVIDE_OBJECT.search(after):
                    continue
                actor = self._actor(labels, m.start(), m.end())
                if actor is not None and (actor.start(), role) not in seen:
                    seen.add((actor.start(), role))
                    votes += 1
                    by_label[actor.group()].vote(role, 1, actor.start(), min(m.end() + 16, self._sentence_end(m.end())))

    def _actor(self, labels: re.Pattern, verb_at: int, verb_end: int | None = None) -> re.Match | None:
        """The label doing the verb at ``verb_at``: the nearest one before it in its sentence that is
        not a recipient (向乙方, for Party B) or a possessive (甲方的) — except in a relative clause
        ("对乙方提供的软件"), where the label right before the verb is who does it."""
        text = self.text
        if verb_end is not None and text.startswith("的", verb_end):
            for m in labels.finditer(text, max(0, verb_at - 8), verb_at):
                if m.end() == verb_at:
                    return m
        start = verb_at
        for m in _SENTENCE_END.finditer(text, max(0, verb_at - 120), verb_at):
            start = m.end()
        if start == verb_at:
            start = max(0, verb_at - 120)
        for m in reversed(list(labels.finditer(text, start, verb_at))):
            before = text[max(start, m.start() - 3):m.start()]
            if before.endswith(_MARKERS) or text.startswith("的", m.end()) or text.startswith("'s", m.end()):
                continue
            return m
        return None

    def _sentence_end(self, at: int) -> int:
        m = _SENTENCE_END.search(self.text, at)
        return m.start() if m else len(self.text)

    def _decide(self, sides: list[_Side]) -> list[Party]:
        roles = {s.label: "unknown" for s in sides}
        ranked = sorted(sides, key=lambda s: s.score)
        low, high = ranked[0], ranked[-1]
        if high.score > low.score:
            if high.score > 0 or len(sides) == 2:
                roles[high.label] = "vendor"
            if low.score < 0 or len(sides) == 2:
                roles[low.label] = "customer"
        out = []
        original = self.document.text
        for side in sides:
            role = roles[side.label]
            wanted = [e for e in side.evidence if e[3] == role]
            start = end = -1
            quote = ""
            if wanted:
                _, start, end, _ = max(wanted, key=lambda e: (e[0], -e[1]))
                end = min(end, start + 60)
                quote = original[start:end]
            elif role != "unknown":
                other = next((e for s in sides if s is not side for e in sorted(s.evidence, key=lambda e: -e[0])), None)
                if other is not None:
                    _, start, end, _ = other
                    end = min(end, start + 60)
                    quote = original[start:end]
            out.append(Party(side.label, side.name, role, start, end, quote))
        return out
