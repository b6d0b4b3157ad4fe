"""Block storage endpoints: stand-alone disks, and attaching them to VMs.

Attaching puts a storage entry with the disk's UUID into the VM's
``storage`` list, where `vm show` shows it; detaching takes it out. Whether
a disk is attached is read from the VMs themselves, so it can never disagree
with them. Delete Disk answers an empty body (the real API: 204) and refuses
while a VM holds the disk. A disk may carry a ``display_name`` and, once
marked, ``read_only_bootable`` (bootable media for ``vm/boot_iso_media``).
Disks are per location: a disk attaches only to a VM of its own location;
anything else answers "No such ... exists".
"""

from __future__ import annotations

import uuid as uuidlib
from typing import Any

from idcctl.sandbox.common import EMPTY, MISSING, Request, error, field_errors, no_such, now_iso_ms, now_str
from idcctl.sandbox.model.vms import next_disk_name
from idcctl.sandbox.seed.account import DEFAULT_BILLING_ACCOUNT, USER_ID

SOURCE_TYPES = ("EMPTY", "OS_BASE", "DISK", "SNAPSHOT")
OS_BASE_SIZE_GB = 20  # an OS base image's own size, used when size_gb is not given


def holder(req: Request, uuid: str) -> dict[str, Any] | None:
    """The VM of the disk's location whose storage holds it."""
    for vm in req.state.vms.near(req.location, req.state.disks):
        if any(d["uuid"] == uuid for d in vm["storage"]):
            return vm
    return None


def list_disks(req: Request) -> Any:
    """``read_only_bootable=true`` lists only the disks marked as bootable media."""
    disks = req.state.disks.items(req.location)
    if req.boolean("read_only_bootable", False):
        disks = [d for d in disks if d.get("read_only_bootable")]
    return req.state.view(disks)


def get_disk(req: Request) -> Any:
    return req.state.view(req.state.disks.find(req.location, req.path_args["disk_uuid"]))


def create_disk(req: Request) -> Any:
    kind = (req.text("source_image_type") or "EMPTY").upper()
    if kind not in SOURCE_TYPES:
        raise field_errors({"source_image_type": f"Must be one of: {', '.join(SOURCE_TYPES)}."})
    size = req.integer("size_gb")
    if size is not None and size < 1:
        raise field_errors({"size_gb": "Must be at least 1."})
    source = req.text("source_image") or None
    source_size = _source_size(req, kind, source)
    if size is None:
        size = source_size
    if size is None:
        raise field_errors({"size_gb": MISSING})
    if source_size is not None and size < source_size:
        raise error(f"Disk size cannot be smaller than the source ({source_size} GB).")
    stamp = now_iso_ms()
    disk = {"uuid": str(uuidlib.uuid4()), "status": "Active", "snapshots": [], "user_id": USER_ID,
            "billing_account_id": req.integer("billing_account_id", 0) or DEFAULT_BILLING_ACCOUNT,
            "size_gb": size, "source_image_type": kind, "created_at": stamp, "updated_at": stamp}
    if source:
        disk["source_image"] = source
    if req.text("display_name"):
        disk["display_name"] = req.text("display_name")
    req.state.disks.items(req.location).insert(0, disk)
    return req.state.view(disk)


def _source_size(req: Request, kind: str, source: str | None) -> int | None:
    """The size the copied source implies (None for EMPTY)."""
    if kind == "EMPTY":
        return None
    if not source:
        raise field_errors({"source_image": MISSING})
    if kind == "OS_BASE":
        return OS_BASE_SIZE_GB
    if kind == "DISK":
        return req.state.disks.find(req.location, source)["size_gb"]
    for disk in req.state.disks.items(req.location):
        for snapshot in disk["snapshots"]:
            if snapshot["uuid"] == source:
                return snapshot["sizeGb"]
    raise no_such("snapshot", source)


def update_disk(req: Request) -> Any:
    """Billing account, display name and the read-only-bootable mark; at least one of them."""
    disk = req.state.disks.find(req.location, req.path_args["disk_uuid"])
    changes: dict[str, Any] = {}
    if req.integer("billing_account_id") is not None:
        changes["billing_account_id"] = req.integer("billing_account_id")
    if req.has("display_name"):
        changes["display_name"] = req.text("display_name")
    if req.has("read_only_bootable"):
        changes["read_only_bootable"] = req.boolean("read_only_bootable", False)
    if not changes:
        raise field_errors({"billing_account_id": MISSING})
    disk.update({**changes, "updated_at": now_iso_ms()})
    return req.state.view(disk)


def delete_disk(req: Request) -> Any:
    disk = req.state.disks.find(req.location, req.path_args["disk_uuid"])
    vm = holder(req, disk["uuid"])
    if vm is not None:
        raise error(f"Disk is attached to virtual machine {vm['uuid']}; detach it first.")
    req.state.disks.items(req.location).remove(disk)
    return EMPTY


def attach_disk(req: Request) -> Any:
    vm = req.state.vms.find(req.location, req.required("uuid"))
    disk = req.state.disks.find(req.location, req.required("storage_uuid"))
    current = holder(req, disk["uuid"])
    if current is not None:
        raise error(f"Disk is already attached to virtual machine {current['uuid']}.")
    entry = {"created_at": now_str(), "id": req.state.next_id("disk"), "name": next_disk_name(vm),
             "pool": "default2", "primary": False, "replica": [], "shared": False,
             "size": disk["size_gb"], "type": "block", "updated_at": None,
             "user_id": disk.get("user_id", USER_ID), "uuid": disk["uuid"]}
    vm["storage"].append(entry)
    vm["updated_at"] = now_str()
    return {k: entry[k] for k in ("created_at", "name", "primary", "replica", "size", "user_id", "uuid")}


def detach_disk(req: Request) -> Any:
    vm = req.state.vms.find(req.location, req.required("uuid"))
    uuid = req.required("storage_uuid")
    entry = next((d for d in vm["storage"] if d["uuid"] == uuid), None)
    if entry is None:
        raise no_such("disk", uuid)
    if entry.get("primary"):
        raise error("Primary disk cannot be detached.")
    vm["storage"].remove(entry)
    vm["updated_at"] = now_str()
    if not any(d["uuid"] == uuid for d in req.state.disks.items(req.location)):  # a disk made by `vm disk add`
        stamp = now_iso_ms()
        req.state.disks.items(req.location).insert(0, {
            "uuid": uuid, "status": "Active", "snapshots": [], "user_id": USER_ID,
            "billing_account_id": vm.get("billing_account") or DEFAULT_BILLING_ACCOUNT,
            "size_gb": entry["size"], "source_image_type": "EMPTY", "created_at": stamp,
            "updated_at": stamp})
    return {"success": True}


ROUTES = [
    ("GET", "/storage/disks", list_disks),
    ("POST", "/storage/disks", create_disk),
    ("GET", "/storage/disks/{disk_uuid}", get_disk),
    ("PATCH", "/storage/disks/{disk_uuid}", update_disk),
    ("DELETE", "/storage/disks/{disk_uuid}", delete_disk),
    ("POST", "/user-resource/vm/storage/attach", attach_disk),
    ("POST", "/user-resource/vm/storage/detach", detach_disk),
]
