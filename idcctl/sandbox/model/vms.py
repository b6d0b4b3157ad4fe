"""VMs as several handlers use them: validation, construction, disks and replicas.

Shared by the VM, VM storage and block storage handlers.

Validation is driven by the published "VM parameters" (ranges, regexps and
their per-OS limits), so the sandbox rejects exactly what the reference says
the API rejects.  OS name/version pairs are checked against the image list
instead, the live truth the command contract points to.
"""

from __future__ import annotations

import re
import uuid
from typing import TYPE_CHECKING, Any, Iterable

from idcctl.sandbox.common import MISSING, field_errors, now_str, now_str_micro, parse_int
from idcctl.sandbox.model.addresses import new_mac, new_private_ip
from idcctl.sandbox.seed import catalog
from idcctl.sandbox.seed.account import USER_ID

from idcctl.sandbox.state import NETWORK_KEY

if TYPE_CHECKING:  # pragma: no cover - typing only
    from idcctl.sandbox.state import State

# Where a VM launched from boot media (vm/boot_iso_media) shows it, until its next start or stop.
BOOT_MEDIA = "boot_iso_media"
CUSTOM_OS = ("_custom", "_")  # os_name and os_version of a VM made with an empty disk

_FRIENDLY = {
    "name": "Name must be at least 4 characters of letters, digits and '-', "
            "starting and ending with a letter or digit.",
    "password": "Password must be at least 8 characters long and contain a lowercase "
                "letter, an uppercase letter and a digit.",
    "username": "Username must be 1-30 characters of letters, digits, '_' and '-', "
                "not starting with a digit or '-'.",
}


def _spec_for(name: str, os_name: str | None) -> dict[str, Any] | None:
    """The parameter's constraint with any per-OS limit merged over it."""
    for spec in catalog.VM_PARAMETERS:
        if spec["parameter"] == name:
            merged = dict(spec)
            for limit in spec.get("limits", []):
                if limit.get("os_name") == os_name:
                    merged.update({k: v for k, v in limit.items() if k != "os_name"})
            return merged
    return None


def check_fields(params: dict[str, Any], names: Iterable[str], os_name: str | None,
                 *, all_optional: bool = False) -> dict[str, str]:
    """Field errors for `names` (range and regexp constraints only)."""
    errors: dict[str, str] = {}
    for name in names:
        spec = _spec_for(name, os_name)
        if spec is None or spec["constraint"] not in ("range", "regexp"):
            continue
        value = params.get(name)
        if value is None or str(value).strip() == "":
            if spec.get("mandatory") and not all_optional:
                errors[name] = MISSING
            continue
        if spec["constraint"] == "range":
            number = parse_int(value)
            if number is None:
                errors[name] = "Not a valid integer."
            elif not spec["min"] <= number <= spec["max"]:
                errors[name] = f"Must be between {spec['min']} and {spec['max']}."
        elif not re.search(spec["expression"], str(value)):
            errors[name] = _FRIENDLY.get(name, f"Does not match {spec['expression']}")
    return errors


def check_os(os_name: str | None, os_version: str | None) -> dict[str, str]:
    """Field errors for an OS name/version pair not in the image list."""
    if not os_name:
        return {"os_name": MISSING}
    versions = catalog.image_versions(os_name)
    if versions is None:
        known = ", ".join(i["os_name"] for i in catalog.VM_IMAGES)
        return {"os_name": f"Unknown OS '{os_name}'. Available: {known}."}
    if not os_version:
        return {"os_version": MISSING}
    if os_version not in versions:
        return {"os_version": f"Version '{os_version}' is not available for {os_name}. "
                              f"Available: {', '.join(versions)}."}
    return {}


def raise_if(errors: dict[str, str]) -> None:
    if errors:
        raise field_errors(errors)


def new_disk(state: State, size: int, name: str, primary: bool) -> dict[str, Any]:
    return {
        "created_at": now_str_micro(), "id": state.next_id("disk"), "name": name,
        "pool": "default2", "primary": primary, "replica": [], "shared": False,
        "size": size, "type": "block", "updated_at": None, "user_id": USER_ID,
        "uuid": str(uuid.uuid4()),
    }


