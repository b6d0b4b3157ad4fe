"""The PUBLIC IP column of `vm list` / `vm show` tables, and the JSON that has none."""

from __future__ import annotations

import httpx

from tests.cli.conftest import DB, U2, VM_PATH, WEB, api, ok

# -- the PUBLIC IP column -----------------------------------------------------------------

IPS = "/v1/network/ip_addresses"


def test_list_json_is_unchanged_and_makes_no_ip_call(invoke):
    with api() as mock:  # an unexpected ip list call would fail: respx mocks everything
        mock.get(f"{VM_PATH}/list").mock(return_value=ok([WEB, DB]))
        result = invoke("vm", "list", "-o", "json")
    assert result.exit_code == 0 and result.json() == [WEB, DB]


def test_list_table_when_the_ip_list_fails_has_an_empty_column(invoke):
    with api() as mock:
        mock.get(f"{VM_PATH}/list").mock(return_value=ok([WEB, DB]))
        mock.get(IPS).mock(return_value=httpx.Response(403, json={"message": "forbidden"}))
        result = invoke("vm", "list", "--columns", "name,public_ip")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == ["NAME   PUBLIC IP", "web-1  -", "db-1   -"]  # the header of its default column


def test_show_json_is_unchanged(invoke):
    with api() as mock:
        mock.get(VM_PATH, params={"uuid": U2}).mock(return_value=ok(DB))
        result = invoke("vm", "show", U2, "-o", "json")
    assert result.exit_code == 0 and result.json() == DB and "public_ip" not in result.stdout
