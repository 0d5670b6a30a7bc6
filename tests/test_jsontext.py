"""The indented JSON writer gives json.dumps's text, byte for byte, and json's errors."""

from __future__ import annotations

import json
import math
from enum import IntEnum

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reviewer.text import jsontext

SCALARS = st.none() | st.booleans() | st.integers() | st.floats() | st.text()
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=5) | st.tuples(inner, inner)
    | st.dictionaries(st.text(max_size=8), inner, max_size=5),
    max_leaves=40,
)


def expected(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


@settings(max_examples=400, deadline=None)
@given(VALUES)
def test_same_text_as_json_dumps(value):
    assert jsontext.dumps(value) == expected(value)


def test_a_report_shaped_value_with_chinese_escapes_and_empty_containers():
    value = {"schema": 1, "documents": [{"file": "合同\\草稿\".docx", "clauses": [], "parties": {},
                                         "findings": [{"text": "第一条\n\t\u2028", "page": None, "ok": True,
                                                       "score": 0.1, "types": ["付款", "违约"]}]}]}
    assert jsontext.dumps(value) == expected(value)


class Level(IntEnum):
    HIGH = 3


@pytest.mark.parametrize("value", [
    {1: "a", None: "b"},                 # keys json turns into text
    {"level": Level.HIGH},               # an int subclass json writes by value
    [math.nan, math.inf, -math.inf],     # json's NaN and Infinity
])
def test_values_outside_the_plain_types_are_written_by_json(value):
    assert jsontext.dumps(value) == expected(value)


def test_json_errors_are_json_s_own():
    loop: list = []
    loop.append(loop)
    with pytest.raises(ValueError, match="Circular reference"):
        jsontext.dumps(loop)
    with pytest.raises(TypeError, match="not JSON serializable"):
        jsontext.dumps({"when": object()})
