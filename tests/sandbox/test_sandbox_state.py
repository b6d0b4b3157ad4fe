"""State stores and the state file: older shapes load, a store's scope can flip, every store is declared.

``state-v1.json`` was written by the sandbox before one store per section
(commit 09c6b5f), after one change in every section: network "backend"
with VM "old-vm" in it, floating IP "bus-ip" in bus02, token "old token",
a 7 GB disk, bucket "old-bucket", a fifth S3 key, 192.0.2.7 whitelisted on
the postgres package, load balancer "old-lb" targeting old-vm, invoice
3782543 paid and a second card for account 6.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import pytest

from idcctl.sandbox import state as state_module
from idcctl.sandbox.state import State
from tests.sandbox.conftest import stop

V1 = Path(__file__).with_name("state-v1.json")
OLD_VM = "d255e9ca-f9ab-457c-8076-0c75539a4ad8"
BACKEND = "6c21e792-e82d-429f-85f5-f8e4d17690e9"
POSTGRES = "71cddf54-35ed-4f6e-bdf7-d344bbf0a546"


@pytest.fixture
def v1_file(tmp_path):
    path = tmp_path / "state.json"
    shutil.copy(V1, path)
    return path


def test_a_state_file_of_the_old_shape_loads_with_everything_in_it(start_sandbox, v1_file):
    api = start_sandbox(state_file=str(v1_file)).client
    assert [vm["name"] for vm in api.get("/v1/user-resource/vm/list").json()][0] == "old-vm"
    assert OLD_VM in api.get(f"/v1/network/network/{BACKEND}").json()["vm_uuids"]
    assert [ip["name"] for ip in api.get("/v1/bus02/network/ip_addresses").json()] == ["bus-ip"]
    assert "old token" in [t["description"] for t in api.get("/v1/user-resource/token/list").json()]
    assert 7 in [d["size_gb"] for d in api.get("/v1/storage/disks").json()]
    assert "old-bucket" in [b["name"] for b in api.get("/v1/storage/bucket/list").json()]
    assert len(api.get("/v1/storage/user/keys").json()) == 5
    whitelist = api.get(f"/v1/user-resource/service/package/{POSTGRES}/whitelist_addresses").json()
    assert "192.0.2.7" in whitelist
    [lb] = api.get("/v1/network/load_balancers").json()
    assert (lb["display_name"], [t["target_uuid"] for t in lb["targets"]]) == ("old-lb", [OLD_VM])
    assert api.get("/v1/payment/invoice", params={"invoice_id": 3782543}).json()["status"] == 10
    assert [c["id"] for c in api.get("/v1/payment/card/list", params={"billing_account_id": 6}).json()] == [6, 7]


def test_an_old_file_is_rewritten_in_the_new_shape_and_keeps_its_counters(start_sandbox, v1_file):
    first = start_sandbox(state_file=str(v1_file))
    tokens = first.client.post("/v1/user-resource/token", data={"description": "new"}).json()
    assert tokens[-1]["id"] == 9  # next_ids of the old file: never reused
    stop(first)
    saved = json.loads(v1_file.read_text())
    assert saved["version"] == 2
    assert {"block_storage", "object_storage", "service_packages", "billing"}.isdisjoint(saved)
    assert sorted(saved["locations"]["bus02"]) == sorted(s.name for s in state_module.STORES if s.per_location)
    assert {"disks", "networks", "load_balancers", "services"}.isdisjoint(saved)  # moved into cyc01
    assert "old-bucket" in [b["name"] for b in saved["buckets"]]
    again = start_sandbox(state_file=str(v1_file)).client
    assert [t["description"] for t in again.get("/v1/user-resource/token/list").json()][-2:] == ["old token", "new"]


def test_every_store_is_an_attribute_and_a_section_of_the_file():
    state = State(["cyc01", "bus02"])
    declared = {spec.name for spec in state_module.STORES} | {doc.name for doc in state_module.DOCS}
    assert declared == set(State.__annotations__)
    for spec in state_module.STORES:
        store = getattr(state, spec.name)
        assert store.spec is spec
        where = state.data["locations"]["cyc01"] if spec.per_location else state.data
        assert where[spec.name] is store.items("cyc01")
    # As the 2025 reference tags them #location-specific (service packages hold the whitelists).
    assert {s.name for s in state_module.STORES if s.per_location} == {
        "vms", "ips", "firewalls", "disks", "networks", "load_balancers", "services"}


def _flipped(name: str, per_location: bool) -> tuple:
    return tuple(dataclasses.replace(s, per_location=per_location) if s.name == name else s
                 for s in state_module.STORES)


def test_flipping_a_store_to_per_location_moves_a_saved_file_into_the_default_location(
        start_sandbox, tmp_path, monkeypatch):
    path = str(tmp_path / "state.json")
    declared = state_module.STORES
    monkeypatch.setattr(state_module, "STORES", _flipped("disks", False))  # as earlier sandboxes kept them
    first = start_sandbox(state_file=path)
    made = first.client.post("/v1/storage/disks", data={"size_gb": "9"}).json()
    stop(first)
    monkeypatch.setattr(state_module, "STORES", declared)
    local = start_sandbox(state_file=path).client
    assert made["uuid"] in [d["uuid"] for d in local.get("/v1/cyc01/storage/disks").json()]
    assert local.get("/v1/bus02/storage/disks").json() == []
    other = local.post("/v1/bus02/storage/disks", data={"size_gb": "3"}).json()
    assert [d["uuid"] for d in local.get("/v1/bus02/storage/disks").json()] == [other["uuid"]]
    assert other["uuid"] not in [d["uuid"] for d in local.get("/v1/cyc01/storage/disks").json()]

    monkeypatch.setattr(state_module, "STORES", _flipped("disks", False))
    merged = start_sandbox(state_file=path).client
    assert {made["uuid"], other["uuid"]} <= {d["uuid"] for d in merged.get("/v1/storage/disks").json()}


def test_a_per_location_store_seeds_the_default_location_and_new_locations_start_empty(
        start_sandbox, tmp_path):
    api = start_sandbox(locations=["cyc01", "bus02"]).client
    assert [n["name"] for n in api.get("/v1/network/networks").json()] == [
        "Private network B", "Privat network - default"]
    assert [n["name"] for n in api.get("/v1/bus02/network/networks").json()] == ["Default network"]
    path = str(tmp_path / "state.json")
    first = start_sandbox(state_file=path)
    first.client.post("/v1/user-resource/token", data={"description": "written"})
    stop(first)
    grown = start_sandbox(state_file=path, locations=["cyc01", "bus02", "new01"]).client
    assert grown.get("/v1/new01/user-resource/vm/list").json() == []
    assert grown.get("/v1/new01/network/networks").json() == []
