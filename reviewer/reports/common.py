"""What every report format shares: labels, the visible findings with their decisions, header facts."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Mapping

from ..model.decisions import STATUS_LABELS, Decision
from ..model.findings import Finding, Severity
from ..i18n import language, tr

if TYPE_CHECKING:  # pragma: no cover
    from ..model.document import Document
    from ..engine.run import ReviewResult

#: Display names of the checklist's categories (CHECKLIST.md); an unknown category shows its id.
CATEGORY_LABELS: dict[str, tuple[str, str]] = {
    "blank": ("空白未填", "Blank left unfilled"),
    "truncated": ("条款残缺", "Truncated clause"),
    "numbering": ("编号错误", "Numbering"),
    "cross-reference": ("引用错误", "Cross-reference"),
    "heading-mismatch": ("标题与正文不符", "Heading mismatch"),
    "foreign-text": ("非合同内容", "Foreign text"),
    "signature": ("签署", "Signature"),
    "amount-mismatch": ("金额不一致", "Amount mismatch"),
    "payment-sum": ("付款比例", "Payment split"),
    "basis-outdated": ("法律依据过时", "Outdated legal basis"),
    "defined-term": ("定义术语", "Defined term"),
    "arbitration-invalid": ("仲裁条款无效", "Invalid arbitration clause"),
    "jurisdiction": ("管辖", "Jurisdiction"),
    "governing-law": ("法律适用", "Governing law"),
    "ip-ownership": ("知识产权归属", "IP ownership"),
    "ip-indemnity": ("知识产权担保", "IP indemnity"),
    "data-protection": ("个人信息保护", "Data protection"),
    "customer-data": ("客户数据", "Customer data"),
    "liability-cap": ("责任限制", "Liability cap"),
    "penalty": ("违约金", "Liquidated damages"),
    "suspension": ("暂停服务", "Suspension"),
    "vague-deadline": ("期限不明", "Vague deadline"),
    "acceptance": ("验收", "Acceptance"),
    "invoice": ("发票", "Invoice"),
    "prepayment": ("预付款", "Prepayment"),
    "auto-renewal": ("自动续约", "Auto-renewal"),
    "unilateral-change": ("单方变更", "Unilateral change"),
    "force-majeure": ("不可抗力", "Force majeure"),
    "termination": ("解除与终止", "Termination"),
    "confidentiality": ("保密", "Confidentiality"),
    "subcontracting": ("转包分包", "Subcontracting"),
    "missing-clause": ("缺少条款", "Missing clause"),
}

_SEVERITY_EN = {Severity.HIGH: "High", Severity.MEDIUM: "Medium", Severity.LOW: "Low", Severity.INFO: "Info"}

#: Background and text colours per severity, the same in every format (hex, no "#").
SEVERITY_COLOURS: dict[Severity, tuple[str, str]] = {
    Severity.HIGH: ("F8C9C4", "A50E0E"),
    Severity.MEDIUM: ("FCE1B4", "9A4D00"),
    Severity.LOW: ("FFF3A6", "6B5B00"),
    Severity.INFO: ("D6E4FF", "1A4A9C"),
}

_ROLE_LABELS = {"customer": ("客户", "customer"), "vendor": ("供应商", "vendor"), "unknown": ("未明", "unknown")}
# The same defaults the engine uses when the loader could not tell the sides apart.
_DEFAULT_SIDE_LABELS = {"customer": "甲方", "vendor": "乙方"}
_NODE_KIND_LABELS = {
    "title": ("标题", "Title"), "preamble": ("首部", "Preamble"),
    "signature": ("签署部分", "Signature block"), "annex": ("附件", "Annex"),
}

#: The columns of the findings table, in order: key, Chinese title, English title.
COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("number", "序号", "No."),
    ("severity", "严重程度", "Severity"),
    ("clause", "条款", "Clause"),
    ("category", "类别", "Category"),
    ("message", "问题", "Issue"),
    ("text", "原文", "Quoted text"),
    ("why", "理由", "Why it matters"),
    ("basis", "依据", "Basis"),
    ("suggestion", "修改建议", "Suggested wording"),
    ("decision", "处理结果", "Decision"),
    ("note", "备注", "Note"),
    ("rule", "规则", "Rule"),
)


def pick(pair: tuple[str, str]) -> str:
    """The Chinese or English half of a label pair, by the user's language."""
    return pair[1] if language() == "en" else pair[0]


