"""--columns: field paths and header names resolved against a table's columns and its rows."""

from __future__ import annotations

import io

import pytest

from idcctl.errors import UsageError
from idcctl.output import OutputOptions, render
from idcctl.output.columns import resolve
from idcctl.output.specs import SPECS

ROWS = [{"name": "a", "status": "running", "memory": 2048, "private_ipv4": "10.0.0.1", "storage": [{"size": 5}]}]


def test_paths_headers_and_any_case():
    chosen = resolve(["NAME", "Status", "private ipv4", "Memory", "storage.0.size", "ram"], SPECS["vm"], ROWS)
    assert [header for header, _ in chosen] == ["NAME", "STATUS", "PRIVATE IPV4", "MEMORY", "STORAGE.0.SIZE", "RAM"]
    assert [field for _, field in chosen][:5] == ["name", "status", "private_ipv4", "memory", "storage.0.size"]
    assert callable(chosen[5][1])  # RAM is the computed column: "2048 MB"


def test_unknown_is_a_usage_error_listing_headers_then_fields():
    with pytest.raises(UsageError) as caught:
        resolve(["nosuch"], SPECS["vm"], ROWS)
    assert caught.value.message.startswith("--columns: no column 'nosuch'; valid: NAME, UUID, STATUS,")
    assert caught.value.message.endswith("memory, storage, storage.0.size")


def test_without_rows_any_path_is_taken():
    assert resolve(["NAME", "whatever.path"], SPECS["vm"], []) == [("NAME", "name"), ("WHATEVER.PATH", "whatever.path")]


def test_one_object_with_columns_is_checked_too():
    stream = io.StringIO()
    render(ROWS[0], OutputOptions(columns=["name", "MEMORY"]), kind="vm", stream=stream)
    assert stream.getvalue() == "NAME  MEMORY\na     2048\n"
    with pytest.raises(UsageError):
        render(ROWS[0], OutputOptions(columns=["nope"]), kind="vm", stream=io.StringIO())
