"""Two locations: what is made in one is invisible in the other, and a request that mixes them is not found there.

The sandbox serves cyc01 (the default, also reached without a prefix) and
bus02. Disks, networks, load balancers and service packages (whitelists)
are kept per location, as VMs and floating IPs always were; a request to
one location naming another location's resource answers as the live API
plausibly would: "No such ... exists" (HTTP 400).
"""

from __future__ import annotations

from tests.sandbox.conftest import BUS02_VM, SEED_VM, VALID_VM

POSTGRES = "71cddf54-35ed-4f6e-bdf7-d344bbf0a546"  # a seeded package of the default location
SEEDED_DISK = "05a61876-86f3-4b05-b0ec-53ee6fa03ced"


def _uuids(api, path: str) -> list[str]:
    answer = api.get(path)
    assert answer.status_code == 200, answer.text
    return [item["uuid"] for item in answer.json()]


def _no_such(answer, noun: str) -> None:
    assert answer.status_code == 400, answer.text
    assert answer.json()["errors"]["Error"].startswith(f"No such {noun} exists")


def test_a_disk_made_in_bus02_is_listed_there_only_and_attaches_only_there(api):
    disk = api.post("/v1/bus02/storage/disks", data={"size_gb": "10"}).json()["uuid"]
    assert disk in _uuids(api, "/v1/bus02/storage/disks")
    assert disk not in _uuids(api, "/v1/cyc01/storage/disks") and disk not in _uuids(api, "/v1/storage/disks")
    assert SEEDED_DISK not in _uuids(api, "/v1/bus02/storage/disks")
    _no_such(api.get(f"/v1/cyc01/storage/disks/{disk}"), "disk")
    # To a VM of the other location, asked in either location: not found there.
    _no_such(api.post("/v1/cyc01/user-resource/vm/storage/attach", data={"uuid": SEED_VM, "storage_uuid": disk}),
             "disk")
    _no_such(api.post("/v1/bus02/user-resource/vm/storage/attach", data={"uuid": SEED_VM, "storage_uuid": disk}),
             "virtual machine")
    attached = api.post("/v1/bus02/user-resource/vm/storage/attach", data={"uuid": BUS02_VM, "storage_uuid": disk})
    assert attached.status_code == 200, attached.text
    # Attachment is checked against the VMs of the disk's location.
    assert "attached" in api.delete(f"/v1/bus02/storage/disks/{disk}").json()["errors"]["Error"]


def test_a_network_of_bus02_is_not_one_a_cyc01_vm_can_join(api):
    network = api.post("/v1/bus02/network/network", params={"name": "backend"}).json()
    assert network["uuid"] in _uuids(api, "/v1/bus02/network/networks")
    assert network["uuid"] not in _uuids(api, "/v1/network/networks")
    _no_such(api.post("/v1/user-resource/vm", data={**VALID_VM, "network_uuid": network["uuid"]}), "network")
    made = api.post("/v1/bus02/user-resource/vm", data={**VALID_VM, "network_uuid": network["uuid"]})
    assert made.status_code == 200, made.text
    assert api.get(f"/v1/bus02/network/network/{network['uuid']}").json()["vm_uuids"] == [made.json()["uuid"]]


def test_a_load_balancer_targets_only_vms_of_its_location(api):
    _no_such(api.post("/v1/bus02/network/load_balancers",
                      json={"targets": [{"target_uuid": SEED_VM, "target_type": "vm"}]}), "virtual machine")
    lb = api.post("/v1/bus02/network/load_balancers",
                  json={"display_name": "edge", "targets": [{"target_uuid": BUS02_VM, "target_type": "vm"}]})
    assert lb.status_code == 200, lb.text
    assert lb.json()["uuid"] in _uuids(api, "/v1/bus02/network/load_balancers")
    assert api.get("/v1/network/load_balancers").json() == []
    _no_such(api.get(f"/v1/network/load_balancers/{lb.json()['uuid']}"), "load balancer")
    # Its public address is a floating IP of bus02.
    assert lb.json()["uuid"] in [ip["assigned_to"] for ip in api.get("/v1/bus02/network/ip_addresses").json()]


def test_whitelists_are_reached_in_the_packages_location(api):
    path = f"/user-resource/service/package/{POSTGRES}/whitelist_addresses"
    assert "10.123.8.0/24" in api.get(f"/v1{path}").json()
    _no_such(api.get(f"/v1/bus02{path}"), "service package")
    assert api.get("/v1/bus02/user-resource/service/packages").json() == []


def test_every_location_served_is_seeded_with_its_own_default_network(start_sandbox):
    api = start_sandbox(locations=["cyc01", "bus02", "sgp01"]).client
    defaults = {slug: [n["uuid"] for n in api.get(f"/v1/{slug}/network/networks").json() if n["is_default"]]
                for slug in ("cyc01", "bus02", "sgp01")}
    assert all(len(uuids) == 1 for uuids in defaults.values())
    assert len({uuids[0] for uuids in defaults.values()}) == 3  # a network of each location's own
    made = api.post("/v1/sgp01/user-resource/vm", data=VALID_VM).json()
    assert api.get(f"/v1/sgp01/network/network/{defaults['sgp01'][0]}").json()["vm_uuids"] == [made["uuid"]]
    assert api.get(f"/v1/bus02/network/network/{defaults['bus02'][0]}").json()["vm_uuids"] == [BUS02_VM]
