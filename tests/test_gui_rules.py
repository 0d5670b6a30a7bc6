"""Rules in the window: last good rules kept, errors shown with file and line, overrides, file watching."""

from __future__ import annotations

import shutil

import pytest
import yaml
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QComboBox

pytestmark = pytest.mark.gui

RULES = """\
pack: gui-test
version: "1"
rules:
  - id: test-suspension
    type: pattern
    title: 供应商可单方暂停服务
    category: suspension
    severity: medium
    message: "{clause} 允许{them}单方暂停服务：“{text}”。"
    why: 暂停服务会中断我方业务。
    suggestion: 删除暂停条款。
    any: ['{them}有权暂停']
    examples:
      fire: ["8.2 乙方有权暂停提供服务。"]
      no_fire: ["8.2 甲方有权暂停付款。"]
"""
BROKEN = RULES.replace("    severity: medium\n", "    severity: medium\n    colour: red\n")


@pytest.fixture
def rules_file(tmp_path, monkeypatch):
    """The user's own rule file, in the user's rules folder (where window overrides can reach it)."""
    folder = tmp_path / "user-rules"
    folder.mkdir()
    monkeypatch.setenv("CONTRACT_REVIEW_RULES_DIR", str(folder))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    path = folder / "gui-test.yaml"
    path.write_text(RULES, encoding="utf-8")
    return path


def test_broken_file_keeps_its_last_good_rules_in_force(rules_file):
    from ui.rules_manager import RuleStore

    store = RuleStore()
    state = store.reload()
    assert state.errors == []
    assert store.ruleset.get("test-suspension").severity.value == "medium"
    rules_file.write_text(BROKEN, encoding="utf-8")
    state = store.reload()
    assert [e.path for e in state.errors] == [rules_file]
    assert any(f"{rules_file}:9:5:" in str(p) for p in state.errors[0].problems)  # the line of "colour"
    assert state.kept == [rules_file]
    assert store.ruleset.get("test-suspension") is not None  # still in force
    rules_file.write_text(RULES.replace("severity: medium", "severity: high"), encoding="utf-8")
    state = store.reload()
    assert state.errors == [] and state.kept == []
    assert store.ruleset.get("test-suspension").severity.value == "high"


def test_reload_without_changes_is_not_announced(rules_file):
    from ui.rules_manager import RuleStore

    store = RuleStore()
    assert store.reload().changed
    assert not store.reload().changed


def test_panel_lists_rules_and_shows_file_errors(qtbot, rules_file):
    from ui.rules_manager import RuleStore
    from ui.rules_panel import RulesPanel

    store = RuleStore()
    panel = RulesPanel()
    qtbot.addWidget(panel)
    panel.show()
    panel.show_state(store.reload())
    qtbot.waitUntil(lambda: panel.rule_item("test-suspension") is not None)  # filled on the next turn
    item = panel.rule_item("test-suspension")
    assert item.text(0).startswith("供应商可单方暂停服务")
    assert item.checkState(0) == Qt.CheckState.Checked
    assert panel.severity_of("test-suspension") == "medium"
    assert item.text(1) == "中"
    assert panel.tree.itemWidget(item, 1) is None  # drawn, not a widget per rule
    panel.tree.setCurrentItem(item, 1)
    qtbot.keyClick(panel.tree, Qt.Key.Key_Down)  # moving through the list edits nothing
    assert panel.tree.viewport().findChild(QComboBox) is None
    assert panel.errors_label.isHidden()
    rules_file.write_text(BROKEN, encoding="utf-8")
    panel.show_state(store.reload())
    assert not panel.errors_label.isHidden()
    assert f"{rules_file}:9:5:" in panel.errors_label.text()
    assert "上次正确的版本" in panel.errors_label.text()
    assert panel.rule_item("test-suspension") is not None


