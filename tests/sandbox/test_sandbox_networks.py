"""Private networks: a VM or load balancer gets an address of its network's subnet; load balancer answers."""

from __future__ import annotations

import ipaddress

import pytest

from idcctl.sandbox.common import ApiError
from idcctl.sandbox.model.addresses import new_private_ip
from idcctl.sandbox.state import State
from tests.sandbox.conftest import create_vm

DEFAULT_SUBNET = ipaddress.ip_network("10.1.104.0/24")  # "Privat network - default" of the seed
LB = "/v1/network/load_balancers"


def _in(address: str, subnet) -> bool:
    return ipaddress.ip_address(address) in ipaddress.ip_network(subnet)


def test_a_vm_placed_in_a_network_gets_an_address_of_its_subnet(api):
    backend = api.post("/v1/network/network", params={"name": "backend"}).json()
    assert backend["subnet"] == "10.200.200.0/24"
    first = create_vm(api, name="be-1", network_uuid=backend["uuid"])
    second = create_vm(api, name="be-2", network_uuid=backend["uuid"])
    assert (first["private_ipv4"], second["private_ipv4"]) == ("10.200.200.2", "10.200.200.3")  # .1: gateway
    members = api.get(f"/v1/network/network/{backend['uuid']}").json()["vm_uuids"]
    assert sorted(members) == sorted([first["uuid"], second["uuid"]])
    [ip] = api.get("/v1/network/ip_addresses", params={"vm_uuid": first["uuid"]}).json()
    assert ip["assigned_to_private_ip"] == "10.200.200.2"


def test_a_vm_without_a_network_and_a_clone_get_addresses_of_the_default_network(api):
    plain = create_vm(api, name="plain-1")
    clone = api.post("/v1/user-resource/vm/clone", data={"uuid": plain["uuid"], "name": "plain-2"}).json()
    assert _in(plain["private_ipv4"], DEFAULT_SUBNET) and _in(clone["private_ipv4"], DEFAULT_SUBNET)
    assert plain["private_ipv4"] != clone["private_ipv4"]
    default = next(n for n in api.get("/v1/network/networks").json() if n["is_default"])
    assert {plain["uuid"], clone["uuid"]} <= set(default["vm_uuids"])


def test_a_load_balancer_gets_a_free_address_of_its_network(api):
    backend = api.post("/v1/network/network", params={"name": "backend"}).json()
    vm = create_vm(api, name="be-1", network_uuid=backend["uuid"])
    lb = api.post(LB, json={"display_name": "be-lb", "network_uuid": backend["uuid"]}).json()
    assert _in(lb["private_address"], backend["subnet"]) and lb["private_address"] != vm["private_ipv4"]
    later = create_vm(api, name="be-2", network_uuid=backend["uuid"])
    assert later["private_ipv4"] not in (vm["private_ipv4"], lb["private_address"])


def test_a_full_subnet_is_a_clear_refusal():
    state = State(["cyc01"])
    tiny = {"name": "tiny", "subnet": "10.9.9.0/30"}  # hosts .1 (the gateway) and .2
    assert new_private_ip(state, "cyc01", tiny) == "10.9.9.2"
    state.vms.items("cyc01").append({"uuid": "taken", "private_ipv4": "10.9.9.2"})
    with pytest.raises(ApiError) as refused:
        new_private_ip(state, "cyc01", tiny)
    assert refused.value.body == {"errors": {"Error": "No free address is left in network tiny (10.9.9.0/30)."}}


def test_create_load_balancer_answers_what_get_answers(api):
    vm = create_vm(api, name="web-1")
    created = api.post(LB, json={"display_name": "web-lb", "rules": [{"source_port": 80, "target_port": 8080}],
                                 "targets": [{"target_uuid": vm["uuid"], "target_type": "vm"}]}).json()
    assert created == api.get(f"{LB}/{created['uuid']}").json()
    assert [(t["target_uuid"], t["target_type"], t["target_ip_address"]) for t in created["targets"]] == [
        (vm["uuid"], "vm", vm["private_ipv4"])]
    assert set(created) == {"uuid", "display_name", "network_uuid", "user_id", "billing_account_id", "created_at",
                            "updated_at", "is_deleted", "private_address", "forwarding_rules", "targets"}
