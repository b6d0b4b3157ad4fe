"""`net list|show|create|rename|delete|set-default`: requests, tables, names, safety."""

from __future__ import annotations

import json

import httpx

from tests.cli.conftest import BACKEND, DB, N1, N2, NET, NETS, U1, U2, VM_PATH, WEB, api, network, ok

N3 = "50341410-9e88-4af2-a21e-b8c898e33e51"
DEFAULT = network("Default network", N2, default=True, vlan=104)
EMPTY_NET = network("spare", N3, vlan=7)


def test_list_table_exact(invoke):
    with api() as mock:
        mock.get(NETS).mock(return_value=ok([BACKEND, DEFAULT]))
        result = invoke("net", "list")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "NAME             UUID                                  SUBNET         VLAN  DEFAULT  RESOURCES\n"
        "backend          4e5eadd3-8b11-4c34-812a-2cf97120b628  10.4.200.0/24  965   no       2\n"
        "Default network  2e8cd389-27fe-45ce-a63d-d536068659e5  10.4.200.0/24  104   yes      0\n"
    )


def test_show_by_name_is_a_get_of_the_uuid(invoke):
    with api() as mock:
        mock.get(NETS).mock(return_value=ok([BACKEND, DEFAULT]))
        get = mock.get(f"{NET}/{N1}").mock(return_value=ok(BACKEND))
        result = invoke("net", "show", "backend", "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert get.call_count == 1 and result.json() == BACKEND


def test_show_unknown_and_ambiguous_names_exit_4(invoke):
    twin = network("backend", N3)
    with api() as mock:
        mock.get(NETS).mock(return_value=ok([BACKEND, DEFAULT, twin]))
        unknown = invoke("net", "show", "nope")
        ambiguous = invoke("net", "show", "backend")
    assert unknown.exit_code == 4 and "no network named 'nope'" in unknown.stderr
    assert ambiguous.exit_code == 4 and f"2 networks are named 'backend': {N1}, {N3}" in ambiguous.stderr


def test_create_with_name_puts_it_in_the_query(invoke):
    with api() as mock:
        route = mock.post(NET).mock(return_value=ok(EMPTY_NET))
        result = invoke("net", "create", "--name", "spare", "-o", "json")
    assert result.exit_code == 0, result.stderr
    request = route.calls.last.request
    assert dict(request.url.params) == {"name": "spare"} and request.content == b""
    assert result.json() == EMPTY_NET
    assert f"Created network spare ({N3})." in result.stderr


def test_create_without_name_is_the_get_or_create_of_the_default(invoke):
    with api() as mock:
        route = mock.post(NET).mock(return_value=ok(DEFAULT))
        result = invoke("net", "create", "-q")
        help_text = invoke("net", "create", "--help")
    assert result.exit_code == 0, result.stderr
    assert dict(route.calls.last.request.url.params) == {}
    assert result.stdout == f"{N2}\n"
    assert "without --name, get (or create) the default" in help_text.stdout


def test_create_with_an_empty_name_sends_nothing(invoke):
    with api(assert_all_called=False) as mock:
        result = invoke("net", "create", "--name", " ")
        assert mock.calls.call_count == 0
    assert result.exit_code == 2


def test_rename_sends_json(invoke):
    with api() as mock:
        mock.get(NETS).mock(return_value=ok([BACKEND]))
        route = mock.patch(f"{NET}/{N1}").mock(return_value=ok({**BACKEND, "name": "backend-2"}))
        result = invoke("net", "rename", "backend", "backend-2", "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert route.calls.last.request.headers["content-type"] == "application/json"
    assert json.loads(route.calls.last.request.content) == {"name": "backend-2"}


def test_set_default_is_a_put(invoke):
    with api() as mock:
        route = mock.put(f"{NET}/{N1}/default").mock(return_value=ok({**BACKEND, "is_default": True}))
        result = invoke("net", "set-default", N1, "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert route.call_count == 1 and result.json()["is_default"] is True
    assert f"Network backend ({N1}) is now the default." in result.stderr


def test_delete_refused_without_terminal(invoke):
    with api(assert_all_called=False) as mock:
        mock.get(f"{NET}/{N3}").mock(return_value=ok(EMPTY_NET))
        delete = mock.delete(f"{NET}/{N3}").mock(return_value=httpx.Response(200))
        result = invoke("net", "delete", N3)
    assert result.exit_code == 2 and not delete.called
    assert "--yes" in result.stderr


def test_delete_of_a_network_with_vms_names_them_and_shows_the_refusal_as_one_line(invoke):
    with api() as mock:
        mock.get(NETS).mock(return_value=ok([BACKEND, DEFAULT]))
        mock.get(f"{VM_PATH}/list").mock(return_value=ok([WEB, DB]))
        delete = mock.delete(f"{NET}/{N1}").mock(return_value=httpx.Response(
            400, json={"errors": {"Error": "The network cannot be deleted while it contains resources."}}))
        result = invoke("net", "delete", "backend", tty=True, input="y\n")
    assert delete.call_count == 1
    assert (f"Delete network backend ({N1})? It still holds VMs web-1 ({U1}), db-1 ({U2}); "
            "the API refuses to delete a network with resources. [y/N]") in result.stderr
    assert result.exit_code == 1
    # after the prompt (no echoed answer in a test), the API's refusal: one line
    assert result.stderr.endswith(
        "error: The network cannot be deleted while it contains resources. (HTTP 400)\n")


def test_delete_with_yes_accepts_the_empty_answer(invoke):
    with api() as mock:
        mock.get(f"{NET}/{N3}").mock(return_value=ok(EMPTY_NET))
        delete = mock.delete(f"{NET}/{N3}").mock(return_value=httpx.Response(
            200, content=b"", headers={"content-type": "application/json"}))
        result = invoke("net", "delete", N3, "--yes")
    assert result.exit_code == 0, result.stderr
    assert delete.call_count == 1 and result.stdout == ""
    assert f"Deleted network spare ({N3})." in result.stderr


def test_delete_dry_run_prints_and_sends_nothing(invoke):
    with api(assert_all_called=False) as mock:
        mock.get(f"{NET}/{N3}").mock(return_value=ok(EMPTY_NET))
        delete = mock.delete(f"{NET}/{N3}").mock(return_value=httpx.Response(200))
        result = invoke("net", "delete", N3, "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert not delete.called
    assert f"DELETE https://api.idcloudhost.test/v1/network/network/{N3}" in result.stdout + result.stderr
