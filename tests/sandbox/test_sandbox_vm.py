"""VM lifecycle: create/validate, power and transitions, update, delete, clone, backup..."""

from __future__ import annotations

import time

import pytest

from tests.sandbox.conftest import BUS02_VM, SEED_VM, UNKNOWN_VM, VALID_VM, create_vm, form_delete, get_vm, vm_names

VM = "/v1/user-resource/vm"


def test_list_is_seeded_with_reference_vms(api):
    names = vm_names(api)
    assert names == ["Name of the Clone", "Ubuntu-16-04", "Ubuntu-3-16-04", "Ubuntu-16-04",
                     "DEBUGXYZ-2-buntu"]


def test_create_valid_vm_appears_in_list_with_public_ip(api):
    vm = create_vm(api, name="app-server-1", ram="2048", vcpu="2", disks="40")
    assert vm["status"] == "running"  # transition=0: final status at once
    assert (vm["memory"], vm["vcpu"], vm["os_version"]) == (2048, 2, "22.04-lts")
    disk = vm["storage"][0]
    assert disk["primary"] is True and disk["size"] == 40 and disk["uuid"] != vm["uuid"]
    assert vm["private_ipv4"].startswith("10.")
    assert vm["designated_pool_name"] == "General"
    assert vm_names(api)[0] == "app-server-1"
    ips = api.get("/v1/network/ip_addresses", params={"vm_uuid": vm["uuid"]}).json()
    assert len(ips) == 1
    assert ips[0]["assigned_to_resource_type"] == "virtual_machine"
    assert ips[0]["address"].startswith(("203.0.113.", "198.51.100."))


def test_create_without_public_ip(api):
    vm = create_vm(api, reserve_public_ip="False")
    assert api.get("/v1/network/ip_addresses", params={"vm_uuid": vm["uuid"]}).json() == []


def test_create_rejects_bad_password_with_field_error(api):
    answer = api.post(VM, data={**VALID_VM, "password": "short"})
    assert answer.status_code == 400
    assert list(answer.json()["errors"]) == ["password"]
    assert len(vm_names(api)) == 5


def test_ubuntu_version_needs_lts_suffix(api):
    rejected = api.post(VM, data={**VALID_VM, "os_version": "22.04"})
    assert rejected.status_code == 400
    assert "22.04-lts" in rejected.json()["errors"]["os_version"]
    assert create_vm(api, os_version="22.04-lts")["os_version"] == "22.04-lts"


@pytest.mark.parametrize("field, value", [
    ("name", "a b"), ("vcpu", "17"), ("ram", "256"), ("disks", "10"), ("disks", "many"),
    ("username", "9lives"), ("os_name", "plan9"), ("cloud_init", "{not json"),
    ("designated_pool_uuid", "00000000-0000-0000-0000-000000000000"), ("backup", "maybe"),
])
def test_create_field_validation(api, field, value):
    answer = api.post(VM, data={**VALID_VM, field: value})
    assert answer.status_code == 400
    assert field in answer.json()["errors"]


def test_create_reports_all_missing_fields(api):
    answer = api.post(VM, data={"os_name": "ubuntu"})
    assert answer.status_code == 400
    assert {"name", "os_version", "disks", "vcpu", "ram", "password", "username"} <= set(
        answer.json()["errors"])


def test_create_without_an_os_makes_an_empty_disk_vm_that_needs_no_login(api):
    # The 2025 reference: no os_name (or os_name=_custom, os_version=_) is a VM to install from an ISO.
    assert set(api.post(VM, data={}).json()["errors"]) == {"name", "disks", "vcpu", "ram"}
    for extra in ({}, {"os_name": "_custom", "os_version": "_"}):
        made = api.post(VM, data={"name": "iso-vm", "disks": "20", "vcpu": "1", "ram": "1024", **extra}).json()
        assert (made["os_name"], made["os_version"], made["storage"][0]["size"]) == ("_custom", "_", 20)
    refused = api.post(VM, data={"name": "iso-vm", "disks": "20", "vcpu": "1", "ram": "1024", "password": "weak"})
    assert set(refused.json()["errors"]) == {"password"}


