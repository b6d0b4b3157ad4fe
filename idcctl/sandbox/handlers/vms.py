"""VM endpoints: CRUD, power actions, reinstall/clone/rebuild, password, legacy public IP,
and the catalogue reads `api/vms.py` covers (host pools, VM parameters, images).

Replicas and a VM's disks, also in `api/vms.py`, are in `vms_storage`.

Actions that take time on the real platform put the VM into a transitional
status ("starting"/"stopping") for the server's `transition` seconds; reads
settle it lazily.  Repeating an action on a VM already in (or heading to) the
wanted state is a no-op that returns the VM, which keeps `--wait` loops simple.
"""

from __future__ import annotations

import json
from typing import Any

from idcctl.sandbox.common import MISSING, Request, error, field_errors, no_such, now_str
from idcctl.sandbox.model.ips import assign_to_vm, new_floating_ip, release_all
from idcctl.sandbox.model.networks import network_for
from idcctl.sandbox.model.vms import (
    BOOT_MEDIA, CUSTOM_OS, add_replica, check_fields, check_os, clone_vm, find_replica, new_vm, raise_if,
)
from idcctl.sandbox.seed import catalog
from idcctl.sandbox.seed.account import DEFAULT_BILLING_ACCOUNT

_CREATE_CHECKED = ("name", "disks", "vcpu", "ram", "password", "username")


def _vm(req: Request) -> dict[str, Any]:
    """The VM named by the `uuid` parameter in the request's location."""
    return req.state.vms.find(req.location, req.required("uuid"))


def list_vms(req: Request) -> Any:
    return req.state.view(req.state.vms.items(req.location))


def get_vm(req: Request) -> Any:
    return req.state.view(_vm(req))


def create_vm(req: Request) -> Any:
    """``os_name=_custom`` (or no os_name) makes a VM with an empty disk, to install from boot media."""
    params = dict(req.params)
    errors, from_source = _apply_source(req, params)
    os_name = params.get("os_name") or None
    custom = not from_source and os_name in (None, CUSTOM_OS[0])
    if custom:  # no OS to log in to: a user and password are checked only when given
        errors.update(check_fields(params, _CREATE_CHECKED[:4], None))
        errors.update(check_fields(params, _CREATE_CHECKED[4:], None, all_optional=True))
        params.update(zip(("os_name", "os_version"), CUSTOM_OS))
        os_name = CUSTOM_OS[0]
    else:
        errors.update(check_fields(params, _CREATE_CHECKED, os_name))
    if not from_source and not custom:
        errors.update(check_os(os_name, params.get("os_version")))
    errors.update(_check_extras(req))
    raise_if(errors)
    billing = req.integer("billing_account_id", 0) or DEFAULT_BILLING_ACCOUNT
    pool_uuid = req.text("designated_pool_uuid")
    spec = {
        "name": params["name"], "os_name": os_name, "os_version": params["os_version"],
        "disks": int(params["disks"]), "vcpu": int(params["vcpu"]), "ram": int(params["ram"]),
        "username": params.get("username") or ("administrator" if os_name == "windows" else ""),
        "pool": catalog.find_pool(pool_uuid) if pool_uuid else catalog.default_pool(),
        "billing_account": billing, "backup": req.boolean("backup", False),
        "description": req.text("description", "") or "",
    }
    reserve_ip = req.boolean("reserve_public_ip", True)
    network = network_for(req.state, req.location, req.text("network_uuid"))  # an unknown one is refused
    vm = new_vm(req.state, req.location, spec, network)
    req.state.set_status(vm, "running", "starting")
    req.state.vms.items(req.location).insert(0, vm)  # the API lists newest first
    if reserve_ip:
        assign_to_vm(new_floating_ip(req.state, req.location, "", billing), vm)
    return req.state.view(vm)


