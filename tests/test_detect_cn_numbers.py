"""Chinese numerals and amounts in words, as the amount and numbering detectors read them."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reviewer.text.cn_numbers import (capital_amount, cn_int, format_amount, int_to_cn, parse_capital_amount,
                                 parse_figure_amount)


@pytest.mark.parametrize("text, value", [
    ("十二", 12), ("十", 10), ("二十", 20), ("二十一", 21), ("一百零五", 105), ("一百一十", 110),
    ("两千", 2000), ("十万", 100_000), ("壹拾万零伍佰", 100_500), ("一亿二千万", 120_000_000),
    ("二〇二六", 2026), ("15", 15), ("10万", 100_000), ("1,000", 1000),
])
def test_cn_int_reads_chinese_and_arabic_numerals(text, value):
    assert cn_int(text) == value


@pytest.mark.parametrize("text", ["", "第三", "三方", "1.5", "abc"])
def test_cn_int_refuses_what_is_not_a_whole_number(text):
    assert cn_int(text) is None


@pytest.mark.parametrize("text, value", [
    ("壹万元整", "10000"), ("人民币壹拾万零伍佰元整", "100500"), ("壹拾万元", "100000"), ("十万元", "100000"),
    ("伍佰元伍角", "500.5"), ("叁拾元零伍分", "30.05"), ("玖仟玖佰玖拾玖元玖角玖分", "9999.99"),
    ("大写：壹佰万元整", "1000000"), ("柒角", "0.7"), ("伍拾陆万伍仟元整", "565000"),
])
def test_capital_amounts(text, value):
    assert parse_capital_amount(text) == Decimal(value)


@pytest.mark.parametrize("text", ["元整", "人民币元", "", "壹拾万元伍", "某某元"])
def test_capital_amount_refuses_blanks_and_garbage(text):
    assert parse_capital_amount(text) is None


def test_figures_with_units_and_commas():
    assert parse_figure_amount("100,000.00") == Decimal("100000")
    assert parse_figure_amount("10", "万元") == Decimal("100000")
    assert parse_figure_amount("1，250，000", "元") == Decimal("1250000")
    assert parse_figure_amount("____") is None
    assert format_amount(Decimal("100500.5")) == "100,500.50"
    assert format_amount(Decimal("100000")) == "100,000"


@given(st.integers(min_value=0, max_value=99_999_999))
def test_int_to_cn_round_trips(value):
    assert cn_int(int_to_cn(value)) == value


@pytest.mark.parametrize("value, words", [
    ("100500", "壹拾万零伍佰元整"), ("560000", "伍拾陆万元整"), ("1001", "壹仟零壹元整"), ("10100", "壹万零壹佰元整"),
    ("100000001", "壹亿零壹元整"), ("500.5", "伍佰元伍角"), ("30.05", "叁拾元零伍分"), ("0.7", "柒角"),
])
def test_capital_amount_writes_amounts_in_words(value, words):
    assert capital_amount(Decimal(value)) == words


@given(st.integers(min_value=1, max_value=999_999_999_99))
def test_capital_amount_round_trips(cents):
    value = Decimal(cents) / 100
    assert parse_capital_amount(capital_amount(value)) == value
