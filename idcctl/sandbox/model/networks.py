"""Private networks as the other sections use them: the default network, VM placement, members.

Networks live in ``state.data["networks"]``, seeded lazily from the
reference's "List Networks" example so state files written before networks
existed still load. A VM's network is the internal key ``_network_uuid``
(hidden from answers): set by VM create's ``network_uuid``; a VM without
one (seeded, cloned, created without a network) joins the default network
the first time networks are read. Load balancers name theirs in
``network_uuid``. ``vm_uuids`` and ``resources_count`` are computed from the
VMs and load balancers that exist, so deleting either updates them.
"""

from __future__ import annotations

import uuid as uuidlib
from typing import TYPE_CHECKING, Any

from idcctl.sandbox.common import no_such, now_str
from idcctl.sandbox.seed import networks as seed

if TYPE_CHECKING:  # pragma: no cover - typing only
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
    return found or new_network(state, "Default network")


def place_vm(state: State, vm: dict[str, Any], network_uuid: str | None) -> None:
    """Called by VM create: an unknown network is refused before the VM exists."""
    if network_uuid:
        vm[KEY] = find_network(state, network_uuid)["uuid"]


def new_network(state: State, name: str) -> dict[str, Any]:
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


def with_members(state: State, network: dict[str, Any]) -> dict[str, Any]:
    """The network as answered: its VMs' UUIDs and how many VMs and load balancers it holds."""
    vm_uuids = [vm["uuid"] for vm in state.all_vms() if vm.get(KEY) == network["uuid"]]
    lbs = [lb for lb in state.data.get("load_balancers", []) if lb["network_uuid"] == network["uuid"]]
    return state.view({**network, "vm_uuids": vm_uuids, "resources_count": len(vm_uuids) + len(lbs)})
