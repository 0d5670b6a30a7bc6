"""Reports counsel send: HTML, Word report, annotated Word copy, Excel tracker, Markdown, JSON."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Mapping

from ..errors import ReviewerError
from ..i18n import tr

if TYPE_CHECKING:  # pragma: no cover
    from ..model.decisions import Decision
    from ..engine.run import ReviewResult

FORMATS = ("html", "docx", "annotated", "xlsx", "md", "json")

#: File name ending per format: ``<stem><suffix>``.
SUFFIXES = {"html": ".html", "docx": ".docx", "annotated": ".annotated.docx", "xlsx": ".xlsx",
            "md": ".md", "json": ".json"}


def report_name(source: str | Path, fmt: str) -> str:
    """The report's file name for a contract: ``合同.html``, ``合同.annotated.docx`` …"""
    return Path(source).stem + SUFFIXES[fmt]


def write_report(result: "ReviewResult", fmt: str, path: str | Path,
                 decisions: Mapping[str, "Decision"] | None = None,
                 include_false_alarms: bool = True, include_notes: bool = True) -> Path:
    """Write ``result`` as a report in ``fmt`` to ``path``, atomically; returns the path written.

    ``decisions`` maps :attr:`Finding.fingerprint` to counsel's :class:`Decision`; findings
    marked "false-alarm" are left out when ``include_false_alarms`` is False. With
    ``include_notes`` False the report carries no decisions or notes at all: a copy that can go
    to the vendor without counsel's internal remarks. The contract itself is never overwritten:
    every format, the annotated copy included, is a new file.
    """
    if not include_notes and decisions is not None:
        # False alarms are still chosen by their decision; every other decision stays inside.
        if not include_false_alarms:
            hidden = {k for k, d in decisions.items() if d.status == "false-alarm"}
            result = _without(result, hidden)
            include_false_alarms = True
        decisions = None
    if fmt not in FORMATS:
        raise ReviewerError(tr("未知的报告格式“{fmt}”，可选：{allowed}。", "Unknown report format “{fmt}”; "
                               "choose one of: {allowed}.", fmt=fmt, allowed=", ".join(FORMATS)))
    path = Path(path)
    source = result.document.path
    if source.exists() and path.exists() and path.resolve() == source.resolve():
        raise ReviewerError(tr("报告不能覆盖合同原件，请另选文件名。",
                               "A report cannot overwrite the contract itself; choose another file name."),
                            path=path)
    if fmt == "json":
        from .json_report import write_json

        return write_json(result, path, decisions, include_false_alarms)

    from .common import build_report

    report = build_report(result, decisions, include_false_alarms)
    if fmt == "html":
        from ..atomic import atomic_write_text
        from .html import render_html

        return atomic_write_text(path, render_html(report))
    if fmt == "md":
        from ..atomic import atomic_write_text
        from .markdown import render_markdown

        return atomic_write_text(path, render_markdown(report))
    if fmt == "xlsx":
        from .xlsx import write_xlsx

        return write_xlsx(report, path)
    if fmt == "docx":
        from .docx_report import write_docx_report

        return write_docx_report(report, path)
    from .annotated import write_annotated

    return write_annotated(report, path)


__all__ = ["FORMATS", "SUFFIXES", "report_name", "write_report"]


def _without(result: "ReviewResult", fingerprints: set[str]) -> "ReviewResult":
    from dataclasses import replace

    return replace(result, findings=[f for f in result.findings if f.fingerprint not in fingerprints])
