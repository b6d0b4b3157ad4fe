"""`lb` commands: JSON bodies, port checks, names for LB and target VMs, readable show, safety."""

from __future__ import annotations

import json

import httpx
import pytest

from tests.cli.conftest import DB, U1, U2, U3, VM_PATH, WEB, api, make_vm, ok

L1 = "438ac62f-e97b-4ef0-8940-507b9e94af43"
L2 = "9d3c1a52-0b7e-4b8f-9a43-3f2b1c7d9e10"
NET = "4e5eadd3-8b11-4c34-812a-2cf97120b628"
R1 = "b3f28feb-c91e-4601-a6b6-267fa98dc121"
R2 = "c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f"
LBS = "/v1/network/load_balancers"


def balancer(name: str, uuid: str = L1) -> dict:
    return {"uuid": uuid, "display_name": name, "network_uuid": NET, "user_id": 268,
            "billing_account_id": 130157, "created_at": "2022-07-12 14:21:06", "updated_at": "2022-07-12 14:21:06",
            "is_deleted": False, "private_address": "10.112.231.192",
            "forwarding_rules": [
                {"uuid": R1, "protocol": "TCP", "created_at": "2022-07-12 14:21:06", "source_port": 8080,
                 "target_port": 80, "settings": {"connection_limit": 10000, "session_persistence": "SOURCE_IP"}},
                {"uuid": R2, "protocol": "TCP", "created_at": "2022-07-12 14:21:06", "source_port": "443",
                 "target_port": "8443", "settings": {}}],
            "targets": [{"created_at": "2022-07-12 14:21:06", "target_uuid": U1, "target_type": "vm",
                         "target_ip_address": "10.61.10.2"}]}


WEB_LB = balancer("web-lb")
OTHER = balancer("other", L2)


def json_of(route) -> dict:
    request = route.calls.last.request
    assert request.headers["content-type"] == "application/json"
    return json.loads(request.content)


def test_list_table_exact(invoke):
    with api() as mock:
        mock.get(LBS).mock(return_value=ok([WEB_LB]))
        result = invoke("lb", "list")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        "NAME    UUID                                  PRIVATE ADDRESS  RULES              TARGETS  NETWORK"
        "                               CREATED",
        "web-lb  438ac62f-e97b-4ef0-8940-507b9e94af43  10.112.231.192   8080:80, 443:8443  1        "
        "4e5eadd3-8b11-4c34-812a-2cf97120b628  2022-07-12 14:21:06",
    ]


def test_show_by_name_prints_rules_and_targets_with_vm_names(invoke):
    with api() as mock:
        mock.get(LBS).mock(return_value=ok([WEB_LB, OTHER]))
        get = mock.get(f"{LBS}/{L1}").mock(return_value=ok(WEB_LB))
        mock.get(f"{VM_PATH}/list").mock(return_value=ok([WEB, DB]))
        result = invoke("lb", "show", "web-lb")
    assert result.exit_code == 0, result.stderr
    assert get.call_count == 1
    assert result.stdout.split("\n\n")[1:] == [
        "Forwarding rules:\n"
        "UUID                                  SOURCE PORT  TARGET PORT  PROTOCOL  CREATED\n"
        "b3f28feb-c91e-4601-a6b6-267fa98dc121  8080         80           TCP       2022-07-12 14:21:06\n"
        "c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f  443          8443         TCP       2022-07-12 14:21:06",
        "Targets:\n"
        "VM     TARGET UUID                           TYPE  IP ADDRESS  CREATED\n"
        "web-1  5aea1842-895f-4bd3-8bd6-e37b2282fb46  vm    10.61.10.2  2022-07-12 14:21:06\n",
    ]
    assert "display_name        web-lb" in result.stdout


def test_show_json_is_the_api_data_unchanged(invoke):
    with api() as mock:
        mock.get(f"{LBS}/{L1}").mock(return_value=ok(WEB_LB))
        result = invoke("lb", "show", L1, "-o", "json")
    assert result.exit_code == 0 and result.json() == WEB_LB


