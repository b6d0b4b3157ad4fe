"""`ip list|show|create|update|delete|assign|unassign`: location scope, JSON bodies, VM names, safety."""

from __future__ import annotations

import json

import httpx
import pytest

from tests.cli.conftest import DB, U1, U2, U3, VM_PATH, WEB, answered_together, api, make_vm, ok

IPS = "/v1/network/ip_addresses"


def floating(address: str, assigned_to: str | None = None, *, name: str = "", kind: str = "virtual_machine") -> dict:
    return {"id": 1, "address": address, "user_id": 666, "billing_account_id": 6, "type": "public",
            "network_id": None, "name": name, "enabled": True, "created_at": "2019-10-31 10:52:19",
            "updated_at": "2019-11-01 10:22:19", "is_deleted": False, "is_virtual": False,
            "assigned_to": assigned_to, "assigned_to_resource_type": kind if assigned_to else None,
            "assigned_to_private_ip": "10.1.2.3" if assigned_to else None}


WEB_IP = floating("203.0.113.7", U1, name="edge")
SVC_IP = floating("203.0.113.8", "c267e447-1ad3-43b2-ae41-ac7ad823fc6c", kind="service")
FREE_IP = floating("1.1.1.1", name="my_ip")


def json_of(route) -> dict:
    request = route.calls.last.request
    assert request.headers["content-type"] == "application/json"
    return json.loads(request.content)


def test_list_table_names_the_vm_with_one_concurrent_vm_list(invoke):
    answer = answered_together(2)  # one request after the other would never be answered

    with api() as mock:
        ips = mock.get(IPS).mock(side_effect=answer([WEB_IP, SVC_IP, FREE_IP]))
        vms = mock.get(f"{VM_PATH}/list").mock(side_effect=answer([WEB, DB]))
        result = invoke("ip", "list")
    assert result.exit_code == 0, result.stderr
    assert (ips.call_count, vms.call_count) == (1, 1)
    assert result.stdout.splitlines() == [
        "ADDRESS      NAME   VM     ASSIGNED TO                           TYPE             BILLING ACCOUNT"
        "  CREATED",
        "203.0.113.7  edge   web-1  5aea1842-895f-4bd3-8bd6-e37b2282fb46  virtual_machine  6"
        "                2019-10-31 10:52:19",
        "203.0.113.8         -      c267e447-1ad3-43b2-ae41-ac7ad823fc6c  service          6"
        "                2019-10-31 10:52:19",
        "1.1.1.1      my_ip  -      -                                     -                6"
        "                2019-10-31 10:52:19",
    ]


def test_list_json_is_the_api_data_with_no_vm_call_and_the_location_in_the_path(invoke):
    with api() as mock:
        route = mock.get(f"/v1/bus02/network/ip_addresses").mock(return_value=ok([WEB_IP]))
        result = invoke("ip", "list", "-o", "json", "-l", "bus02", "--billing-account", "6")
    assert result.exit_code == 0, result.stderr
    assert result.json() == [WEB_IP]
    assert dict(route.calls.last.request.url.params) == {"billing_account_id": "6"}


def test_list_vm_filter_by_name_resolves_with_the_same_list(invoke):
    with api() as mock:
        vms = mock.get(f"{VM_PATH}/list").mock(return_value=ok([WEB, DB]))
        ips = mock.get(IPS).mock(return_value=ok([WEB_IP]))
        result = invoke("ip", "list", "--vm", "web-1", "--no-headers")
    assert result.exit_code == 0, result.stderr
    assert dict(ips.calls.last.request.url.params) == {"vm_uuid": U1}
    assert vms.call_count == 1
    assert result.stdout.split()[:3] == ["203.0.113.7", "edge", "web-1"]


def test_list_vm_filter_by_uuid_needs_no_lookup(invoke):
    with api() as mock:
        ips = mock.get(IPS).mock(return_value=ok([]))
        result = invoke("ip", "list", "--vm", U2, "-o", "json")
    assert result.exit_code == 0 and result.json() == []
    assert dict(ips.calls.last.request.url.params) == {"vm_uuid": U2}


