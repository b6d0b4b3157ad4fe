"""--filter and --sort on rows: syntax, matching, ordering, unknown fields, hostile values."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from idcctl.errors import UsageError
from idcctl.output.fields import field_paths
from idcctl.output.select import check_filter, parse_sort, select

ROWS = [
    {"name": "web-1", "status": "running", "vcpu": 2, "created_at": "2022-09-01T12:03:14.355+0000",
     "storage": [{"size": 20}], "tags": ["prod", "web"], "backup": True},
    {"name": "db-1", "status": "stopped", "vcpu": 8, "created_at": "2018-02-22 14:18:47",
     "storage": [{"size": 60}, {"size": 5}], "tags": None, "backup": False},
    {"name": "web-10", "status": "running", "vcpu": 4, "created_at": "2022-09-01 12:03:15",
     "storage": [], "cost": 0.1},
]


def names(filters=None, sort=None, rows=ROWS):
    return [row["name"] for row in select(rows, filters, sort)]


@pytest.mark.parametrize(("filters", "expected"), [
    (["status=running"], ["web-1", "web-10"]),
    (["status!=running"], ["db-1"]),
    (["name=web-*"], ["web-1", "web-10"]),
    (["name=web-?"], ["web-1"]),
    (["name=web-*", "vcpu>2"], ["web-10"]),  # all filters must hold
    (["vcpu>=4"], ["db-1", "web-10"]),
    (["vcpu<4"], ["web-1"]),
    (["vcpu=2.0"], ["web-1"]),  # numbers as numbers
    (["cost=0.1"], ["web-10"]),  # a float equals its own text exactly
    (["cost!=0.1"], ["web-1", "db-1"]),  # without the field: not equal
    (["storage.0.size>=50"], ["db-1"]),
    (["storage.size<10"], ["db-1"]),  # through a list without an index: any element
    (["tags=prod"], ["web-1"]),  # a list of values: one of them
    (["tags="], ["db-1", "web-10"]),  # null and missing read as empty
    (["tags=null"], ["db-1", "web-10"]),
    (["backup=true"], ["web-1"]),
    (["backup=no"], ["db-1"]),  # as tables show it
    (["created_at>2022-01-01"], ["web-1", "web-10"]),
    (["created_at<2022-09-01 12:03:15"], ["web-1", "db-1"]),  # both shapes, as time
    (["name=WEB-*"], []),  # case-sensitive
])
def test_filters(filters, expected):
    assert names(filters) == expected


def test_sort_numbers_as_numbers_timestamps_as_time_stable_and_descending():
    assert names(sort=["vcpu"]) == ["web-1", "web-10", "db-1"]
    assert names(sort=["-vcpu"]) == ["db-1", "web-10", "web-1"]
    assert names(sort=["created_at"]) == ["db-1", "web-1", "web-10"]
    assert names(sort=["-created_at"]) == ["web-10", "web-1", "db-1"]
    assert names(sort=["status"]) == ["web-1", "web-10", "db-1"]  # stable: ties keep the API's order
    assert names(sort=["-status"]) == ["db-1", "web-1", "web-10"]  # stable when descending too
    assert names(sort=["status,-vcpu"]) == ["web-10", "web-1", "db-1"]
    assert names(sort=["status", "-vcpu"]) == ["web-10", "web-1", "db-1"]  # repeated = comma-separated


def test_sort_puts_rows_without_the_field_last_either_way():
    assert names(sort=["cost"]) == ["web-10", "web-1", "db-1"]
    assert names(sort=["-cost"]) == ["web-10", "web-1", "db-1"]


def test_numeric_text_sorts_as_numbers():
    rows = [{"name": n, "v": v} for n, v in (("a", "10"), ("b", "9"), ("c", 9.5), ("d", "x"))]
    assert names(sort=["v"], rows=rows) == ["b", "c", "a", "d"]


@pytest.mark.parametrize("option", ["filter", "sort"])
def test_unknown_field_is_exit_2_naming_the_fields_the_data_has(option):
    with pytest.raises(UsageError) as caught:
        select(ROWS, ["nosuch=1"] if option == "filter" else None, ["nosuch"] if option == "sort" else None)
    assert caught.value.exit_code == 2
    assert f"--{option}: no field 'nosuch'" in caught.value.message
    assert "it has: name, status, vcpu, created_at, storage, tags, backup, cost, storage.0.size" \
        in caught.value.message


def test_an_empty_list_has_no_fields_to_check():
    assert select([], ["nosuch=1"], ["nosuch"]) == []


@pytest.mark.parametrize("spec", ["justtext", "=x", "name>web", "vcpu<=", "created_at>yesterday"])
def test_malformed_filters_are_usage_errors(spec):
    with pytest.raises(UsageError):
        check_filter(spec)


@pytest.mark.parametrize("spec", ["", "-", "a,,b", "a=b"])
def test_malformed_sort_keys_are_usage_errors(spec):
    with pytest.raises(UsageError):
        parse_sort(spec)


def test_parse_sort():
    assert parse_sort("status, -created_at,+vcpu") == [("status", False), ("created_at", True), ("vcpu", False)]


def test_bare_values_are_rows_with_a_value_field():
    assert select(["b", "a", "c"], ["value!=c"], ["value"]) == ["a", "b"]


def test_field_paths_name_nested_fields_once():
    assert field_paths([{"a": {"b": 1}, "l": [{"x": 1}], "s": [1]}, {"z": None}]) == \
        ["a", "a.b", "l", "l.0.x", "s", "z"]


def test_the_rows_chosen_by_their_basis():
    readable = [{"cost": "10.00"}, {"cost": "9.00"}]
    assert select(readable, ["cost>9.5"], ["cost"], basis=[{"cost": 10}, {"cost": 9}]) == [{"cost": "10.00"}]


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner,
                                                                                 max_size=3),
                    max_leaves=8)


@settings(max_examples=150, deadline=None)
@given(rows=st.lists(st.one_of(JSON, st.dictionaries(st.sampled_from(["a", "b", "c"]), JSON)), max_size=6),
       op=st.sampled_from(["=", "!=", "<", ">=", "=*"]), value=st.sampled_from(["1", "x", "", "2024-01-01"]),
       key=st.sampled_from(["a", "-b", "a.0", "c.a", "a,-c"]))
def test_untrusted_values_never_raise_anything_but_a_usage_error(rows, op, value, key):
    for filters, sort in (([f"a{op}{value}"], None), (None, [key])):
        try:
            chosen = select(rows, filters, sort)
        except UsageError:  # a malformed filter, or no row with the field
            continue
        if sort:  # sorting keeps every row
            assert sorted(map(id, chosen)) == sorted(map(id, rows))
        else:  # filtering keeps some, in their order
            assert [r for r in rows if any(r is c for c in chosen)] == chosen
