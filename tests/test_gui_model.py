"""The findings table model and its filter: Qt's model checks, filters, counts, sorting."""

from __future__ import annotations

import pytest

from reviewer.model.findings import Finding, Severity
from ui.findings_model import COL_SEVERITY, COL_TITLE, FINDING_ROLE, FindingsFilter, FindingsModel

pytestmark = pytest.mark.gui

TEXT = "3.1服务费用总计为人民币____元。\n8.2乙方有权暂停提供技术支持与维护服务。\n10.2仲裁 如协商不成,向人民法院提起诉讼。"


def make(rule, category, severity, sub, clause, title):
    start = TEXT.index(sub)
    return Finding(rule, category, Severity(severity), start, start + len(sub), clause, 1, sub, title,
                   f"{clause} {title}")


FINDINGS = [
    make("blank", "blank", "high", "____", "3.1", "空白未填"),
    make("suspension", "suspension", "medium", "乙方有权暂停", "8.2", "供应商可单方暂停服务"),
    make("heading", "heading-mismatch", "high", "向人民法院提起诉讼", "10.2", "标题为仲裁，正文却约定诉讼"),
    make("court", "jurisdiction", "low", "人民法院", "10.2", "管辖法院不确定"),
]


@pytest.fixture
def models(qtbot):
    statuses = {}
    model = FindingsModel()
    model.set_findings(FINDINGS, lambda f: statuses.get(f.rule, "open"))
    proxy = FindingsFilter()
    proxy.setSourceModel(model)
    proxy.setDynamicSortFilter(True)
    return model, proxy, statuses


def test_model_passes_qt_model_tester(qtmodeltester, models):
    model, proxy, _ = models
    qtmodeltester.check(model)
    qtmodeltester.check(proxy)


def test_empty_model_passes_qt_model_tester(qtmodeltester):
    qtmodeltester.check(FindingsModel())


def test_rows_show_severity_clause_category_title_status(models):
    model, _, _ = models
    assert model.rowCount() == 4 and model.columnCount() == 5
    row = [model.index(2, c).data() for c in range(5)]
    assert row == ["高", "10.2", "标题与正文不符", "标题为仲裁，正文却约定诉讼", "待处理"]
    assert model.index(2, 0).data(FINDING_ROLE) is FINDINGS[2]


def test_filters_by_severity_category_status_and_words(models):
    model, proxy, statuses = models
    proxy.set_severities({"high"})
    assert [f.rule for f in proxy.visible_findings()] == ["blank", "heading"]
    assert proxy.severity_counts() == {"high": 2, "medium": 1, "low": 1, "info": 0}
    proxy.set_severities(set())
    proxy.set_category("jurisdiction")
    assert [f.rule for f in proxy.visible_findings()] == ["court"]
    proxy.set_category(None)
    proxy.set_words("暂停")
    assert [f.rule for f in proxy.visible_findings()] == ["suspension"]
    proxy.set_words("10.2 诉讼")  # every word must match somewhere
    assert [f.rule for f in proxy.visible_findings()] == ["heading"]
    proxy.set_words("")
    statuses["blank"] = "false-alarm"
    model.status_changed(FINDINGS[0])
    proxy.set_status("false-alarm")
    assert [f.rule for f in proxy.visible_findings()] == ["blank"]
    proxy.set_status("open")
    assert [f.rule for f in proxy.visible_findings()] == ["suspension", "heading", "court"]


def test_status_change_refilters_rows_on_its_own(models):
    model, proxy, statuses = models
    proxy.set_status("open")
    assert proxy.rowCount() == 4
    statuses["heading"] = "fixed"
    model.status_changed(FINDINGS[2])
    assert proxy.rowCount() == 3


def test_sorting_by_severity_then_position(models):
    _, proxy, _ = models
    proxy.sort(COL_SEVERITY)
    assert [f.rule for f in proxy.visible_findings()] == ["blank", "heading", "suspension", "court"]
    proxy.sort(COL_TITLE)
    titles = [proxy.index(r, COL_TITLE).data() for r in range(proxy.rowCount())]
    assert titles == sorted(titles)