@pytest.mark.parametrize("method, path, data", [
    ("GET", VM, None),
    ("PATCH", VM, {"name": "x"}),
    ("DELETE", VM, {}),
    ("POST", VM + "/start", {}),
    ("POST", VM + "/stop", {}),
    ("POST", VM + "/clone", {"name": "c"}),
    ("POST", VM + "/backup", {}),
    ("POST", VM + "/replica", {}),
    ("GET", VM + "/replica", None),
    ("POST", VM + "/storage", {"size_gb": "10"}),
])
def test_unknown_vm_is_400_no_such_virtual_machine(api, method, path, data):
    if data is None:
        answer = api.request(method, path, params={"uuid": UNKNOWN_VM})
    else:
        answer = api.request(method, path, data={"uuid": UNKNOWN_VM, **data})
    assert answer.status_code == 400
    assert answer.json() == {"errors": {"Error": f"No such virtual machine exists. {UNKNOWN_VM}"}}


def test_start_stop_with_transition(start_sandbox):
    api = start_sandbox(transition=0.3).client
    vm = create_vm(api)
    assert vm["status"] == "starting"
    time.sleep(0.35)
    assert get_vm(api, vm["uuid"])["status"] == "running"
    assert api.post(VM + "/stop", data={"uuid": vm["uuid"]}).json()["status"] == "stopping"
    assert get_vm(api, vm["uuid"])["status"] == "stopping"
    time.sleep(0.35)
    assert get_vm(api, vm["uuid"])["status"] == "stopped"
    assert api.post(VM + "/start", data={"uuid": vm["uuid"]}).json()["status"] == "starting"
    time.sleep(0.35)
    assert [v["status"] for v in api.get(VM + "/list").json() if v["uuid"] == vm["uuid"]] == [
        "running"]


def test_forced_stop_skips_transition(start_sandbox):
    api = start_sandbox(transition=5).client
    answer = api.post(VM + "/stop", data={"uuid": SEED_VM, "force": "True"})
    assert answer.json()["status"] == "stopped"


def test_stop_and_start_without_transition(api):
    assert api.post(VM + "/stop", data={"uuid": SEED_VM}).json()["status"] == "stopped"
    assert get_vm(api, SEED_VM)["status"] == "stopped"
    assert api.post(VM + "/start", data={"uuid": SEED_VM}).json()["status"] == "running"


def test_update_name_vcpu_ram(api):
    renamed = api.patch(VM, data={"uuid": SEED_VM, "name": "renamed"})
    assert renamed.json()["name"] == "renamed"
    refused = api.patch(VM, data={"uuid": SEED_VM, "vcpu": "4"})
    assert refused.status_code == 400
    assert "stopped" in refused.json()["errors"]["Error"]
    api.post(VM + "/stop", data={"uuid": SEED_VM})
    resized = api.patch(VM, data={"uuid": SEED_VM, "vcpu": "4", "ram": "4096"}).json()
    assert (resized["vcpu"], resized["memory"]) == (4, 4096)
    assert get_vm(api, SEED_VM)["memory"] == 4096


def test_delete_removes_vm_and_unassigns_its_ip(api):
    vm = create_vm(api)
    ip = api.get("/v1/network/ip_addresses", params={"vm_uuid": vm["uuid"]}).json()[0]
    assert form_delete(api, VM, {"uuid": vm["uuid"]}).json() == {"success": True}
    assert vm["uuid"] not in [v["uuid"] for v in api.get(VM + "/list").json()]
    assert api.get(VM, params={"uuid": vm["uuid"]}).status_code == 400
    left = api.get(f"/v1/network/ip_addresses/{ip['address']}").json()
    assert left["assigned_to"] is None  # still reserved, no longer assigned


def test_clone_creates_independent_vm(api):
    clone = api.post(VM + "/clone", data={"uuid": SEED_VM, "name": "the-clone"}).json()
    assert clone["name"] == "the-clone" and clone["uuid"] != SEED_VM
    assert clone["storage"][0]["uuid"] != get_vm(api, SEED_VM)["storage"][0]["uuid"]
    assert vm_names(api).count("the-clone") == 1 and len(vm_names(api)) == 6