def _window(qtbot, tmp_path, seed_path, rules_file):
    from ui.main_window import MainWindow
    from ui.rules_manager import RulesManager, RuleStore
    from ui.settings import Settings

    contract = tmp_path / "seed.txt"
    shutil.copyfile(seed_path, contract)
    window = MainWindow(Settings(tmp_path / "settings.ini"), rules=RulesManager(RuleStore()))
    qtbot.addWidget(window)
    window.resize(1600, 1000)
    window.show()
    with qtbot.waitSignal(window.reviewShown, timeout=30000):
        window.open_path(contract)
    window.rules_dock.raise_()  # the rules tab, as counsel would click it
    qtbot.waitUntil(lambda: window.rules_panel.rule_item("test-suspension") is not None, timeout=5000)
    return window


def ours(window):
    return [f for f in window.session.current.findings if f.rule == "test-suspension"]


def test_switching_a_rule_off_writes_an_override_and_reviews_again(qtbot, tmp_path, seed_path, rules_file):
    window = _window(qtbot, tmp_path, seed_path, rules_file)
    assert [f.clause for f in ours(window)] == ["8.2"]
    item = window.rules_panel.rule_item("test-suspension")
    with qtbot.waitSignal(window.reviewShown, timeout=30000):
        item.setCheckState(0, Qt.CheckState.Unchecked)
    override = tmp_path / "user-rules" / "window-overrides.yaml"
    data = yaml.safe_load(override.read_text(encoding="utf-8"))
    assert data["rules"] == [{"id": "test-suspension", "enabled": False}]
    assert ours(window) == []
    assert window.rules_panel.rule_item("test-suspension").checkState(0) == Qt.CheckState.Unchecked


def test_severity_override_changes_the_finding(qtbot, tmp_path, seed_path, rules_file):
    window = _window(qtbot, tmp_path, seed_path, rules_file)
    panel = window.rules_panel
    item = panel.rule_item("test-suspension")
    panel.tree.scrollToItem(item)
    row = panel.tree.visualItemRect(item)
    qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(panel.tree.columnViewportPosition(1) + 4, row.center().y()))
    combo = panel.tree.viewport().findChild(QComboBox)  # the click opened the severity list
    assert combo is not None and combo.currentData() == "medium"
    with qtbot.waitSignal(window.reviewShown, timeout=30000):
        combo.setCurrentIndex(combo.findData("high"))
        combo.activated.emit(combo.currentIndex())  # what a pick in the list sends
    assert [f.severity.value for f in ours(window)] == ["high"]
    item = panel.rule_item("test-suspension")  # the list is filled again after the reload
    assert panel.severity_of("test-suspension") == "high" and item.text(1) == "高"


def test_editing_a_rule_file_on_disk_reloads_and_reviews_again(qtbot, tmp_path, seed_path, rules_file):
    window = _window(qtbot, tmp_path, seed_path, rules_file)
    window.rules.adopt_current()
    assert str(rules_file) in window.rules.watcher.files()
    with qtbot.waitSignal(window.reviewShown, timeout=30000):
        rules_file.write_text(RULES.replace("severity: medium", "severity: low"), encoding="utf-8")
    assert [f.severity.value for f in ours(window)] == ["low"]
    # A broken edit: the error shows, the last good rules keep reviewing.
    with qtbot.waitSignal(window.rules.stateChanged, timeout=30000):
        rules_file.write_text(BROKEN, encoding="utf-8")
    assert f"{rules_file}:9:5:" in window.rules_panel.errors_label.text()
    assert [f.severity.value for f in ours(window)] == ["low"]


def test_unrelated_files_beside_the_missing_rules_folder_do_not_reload(qtbot, tmp_path, monkeypatch):
    from ui.rules_manager import RulesManager

    monkeypatch.setenv("CONTRACT_REVIEW_RULES_DIR", str(tmp_path / "user-rules"))
    manager = RulesManager()
    manager._on_disk_change(str(tmp_path))  # e.g. a decisions file saved beside the contract
    assert not manager._debounce.isActive()
    (tmp_path / "user-rules").mkdir()
    manager._on_disk_change(str(tmp_path))  # the rules folder itself was created
    assert manager._debounce.isActive()
    manager.shutdown()
    assert not manager._debounce.isActive() and manager.watcher.directories() == []
