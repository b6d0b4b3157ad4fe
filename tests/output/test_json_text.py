"""The fast JSON writer: exactly json.dumps(indent=2, ensure_ascii=False)'s text, on any data."""

from __future__ import annotations

import json
from collections import OrderedDict

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from idcctl.output import json_text

KEYS = st.one_of(st.text(max_size=6), st.integers(), st.floats(), st.booleans(), st.none())
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=4) | st.tuples(inner) | st.dictionaries(KEYS, inner, max_size=4),
    max_leaves=20)


def text(data) -> str:
    return "".join(json_text.chunks(data))


def test_a_long_list_in_chunks_is_the_same_text():
    rows = [{"name": f"vm-{i}", "i": i, "f": i / 7, "on": i % 2 == 0, "none": None, "nested": [{"k": [i]}] * (i % 3)}
            for i in range(json_text.ROWS_PER_CHUNK * 2 + 7)]
    pieces = list(json_text.chunks(rows))
    assert len(pieces) == 4  # three pieces of rows and the closing bracket
    assert "".join(pieces) == json.dumps(rows, indent=2, ensure_ascii=False)


class Name(str):
    pass


def test_subclasses_and_odd_keys_as_the_standard_encoder_writes_them():
    data = {Name("a"): Name("b"), 1: True, True: 1.5, None: [(), OrderedDict(x=float("nan"))], 2.5: -float("inf")}
    assert text(data) == json.dumps(data, indent=2, ensure_ascii=False)


@pytest.mark.parametrize("bad", [{"a": object()}, {object(): 1}, [b"bytes"]])
def test_what_json_dumps_refuses_is_refused(bad):
    with pytest.raises(TypeError):
        text(bad)