def test_list_vm_filter_unknown_and_ambiguous_names_exit_4(invoke):
    twin = make_vm("web-1", U3)
    with api() as mock:
        mock.get(f"{VM_PATH}/list").mock(return_value=ok([WEB, DB, twin]))
        unknown = invoke("ip", "list", "--vm", "nope")
        ambiguous = invoke("ip", "list", "--vm", "web-1")
    assert unknown.exit_code == 4 and "no VM named 'nope'" in unknown.stderr
    assert ambiguous.exit_code == 4 and f"2 VMs are named 'web-1': {U1}, {U3}" in ambiguous.stderr


def test_list_table_survives_a_failing_vm_list(invoke):
    with api() as mock:
        mock.get(IPS).mock(return_value=ok([WEB_IP]))
        mock.get(f"{VM_PATH}/list").mock(return_value=httpx.Response(403, json={"message": "forbidden"}))
        result = invoke("ip", "list", "--no-headers")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.split()[:3] == ["203.0.113.7", "edge", "-"]


@pytest.mark.parametrize("args", [("ip", "show", "999.1.1.1"), ("ip", "delete", "1.2.3", "--yes"),
                                  ("ip", "assign", "web-1", "--vm", "web-1"), ("ip", "unassign", "::1", "--yes"),
                                  ("ip", "update", "1.1.1.1.1", "--name", "x")])
def test_addresses_are_checked_before_anything_is_sent(invoke, args):
    with api(assert_all_called=False) as mock:
        result = invoke(*args)
        assert mock.calls.call_count == 0
    assert result.exit_code == 2
    assert "is not an IPv4 address" in result.stderr


def test_show(invoke):
    with api() as mock:
        route = mock.get(f"/v1/bus02/network/ip_addresses/203.0.113.7").mock(return_value=ok(WEB_IP))
        result = invoke("ip", "show", "203.0.113.7", "-l", "bus02", "-o", "json")
    assert result.exit_code == 0 and result.json() == WEB_IP
    assert route.call_count == 1


def test_show_unknown_address_exits_4(invoke):
    with api() as mock:
        mock.get(f"{IPS}/203.0.113.99").mock(return_value=httpx.Response(
            400, json={"errors": {"Error": "No such floating IP exists. 203.0.113.99"}}))
        result = invoke("ip", "show", "203.0.113.99")
    assert result.exit_code == 4 and "No such floating IP exists" in result.stderr


def test_create_sends_json_with_the_profile_billing_account(invoke):
    with api() as mock:
        route = mock.post(IPS + "/").mock(return_value=ok(FREE_IP))
        result = invoke("ip", "create", "--name", "edge", "-o", "json", env={"IDCCTL_BILLING_ACCOUNT": "6"})
    assert result.exit_code == 0, result.stderr
    assert json_of(route) == {"name": "edge", "billing_account_id": 6}
    assert "idcctl ip assign 1.1.1.1 --vm VM" in result.stderr


def test_create_without_a_billing_account_sends_nothing(invoke):
    with api(assert_all_called=False) as mock:
        result = invoke("ip", "create")
        assert mock.calls.call_count == 0
    assert result.exit_code == 2 and "--billing-account" in result.stderr


def test_update_sends_only_what_is_given(invoke):
    with api() as mock:
        route = mock.patch(f"{IPS}/1.1.1.1").mock(return_value=ok({**FREE_IP, "billing_account_id": 7}))
        result = invoke("ip", "update", "1.1.1.1", "--billing-account", "7", "-o", "json")
        nothing = invoke("ip", "update", "1.1.1.1")
    assert result.exit_code == 0, result.stderr
    assert json_of(route) == {"billing_account_id": 7}
    assert route.call_count == 1 and nothing.exit_code == 2


