"""`firewall rule add|remove`: one PUT of the whole firewall, the other rules sent back with their UUIDs."""

from __future__ import annotations

import httpx
import pytest
import respx

from tests.cli.conftest import api, json_of, ok
from tests.cli.firewall.conftest import (
    FIREWALLS, FW, NET_RULE, R_NET, R_SSH, R_WEB, SSH_RULE, WEB_RULE, firewall,
)

WEB_FW = firewall(rules=(SSH_RULE, WEB_RULE, NET_RULE))


def test_add_appends_the_new_rules_and_skips_one_it_has(invoke):
    with api() as mock:
        mock.get(FIREWALLS).mock(return_value=ok([WEB_FW]))
        route = mock.put(f"{FIREWALLS}/{FW}").mock(return_value=ok(WEB_FW))
        result = invoke("firewall", "rule", "add", "web", "inbound:tcp:80:any", "inbound:tcp:443:any",
                        "outbound:icmp::any", "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert json_of(route) == {"display_name": "web", "rules": [
        SSH_RULE, WEB_RULE, NET_RULE,
        {"direction": "inbound", "protocol": "tcp", "port_start": 80, "port_end": 80, "endpoint_spec_type": "any",
         "endpoint_spec": []},
        {"direction": "outbound", "protocol": "icmp", "port_start": None, "port_end": None,
         "endpoint_spec_type": "any", "endpoint_spec": []}]}
    assert f"firewall web ({FW}) already has rule inbound:tcp:443:any" in result.stderr


def test_add_of_rules_it_has_sends_nothing(invoke):
    with api() as mock:
        mock.get(FIREWALLS).mock(return_value=ok([WEB_FW]))
        result = invoke("firewall", "rule", "add", "web", "inbound:tcp:22:any", "-o", "json")
    assert result.exit_code == 0 and result.json() == WEB_FW


def test_a_bad_spec_is_exit_2_before_anything_is_read(invoke):
    with respx.mock(assert_all_called=False) as mock:
        anything = mock.route()
        result = invoke("firewall", "rule", "add", "web", "inbound:tcp:22:any", "inbound:tcp:99999:any")
    assert result.exit_code == 2 and not anything.called
    assert result.stderr == "error: rule 'inbound:tcp:99999:any': port 99999 is out of range (1-65535)\n"


def test_remove_by_spec_or_uuid_keeps_the_other_rules_uuids(invoke):
    with api() as mock:
        mock.get(FIREWALLS).mock(return_value=ok([WEB_FW]))
        route = mock.put(f"{FIREWALLS}/{FW}").mock(return_value=ok(WEB_FW))
        result = invoke("firewall", "rule", "remove", "web", "inbound:tcp:443:any", R_NET, "--yes", "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert json_of(route) == {"display_name": "web", "rules": [SSH_RULE]}
    assert "warning" not in result.stderr  # SSH stays open
    assert f"Removed 2 rule(s) from firewall web ({FW})." in result.stderr


def test_remove_matches_a_spec_written_differently(invoke):
    with api() as mock:
        mock.get(FIREWALLS).mock(return_value=ok([WEB_FW]))
        route = mock.put(f"{FIREWALLS}/{FW}").mock(return_value=ok(WEB_FW))
        result = invoke("firewall", "rule", "remove", FW, "INBOUND:tcp:8000-8100:10.12.34.5/32,10.22.33.0/24",
                        "--yes")
    assert result.exit_code == 0, result.stderr
    assert [r["uuid"] for r in json_of(route)["rules"]] == [R_SSH, R_WEB]


def test_removing_the_last_ssh_rule_of_a_firewall_with_vms_warns_and_asks(invoke):
    with api() as mock:
        mock.get(FIREWALLS).mock(return_value=ok([WEB_FW]))
        route = mock.put(f"{FIREWALLS}/{FW}").mock(return_value=ok(WEB_FW))
        result = invoke("firewall", "rule", "remove", "web", R_SSH, tty=True, input="y\n")
    assert result.exit_code == 0, result.stderr
    assert route.call_count == 1
    assert result.stderr.startswith(
        f"warning: this removes the last inbound rule of firewall web ({FW}) that allows SSH (port 22): "
        "'idcctl vm ssh' can no longer reach its 1 VM(s)\n"
        f"Remove rule(s) inbound:tcp:22:any ({R_SSH}) from firewall web ({FW})? What they allow is blocked at once "
        "on its 1 VM(s). [y/N]")


def test_no_warning_without_vms_and_remove_refuses_without_a_terminal(invoke):
    with api(assert_all_called=False) as mock:
        mock.get(FIREWALLS).mock(return_value=ok([firewall(vms=())]))
        put = mock.put(f"{FIREWALLS}/{FW}")
        result = invoke("firewall", "rule", "remove", "web", R_SSH)
        assert not put.called
    assert result.exit_code == 2 and "warning" not in result.stderr and "--yes" in result.stderr
    with api() as mock:
        mock.get(FIREWALLS).mock(return_value=ok([firewall(vms=())]))
        mock.put(f"{FIREWALLS}/{FW}").mock(return_value=ok(WEB_FW))
        asked = invoke("firewall", "rule", "remove", "web", R_SSH, tty=True, input="y\n")
    assert asked.exit_code == 0 and "? It protects no VM yet. [y/N]" in asked.stderr


@pytest.mark.parametrize(("ref", "message"), [
    ("inbound:udp:53:any", f"error: firewall web ({FW}) has no rule 'inbound:udp:53:any'; "
                           f"'idcctl firewall show {FW}' lists its rules"),
    ("aaaaaaaa-0000-bbbb-1111-cccccccccccc", "has no rule 'aaaaaaaa-0000-bbbb-1111-cccccccccccc'"),
])
def test_remove_of_a_rule_it_lacks_is_exit_4_and_sends_nothing(invoke, ref, message):
    with api(assert_all_called=False) as mock:
        mock.get(FIREWALLS).mock(return_value=ok([WEB_FW]))
        put = mock.put(f"{FIREWALLS}/{FW}")
        result = invoke("firewall", "rule", "remove", "web", ref, "--yes")
        assert not put.called
    assert result.exit_code == 4 and message in result.stderr


def test_a_spec_two_rules_share_asks_for_a_uuid(invoke):
    twin = {**WEB_RULE, "uuid": "c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f"}
    with api() as mock:
        mock.get(FIREWALLS).mock(return_value=ok([firewall(rules=(WEB_RULE, twin))]))
        result = invoke("firewall", "rule", "remove", "web", "inbound:tcp:443:any", "--yes")
    assert result.exit_code == 4
    assert f"2 rules of firewall web ({FW}) are inbound:tcp:443:any: {R_WEB}, {twin['uuid']}" in result.stderr


def test_the_put_goes_to_the_firewalls_location(invoke):
    with api() as mock:
        mock.get(f"/v1/bus02{FIREWALLS[3:]}").mock(return_value=ok([WEB_FW]))
        put = mock.put(f"/v1/bus02{FIREWALLS[3:]}/{FW}").mock(return_value=httpx.Response(200, json=WEB_FW))
        result = invoke("firewall", "rule", "add", "web", "inbound:tcp:8080:any", "-l", "bus02", "-q")
    assert result.exit_code == 0, result.stderr
    assert put.call_count == 1 and result.stdout == f"{FW}\n"
