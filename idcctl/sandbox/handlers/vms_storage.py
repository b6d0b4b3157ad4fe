"""VM replica (snapshot/backup) and VM disk endpoints, the storage part of `api/vms.py`.

Replicas live in their disk's `replica` list, exactly where the reference's VM
payloads show them, so `vm show` and `vm snapshot list` always agree.
"""

from __future__ import annotations

from typing import Any

from idcctl.sandbox.common import MISSING, Request, error, field_errors, no_such, now_str
from idcctl.sandbox.model.vms import add_replica, new_disk, next_disk_name

_REPLICA_TYPES = ("snapshot", "backup")


def _vm(req: Request) -> dict[str, Any]:
    return req.state.vms.find(req.location, req.required("uuid"))


def _size(req: Request) -> int:
    size = req.integer("size_gb")
    if size is None:
        raise field_errors({"size_gb": MISSING})
    if size < 1:
        raise field_errors({"size_gb": "Must be at least 1."})
    return size


def _disk(vm: dict[str, Any], disk_uuid: str) -> dict[str, Any]:
    for disk in vm["storage"]:
        if disk["uuid"] == disk_uuid:
            return disk
    raise no_such("disk", disk_uuid)


def list_replicas(req: Request) -> Any:
    """Replicas of one type (default "snapshot") across the VM's disks."""
    vm = _vm(req)
    r_type = req.text("r_type") or "snapshot"
    if r_type not in _REPLICA_TYPES:
        raise field_errors({"r_type": f"Must be one of: {', '.join(_REPLICA_TYPES)}."})
    found = [r for d in vm["storage"] for r in d["replica"] if r["type"] == r_type]
    return req.state.view(found)


def create_replica(req: Request) -> Any:
    return req.state.view(add_replica(req.state, _vm(req), "snapshot"))


def delete_replica(req: Request) -> Any:
    """Takes only the replica uuid, so every VM of the location is searched."""
    replica_uuid = req.required("replica_uuid")
    for vm in req.state.vms.items(req.location):
        for disk in vm["storage"]:
            for replica in disk["replica"]:
                if replica["uuid"] == replica_uuid:
                    disk["replica"].remove(replica)
                    return {"success": True}
    raise no_such("replica", replica_uuid)


def add_disk(req: Request) -> Any:
    vm = _vm(req)
    disk = new_disk(req.state, _size(req), next_disk_name(vm), primary=False)
    vm["storage"].append(disk)
    vm["updated_at"] = now_str()
    return req.state.view(disk)


def resize_disk(req: Request) -> Any:
    """Disks only grow; the reference forbids shrinking."""
    vm = _vm(req)
    disk = _disk(vm, req.required("disk_uuid"))
    size = _size(req)
    if size < disk["size"]:
        raise error(f"New disk size cannot be smaller than current size ({disk['size']} GB).")
    disk["size"] = size
    disk["updated_at"] = now_str()
    return req.state.view(disk)


def remove_disk(req: Request) -> Any:
    vm = _vm(req)
    disk = _disk(vm, req.required("storage_uuid"))
    if disk.get("primary"):
        raise error("Primary disk cannot be removed.")
    vm["storage"].remove(disk)
    vm["updated_at"] = now_str()
    return {"success": True}


_VM = "/user-resource/vm"
ROUTES = [
    ("GET", _VM + "/replica", list_replicas),
    ("POST", _VM + "/replica", create_replica),
    ("DELETE", _VM + "/replica", delete_replica),
    ("POST", _VM + "/storage", add_disk),
    ("PATCH", _VM + "/storage", resize_disk),
    ("DELETE", _VM + "/storage", remove_disk),
]