def test_assign_takes_a_vm_name(invoke):
    with api() as mock:
        mock.get(f"{VM_PATH}/list").mock(return_value=ok([WEB, DB]))
        mock.get(IPS).mock(return_value=ok([WEB_IP]))  # the address is of this location too
        route = mock.post(f"{IPS}/203.0.113.7/assign").mock(return_value=ok(WEB_IP))
        result = invoke("ip", "assign", "203.0.113.7", "--vm", "web-1", "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert json_of(route) == {"vm_uuid": U1}
    assert "Assigned 203.0.113.7 to VM web-1." in result.stderr


def test_delete_of_an_assigned_address_warns_and_is_refused_without_terminal(invoke):
    with api(assert_all_called=False) as mock:
        mock.get(f"{IPS}/203.0.113.7").mock(return_value=ok(WEB_IP))
        mock.get(f"{VM_PATH}/list").mock(return_value=ok([WEB, DB]))
        delete = mock.delete(f"{IPS}/203.0.113.7").mock(return_value=httpx.Response(200))
        result = invoke("ip", "delete", "203.0.113.7")
    assert result.exit_code == 2 and not delete.called
    assert f"warning: 203.0.113.7 is assigned to VM web-1 ({U1})" in result.stderr


def test_delete_confirmed_on_a_terminal(invoke):
    with api() as mock:
        mock.get(f"{IPS}/1.1.1.1").mock(return_value=ok(FREE_IP))
        mock.get(f"{VM_PATH}/list").mock(return_value=ok([WEB]))
        delete = mock.delete(f"{IPS}/1.1.1.1").mock(return_value=httpx.Response(
            200, content=b"", headers={"content-type": "application/json"}))
        result = invoke("ip", "delete", "1.1.1.1", tty=True, input="y\n")
    assert result.exit_code == 0, result.stderr
    assert delete.call_count == 1
    assert "Delete floating IP 1.1.1.1? The address is given up for good. [y/N]" in result.stderr
    assert "warning" not in result.stderr


def test_unassign_confirms_naming_the_vm(invoke):
    with api() as mock:
        mock.get(f"{IPS}/203.0.113.7").mock(return_value=ok(WEB_IP))
        mock.get(f"{VM_PATH}/list").mock(return_value=ok([WEB]))
        route = mock.post(f"{IPS}/203.0.113.7/unassign").mock(return_value=ok({**WEB_IP, "assigned_to": None}))
        refused = invoke("ip", "unassign", "203.0.113.7")
        assert not route.called
        result = invoke("ip", "unassign", "203.0.113.7", "--yes", "-o", "json")
    assert refused.exit_code == 2 and "--yes" in refused.stderr
    assert result.exit_code == 0, result.stderr
    assert route.call_count == 1 and route.calls.last.request.content == b""
    assert f"Unassigned floating IP 203.0.113.7 from VM web-1 ({U1})." in result.stderr


def test_unassign_of_a_free_address_sends_nothing_more(invoke):
    with api() as mock:
        mock.get(f"{IPS}/1.1.1.1").mock(return_value=ok(FREE_IP))
        mock.get(f"{VM_PATH}/list").mock(return_value=ok([WEB]))
        result = invoke("ip", "unassign", "1.1.1.1", "-o", "json")
    assert result.exit_code == 0 and result.json() == FREE_IP
    assert "not assigned; nothing to change" in result.stderr


@pytest.mark.parametrize("args, method, path", [
    (("ip", "create", "--billing-account", "6"), "POST", IPS),
    (("ip", "update", "1.1.1.1", "--name", "x"), "PATCH", f"{IPS}/1.1.1.1"),
    (("ip", "delete", "1.1.1.1"), "DELETE", f"{IPS}/1.1.1.1"),
    (("ip", "assign", "1.1.1.1", "--vm", U1), "POST", f"{IPS}/1.1.1.1/assign"),
    (("ip", "unassign", "203.0.113.7"), "POST", f"{IPS}/203.0.113.7/unassign"),
])
def test_dry_run_prints_the_change_and_sends_nothing(invoke, args, method, path):
    with api(assert_all_called=False) as mock:
        mock.get(f"{IPS}/1.1.1.1").mock(return_value=ok(FREE_IP))
        mock.get(f"{IPS}/203.0.113.7").mock(return_value=ok(WEB_IP))
        mock.get(f"{VM_PATH}/list").mock(return_value=ok([WEB]))
        mock.get(IPS).mock(return_value=ok([FREE_IP, WEB_IP]))
        change = mock.route(method=method, path=path).mock(return_value=ok({}))
        result = invoke(*args, "--dry-run")
        assert not change.called
    assert result.exit_code == 0, result.stderr
    assert f"{method} https://api.idcloudhost.test{path}" in result.stdout + result.stderr
