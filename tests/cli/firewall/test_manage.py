"""`firewall list|show|create|update|delete`: exact requests (JSON, location prefix), tables, the whole-firewall PUT."""

from __future__ import annotations

import json

import httpx
import pytest
import respx

from tests.cli.conftest import U1, U2, VM_PATH, api, json_of, ok
from tests.cli.firewall.conftest import (
    BOTH, FIREWALLS, FW, LISTED, NET_RULE, OTHER, R_SSH, R_WEB, SSH_RULE, VMS, WEB_RULE, firewall,
)

WEB_FW = firewall()


def test_list_table_counts_rules_and_vms_and_reads_either_name_field(invoke):
    with api() as mock:
        mock.get(FIREWALLS).mock(return_value=ok([WEB_FW, LISTED]))
        result = invoke("firewall", "list")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "NAME                 UUID                                  RULES  VMS  DESCRIPTION                        CREATED\n"
        f"web                  {FW}  2      1    -                                  2025-06-01 11:43:14\n"
        f"Web Server Firewall  {OTHER}  1      0    Firewall for web server instances  2025-05-15 10:30:45\n")


def test_list_is_location_scoped_and_json_is_unchanged(invoke):
    with api() as mock:
        mock.get(f"/v1/bus02{FIREWALLS[3:]}").mock(return_value=ok([WEB_FW]))
        result = invoke("firewall", "list", "-l", "bus02", "-o", "json")
    assert result.exit_code == 0 and result.json() == [WEB_FW]


def test_show_prints_rules_and_vms_with_names_from_one_concurrent_vm_list(invoke):
    with api() as mock:
        listed = mock.get(FIREWALLS).mock(return_value=ok([LISTED, firewall(vms=BOTH)]))
        vms = mock.get(f"{VM_PATH}/list").mock(return_value=ok(VMS))
        result = invoke("firewall", "show", "web")
    assert result.exit_code == 0, result.stderr
    assert (listed.call_count, vms.call_count) == (1, 1)
    assert result.stdout.split("\n\n")[1:] == [
        "Rules:\n"
        "UUID                                  RULE                 DESCRIPTION\n"
        f"{R_SSH}  inbound:tcp:22:any   -\n"
        f"{R_WEB}  inbound:tcp:443:any  -",
        "VMs:\n"
        "VM     UUID                                  TYPE\n"
        f"web-1  {U1}  vm\n"
        f"db-1   {U2}  vm\n"]
    assert "display_name        web\n" in result.stdout


def test_show_by_the_list_examples_name_field_and_json_is_the_listed_firewall(invoke):
    with api() as mock:
        mock.get(FIREWALLS).mock(return_value=ok([WEB_FW, LISTED]))
        result = invoke("firewall", "show", "Web Server Firewall", "-o", "json")
    assert result.exit_code == 0 and result.json() == LISTED
    assert "8000-8100:10.22.33.0/24,10.12.34.5" in invoke_show_table(invoke)


def invoke_show_table(invoke) -> str:
    with api() as mock:
        mock.get(FIREWALLS).mock(return_value=ok([LISTED]))
        mock.get(f"{VM_PATH}/list").mock(return_value=ok(VMS))
        return invoke("firewall", "show", OTHER).stdout


def test_show_an_unknown_uuid_names_the_location(invoke):
    with api() as mock:
        mock.get(f"/v1/bus02{FIREWALLS[3:]}").mock(return_value=ok([WEB_FW]))
        result = invoke("firewall", "show", OTHER, "-l", "bus02", "-o", "json")
    assert result.exit_code == 4
    assert result.stderr == (f"error: no firewall {OTHER} in location bus02; 'idcctl firewall list' shows them; "
                             "firewalls are per location (-l SLUG)\n")


def test_create_sends_the_reference_json_with_the_rules(invoke, tmp_path):
    rules = tmp_path / "rules.json"
    rules.write_text(json.dumps([{**NET_RULE, "description": "app"}]))
    with api() as mock:
        route = mock.post(f"/v1/bus02{FIREWALLS[3:]}").mock(return_value=ok(WEB_FW))  # 200, as reported live
        result = invoke("firewall", "create", "--name", "web", "--description", "front", "--billing-account", "123",
                        "--rule", "inbound:tcp:22:any", "--rule", "outbound:icmp::any", "--rules", f"@{rules}",
                        "-l", "bus02", "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert json_of(route) == {"display_name": "web", "description": "front", "billing_account_id": 123, "rules": [
        {"direction": "inbound", "protocol": "tcp", "port_start": 22, "port_end": 22, "endpoint_spec_type": "any",
         "endpoint_spec": []},
        {"direction": "outbound", "protocol": "icmp", "port_start": None, "port_end": None,
         "endpoint_spec_type": "any", "endpoint_spec": []},
        {k: v for k, v in {**NET_RULE, "description": "app"}.items() if k != "uuid"}]}
    assert result.json() == WEB_FW
    assert "protect a VM with 'idcctl firewall assign web --vm VM'" in result.stderr


def test_create_takes_the_profile_billing_account(invoke):
    with api() as mock:
        route = mock.post(FIREWALLS).mock(return_value=ok(WEB_FW))
        result = invoke("firewall", "create", "--name", "empty", env={"IDCCTL_BILLING_ACCOUNT": "6"})
    assert result.exit_code == 0, result.stderr
    assert json_of(route) == {"display_name": "empty", "billing_account_id": 6, "rules": []}