def column_label(key: str) -> str:
    return next(pick((zh, en)) for k, zh, en in COLUMNS if k == key)


def severity_label(severity: Severity) -> str:
    return tr(severity.label_zh, _SEVERITY_EN[severity])


def category_label(category: str) -> str:
    pair = CATEGORY_LABELS.get(category)
    return pick(pair) if pair else category


def status_label(status: str) -> str:
    pair = STATUS_LABELS.get(status)
    return pick(pair) if pair else status


def is_whole_document(finding: Finding, document: "Document") -> bool:
    """A finding about the document as a whole (a missing clause): nothing to highlight."""
    if finding.whole_document:
        return True
    if finding.clause is not None:
        return False
    if not document.blocks:
        return True
    first, last = document.blocks[0], document.blocks[-1]
    return finding.start <= first.start and finding.end >= last.end


def location_label(finding: Finding, document: "Document") -> str:
    """Where a finding is, as counsel name it: "10.2", "签署部分", "全文"."""
    if is_whole_document(finding, document):
        return tr("全文", "Whole document")
    if finding.clause:
        where = finding.clause
    else:
        node = document.clauses.at(finding.start)
        while node is not None and node.kind not in _NODE_KIND_LABELS:
            node = document.clauses.parent(node)
        block = document.block_at(finding.start)
        if node is not None:
            where = pick(_NODE_KIND_LABELS[node.kind])
        elif block is not None and document.is_foreign_block(block):
            where = tr("合同外", "Outside the contract")
        else:
            where = "—"
    return where


@dataclass(frozen=True)
class Item:
    """One finding as a report shows it: its number in the report and counsel's decision on it."""

    number: int
    finding: Finding
    decision: Decision
    location: str
    whole_document: bool
    multi_page: bool = False

    @property
    def page_label(self) -> str:
        """"第 3 页" for a contract of several pages (else empty): where to look in the PDF."""
        if not self.multi_page or self.whole_document:
            return ""
        return tr("第 {p} 页", "p. {p}", p=self.finding.page)

    @property
    def anchor(self) -> str:
        """The id of the finding's highlight in the contract text (``#f12``)."""
        return f"f{self.number}"

    @property
    def decided(self) -> bool:
        """True when counsel recorded something: a status other than open, or a note."""
        return self.decision.status != "open" or bool(self.decision.note)

    def value(self, key: str) -> str:
        """The text of one column of the findings table (see :data:`COLUMNS`)."""
        f = self.finding
        if key == "number":
            return str(self.number)
        if key == "severity":
            return severity_label(f.severity)
        if key == "clause":
            page = self.page_label
            return tr("{c}（{p}）", "{c} ({p})", c=self.location, p=page) if page else self.location
        if key == "category":
            return category_label(f.category)
        if key == "decision":
            return status_label(self.decision.status)
        if key == "note":
            return self.decision.note
        if key == "text":
            return "" if self.whole_document else f.text
        return getattr(f, key)

    def quote(self, limit: int) -> str:
        """The quoted words, cut to ``limit`` characters with "…" (the contract text shows them whole)."""
        text = self.value("text")
        return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"

    def comment_text(self) -> str:
        """What a Word comment on the finding says: [severity] message, why, basis, suggestion."""
        f = self.finding
        lines = [f"[{severity_label(f.severity)}] {f.message}"]
        for label, value in ((tr("理由", "Why"), f.why), (tr("依据", "Basis"), f.basis),
                             (tr("建议", "Suggestion"), f.suggestion)):
            if value:
                lines.append(tr("{label}：{value}", "{label}: {value}", label=label, value=value))
        if self.decided:
            decision = status_label(self.decision.status)
            if self.decision.note:
                decision = tr("{d}（{n}）", "{d} ({n})", d=decision, n=self.decision.note)
            lines.append(tr("处理结果：{d}", "Decision: {d}", d=decision))
        return "\n".join(lines)


