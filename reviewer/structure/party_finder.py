"""Find a contract's parties: their labels, names, and which side supplies and which side pays."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..text.textnorm import fold_width
from .foreign import BLOCK_KINDS
from .party_relations import gives_input, relations
from .party_terms import Given, addressed_terms, english_opening
from .party_words import (ALL_LABELS, BYSTANDERS, LABEL_ROLES, STRONG_LABELS, WEAK_LABELS, clean_name, name_before,
                          names_nobody, neutral, role_of_words, short_description, split_role_lead)
from ..model.parties import Parties, Party

if TYPE_CHECKING:  # pragma: no cover
    from ..model.document import Document

_COUNTED = ("甲方", "乙方", "丙方", "Party A", "Party B", "Party C")
_ALL = ALL_LABELS
_Q_OPEN, _Q_CLOSE = "[“\"「『']?", "[”\"」』']?"
# One "甲方（订阅方）：" of a header line; a line may hold two ("甲方：某某　　乙方：某某").
_HEAD = re.compile(rf"({_ALL})\s*(?:\(\s*([^()]{{1,12}}?)\s*\))?\s*[:：]")
# "甲方（委托方）" alone on its line, no colon: a header whose name follows on the next lines.
_HEAD_ONLY = re.compile(rf"({_ALL})\s*\(\s*([^()]{{1,12}}?)\s*\)")
_BRACKET_LEAD = re.compile(rf"^(?:以下简称|以下称|下称|简称)为?\s*{_Q_OPEN}|{_Q_CLOSE}$")
_SEAL = re.compile(r"章|签|seal|sign", re.I)
# "某某公司（以下简称“甲方”）": the anchor is searched, the name read backwards from it.
# "委托咨询者（委托咨询方名称，以下简称为委托方）": a hint in the bracket says the name is still to come.
_SHORT_NAME = re.compile(rf"\(\s*([^()]*?(?:名称|全称)[,，]\s*)?(?:以下简称|以下称|下称|简称)为?\s*[:：]?\s*"
                         rf"{_Q_OPEN}({_ALL}){_Q_CLOSE}\s*[),，]")
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

# Duties: who pays the fees, who supplies the goods or the service.
# No IGNORECASE in the two searches over the whole text: it makes Python's re many times slower.
_PAY = re.compile(r"(?<![已所])(?:支付|付款|付清|结清)|\b[Pp]ays?\b")
_PAY_OBJECT = re.compile(r"费|价款|款项|合同款|报酬|金额|价格|fee|price|amount|charge", re.I)
_NOT_FEE = re.compile(r"违约金|赔偿|罚款|损失|penalt|damages|liquidated", re.I)
_SUPPLY = re.compile(r"提供|交付|开发|供货|发货|升级|维护|实施|部署|安装|调试|培训|供应|"
                     r"\b(?:[Pp]rovide|[Dd]eliver|[Dd]evelop|[Ss]upply|[Pp]erform|[Mm]aintain|[Ii]mplement|[Ii]nstall)s?\b")
# Enough duties read to tell the sides apart; a long contract stops adding votes here.
_MAX_DUTY_VOTES = 40
_PROVIDE_OBJECT = re.compile(r"服务|系统|产品|软件|技术|支持|升级|维护|货物|设备|成果|方案|培训|平台|"
                             r"service|system|product|software|deliverable|goods|support", re.I)
# A label right after one of these is the recipient or a reference, not the one who acts.
_MARKERS = ("向", "给", "对", "为", "按照", "按", "根据", "依照", "依据", "与", "和", "及", "经", "接到", "协助", "配合",
            "to ", "for ", "from ", "with ", "by ", "of ")
# "为甲方提供的", "向乙方交付的": the label after these receives; 作为/因为/成为/认为 are other words.
_RECIPIENT = re.compile(r"(?:(?<![作因成认])为|向|给)$")
_SENTENCE_END = re.compile(r"[。；;\n!?！？]")
# "在乙方运营管理的平台上", "由乙方设立的【某某】游戏运营平台": the side that runs the platform the
# other one does business on provides it.
_PLATFORM_BEFORE = r"(?:在|通过|由)"
_PLATFORM_AFTER = r"(?:设立|运营|经营|管理)+的?[^。；;\n，,]{0,15}?平台"
# What a side says of itself outweighs any count of duties: a label, a definition or a platform is
# worth more than all the duties read (at most 2 × _MAX_DUTY_VOTES), which only break a tie.
_LABEL_WEIGHT, _STATED_WEIGHT = 500, 300
# A sentence naming both sides ("乙方为甲方提供…", "甲方委托乙方") says more than a duty read from the
# label nearest a verb; no more of them are read than keep their sum below what a side says of itself.
_RELATION_WEIGHT, _MAX_RELATIONS = 20, 12


@dataclass(slots=True)
class _Side:
    label: str
    name: tuple[int, int] = (-1, -1)  # the name's span in the text
    first: int = 0
    line_end: int = -1  # end of the header line "委托方：某某公司", when there is one
    aliases: list[tuple[str, int, int]] = field(default_factory=list)  # role words it is also called by
    score: int = 0  # > 0 vendor, < 0 customer
    evidence: list[tuple[int, int, int, str]] = field(default_factory=list)  # (weight, start, end, role)

    def vote(self, role: str, weight: int, start: int, end: int) -> None:
        self.score += weight if role == "vendor" else -weight
        self.evidence.append((weight, start, end, role))


class PartyFinder:
    """Read the parties from the header lines, "以下简称" phrases and definitions, then tell the
    vendor from the customer by the labels themselves (委托方, 供方), the definitions ("提供…服务
    的公司") and the duties (who pays the fees, who supplies) — in that order of weight. Terms
    written to 您/用户 with no 甲方/乙方 give the vendor by its name beside the customer's."""

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
        if len(sides) < 2 and not any(s.label in STRONG_LABELS for s in sides):
            terms = addressed_terms(self.text)
            if terms:  # the terms say who offers them and who uses them: nothing to weigh
                return Parties(tuple(self._decide([self._given_side(g) for g in terms])))
        if not sides:
            return Parties()
        self._roles_from_labels(sides)
        self._roles_from_definitions(sides)
        self._roles_from_platforms(sides)
        self._roles_from_relations(sides)
        self._roles_from_duties(sides)
        return Parties(tuple(self._decide(sides)))

    # -- who the parties are -----------------------------------------------------------------------

    def _discover(self) -> list[_Side]:
        text = self.text
        sides: dict[str, _Side] = {}

        def add(label: str, at: int, name: tuple[int, int] = (-1, -1), alias: tuple[str, int, int] | None = None,
                line_end: int = -1) -> None:
            side = sides.get(label)
            if side is None:
                side = sides[label] = _Side(label, name, at, line_end)
            else:
                if side.name[0] < 0 and name[0] >= 0:
                    side.name = name
                if alias and not side.aliases:
                    side.first, side.line_end = at, line_end
            if alias and alias[0] != label and all(alias[0] != a for a, _, _ in side.aliases):
                side.aliases.append(alias)

        regions = self._header_regions()
        offset = 0
        for line in text.split("\n"):
            if ":" in line or line.endswith(")"):  # a header has its colon, or is "甲方（委托方）" alone
                in_region = any(a <= offset < b for a, b in regions)
                for label, at, name, alias, line_end in self._header_line(line, offset, in_region):
                    add(label, at, name, alias, line_end)
            offset += len(line) + 1
        for m in _SHORT_NAME.finditer(text):
            self._short_name(m, add)
        for m in _SHORT_NAME_EN.finditer(text):
            # "This Agreement is made between ABC Ltd. (hereinafter …) and XYZ Inc. (…)": the name
            # is what follows the last "between" / "and".
            name = clean_name(_BETWEEN.split(m.group(1))[-1])
            start = m.start(1) + m.group(1).rfind(name) if name else -1
            add(m.group(2), start if name else m.start(2), (start, start + len(name)) if name else (-1, -1))
        for given in english_opening(text):
            add(given.label, given.at, (given.name_start, given.name_end))
        for start, _, label, description in self._definitions():
            description = self._before_other_label(description, label)
            if label in sides and sides[label].name[0] >= 0 or names_nobody(description, label):
                add(label, start)
                continue
            short = short_description(description)
            at = text.find(short, start)
            add(label, start, (at, at + len(short)))
        counted_only = not sides
        if len(sides) < 2:
            for label in _COUNTED:
                if label not in sides and self._count(label) >= 2:
                    add(label, text.find(label))
        if counted_only:  # no header to follow: 甲方 before 乙方, Party A before Party B
            found = sorted(sides.values(), key=lambda s: _COUNTED.index(s.label))
        else:
            found = sorted(sides.values(), key=lambda s: s.first)
        return found if len(found) >= 2 or any(s.name[0] >= 0 for s in found) else []

    def _header_line(self, line: str, offset: int, in_region: bool):
        """The sides a header line gives: ``(label, at, name span, alias, line end)`` for "委托方：某某公司",
        "甲方（委托方）：", "出租人：＿＿（以下简称甲方）", "甲方：某某　　乙方：某某". Outside the header
        regions only a form line of a neutral label or a guarantor counts ("丙方：", "担保人：＿＿")."""
        lead = len(line) - len(line.lstrip())
        stripped = line.strip()
        heads = [m for m in _HEAD.finditer(stripped)
                 if m.start() == 0 or stripped[m.start() - 1] in " \t|"]
        if not heads or heads[0].start() != 0:
            only = _HEAD_ONLY.fullmatch(stripped)
            if only is None:
                return []
            heads = [only]
        out = []
        for i, m in enumerate(heads):
            a, b = m.group(1), m.group(2)
            b = _BRACKET_LEAD.sub("", b.strip()) if b else ""
            if _SEAL.search(b):
                b = ""
            rest_start = m.end() if m.re is _HEAD else len(stripped)
            rest_end = heads[i + 1].start() if i + 1 < len(heads) else len(stripped)
            rest = stripped[rest_start:rest_end]
            short = _SHORT_NAME.search(rest)
            if short is not None:  # "出租人：＿＿（以下简称甲方）": 甲方 is the label, 出租人 its role word
                a, b, rest = short.group(2), a, rest[:short.start()]
            if b in LABEL_ROLES or b in BYSTANDERS:
                # The label is the one the text goes on using; on a tie, 甲方 rather than 委托方.
                label, alias = (a, b) if (self._count(a), neutral(a)) >= (self._count(b), neutral(b)) else (b, a)
            else:
                label, alias = a, b
            name = clean_name(rest)
            at = offset + lead + m.start()
            name_span = (-1, -1)
            if name:
                name_at = offset + lead + rest_start + rest.find(name)
                name_span = (name_at, name_at + len(name))
            if not in_region and (name or not (neutral(label) or label in BYSTANDERS)):
                return []
            out.append((label, at, name_span, (alias, at, offset + lead + m.end()) if alias else None,
                        offset + len(line.rstrip())))
        return out

    def _short_name(self, m: re.Match, add) -> None:
        """"某某公司（以下简称“甲方”）", "委托方 «Client»（以下简称“甲方”）", "作为受托方的某某（以下简称“乙方”）",
        and a caption "发包方（以下称甲方）：" / "广告客户或代理单位名称（以下称甲方）：" that names no one."""
        text = self.text
        before = text[max(0, m.start() - 60):m.start()]
        raw = name_before(before)
        raw_at = m.start() - len(before) + before.rfind(raw) if raw else m.start()
        label = m.group(2)
        if m.group(1):  # "委托咨询者（委托咨询方名称，…）": a stand-in for the name, still to be filled in
            raw = ""
        if re.match(r"\s*[:：]", text[m.end():]):
            # A caption before a blank: its words may say the role, there is no name.
            add(label, raw_at, alias=(raw, raw_at, raw_at + len(raw)) if raw and role_of_words(raw) else None)
            return
        role_word, rest = split_role_lead(raw)
        name = clean_name(rest)
        name_at = raw_at + raw.find(rest) + rest.find(name) if name else -1
        alias = (role_word, raw_at, raw_at + len(role_word)) if role_word else None
        add(label, name_at if name else m.start(2), (name_at, name_at + len(name)) if name else (-1, -1), alias)

    def _given_side(self, given: Given) -> _Side:
        side = _Side(given.label, (given.name_start, given.name_end), given.at)
        if given.role:
            side.vote(given.role, _LABEL_WEIGHT, *given.cue)
        return side

    def _definitions(self) -> list[tuple[int, int, str, str]]:
        """Every definition of a label: ``(start, end, label, description)``, in text order."""
        if self._found_definitions is None:
            found = {m.start(): (m.start(), m.end(), m.group(1), m.group(2))
                     for p in (*_DEFINITIONS, _DEFINITION_EN) for m in p.finditer(self.text)
                     # "最终用户是指…" defines a word, not a party: common words need quotes.
                     if p is not _DEFINITIONS[1] or m.group(1) not in WEAK_LABELS}
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
            own = LABEL_ROLES.get(re.sub(r"^the\s+", "", side.label, flags=re.I))
            at = self.text.find(side.label, side.first)
            words = [(side.label, own, at, at + len(side.label))]
            words += [(word, role_of_words(word), start, end) for word, start, end in side.aliases]
            for word, role, start, end in words:
                if role and side.label not in BYSTANDERS:
                    # A header line ("委托方：某某公司") is the evidence, else the word itself.
                    span = (side.first, side.line_end) if side.line_end > 0 else (start, end)
                    side.vote(role, _LABEL_WEIGHT, *span)

    def _roles_from_definitions(self, sides: list[_Side]) -> None:
        by_label = {s.label: s for s in sides}
        for start, end, label, description in self._definitions():
            side = by_label.get(label)
            if side is None:
                continue
            role = role_of_words(self._before_other_label(description, side.label))
            if role:
                side.vote(role, _STATED_WEIGHT, start, end)

    def _roles_from_platforms(self, sides: list[_Side]) -> None:
        """The side that sets up or runs the platform ("由乙方设立的…运营平台") provides it."""
        for side in sides:
            if side.label in BYSTANDERS:
                continue
            m = re.search(_PLATFORM_BEFORE + re.escape(side.label) + _PLATFORM_AFTER, self.text)
            if m:
                side.vote("vendor", _STATED_WEIGHT, m.start() + 1, m.end())

    def _roles_from_relations(self, sides: list[_Side]) -> None:
        """Who gives whom, in the sentences that name both: "乙方向甲方出租…", "甲方向乙方采购…"."""
        by_label = {s.label: s for s in sides if s.label not in BYSTANDERS}
        for relation in relations(self.text, list(by_label))[:_MAX_RELATIONS]:
            end = self._sentence_end(relation.start)
            by_label[relation.vendor].vote("vendor", _RELATION_WEIGHT, relation.start, end)
            by_label[relation.customer].vote("customer", _RELATION_WEIGHT, relation.start, end)

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
                        and (not _PROVIDE_OBJECT.search(after) or gives_input(after)):
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
                # "乙方为甲方提供的服务": 甲方 is who it is provided for, and the actor is looked for below;
                # in "对乙方提供的软件" 对 takes the whole phrase, and 乙方 still provides.
                if m.end() == verb_at and not _RECIPIENT.search(text, max(0, m.start() - 2), m.start()):
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
        # A guarantor signs beside one side; the two who trade are told apart among the rest.
        ranked = sorted((s for s in sides if s.label not in BYSTANDERS), key=lambda s: s.score)
        if ranked and ranked[-1].score > ranked[0].score:
            low, high = ranked[0], ranked[-1]
            if high.score > 0 or len(ranked) == 2:
                roles[high.label] = "vendor"
            if low.score < 0 or len(ranked) == 2:
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
            name = original[side.name[0]:side.name[1]] if side.name[0] >= 0 else ""
            out.append(Party(side.label, name, role, start, end, quote))
        return out