def test_backup_toggle(api):
    assert get_vm(api, SEED_VM)["backup"] is False
    assert api.post(VM + "/backup", data={"uuid": SEED_VM}).json()["backup"] is True
    assert get_vm(api, SEED_VM)["backup"] is True
    backups = api.get(VM + "/replica", params={"uuid": SEED_VM, "r_type": "backup"}).json()
    assert len(backups) == 1 and backups[0]["type"] == "backup"
    assert api.post(VM + "/backup", data={"uuid": SEED_VM}).json()["backup"] is False


def test_reinstall_changes_os_and_validates_it(api):
    bad = api.post(VM + "/reinstall", data={"uuid": SEED_VM, "os_name": "ubuntu",
                                            "os_version": "22.04"})
    assert bad.status_code == 400 and "os_version" in bad.json()["errors"]
    same = api.post(VM + "/reinstall", data={"uuid": SEED_VM}).json()
    assert (same["os_name"], same["os_version"]) == ("ubuntu", "16.04")
    new = api.post(VM + "/reinstall", data={"uuid": SEED_VM, "os_name": "debian",
                                            "os_version": "12"}).json()
    assert (new["os_name"], new["os_version"]) == ("debian", "12")


def test_rebuild_needs_existing_replica(api):
    missing = api.post(VM + "/rebuild", data={"uuid": SEED_VM, "replica_uuid": "nope"})
    assert missing.status_code == 400
    assert missing.json() == {"errors": {"Error": "No such replica exists. nope"}}
    disk = api.post(VM + "/replica", data={"uuid": SEED_VM}).json()
    replica = disk["replica"][0]["uuid"]
    answer = api.post(VM + "/rebuild", data={"uuid": SEED_VM, "replica_uuid": replica})
    assert answer.status_code == 200 and answer.json()["status"] == "running"


def test_change_password_requires_running_vm(api):
    data = {"uuid": BUS02_VM, "username": "example", "password": "NewPassw0rd"}
    stopped = api.patch("/v1/bus02/user-resource/vm/user", data=data)
    assert stopped.status_code == 400 and "running" in stopped.json()["errors"]["Error"]
    api.post("/v1/bus02/user-resource/vm/start", data={"uuid": BUS02_VM})
    assert api.patch("/v1/bus02/user-resource/vm/user", data=data).json() == {"success": True}
    weak = api.patch("/v1/bus02/user-resource/vm/user", data={**data, "password": "weak"})
    assert weak.status_code == 400 and "password" in weak.json()["errors"]


def test_legacy_public_ip_reserve_and_release(api):
    vm = api.post(VM + "/ip/public", data={"uuid": SEED_VM}).json()
    assert vm["uuid"] == SEED_VM
    ips = api.get("/v1/network/ip_addresses", params={"vm_uuid": SEED_VM}).json()
    assert len(ips) == 1
    assert form_delete(api, VM + "/ip/public", {"uuid": SEED_VM}).status_code == 200
    assert api.get("/v1/network/ip_addresses", params={"vm_uuid": SEED_VM}).json() == []
    assert api.get(f"/v1/network/ip_addresses/{ips[0]['address']}").status_code == 200


def test_vm_uuids_unique_across_locations(api):
    create_vm(api, prefix="/bus02", name="bus-vm")
    uuids = [v["uuid"] for p in ("", "/bus02") for v in api.get(f"/v1{p}/user-resource/vm/list").json()]
    assert len(uuids) == len(set(uuids)) == 7


def test_create_from_snapshot_copies_os_and_size(api):
    replica = api.post(VM + "/replica", data={"uuid": SEED_VM}).json()["replica"][0]["uuid"]
    data = {k: v for k, v in VALID_VM.items() if k not in ("os_name", "os_version", "disks")}
    vm = api.post(VM, data={**data, "source_uuid": SEED_VM, "source_replica": replica}).json()
    assert (vm["os_name"], vm["os_version"], vm["storage"][0]["size"]) == ("ubuntu", "16.04", 20)
    bad = api.post(VM, data={**data, "source_uuid": SEED_VM, "source_replica": "nope"})
    assert bad.status_code == 400 and "source_replica" in bad.json()["errors"]


def test_rescue_start_boots_a_stopped_vm(api):
    answer = api.post("/v1/bus02/user-resource/vm/rescue_start", data={"uuid": BUS02_VM})
    assert answer.status_code == 200 and answer.json()["status"] == "running"