def next_disk_name(vm: dict[str, Any]) -> str:
    """vdb, vdc, ... skipping letters the VM's disks already use (sda counts as 'a')."""
    used = {d["name"][-1] for d in vm["storage"] if d.get("name")}
    letter = next(c for c in "bcdefghijklmnopqrstuvwxyz" if c not in used)
    return f"vd{letter}"


def new_vm(state: State, location: str, spec: dict[str, Any], network: dict[str, Any] | None) -> dict[str, Any]:
    """A VM object shaped like the reference's Create VM answer, in `network` with an address of it.

    `spec` holds validated values: name, os_name, os_version, disks, vcpu, ram,
    username, pool, billing_account, backup, description.
    """
    stamp = now_str()
    vm_id = state.next_id("vm")
    vm = {
        "backup": spec["backup"], "billing_account": spec["billing_account"],
        "created_at": stamp, "description": spec["description"],
        "designated_pool_name": spec["pool"]["name"],
        "designated_pool_uuid": spec["pool"]["uuid"],
        "hostname": spec["name"], "id": vm_id, "mac": new_mac(state),
        "memory": spec["ram"], "name": spec["name"], "os_name": spec["os_name"],
        "os_version": spec["os_version"], "private_ipv4": new_private_ip(state, location, network),
        "public_ipv6": f"2001:db8:10:30::80:{vm_id:x}", "status": "running",
        "storage": [new_disk(state, spec["disks"], "sda", primary=True)],
        "tags": None, "updated_at": stamp, "user_id": USER_ID,
        "username": spec["username"], "uuid": _new_vm_uuid(state), "vcpu": spec["vcpu"],
    }
    _join(vm, network)
    return vm


def clone_vm(state: State, location: str, source: dict[str, Any], name: str,
             network: dict[str, Any] | None) -> dict[str, Any]:
    """A copy of `source` with fresh identity, disks (no replicas) and an address in `network`."""
    stamp = now_str()
    vm_id = state.next_id("vm")
    clone = state.view(source)
    clone.update({
        "created_at": stamp, "updated_at": stamp, "id": vm_id, "name": name, "hostname": name,
        "mac": new_mac(state), "private_ipv4": new_private_ip(state, location, network),
        "public_ipv6": f"2001:db8:10:30::80:{vm_id:x}", "uuid": _new_vm_uuid(state),
        "backup": False,
    })
    clone["storage"] = [
        {**new_disk(state, d["size"], d["name"], d["primary"]), "pool": d.get("pool", "default2")}
        for d in source["storage"]
    ]
    _join(clone, network)
    return clone


def _join(vm: dict[str, Any], network: dict[str, Any] | None) -> None:
    if network:
        vm[NETWORK_KEY] = network["uuid"]


def _new_vm_uuid(state: State) -> str:
    return _fresh_uuid({vm["uuid"] for vm in state.vms.all()})


def _fresh_uuid(taken: set[str]) -> str:
    while True:
        candidate = str(uuid.uuid4())
        if candidate not in taken:
            return candidate


def primary_disk(vm: dict[str, Any]) -> dict[str, Any]:
    return next((d for d in vm["storage"] if d.get("primary")), vm["storage"][0])


def find_replica(vm: dict[str, Any], replica_uuid: str | None) -> dict[str, Any] | None:
    for disk in vm["storage"]:
        for replica in disk["replica"]:
            if replica["uuid"] == replica_uuid:
                return replica
    return None


def add_replica(state: State, vm: dict[str, Any], r_type: str) -> dict[str, Any]:
    """Add a replica of the primary disk; answers the disk, as Create Replica does.

    The reference's examples glue the creation time onto the disk's UUID and
    leave the pool blank; a user copies this UUID into `vm rebuild` and reads
    the pool in `vm snapshot list`, so a replica here gets a UUID of its own
    and the pool its disk is in.
    """
    disk = primary_disk(vm)
    taken = {r["uuid"] for other in state.vms.all() for d in other["storage"] for r in d["replica"]}
    disk["replica"].append({
        "created_at": now_str_micro(), "id": state.next_id("replica"),
        "master_id": disk.get("id"), "master_uuid": disk["uuid"], "pool": disk.get("pool") or "default2",
        "size": disk["size"], "type": r_type, "updated_at": None, "uuid": _fresh_uuid(taken),
    })
    return disk