def _apply_source(req: Request, params: dict[str, Any]) -> tuple[dict[str, str], bool]:
    """Creating from a snapshot/backup copies OS and disk size from the source.

    Returns field errors and whether `params` now carries the source's OS
    (which need not be in today's image list).
    """
    source_uuid = req.text("source_uuid")
    if not source_uuid:
        return {}, False
    source = req.state.vms.find(req.location, source_uuid)
    replica_uuid = req.text("source_replica")
    if not replica_uuid:
        return {"source_replica": MISSING}, False
    replica = find_replica(source, replica_uuid)
    if replica is None:
        return {"source_replica": f"No such replica exists. {replica_uuid}"}, False
    params.update({"os_name": source["os_name"], "os_version": source["os_version"]})
    if not params.get("disks"):
        params["disks"] = str(replica["size"])
    return {}, True


def _check_extras(req: Request) -> dict[str, str]:
    """Fields outside the published parameter list: pool, cloud-init, boot disk."""
    errors: dict[str, str] = {}
    pool_uuid = req.text("designated_pool_uuid")
    if pool_uuid and catalog.find_pool(pool_uuid) is None:
        errors["designated_pool_uuid"] = f"No such host pool exists. {pool_uuid}"
    cloud_init = req.text("cloud_init")
    if cloud_init:
        try:
            if not isinstance(json.loads(cloud_init), dict):
                raise ValueError
        except ValueError:
            errors["cloud_init"] = "Must be a JSON object."
    disk_uuid = req.text("disk_uuid")
    if disk_uuid:  # the sandbox has no unattached disks to boot from
        errors["disk_uuid"] = f"No such disk exists. {disk_uuid}"
    return errors


def update_vm(req: Request) -> Any:
    """Name any time; vcpu and ram only while stopped (as the reference says)."""
    vm = _vm(req)
    resize = [n for n in ("vcpu", "ram") if req.text(n)]
    raise_if(check_fields(req.params, resize, vm.get("os_name"), all_optional=True))
    if resize and vm["status"] != "stopped":
        raise error("Virtual machine must be stopped to change vcpu or ram.")
    if req.has("name"):
        name = req.text("name", "").strip()
        if not name:
            raise field_errors({"name": MISSING})
        vm["name"] = name
    if "vcpu" in resize:
        vm["vcpu"] = req.integer("vcpu")
    if "ram" in resize:
        vm["memory"] = req.integer("ram")
    vm["updated_at"] = now_str()
    return req.state.view(vm)


def delete_vm(req: Request) -> Any:
    """Its floating IPs become unassigned but stay reserved, like the real API."""
    vm = _vm(req)
    release_all(req.state, vm["uuid"])
    req.state.vms.items(req.location).remove(vm)
    return {"success": True}


def start_vm(req: Request) -> Any:
    vm = _vm(req)
    if vm["status"] not in ("running", "starting"):
        vm.pop(BOOT_MEDIA, None)  # a boot from ISO media lasts one launch
        req.state.set_status(vm, "running", "starting")
        vm["updated_at"] = now_str()
    return req.state.view(vm)


def stop_vm(req: Request) -> Any:
    """force=True "pulls the plug": stopped at once, no transition."""
    vm = _vm(req)
    force = req.boolean("force", False)
    if vm["status"] != "stopped" and (force or vm["status"] != "stopping"):
        vm.pop(BOOT_MEDIA, None)  # the boot from ISO media ends with it
        req.state.set_status(vm, "stopped", None if force else "stopping")
        vm["updated_at"] = now_str()
    return req.state.view(vm)


def rescue_start(req: Request) -> Any:
    vm = _vm(req)
    req.state.set_status(vm, "running", "starting")
    vm["updated_at"] = now_str()
    return req.state.view(vm)


def reinstall_vm(req: Request) -> Any:
    """Defaults to the VM's current OS; a different one must be in the image list."""
    vm = _vm(req)
    os_name = req.text("os_name") or vm["os_name"]
    os_version = req.text("os_version") or (vm["os_version"] if os_name == vm["os_name"] else None)
    if (os_name, os_version) != (vm["os_name"], vm["os_version"]):
        raise_if(check_os(os_name, os_version))
    vm.update({"os_name": os_name, "os_version": os_version, "updated_at": now_str()})
    req.state.set_status(vm, "running", "starting")
    return req.state.view(vm)