@pytest.mark.parametrize(("args", "message"), [
    (("--rule", "inbound:tcp:70000:any"), "error: --rule 'inbound:tcp:70000:any': port 70000 is out of range"),
    (("--rule", "sideways:tcp:22:any"), "direction 'sideways' is not inbound or outbound"),
    (("--rule", "inbound:tcp:22:10.0.0.0/33"), "'10.0.0.0/33' is not an IP address or CIDR network"),
    (("--rules", "rules.json"), "--rules takes @FILE, not 'rules.json'"),
    (("--rules", "@/nonexistent/rules.json"), "--rules: cannot read /nonexistent/rules.json"),
    (("--name", " "), "--name cannot be empty"),
])
def test_bad_input_is_one_line_exit_2_and_nothing_is_sent(invoke, args, message):
    with respx.mock(assert_all_called=False) as mock:
        anything = mock.route().mock(return_value=httpx.Response(200, json=[]))
        result = invoke("firewall", "create", "--name", "web", *args)
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1 and message in result.stderr
    assert not anything.called


def test_update_sends_the_whole_firewall_with_the_change_and_every_rule_uuid(invoke):
    with api() as mock:
        mock.get(FIREWALLS).mock(return_value=ok([WEB_FW]))
        route = mock.put(f"{FIREWALLS}/{FW}").mock(return_value=ok(WEB_FW))
        result = invoke("firewall", "update", "web", "--name", "web-public", "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert json_of(route) == {"display_name": "web-public", "rules": [SSH_RULE, WEB_RULE]}


def test_update_of_a_listed_firewall_keeps_name_and_description_fields(invoke):
    with api() as mock:
        mock.get(FIREWALLS).mock(return_value=ok([LISTED]))
        route = mock.put(f"{FIREWALLS}/{OTHER}").mock(return_value=ok(LISTED))
        result = invoke("firewall", "update", OTHER, "--name", "front", "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert json_of(route) == {"display_name": "front", "name": "front",
                              "description": "Firewall for web server instances", "rules": [NET_RULE]}


def test_update_rules_from_a_file_keep_the_uuid_of_a_rule_that_stays(invoke, tmp_path):
    rules = tmp_path / "rules.json"
    rules.write_text(json.dumps([{k: v for k, v in WEB_RULE.items() if k != "uuid"},
                                 {"direction": "inbound", "protocol": "tcp", "port_start": 80,
                                  "endpoint_spec_type": "any"}]))
    with api() as mock:
        mock.get(FIREWALLS).mock(return_value=ok([WEB_FW]))
        route = mock.put(f"{FIREWALLS}/{FW}").mock(return_value=ok(WEB_FW))
        result = invoke("firewall", "update", FW, "--description", "d", "--rules", f"@{rules}", "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert json_of(route) == {"display_name": "web", "description": "d", "rules": [
        {**WEB_RULE, "endpoint_spec": []},
        {"direction": "inbound", "protocol": "tcp", "port_start": 80, "endpoint_spec_type": "any",
         "endpoint_spec": []}]}
    assert "warning: this removes the last inbound rule of firewall web" in result.stderr
    assert "'idcctl vm ssh' can no longer reach its 1 VM(s)" in result.stderr


def test_update_reads_rules_from_stdin(invoke):
    saved = json.dumps(firewall(rules=(SSH_RULE,)))  # what 'firewall show web -o json' printed
    with api() as mock:
        mock.get(FIREWALLS).mock(return_value=ok([WEB_FW]))
        route = mock.put(f"{FIREWALLS}/{FW}").mock(return_value=ok(WEB_FW))
        result = invoke("firewall", "update", "web", "--rules", "@-", "-o", "json", input=saved)
    assert result.exit_code == 0, result.stderr
    assert json_of(route) == {"display_name": "web", "rules": [SSH_RULE]}


def test_update_needs_a_change(invoke):
    with respx.mock(assert_all_called=False) as mock:
        anything = mock.route()
        result = invoke("firewall", "update", "web")
    assert result.exit_code == 2 and "nothing to change" in result.stderr and not anything.called


def test_delete_asks_naming_the_vms_it_protects(invoke):
    with api() as mock:
        mock.get(FIREWALLS).mock(return_value=ok([firewall(vms=BOTH)]))
        mock.get(f"{VM_PATH}/list").mock(return_value=ok(VMS))
        route = mock.delete(f"{FIREWALLS}/{FW}").mock(return_value=httpx.Response(204))
        result = invoke("firewall", "delete", "web", tty=True, input="y\n")
    assert result.exit_code == 0, result.stderr
    assert route.call_count == 1
    assert (f"Delete firewall web ({FW})? It protects VM(s) web-1 ({U1}), db-1 ({U2}): they lose its 2 rule(s) "
            "at once. [y/N]") in result.stderr
    assert f"Deleted firewall web ({FW})." in result.stderr


def test_delete_refuses_without_a_terminal_and_goes_with_yes(invoke):
    with api(assert_all_called=False) as mock:
        mock.get(FIREWALLS).mock(return_value=ok([firewall(vms=())]))
        route = mock.delete(f"{FIREWALLS}/{FW}").mock(return_value=httpx.Response(204))
        refused = invoke("firewall", "delete", "web")
        assert not route.called
        assert invoke("firewall", "delete", "web", "--yes").exit_code == 0
    assert refused.exit_code == 2 and "refusing to delete firewall web" in refused.stderr
    assert route.call_count == 1
