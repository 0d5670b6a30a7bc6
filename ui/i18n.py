"""The window's words in Chinese (default) and English, and names for severities, categories, statuses."""

from __future__ import annotations

from reviewer.i18n import language, set_language, tr

__all__ = ["tr", "language", "set_language", "severity_name", "status_name", "category_name",
           "perspective_name", "STATUS_ORDER"]

_SEVERITY = {
    "high": ("高", "High"),
    "medium": ("中", "Medium"),
    "low": ("低", "Low"),
    "info": ("提示", "Info"),
}

STATUS_ORDER = ("open", "accepted", "fixed", "false-alarm")


def severity_name(severity) -> str:
    """"高"/"High" … for a Severity or its value."""
    key = getattr(severity, "value", severity)
    zh, en = _SEVERITY.get(key, (key, key))
    return tr(zh, en)


def status_name(status: str) -> str:
    from reviewer.model.decisions import STATUS_LABELS

    zh, en = STATUS_LABELS.get(status, (status, status))
    return tr(zh, en)


def category_name(category: str) -> str:
    """The category's name as the reports print it (one table for window and reports)."""
    try:
        from reviewer.reports.common import CATEGORY_LABELS
    except ImportError:  # pragma: no cover - reports not installed
        return category
    zh, en = CATEGORY_LABELS.get(category, (category, category))
    return tr(zh, en)


def perspective_name(perspective: str, label: str) -> str:
    """"我方：甲方（客户）" — which side we review for, with the label the contract uses for it."""
    if perspective == "vendor":
        return tr("我方：{label}（供应商）", "We are: {label} (vendor)", label=label)
    return tr("我方：{label}（客户）", "We are: {label} (customer)", label=label)
