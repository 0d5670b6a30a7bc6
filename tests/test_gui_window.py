"""The review window driven as counsel use it: open the seed, read, select, decide, reopen."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt

import reviewer

pytestmark = pytest.mark.gui

CHAPTERS = ["第一章:定义与解释", "第二章:服务内容", "第三章:费用与支付", "第四章:知识产权", "第五章:必威体育官网网址条款",
            "第六章:交付与验收", "第七章:技术支持与维护", "第八章:违约责任", "第九章:不可抗力", "第十章:争议解决",
            "第十一章:合同的变更与终止", "第十二章:通知与送达"]


@pytest.fixture
def env(tmp_path, monkeypatch, seed_path):
    """A copy of the seed (decisions land beside it), private settings and rules folder."""
    monkeypatch.setenv("CONTRACT_REVIEW_RULES_DIR", str(tmp_path / "user-rules"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    folder = tmp_path / "contracts"
    folder.mkdir()
    contract = folder / "seed.txt"
    shutil.copyfile(seed_path, contract)
    return contract, tmp_path / "settings.ini"


def new_window(qtbot, settings_path):
    from ui.main_window import MainWindow
    from ui.settings import Settings

    window = MainWindow(Settings(settings_path))
    qtbot.addWidget(window)
    window.resize(1600, 1000)
    window.show()
    return window


def open_and_wait(qtbot, window, path):
    with qtbot.waitSignal(window.reviewShown, timeout=30000):
        window.open_path(path)


def the_10_2_finding(window):
    """The seed's best-known problem: 10.2 is headed 仲裁 but sends disputes to a court."""
    found = [f for f in window.session.current.findings if f.clause == "10.2" and f.category == "heading-mismatch"]
    assert len(found) == 1
    assert found[0].text in window.session.current.document.text[found[0].start:found[0].end]
    return found[0]


def test_open_shows_text_outline_list_and_cards(qtbot, env):
    contract, settings = env
    window = new_window(qtbot, settings)
    open_and_wait(qtbot, window, contract)
    document = window.session.current.document
    assert window.view.toPlainText() == document.text
    names = [name.replace(" ", "") for name in window.outline.chapter_names()]
    for chapter in CHAPTERS:
        assert any(name.startswith(chapter.replace(":", "")) or name.startswith(chapter) for name in names), chapter
    findings = window.session.current.findings
    assert findings
    assert window.findings.model.rowCount() == len(findings)
    assert window.findings.count_label.text() == f"共 {len(findings)} 条问题"
    # One highlight per finding with characters, each over exactly its span.
    spans = sorted((s.cursor.selectionStart(), s.cursor.selectionEnd()) for s in window.view.extraSelections())
    assert spans == sorted((window.view.to_qt(f.start), window.view.to_qt(f.end)) for f in findings if f.end > f.start)
    assert len(window.rail.slots) == len(findings)
    assert window.settings.recent_files[0] == str(contract.resolve())


def test_long_contracts_highlight_around_the_visible_text(qtbot, env, monkeypatch):
    from ui.document_view import HighlightManager

    monkeypatch.setattr(HighlightManager, "WINDOW_ABOVE", 5)
    contract, settings = env
    window = new_window(qtbot, settings)
    window.resize(1600, 700)
    open_and_wait(qtbot, window, contract)
    view, findings = window.view, window.session.current.findings

    def highlighted():
        return {(view.to_py(s.cursor.selectionStart()), view.to_py(s.cursor.selectionEnd()))
                for s in view.extraSelections()}

    def expected():
        lo, hi = view.highlights.covered
        return {(f.start, f.end) for f in findings if f.end > f.start and f.start < hi and f.end > lo}

    view.verticalScrollBar().setValue(0)
    top = highlighted()
    assert top == expected() and 0 < len(top) < len([f for f in findings if f.end > f.start])
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    bottom = highlighted()
    assert bottom == expected() and bottom != top
    last = max(findings, key=lambda f: f.end)
    assert (last.start, last.end) in bottom


