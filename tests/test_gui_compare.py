"""The window compares the open draft with an earlier one: change bars, outline marks, findings filter."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

import reviewer

pytestmark = pytest.mark.gui

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


@pytest.fixture
def drafts(tmp_path, monkeypatch):
    monkeypatch.setenv("CONTRACT_REVIEW_RULES_DIR", str(tmp_path / "user-rules"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    folder = tmp_path / "contracts"
    folder.mkdir()
    old, new = folder / "draft1.txt", folder / "draft2.txt"
    shutil.copyfile(SAMPLES / "seed-contract-clean.txt", old)
    shutil.copyfile(SAMPLES / "seed-contract-draft2.txt", new)
    return old, new, tmp_path / "settings.ini"


@pytest.fixture
def window(qtbot, drafts):
    from ui.main_window import MainWindow
    from ui.settings import Settings

    old, new, settings = drafts
    win = MainWindow(Settings(settings))
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    with qtbot.waitSignal(win.reviewShown, timeout=30000):
        win.open_path(new)
    yield win
    win.close()


def compare(qtbot, window, old, template=False):
    with qtbot.waitSignal(window.compare.compared, timeout=30000) as blocker:
        window.compare.start(old, template=template)
    return blocker.args[0]


def rows(panel) -> list:
    return panel.visible_findings()


def test_the_menu_offers_both_comparisons(window):
    texts = [a.text() for a in window.menus.compare_action.parent().findChildren(type(window.menus.compare_action))]
    assert "与上一稿比较…" in texts and "与我方模板比较…" in texts


def test_the_findings_list_filters_new_resolved_and_open(qtbot, window, drafts):
    old, _, _ = drafts
    compare(qtbot, window, old)
    panel = window.findings
    assert panel.delta_box.isVisible()
    assert [panel.delta_box.itemText(i) for i in range(panel.delta_box.count())] == [
        "全部变化", "新增风险 (1)", "已解决 (3)", "仍存在 (24)"]
    assert len(rows(panel)) == 28
    panel.delta_box.setCurrentIndex(1)
    assert [(f.clause, f.rule) for f in rows(panel)] == [("8.3", "unilateral-change-by-them")]
    panel.delta_box.setCurrentIndex(2)
    resolved = rows(panel)
    assert [f.clause for f in resolved] == ["2.2", "4.2", "7.2"]
    # Struck through, and listed where their clause is (or stood) in the new draft.
    proxy = panel.proxy
    font = proxy.index(0, 0).data(Qt.ItemDataRole.FontRole)
    assert font is not None and font.strikeOut()
    text = window.session.current.document.text
    assert text[resolved[0].start:].startswith("2.3服务期限")
    assert text[resolved[1].start:].startswith("4.2知识产权归属")
    assert text[:resolved[2].start].endswith("(3)系统升级与优化建议。")
    # Only listed: no card beside the text and no highlight in it, where the words are gone.
    assert window.rail._findings == [] and window.view.highlights.findings == []
    panel.delta_box.setCurrentIndex(3)
    assert len(rows(panel)) == 24
    assert len(window.rail._findings) == 24
    assert proxy.index(0, 0).data(Qt.ItemDataRole.FontRole) is None


def test_outline_marks_and_change_bars(qtbot, window, drafts):
    from ui.outline import CHANGE_ROLE

    old, _, _ = drafts
    comparison = compare(qtbot, window, old)
    marks = {}
    for _start, _end, item in window.outline._items:
        status = item.data(0, CHANGE_ROLE)
        if status:
            marks[item.text(0)] = status
            assert not item.icon(0).isNull()
    assert marks == {"2.2 服务地点": "added", "2.3 服务期限": "changed", "4.2 知识产权归属": "changed",
                     "8.3 费用调整": "added"}
    bars = window.compare.bars
    assert bars.isVisible()
    assert [status for _, _, status in bars.bars] == ["added", "changed", "changed", "removed", "added"]
    text = comparison.new_document.text
    start, end, _ = bars.bars[2]
    assert text[start:end].startswith("4.2知识产权归属")
    window.view.scroll_to(start)
    qtbot.wait(50)
    drawn = bars.rects()
    assert drawn and all(rect.height() >= 3 for rect, _ in drawn)
    image = bars.grab().toImage()
    rect, status = drawn[0]
    assert image.pixelColor(rect.center()).name().upper() in ("#1E8E3E", "#E37400", "#C5221F")


def test_decisions_on_open_findings_carry_from_the_earlier_draft(qtbot, window, drafts):
    from reviewer.model.decisions import DecisionStore

    old, new, _ = drafts
    finding = next(f for f in reviewer.review(reviewer.load(old)).findings if f.rule == "invoice-ordinary-vat-only")
    DecisionStore.for_contract(old).set(finding, "accepted", "普票可以接受")
    compare(qtbot, window, old)
    now = next(f for f in window.session.current.findings if f.rule == "invoice-ordinary-vat-only")
    assert window._status_of(now) == "accepted"
    row = window.findings.model.row_of(now)
    assert window.findings.model.index(row, 4).data() == "接受风险（沿用）"
    assert "沿用上一稿的 1 条处理结果" in window.progress_label.text()
    # Applied: saved beside the new draft, so reopening it alone keeps the decision.
    assert DecisionStore.for_contract(new).get(now).note == "普票可以接受"


def test_a_new_review_clears_the_comparison(qtbot, window, drafts):
    from ui.outline import CHANGE_ROLE

    old, new, _ = drafts
    compare(qtbot, window, old)
    with qtbot.waitSignal(window.reviewShown, timeout=30000):
        window.open_path(old)
    assert not window.compare.active
    assert not window.findings.delta_box.isVisible() and not window.compare.bars.isVisible()
    assert all(item.data(0, CHANGE_ROLE) is None for _, _, item in window.outline._items)
    assert len(window.findings.visible_findings()) == len(window.session.current.findings)


def test_against_our_template_carries_nothing(qtbot, window, drafts):
    from reviewer.model.decisions import DecisionStore

    old, _, _ = drafts
    finding = next(f for f in reviewer.review(reviewer.load(old)).findings if f.rule == "invoice-ordinary-vat-only")
    DecisionStore.for_contract(old).set(finding, "accepted", "")
    comparison = compare(qtbot, window, old, template=True)
    assert comparison.template and comparison.carried_count() == 0
    now = next(f for f in window.session.current.findings if f.rule == "invoice-ordinary-vat-only")
    assert window._status_of(now) == "open"


def test_a_broken_earlier_draft_is_a_message_not_a_crash(qtbot, window, drafts, tmp_path):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a docx")
    window.compare.start(bad)
    qtbot.waitUntil(lambda: window.error_box is not None, timeout=30000)
    assert "bad.docx" in window.error_box.text()
    assert not window.compare.active


def test_the_model_with_a_delta_passes_qtmodeltester(qtbot, qtmodeltester, window, drafts):
    old, _, _ = drafts
    compare(qtbot, window, old)
    qtmodeltester.check(window.findings.model)
    window.findings.delta_box.setCurrentIndex(2)
    qtmodeltester.check(window.findings.proxy)