@dataclass
class Report:
    """A review ready to be written: header facts and the findings to show, in document order."""

    result: "ReviewResult"
    items: list[Item]
    omitted_false_alarms: int = 0
    counts: dict[Severity, int] = field(default_factory=dict)

    @property
    def document(self) -> "Document":
        return self.result.document

    @property
    def title(self) -> str:
        """The contract's own title when the clause tree found one, else the file name."""
        doc = self.document
        for node in doc.clauses.of_kind("title"):
            text = doc.text[node.start:node.end].strip()
            if text and "\n" not in text and len(text) <= 80:
                return text
        return doc.path.stem

    @property
    def file_name(self) -> str:
        return self.document.name

    @property
    def review_date(self) -> str:
        return self.result.review_date.isoformat()

    @property
    def pack_version(self) -> str:
        return self.result.pack_version or "—"

    @property
    def perspective(self) -> str:
        """"我方：甲方（客户）": whose counsel the review was done for."""
        role = self.result.perspective
        party = self.document.parties.by_role(role)
        label = party.label if party is not None else _DEFAULT_SIDE_LABELS.get(role, role)
        name = f" {party.name}" if party is not None and party.name and party.name != label else ""
        return tr("我方：{label}{name}（{role}）", "We are: {label}{name} ({role})",
                  label=label, name=name, role=pick(_ROLE_LABELS.get(role, (role, role))))

    @property
    def parties(self) -> list[str]:
        """One line per party: "甲方：某某公司（客户）"."""
        out = []
        for p in self.document.parties.parties:
            role = pick(_ROLE_LABELS.get(p.role, (p.role, p.role)))
            out.append(tr("{label}：{name}（{role}）", "{label}: {name} ({role})",
                          label=p.label, name=p.name or "—", role=role))
        return out

    @property
    def total(self) -> int:
        return len(self.items)

    def counts_line(self) -> str:
        """"高 3 · 中 5 · 低 1 · 提示 0" for headers and summaries."""
        return " · ".join(f"{severity_label(s)} {self.counts.get(s, 0)}" for s in Severity)

    def top_items(self, n: int = 3) -> list[Item]:
        """The ``n`` most severe findings, earlier ones first within a severity."""
        ranked = sorted(self.items, key=lambda i: (i.finding.severity.rank, i.finding.sort_key))
        return ranked[:n]


def build_report(result: "ReviewResult", decisions: Mapping[str, Decision] | None = None,
                 include_false_alarms: bool = True) -> Report:
    """Pair every finding with its decision, drop false alarms if asked, number what remains."""
    decisions = decisions or {}
    doc = result.document
    items: list[Item] = []
    omitted = 0
    for finding in sorted(result.findings, key=lambda f: f.sort_key):
        decision = decisions.get(finding.fingerprint) or Decision()
        if decision.status == "false-alarm" and not include_false_alarms:
            omitted += 1
            continue
        items.append(Item(len(items) + 1, finding, decision, location_label(finding, doc),
                          is_whole_document(finding, doc), doc.page_count > 1))
    counts = {s: 0 for s in Severity}
    for item in items:
        counts[item.finding.severity] += 1
    return Report(result, items, omitted, counts)


def heading_blocks(document: "Document") -> dict[int, str]:
    """Block start → "title" | "chapter" | "clause" for blocks that are a title or a heading line."""
    out: dict[int, str] = {}
    for node in document.clauses:
        if node.kind == "title":
            out.setdefault(node.start, "title")
        elif node.kind in ("chapter", "clause") and node.heading_end > node.start:
            block = document.block_at(node.start)
            if block is not None and block.start == node.start and block.end <= node.body_start:
                out.setdefault(node.start, node.kind)
    return out


def header_rows(report: Report) -> list[tuple[str, str]]:
    """The facts at the top of every report, as (label, value) pairs."""
    rows = [
        (tr("合同", "Contract"), report.title),
        (tr("文件", "File"), report.file_name),
    ]
    rows += [(tr("当事人", "Party"), line) for line in report.parties]
    rows += [
        (tr("审查立场", "Perspective"), report.perspective),
        (tr("审查日期", "Review date"), report.review_date),
        (tr("规则包版本", "Rule pack"), report.pack_version),
        (tr("问题数量", "Findings"), tr("{n} 项（{c}）", "{n} ({c})", n=report.total, c=report.counts_line())),
    ]
    if report.omitted_false_alarms:
        rows.append((tr("未列入", "Left out"), tr("{n} 项已标记为误报", "{n} marked as false alarms",
                                                n=report.omitted_false_alarms)))
    return rows
