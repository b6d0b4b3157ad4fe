"""Firewalls in the sandbox: per location, create answers 200, rules checked, UUIDs kept on PUT, assignments."""

from __future__ import annotations

import pytest

from tests.sandbox.conftest import BUS02_VM, SEED_VM, UNKNOWN_VM

FW = "/v1/network/firewalls"
BUS02 = "/v1/bus02/network/firewalls"
SEED_FW = "550e8400-e29b-41d4-a716-446655440000"
SSH = {"direction": "inbound", "protocol": "tcp", "port_start": 22, "port_end": 22,
       "endpoint_spec_type": "any", "endpoint_spec": []}
WEB = {"direction": "inbound", "protocol": "tcp", "port_start": 443, "endpoint_spec_type": "ip_prefixes",
       "endpoint_spec": ["10.0.0.0/24", "10.1.2.3"]}


def _create(api, prefix="", **body):
    answer = api.post(f"/v1{prefix}/network/firewalls", json={"display_name": "web", "rules": [SSH, WEB], **body})
    assert answer.status_code == 200, answer.text  # 200, not 201: what the live API is reported to answer
    return answer.json()


def test_the_seed_is_the_reference_example_in_the_default_location_only(api):
    [seeded] = api.get(FW).json()
    assert (seeded["uuid"], seeded["display_name"], len(seeded["rules"])) == (SEED_FW, "Web Server Firewall", 2)
    assert api.get(BUS02).json() == []


def test_create_gives_each_rule_a_uuid_and_fills_port_end(api):
    made = _create(api, billing_account_id=130079, description="front")
    assert (made["display_name"], made["description"], made["billing_account_id"]) == ("web", "front", 130079)
    assert made["resources_assigned"] == [] and made["deleted_at"] is None
    assert [(r["port_start"], r["port_end"], r["endpoint_spec"]) for r in made["rules"]] == [
        (22, 22, []), (443, 443, ["10.0.0.0/24", "10.1.2.3"])]
    assert len({r["uuid"] for r in made["rules"]}) == 2
    assert made["uuid"] in [f["uuid"] for f in api.get(FW).json()]


@pytest.mark.parametrize(("rule", "field"), [
    ({**SSH, "direction": "sideways"}, "direction"),
    ({**SSH, "endpoint_spec_type": "cidr"}, "endpoint_spec_type"),
    ({**WEB, "endpoint_spec": ["10.0.0.0/33"]}, "endpoint_spec"),
    ({**WEB, "endpoint_spec": []}, "endpoint_spec"),
    ({**SSH, "port_start": 70000, "port_end": None}, "port_start"),
    ({**SSH, "port_start": 443, "port_end": 80}, "port_start"),
    ({**SSH, "port_start": None, "port_end": 80}, "port_start"),
    ({**SSH, "protocol": "sctp"}, "protocol"),
])
def test_rules_are_checked_as_the_reference_says(api, rule, field):
    answer = api.post(FW, json={"display_name": "bad", "rules": [SSH, rule]})
    assert answer.status_code == 400
    assert list(answer.json()["errors"]["rules"]) == ["1"] and field in answer.json()["errors"]["rules"]["1"]
    assert [f["display_name"] for f in api.get(FW).json()] == ["Web Server Firewall"]


def test_all_ports_is_null_and_a_name_is_required(api):
    made = _create(api, rules=[{"direction": "outbound", "protocol": "any", "port_start": None,
                                "endpoint_spec_type": "any"}])
    assert (made["rules"][0]["port_start"], made["rules"][0]["port_end"]) == (None, None)
    assert api.post(FW, json={"rules": []}).json() == {"errors": {"display_name": "Missing data for required field."}}


def test_put_replaces_the_rules_keeping_the_uuids_sent(api):
    made = _create(api)
    kept, dropped = made["rules"]
    answer = api.put(f"{FW}/{made['uuid']}", json={"display_name": "web-2", "rules": [
        kept, {**WEB, "port_start": 8000, "port_end": 8100}, {**SSH, "uuid": "not-one-of-its-rules"}]})
    assert answer.status_code == 200, answer.text
    rules = answer.json()["rules"]
    assert answer.json()["display_name"] == "web-2"
    assert rules[0] == kept and dropped["uuid"] not in {r["uuid"] for r in rules}
    assert rules[1]["uuid"] not in (kept["uuid"], dropped["uuid"]) and rules[2]["uuid"] != "not-one-of-its-rules"
    assert api.put(f"{FW}/{made['uuid']}", json={"description": "d"}).json()["rules"] == rules  # rules left out: kept


def test_assign_and_unassign_a_vm_of_the_location(api):
    made = _create(api)
    answer = api.post(f"{FW}/{made['uuid']}/vms", params={"vm_uuid": SEED_VM})
    assert answer.json() == [{"resource_type": "vm", "resource_uuid": SEED_VM}]
    assert api.post(f"{FW}/{made['uuid']}/vms", params={"vm_uuid": SEED_VM}).json() == answer.json()
    listed = next(f for f in api.get(FW).json() if f["uuid"] == made["uuid"])
    assert listed["resources_assigned"] == answer.json()
    gone = api.delete(f"{FW}/{made['uuid']}/vms", params={"vm_uuid": SEED_VM})
    assert (gone.status_code, gone.content) == (200, b"")
    again = api.delete(f"{FW}/{made['uuid']}/vms", params={"vm_uuid": SEED_VM})
    assert again.status_code == 400 and "not assigned" in again.text


def test_another_locations_vm_or_firewall_is_not_found(api):
    made = _create(api)
    other_vm = api.post(f"{FW}/{made['uuid']}/vms", params={"vm_uuid": BUS02_VM})
    assert other_vm.status_code == 400 and "No such virtual machine exists" in other_vm.text
    elsewhere = api.post(f"{BUS02}/{made['uuid']}/vms", params={"vm_uuid": BUS02_VM})
    assert elsewhere.status_code == 400 and "No such firewall exists" in elsewhere.text
    assert api.post(f"{FW}/{made['uuid']}/vms", params={"vm_uuid": UNKNOWN_VM}).status_code == 400
    here = _create(api, "/bus02")
    assert api.post(f"{BUS02}/{here['uuid']}/vms", params={"vm_uuid": BUS02_VM}).status_code == 200


def test_a_deleted_vm_drops_out_and_delete_answers_204(api):
    made = _create(api)
    vm = api.post("/v1/user-resource/vm", data={"name": "fw-vm", "os_name": "ubuntu", "os_version": "22.04-lts",
                                                "disks": "20", "vcpu": "1", "ram": "1024", "username": "ops",
                                                "password": "Passw0rd1"}).json()
    api.post(f"{FW}/{made['uuid']}/vms", params={"vm_uuid": vm["uuid"]})
    api.request("DELETE", "/v1/user-resource/vm", data={"uuid": vm["uuid"]})
    assert next(f for f in api.get(FW).json() if f["uuid"] == made["uuid"])["resources_assigned"] == []
    deleted = api.delete(f"{FW}/{made['uuid']}")
    assert (deleted.status_code, deleted.content) == (204, b"")
    assert api.delete(f"{FW}/{made['uuid']}").status_code == 400