def test_cards_sit_beside_their_lines_without_overlapping_and_follow_scrolling(qtbot, env):
    contract, settings = env
    window = new_window(qtbot, settings)
    open_and_wait(qtbot, window, contract)
    rail, view = window.rail, window.view
    slots = rail.slots
    for above, below in zip(slots, slots[1:]):
        assert below.top >= above.bottom  # stacked, never overlapping
    for slot in slots:
        assert slot.anchor == view.content_y(slot.finding.start)
        assert slot.top >= slot.anchor  # a card is never above the line it points at
    # A card that was not pushed down sits level with its line, on screen too.
    level = [s for s in slots if s.top == s.anchor]
    assert level
    slot = level[-1]
    viewport_top = view.viewport().mapTo(window, QPoint(0, 0)).y() - rail.mapTo(window, QPoint(0, 0)).y()
    line_y = view.cursorRect(_cursor_at(view, slot.finding.start)).top() + viewport_top
    assert abs(rail.card_rect(slot).top() - line_y) <= 1
    before = rail.card_rect(slot).top()
    view.verticalScrollBar().setValue(view.verticalScrollBar().value() + 120)
    assert rail.card_rect(slot).top() == before - 120
    # The selected card always sits level with its line, even inside a crowded stretch.
    pushed = max(slots, key=lambda s: s.top - s.anchor)
    assert pushed.top > pushed.anchor  # the seed has a run of blanks in chapter 3
    window.select_finding(pushed.finding)
    rail.relayout()
    mine = rail.slot_of(pushed.finding)
    assert mine.top == mine.anchor
    for above, below in zip(rail.slots, rail.slots[1:]):
        assert below.top >= above.bottom


def _cursor_at(view, offset):
    from PySide6.QtGui import QTextCursor

    cursor = QTextCursor(view.document())
    cursor.setPosition(view.to_qt(offset))
    return cursor


def test_selecting_the_10_2_finding_selects_its_span(qtbot, env):
    contract, settings = env
    window = new_window(qtbot, settings)
    open_and_wait(qtbot, window, contract)
    finding = the_10_2_finding(window)
    row = window.findings.proxy.proxy_row_of(window.findings.model.row_of(finding))
    window.findings.table.setCurrentIndex(window.findings.proxy.index(row, 3))  # as a click on the row
    cursor = window.view.textCursor()
    assert (cursor.selectionStart(), cursor.selectionEnd()) == (finding.start, finding.end)
    assert cursor.selectedText() == finding.text
    assert window.detail.title.text() == finding.title
    assert window.detail.meta.text().startswith("条款 10.2")
    assert window.rail.selected is finding
    assert window.outline.currentItem().text(0).startswith("10.2")
    # The selected line is on screen.
    rect = window.view.cursorRect(cursor)
    assert 0 <= rect.top() < window.view.viewport().height()


