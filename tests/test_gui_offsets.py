"""Python offsets ↔ Qt positions, and the document view selecting exact characters around wide ones."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ui.offsets import OffsetMap

pytestmark = pytest.mark.gui

WIDE = "𠀀😀"  # a CJK Extension B ideograph and an emoji: two UTF-16 units each in Qt


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def test_bmp_text_maps_to_itself():
    m = OffsetMap("甲方应支付服务费用")
    assert [m.to_qt(i) for i in range(10)] == list(range(10))
    assert [m.to_py(i) for i in range(10)] == list(range(10))


def test_wide_characters_shift_later_positions():
    text = "甲𠀀方😀乙"
    m = OffsetMap(text)
    assert [m.to_qt(i) for i in range(len(text) + 1)] == [0, 1, 3, 4, 6, 7]
    assert [m.to_py(q) for q in (0, 1, 3, 4, 6, 7)] == [0, 1, 2, 3, 4, 5]
    # Between the two halves of 𠀀 (Qt position 2) rounds down to the character itself.
    assert m.to_py(2) == 1


@given(st.text(alphabet=st.sampled_from("甲乙a\n" + WIDE), max_size=40))
def test_round_trip_and_utf16_length(text):
    m = OffsetMap(text)
    for i in range(len(text) + 1):
        assert m.to_qt(i) == utf16_len(text[:i])
        assert m.to_py(m.to_qt(i)) == i
    assert m.to_qt(len(text)) == utf16_len(text)


def test_view_selects_exact_characters_after_wide_ones(qtbot):
    from ui.document_view import DocumentView

    text = "第一条 定义😀\n1.1 甲方𠀀应在____日内付款。\n1.2 乙方应及时维护。"
    view = DocumentView()
    qtbot.addWidget(view)
    view.show_text(text)
    start = text.index("____")
    view.select_span(start, start + 4)
    cursor = view.textCursor()
    assert cursor.selectedText() == "____"
    assert (cursor.selectionStart(), cursor.selectionEnd()) == (view.to_qt(start), view.to_qt(start + 4))
    assert (cursor.selectionStart(), cursor.selectionEnd()) == (start + 2, start + 6)
    assert view.selected_span() == (start, start + 4)
    # The text is shown as it is: nothing inserted to style it.
    assert view.toPlainText() == text


def test_highlights_cover_each_finding_in_severity_order(qtbot):
    from reviewer.model.findings import Finding, Severity
    from ui.document_view import DocumentView, finding_at

    text = "10.2仲裁\n如协商不成,任何一方均有权向合同签订地所在的人民法院提起诉讼。😀____"
    view = DocumentView()
    qtbot.addWidget(view)
    view.show_text(text)

    def finding(sev, sub, rule):
        s = text.index(sub)
        return Finding(rule, "x", Severity(sev), s, s + len(sub), "10.2", 1, sub, rule, "")

    court = finding("high", "向合同签订地所在的人民法院提起诉讼", "court")
    place = finding("medium", "合同签订地", "place")
    whole = finding("info", "如协商不成,任何一方均有权向合同签订地所在的人民法院提起诉讼。", "whole")
    blank = finding("high", "____", "blank")
    view.highlights.apply([court, place, whole, blank])
    selections = view.extraSelections()
    assert [s.cursor.selectedText() for s in selections] == [whole.text, place.text, court.text, "____"]
    assert selections[-1].cursor.selectionStart() == view.to_qt(blank.start)
    # Clicking inside 合同签订地 picks the shortest span there, not the long info one.
    assert finding_at([court, place, whole, blank], place.start + 1) is place
    assert finding_at([court, place, whole, blank], court.end - 1) is court
    assert finding_at([court, place, whole, blank], 0) is None


def test_cards_stack_downward_and_a_pinned_card_sits_at_its_line():
    from ui.finding_rail import stack

    anchors, heights = [0, 10, 200, 210, 215], [50, 50, 50, 50, 50]
    assert stack(anchors, heights, gap=5) == [0, 55, 200, 255, 310]
    # Selecting the fourth card puts it level with its line; the ones above move up to make room.
    assert stack(anchors, heights, gap=5, pin=3) == [0, 55, 155, 210, 265]
    # Cards far apart do not move at all.
    assert stack([0, 500], [50, 50], gap=5, pin=1) == [0, 500]