def test_lb_names_unknown_and_ambiguous_exit_4(invoke):
    twin = balancer("web-lb", L2)
    with api() as mock:
        mock.get(LBS).mock(return_value=ok([WEB_LB, twin]))
        unknown = invoke("lb", "show", "nope")
        ambiguous = invoke("lb", "rename", "web-lb", "x")
    assert unknown.exit_code == 4 and "no load balancer named 'nope'" in unknown.stderr
    assert ambiguous.exit_code == 4 and f"2 load balancers are named 'web-lb': {L1}, {L2}" in ambiguous.stderr


def test_create_sends_the_whole_json_body_with_targets_by_name(invoke):
    with api() as mock:
        vms = mock.get(f"{VM_PATH}/list").mock(return_value=ok([WEB, DB]))
        mock.get("/v1/network/networks").mock(return_value=ok([{"name": "backend", "uuid": NET}]))
        route = mock.post(LBS).mock(return_value=ok(WEB_LB))
        result = invoke("lb", "create", "--name", "web-lb", "--billing-account", "130157", "--network", "backend",
                        "--no-public-ip", "--rule", "8080:80", "--rule", "443:8443", "--target", "web-1",
                        "--target", U2, "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert vms.call_count == 1  # one list for every name
    assert json_of(route) == {
        "display_name": "web-lb", "billing_account_id": 130157, "network_uuid": NET, "reserve_public_ip": False,
        "rules": [{"source_port": 8080, "target_port": 80}, {"source_port": 443, "target_port": 8443}],
        "targets": [{"target_uuid": U1, "target_type": "vm"}, {"target_uuid": U2, "target_type": "vm"}]}
    assert result.json() == WEB_LB


@pytest.mark.parametrize("target", ["web-1", U1])
def test_create_table_names_the_target_vms_as_lb_show_does(invoke, target):
    with api() as mock:
        vms = mock.get(f"{VM_PATH}/list").mock(return_value=ok([WEB, DB]))
        route = mock.post(LBS).mock(return_value=ok(WEB_LB))
        result = invoke("lb", "create", "--name", "web-lb", "--rule", "8080:80", "--target", target)
    assert result.exit_code == 0, result.stderr
    assert vms.call_count == 1  # the same list resolves names and fills the VM column
    assert json_of(route)["targets"] == [{"target_uuid": U1, "target_type": "vm"}]
    assert result.stdout.endswith(
        "Targets:\n"
        "VM     TARGET UUID                           TYPE  IP ADDRESS  CREATED\n"
        "web-1  5aea1842-895f-4bd3-8bd6-e37b2282fb46  vm    10.61.10.2  2022-07-12 14:21:06\n")
    assert result.stderr == f"Created load balancer web-lb ({L1}).\n"


def test_create_bare_sends_an_empty_body(invoke):
    with api() as mock:
        route = mock.post(LBS).mock(return_value=ok(WEB_LB))
        result = invoke("lb", "create", "-q")
    assert result.exit_code == 0, result.stderr
    assert json_of(route) == {} and result.stdout == f"{L1}\n"


@pytest.mark.parametrize("rule", ["80:70000", "0:80", "80", "a:b", "80:80:80", "-1:80"])
def test_create_bad_rules_exit_2_sending_nothing(invoke, rule):
    with api(assert_all_called=False) as mock:
        result = invoke("lb", "create", "--rule", rule, "--target", "web-1")
        assert mock.calls.call_count == 0
    assert result.exit_code == 2 and f"--rule '{rule}'" in result.stderr


def test_create_unknown_and_ambiguous_targets_exit_4_before_creating(invoke):
    twin = make_vm("web-1", U3)
    with api(assert_all_called=False) as mock:
        mock.get(f"{VM_PATH}/list").mock(return_value=ok([WEB, DB, twin]))
        mock.get("/v1/config/locations").mock(return_value=ok([{"slug": "cyc01", "is_default": True}]))
        create = mock.post(LBS).mock(return_value=ok(WEB_LB))
        unknown = invoke("lb", "create", "--target", "nope")
        ambiguous = invoke("lb", "create", "--target", "web-1")
    assert not create.called
    assert unknown.exit_code == 4 and "no VM named 'nope'" in unknown.stderr
    assert ambiguous.exit_code == 4 and f"2 VMs are named 'web-1': {U1}, {U3}" in ambiguous.stderr


def test_rename_and_set_billing_send_json(invoke):
    with api() as mock:
        mock.get(LBS).mock(return_value=ok([WEB_LB]))
        rename = mock.patch(f"{LBS}/{L1}").mock(return_value=ok({**WEB_LB, "display_name": "web-2"}))
        billing = mock.put(f"{LBS}/{L1}/billing_account").mock(return_value=ok(WEB_LB))
        renamed = invoke("lb", "rename", "web-lb", "web-2", "-o", "json")
        billed = invoke("lb", "set-billing", "web-lb", "123456", "-o", "json")
    assert renamed.exit_code == 0 and billed.exit_code == 0, renamed.stderr + billed.stderr
    assert json_of(rename) == {"display_name": "web-2"}
    assert json_of(billing) == {"set_id": 123456}


def test_delete_refused_without_terminal_and_confirmed_with_yes(invoke):
    with api() as mock:
        mock.get(LBS).mock(return_value=ok([WEB_LB]))
        delete = mock.delete(f"{LBS}/{L1}").mock(return_value=httpx.Response(
            200, content=b"", headers={"content-type": "application/json"}))
        refused = invoke("lb", "delete", "web-lb")
        assert not delete.called
        done = invoke("lb", "delete", "web-lb", "--yes")
    assert refused.exit_code == 2 and "--yes" in refused.stderr
    assert done.exit_code == 0 and delete.call_count == 1
    assert f"Deleted load balancer web-lb ({L1})." in done.stderr


def test_target_add_by_vm_name(invoke):
    target = WEB_LB["targets"][0]
    with api() as mock:
        mock.get(LBS).mock(return_value=ok([WEB_LB]))
        mock.get(f"{VM_PATH}/list").mock(return_value=ok([WEB, DB]))
        route = mock.post(f"{LBS}/{L1}/targets").mock(return_value=ok(target))
        result = invoke("lb", "target", "add", "web-lb", "--vm", "db-1", "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert json_of(route) == {"target_uuid": U2, "target_type": "vm"}


@pytest.mark.parametrize("ref", ["web-1", U1])
def test_target_remove_by_vm_name_or_target_uuid(invoke, ref):
    with api() as mock:
        mock.get(LBS).mock(return_value=ok([WEB_LB]))
        if ref == "web-1":
            mock.get(f"{VM_PATH}/list").mock(return_value=ok([WEB, DB]))
        route = mock.delete(f"{LBS}/{L1}/targets/{U1}").mock(return_value=httpx.Response(200))
        result = invoke("lb", "target", "remove", "web-lb", ref, "--yes")
    assert result.exit_code == 0, result.stderr
    assert route.call_count == 1


def test_target_remove_of_a_vm_that_is_no_target_exits_4(invoke):
    with api(assert_all_called=False) as mock:
        mock.get(LBS).mock(return_value=ok([WEB_LB]))
        mock.get(f"{VM_PATH}/list").mock(return_value=ok([WEB, DB]))
        route = mock.delete(url__regex=r".*/targets/.*").mock(return_value=httpx.Response(200))
        result = invoke("lb", "target", "remove", "web-lb", "db-1", "--yes")
    assert result.exit_code == 4 and not route.called
    assert "has no target 'db-1'" in result.stderr


def test_target_remove_refused_without_terminal(invoke):
    with api(assert_all_called=False) as mock:
        mock.get(f"{LBS}/{L1}").mock(return_value=ok(WEB_LB))
        route = mock.delete(f"{LBS}/{L1}/targets/{U1}").mock(return_value=httpx.Response(200))
        result = invoke("lb", "target", "remove", L1, U1)
    assert result.exit_code == 2 and not route.called


def test_rule_add_sends_json_and_checks_ports_locally(invoke):
    with api() as mock:
        route = mock.post(f"{LBS}/{L1}/forwarding_rules").mock(return_value=ok({"source_port": 443,
                                                                                "target_port": 8443}))
        result = invoke("lb", "rule", "add", L1, "--source-port", "443", "--target-port", "8443", "-o", "json")
        bad = invoke("lb", "rule", "add", L1, "--source-port", "443", "--target-port", "65536")
    assert result.exit_code == 0, result.stderr
    assert json_of(route) == {"source_port": 443, "target_port": 8443}
    assert bad.exit_code == 2 and route.call_count == 1


@pytest.mark.parametrize("ref, rule", [("8080:80", R1), ("443:8443", R2), (R2, R2)])
def test_rule_remove_by_ports_or_uuid(invoke, ref, rule):
    with api() as mock:
        mock.get(LBS).mock(return_value=ok([WEB_LB]))
        route = mock.delete(f"{LBS}/{L1}/forwarding_rules/{rule}").mock(return_value=httpx.Response(200))
        result = invoke("lb", "rule", "remove", "web-lb", ref, "--yes")
    assert result.exit_code == 0, result.stderr
    assert route.call_count == 1


def test_rule_remove_unknown_rule_exits_4_and_refuses_without_terminal(invoke):
    with api(assert_all_called=False) as mock:
        mock.get(LBS).mock(return_value=ok([WEB_LB]))
        route = mock.delete(url__regex=r".*/forwarding_rules/.*").mock(return_value=httpx.Response(200))
        unknown = invoke("lb", "rule", "remove", "web-lb", "22:22", "--yes")
        refused = invoke("lb", "rule", "remove", "web-lb", "8080:80")
        bad = invoke("lb", "rule", "remove", "web-lb", "80:99999")
    assert not route.called
    assert unknown.exit_code == 4 and "has no forwarding rule '22:22'" in unknown.stderr
    assert refused.exit_code == 2 and bad.exit_code == 2


@pytest.mark.parametrize("args, method, path", [
    (("lb", "create", "--rule", "80:8080"), "POST", LBS),
    (("lb", "delete", L1), "DELETE", f"{LBS}/{L1}"),
    (("lb", "rename", L1, "x"), "PATCH", f"{LBS}/{L1}"),
    (("lb", "set-billing", L1, "7"), "PUT", f"{LBS}/{L1}/billing_account"),
    (("lb", "target", "add", L1, "--vm", U2), "POST", f"{LBS}/{L1}/targets"),
    (("lb", "target", "remove", L1, U1), "DELETE", f"{LBS}/{L1}/targets/{U1}"),
    (("lb", "rule", "add", L1, "--source-port", "1", "--target-port", "2"), "POST", f"{LBS}/{L1}/forwarding_rules"),
    (("lb", "rule", "remove", L1, R1), "DELETE", f"{LBS}/{L1}/forwarding_rules/{R1}"),
])
def test_dry_run_prints_the_change_and_sends_nothing(invoke, args, method, path):
    with api(assert_all_called=False) as mock:
        mock.get(f"{LBS}/{L1}").mock(return_value=ok(WEB_LB))
        mock.get(LBS).mock(return_value=ok([WEB_LB]))
        mock.get(f"{VM_PATH}/list").mock(return_value=ok([WEB, DB]))
        change = mock.route(method=method, path=path).mock(return_value=ok({}))
        result = invoke(*args, "--dry-run")
        assert not change.called
    assert result.exit_code == 0, result.stderr
    assert f"{method} https://api.idcloudhost.test{path}" in result.stdout + result.stderr
