"""Attached disks and replicas (snapshots) of VMs."""

from __future__ import annotations

import uuid

from tests.sandbox.conftest import SEED_VM, form_delete, get_vm

STORAGE = "/v1/user-resource/vm/storage"
REPLICA = "/v1/user-resource/vm/replica"


def test_disk_add_resize_remove(api):
    disk = api.post(STORAGE, data={"uuid": SEED_VM, "size_gb": "50"}).json()
    assert (disk["size"], disk["primary"], disk["name"]) == (50, False, "vdb")
    assert len(get_vm(api, SEED_VM)["storage"]) == 2

    grown = api.patch(STORAGE, data={"uuid": SEED_VM, "disk_uuid": disk["uuid"], "size_gb": "60"})
    assert grown.json()["size"] == 60

    shrink = api.patch(STORAGE, data={"uuid": SEED_VM, "disk_uuid": disk["uuid"], "size_gb": "10"})
    assert shrink.status_code == 400
    assert "smaller" in shrink.json()["errors"]["Error"]

    gone = form_delete(api, STORAGE, {"uuid": SEED_VM, "storage_uuid": disk["uuid"]})
    assert gone.json() == {"success": True}
    assert [d["uuid"] for d in get_vm(api, SEED_VM)["storage"]] == [SEED_VM]


def test_primary_disk_cannot_be_removed(api):
    answer = form_delete(api, STORAGE, {"uuid": SEED_VM, "storage_uuid": SEED_VM})
    assert answer.status_code == 400
    assert "Primary" in answer.json()["errors"]["Error"]
    assert len(get_vm(api, SEED_VM)["storage"]) == 1


def test_unknown_disk_and_missing_size(api):
    unknown = api.patch(STORAGE, data={"uuid": SEED_VM, "disk_uuid": "nope", "size_gb": "99"})
    assert unknown.json() == {"errors": {"Error": "No such disk exists. nope"}}
    no_size = api.post(STORAGE, data={"uuid": SEED_VM})
    assert no_size.status_code == 400 and "size_gb" in no_size.json()["errors"]


def test_snapshot_create_list_delete(api):
    assert api.get(REPLICA, params={"uuid": SEED_VM}).json() == []
    disk = api.post(REPLICA, data={"uuid": SEED_VM}).json()
    assert disk["uuid"] == SEED_VM and disk["primary"] is True
    replica = disk["replica"][0]
    assert replica["type"] == "snapshot" and replica["master_uuid"] == SEED_VM
    # A UUID of its own (the reference's examples glue a timestamp onto the disk's) and a pool.
    assert str(uuid.UUID(replica["uuid"])) == replica["uuid"] and not replica["uuid"].startswith(SEED_VM)
    assert replica["pool"] == disk["pool"] == "default2"

    second = api.post(REPLICA, data={"uuid": SEED_VM}).json()["replica"][1]
    assert second["uuid"] != replica["uuid"]  # two in the same second stay distinct
    listed = api.get(REPLICA, params={"uuid": SEED_VM, "r_type": "snapshot"}).json()
    assert [r["uuid"] for r in listed] == [replica["uuid"], second["uuid"]]
    assert api.get(REPLICA, params={"uuid": SEED_VM, "r_type": "backup"}).json() == []
    assert get_vm(api, SEED_VM)["storage"][0]["replica"] == listed

    assert form_delete(api, REPLICA, {"replica_uuid": replica["uuid"]}).json() == {"success": True}
    assert [r["uuid"] for r in api.get(REPLICA, params={"uuid": SEED_VM}).json()] == [second["uuid"]]
    again = form_delete(api, REPLICA, {"replica_uuid": replica["uuid"]})
    assert again.status_code == 400
    assert again.json()["errors"]["Error"].startswith("No such replica exists.")


def test_replica_list_rejects_unknown_type(api):
    answer = api.get(REPLICA, params={"uuid": SEED_VM, "r_type": "weekly"})
    assert answer.status_code == 400 and "r_type" in answer.json()["errors"]