def test_clicking_highlighted_text_selects_its_finding_and_f8_moves_on(qtbot, env):
    contract, settings = env
    window = new_window(qtbot, settings)
    open_and_wait(qtbot, window, contract)
    finding = the_10_2_finding(window)
    window.view.scroll_to(finding.start)
    qtbot.wait(10)
    middle = (finding.start + finding.end) // 2
    rect = window.view.cursorRect(_cursor_at(window.view, middle))
    qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.selected is not None
    assert window.selected.start <= middle < window.selected.end
    assert window.findings.current_finding() is window.selected
    visible = window.findings.visible_findings()
    index = visible.index(window.selected)
    qtbot.keyClick(window, Qt.Key.Key_F8)
    assert window.selected is visible[(index + 1) % len(visible)]
    qtbot.keyClick(window, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(window, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)
    assert window.selected is visible[(index - 1) % len(visible)]


def test_false_alarm_is_saved_at_once_and_restored_on_reopen(qtbot, env):
    contract, settings = env
    window = new_window(qtbot, settings)
    open_and_wait(qtbot, window, contract)
    finding = the_10_2_finding(window)
    window.select_finding(finding)
    window.detail.note.setPlainText("已与乙方确认按诉讼处理")
    window.detail.choose_status("false-alarm")
    saved = json.loads((contract.parent / "seed.txt.review.json").read_text(encoding="utf-8"))
    entry = saved["decisions"][finding.fingerprint]
    assert (entry["status"], entry["note"]) == ("false-alarm", "已与乙方确认按诉讼处理")
    row = window.findings.model.row_of(finding)
    assert window.findings.model.index(row, 4).data() == "误报"
    window.close()

    again = new_window(qtbot, settings)
    open_and_wait(qtbot, again, contract)
    same = the_10_2_finding(again)
    assert same.fingerprint == finding.fingerprint
    assert again.findings.model.index(again.findings.model.row_of(same), 4).data() == "误报"
    again.select_finding(same)
    assert again.detail.status() == "false-alarm"
    assert again.detail.note.toPlainText() == "已与乙方确认按诉讼处理"
    # The status filter finds it among the false alarms.
    again.findings.status_box.setCurrentIndex(again.findings.status_box.findData("false-alarm"))
    assert again.findings.visible_findings() == [same]


def test_note_typed_then_other_finding_selected_is_not_lost(qtbot, env):
    contract, settings = env
    window = new_window(qtbot, settings)
    open_and_wait(qtbot, window, contract)
    first, second = window.session.current.findings[:2]
    window.select_finding(first)
    window.detail.note.setPlainText("待商务确认")  # typed; the save timer has not fired yet
    window.select_finding(second)
    store = window.session.current.decisions
    assert store.get(first).note == "待商务确认"
    assert store.get(first).status == "open"


def test_failed_open_shows_the_message_and_keeps_the_contract(qtbot, env, tmp_path):
    contract, settings = env
    window = new_window(qtbot, settings)
    open_and_wait(qtbot, window, contract)
    before = window.session.current
    missing = tmp_path / "没有这个文件.pdf"
    with qtbot.waitSignal(window.session.failed, timeout=10000) as failed:
        window.open_path(missing)
    expected = _load_error(missing)
    assert failed.args[0] == expected
    assert window.error_box is not None and window.error_box.text() == expected
    assert window.session.current is before
    assert window.view.toPlainText() == before.document.text


def _load_error(path) -> str:
    from reviewer.errors import ReviewerError

    try:
        reviewer.load(path)
    except ReviewerError as exc:
        return str(exc)
    raise AssertionError("loading a missing file did not fail")


def test_perspective_change_reviews_again_as_the_vendor(qtbot, env):
    contract, settings = env
    window = new_window(qtbot, settings)
    open_and_wait(qtbot, window, contract)
    assert window.session.current.perspective == "customer"
    box = window.perspective_box
    assert box.itemText(0).startswith("我方：") and box.itemData(1) == "vendor"
    with qtbot.waitSignal(window.reviewShown, timeout=30000):
        box.setCurrentIndex(1)
        box.activated.emit(1)
    assert window.session.current.perspective == "vendor"
    assert window.settings.perspective == "vendor"


def test_drop_and_recent_files_open_contracts(qtbot, env, tmp_path):
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    contract, settings = env
    window = new_window(qtbot, settings)
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(contract))])
    event = QDropEvent(QPointF(20, 20), Qt.DropAction.CopyAction, data, Qt.MouseButton.NoButton,
                       Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(window.reviewShown, timeout=30000):
        window.dropEvent(event)
    assert window.session.current.path == contract
    window.menus.fill_recent()
    actions = window.recent_menu.actions()
    assert [a.toolTip() for a in actions] == [str(contract.resolve())]
    other = tmp_path / "第二份.txt"
    shutil.copyfile(contract, other)
    open_and_wait(qtbot, window, other)
    with qtbot.waitSignal(window.reviewShown, timeout=30000):
        actions[0].trigger()
    assert window.session.current.path == contract.resolve() or window.session.current.path == contract


def test_layout_is_remembered(qtbot, env):
    contract, settings = env
    window = new_window(qtbot, settings)
    window.outline_dock.hide()
    window.close()
    again = new_window(qtbot, settings)
    assert again.outline_dock.isHidden()


def test_card_click_outline_click_copy_and_open_rule_file(qtbot, env):
    from PySide6.QtGui import QGuiApplication

    contract, settings = env
    window = new_window(qtbot, settings)
    open_and_wait(qtbot, window, contract)
    finding = the_10_2_finding(window)
    # Outline: a click on 第十章 brings its heading into view.
    item = next(window.outline.topLevelItem(i) for i in range(window.outline.topLevelItemCount())
                if window.outline.topLevelItem(i).text(0).startswith("第十章"))
    rect = window.outline.visualItemRect(item)
    qtbot.mouseClick(window.outline.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    chapter = window.session.current.document.clauses.get("10")
    y = window.view.content_y(chapter.start) - window.view.scroll_offset()
    assert 0 <= y < window.view.viewport().height() / 2
    # The card of the 10.2 finding is on screen now; clicking it selects the finding.
    window.rail.relayout()
    slot = window.rail.slot_of(finding)
    card = window.rail.card_rect(slot)
    assert 0 <= card.center().y() < window.rail.height()
    qtbot.mouseClick(window.rail, Qt.MouseButton.LeftButton, pos=card.center().toPoint())
    assert window.selected is finding
    assert window.detail.title.text() == finding.title
    # The suggested wording goes to the clipboard in one click.
    assert finding.suggestion
    qtbot.mouseClick(window.detail.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == finding.suggestion
    # "Open rule file" opens the YAML that defines the rule.
    opened = []
    window.detail.open_url = opened.append
    qtbot.mouseClick(window.detail.open_rule_button, Qt.MouseButton.LeftButton)
    rule = window.session.current.ruleset.get(finding.rule)
    assert [url.toLocalFile() for url in opened] == [str(rule.source)]
    assert rule.source.suffix in (".yaml", ".yml")


def test_encrypted_pdf_asks_for_the_password_and_opens(qtbot, env, tmp_path, monkeypatch):
    import runpy

    contract, settings = env
    root = Path(__file__).resolve().parent.parent
    runpy.run_path(str(root / "scripts" / "make_hostile.py"))["build"](tmp_path / "hostile", ("files",))
    locked = tmp_path / "hostile" / "locked-user.pdf"
    window = new_window(qtbot, settings)
    open_and_wait(qtbot, window, contract)
    asked = []
    answers = iter(["wrong", "secret"])
    monkeypatch.setattr(window, "ask_password", lambda path, wrong: asked.append((path.name, wrong)) or next(answers))
    with qtbot.waitSignal(window.reviewShown, timeout=30000):
        window.open_path(locked)
    assert asked == [("locked-user.pdf", False), ("locked-user.pdf", True)]
    assert window.session.current.path == locked and window.session.current.document.text


def test_cancelling_the_password_keeps_the_open_contract(qtbot, env, tmp_path, monkeypatch):
    import runpy

    contract, settings = env
    root = Path(__file__).resolve().parent.parent
    runpy.run_path(str(root / "scripts" / "make_hostile.py"))["build"](tmp_path / "hostile", ("files",))
    window = new_window(qtbot, settings)
    open_and_wait(qtbot, window, contract)
    monkeypatch.setattr(window, "ask_password", lambda path, wrong: None)
    with qtbot.waitSignal(window.session.passwordNeeded, timeout=30000):
        window.open_path(tmp_path / "hostile" / "locked-user.pdf")
    qtbot.wait(50)
    assert window.session.current.path.name == "seed.txt"
    assert "已取消" in window.progress_label.text()


def test_scanned_pages_are_named_when_the_review_is_shown(qtbot, env, tmp_path):
    import runpy

    _, settings = env
    root = Path(__file__).resolve().parent.parent
    runpy.run_path(str(root / "scripts" / "make_hostile.py"))["build"](tmp_path / "hostile", ("files",))
    window = new_window(qtbot, settings)
    open_and_wait(qtbot, window, tmp_path / "hostile" / "scan-mixed.pdf")
    assert "第 2 页没有可读取的文字" in window.error_box.text()
