"""Private network endpoints (not location-scoped; rename takes a JSON body).

Networks live in ``state.data["networks"]``, seeded lazily from the reference's
"List Networks" example so state files written before networks existed
still load. A VM's network is the internal key ``_network_uuid`` (hidden from
answers): set by VM create's ``network_uuid``; a VM without one (seeded,
cloned, created without a network) joins the default network the first time
networks are read. ``vm_uuids`` and ``resources_count`` are computed from
the VMs (and load balancers) that exist, so deleting a VM updates them.
"""

from __future__ import annotations

import uuid as uuidlib
from typing import Any

from idcctl.sandbox.common import EMPTY, MISSING, Request, error, field_errors, no_such, now_str
from idcctl.sandbox.seed import networks as seed
from idcctl.sandbox.state import State

KEY = "_network_uuid"


def networks(state: State) -> list[dict[str, Any]]:
    """The stored networks (seeded on first use), every VM placed in one."""
    if "networks" not in state.data:
        state.data["networks"] = seed.networks()
        for vm in state.all_vms():
            if vm["uuid"] in seed.MEMBERS:
                vm[KEY] = seed.MEMBERS[vm["uuid"]]
    default = next((n["uuid"] for n in state.data["networks"] if n["is_default"]), None)
    if default:
        for vm in state.all_vms():
            vm.setdefault(KEY, default)
    return state.data["networks"]


def find_network(state: State, uuid: str | None) -> dict[str, Any]:
    for network in networks(state):
        if network["uuid"] == uuid:
            return network
    raise no_such("network", uuid)


def default_network(state: State) -> dict[str, Any]:
    """The default network, made as 'Default network' when there is none (as the API does)."""
    found = next((n for n in networks(state) if n["is_default"]), None)
    return found or _new_network(state, "Default network")


def place_vm(state: State, vm: dict[str, Any], network_uuid: str | None) -> None:
    """Called by VM create: an unknown network is refused before the VM exists."""
    if network_uuid:
        vm[KEY] = find_network(state, network_uuid)["uuid"]


def _new_network(state: State, name: str) -> dict[str, Any]:
    existing = networks(state)
    vlans = {n["vlan_id"] for n in existing}
    vlan = next(v for v in range(200, 4000) if v not in vlans)
    stamp = now_str()
    network = {"vlan_id": vlan, "subnet": f"10.{200 + vlan // 256}.{vlan % 256}.0/24",
               "subnet_ipv6": f"2001:db8:10:30::{vlan:x}:0/112", "name": name, "created_at": stamp,
               "updated_at": stamp, "uuid": str(uuidlib.uuid4()), "type": "private",
               "is_default": not existing}
    existing.append(network)
    return network


def _view(state: State, network: dict[str, Any]) -> dict[str, Any]:
    from idcctl.sandbox.handlers_load_balancer import lbs_in

    vm_uuids = [vm["uuid"] for vm in state.all_vms() if vm.get(KEY) == network["uuid"]]
    count = len(vm_uuids) + len(lbs_in(state, network["uuid"]))
    return state.view({**network, "vm_uuids": vm_uuids, "resources_count": count})


def list_networks(req: Request) -> Any:
    return [_view(req.state, n) for n in networks(req.state)]


def get_network(req: Request) -> Any:
    return _view(req.state, find_network(req.state, req.path_args["uuid"]))


def create_network(req: Request) -> Any:
    """With a name: a new network. Without: the default one, made if missing."""
    name = (req.text("name") or "").strip()
    network = _new_network(req.state, name) if name else default_network(req.state)
    return _view(req.state, network)


def rename_network(req: Request) -> Any:
    network = find_network(req.state, req.path_args["uuid"])
    name = (req.text("name") or "").strip()
    if not name:
        raise field_errors({"name": MISSING})
    network.update({"name": name, "updated_at": now_str()})
    return _view(req.state, network)


def delete_network(req: Request) -> Any:
    """Only a network without resources that is not the default can go."""
    network = find_network(req.state, req.path_args["uuid"])
    if network["is_default"]:
        raise error("The default network cannot be deleted.")
    if _view(req.state, network)["resources_count"]:
        raise error("The network cannot be deleted while it contains resources.")
    networks(req.state).remove(network)
    return EMPTY


def set_default(req: Request) -> Any:
    chosen = find_network(req.state, req.path_args["uuid"])
    for network in networks(req.state):  # places default-less VMs before the default moves
        network["is_default"] = network is chosen
    chosen["updated_at"] = now_str()
    return _view(req.state, chosen)


ROUTES = [
    ("GET", "/network/networks", list_networks),
    ("POST", "/network/network", create_network),
    ("GET", "/network/network/{uuid}", get_network),
    ("PATCH", "/network/network/{uuid}", rename_network),
    ("DELETE", "/network/network/{uuid}", delete_network),
    ("PUT", "/network/network/{uuid}/default", set_default),
]