def clone(req: Request) -> Any:
    """Clones get fresh disks and addresses but, unlike create, no public IP."""
    source = _vm(req)
    name = req.required("name")
    new = clone_vm(req.state, req.location, source, name, network_for(req.state, req.location, None))
    req.state.set_status(new, "running", "starting")
    req.state.vms.items(req.location).insert(0, new)
    return req.state.view(new)


def toggle_backup(req: Request) -> Any:
    """Switching backups on also takes one backup at once, standing in for the nightly job."""
    vm = _vm(req)
    vm["backup"] = not vm["backup"]
    vm["updated_at"] = now_str()
    if vm["backup"]:
        add_replica(req.state, vm, "backup")
    return req.state.view(vm)


def rebuild(req: Request) -> Any:
    vm = _vm(req)
    replica_uuid = req.required("replica_uuid")
    if find_replica(vm, replica_uuid) is None:
        raise no_such("replica", replica_uuid)
    vm["updated_at"] = now_str()
    req.state.set_status(vm, "running", "starting")
    return req.state.view(vm)


def change_user(req: Request) -> Any:
    """The reference: the VM must be running, else the password cannot be changed."""
    vm = _vm(req)
    missing = {n: MISSING for n in ("username", "password") if not req.text(n)}
    raise_if(missing or check_fields(req.params, ("username", "password"), vm.get("os_name")))
    if vm["status"] != "running":
        raise error("Virtual machine must be running to change the password.")
    vm["username"] = req.text("username")
    return {"success": True}


def reserve_public_ip(req: Request) -> Any:
    """Deprecated endpoint: reserves a new floating IP and assigns it; answers the VM."""
    vm = _vm(req)
    assign_to_vm(new_floating_ip(req.state, req.location, "", vm["billing_account"]), vm)
    return req.state.view(vm)


def release_public_ip(req: Request) -> Any:
    """Deprecated endpoint: unassigns the VM's addresses, which stay reserved."""
    vm = _vm(req)
    release_all(req.state, vm["uuid"])
    return req.state.view(vm)


def list_pools(req: Request) -> Any:
    return req.state.view(catalog.HOST_POOLS)


def vm_parameters(req: Request) -> Any:
    return req.state.view(catalog.VM_PARAMETERS)


def vm_images(req: Request) -> Any:
    return catalog.images()


def plain_os_images(req: Request) -> Any:
    return catalog.images(app_catalog=False)


def app_catalog_images(req: Request) -> Any:
    return catalog.images(app_catalog=True)


_VM = "/user-resource/vm"
ROUTES = [
    ("GET", _VM + "/list", list_vms),
    ("GET", _VM, get_vm),
    ("POST", _VM, create_vm),
    ("PATCH", _VM, update_vm),
    ("DELETE", _VM, delete_vm),
    ("POST", _VM + "/start", start_vm),
    ("POST", _VM + "/stop", stop_vm),
    ("POST", _VM + "/rescue_start", rescue_start),
    ("POST", _VM + "/reinstall", reinstall_vm),
    ("POST", _VM + "/clone", clone),
    ("POST", _VM + "/backup", toggle_backup),
    ("POST", _VM + "/rebuild", rebuild),
    ("PATCH", _VM + "/user", change_user),
    ("POST", _VM + "/ip/public", reserve_public_ip),
    ("DELETE", _VM + "/ip/public", release_public_ip),
    ("GET", "/user-resource/host_pool/list", list_pools),
    ("GET", "/api/parameters/vm", vm_parameters),
    ("GET", "/config/vm_images", vm_images),
    ("GET", "/config/vm_images/plain_os", plain_os_images),
    ("GET", "/config/vm_images/app_catalog", app_catalog_images),
]
