"""Private networks as the other sections use them: the default network, VM placement, members.

A VM's network is the internal key ``state.NETWORK_KEY`` (hidden from
answers): VM create and clone set it (`network_for`: ``network_uuid`` or
the default network) along with an address of its subnet, and `State`
places VMs of older state files on load. Load
balancers name theirs in ``network_uuid``. ``vm_uuids`` and
``resources_count`` are computed from the VMs and load balancers that
exist, so deleting either updates them.
"""

from __future__ import annotations

import uuid as uuidlib
from typing import Any

from idcctl.sandbox.common import now_str
from idcctl.sandbox.state import NETWORK_KEY, State


def find_network(state: State, location: str, uuid: str | None) -> dict[str, Any]:
    return state.networks.find(location, uuid)


def default_network(state: State, location: str) -> dict[str, Any]:
    """The default network, made as 'Default network' when there is none (as the API does)."""
    return _default(state, location) or new_network(state, location, "Default network")


def _default(state: State, location: str) -> dict[str, Any] | None:
    return next((n for n in state.networks.items(location) if n["is_default"]), None)


def network_for(state: State, location: str, network_uuid: str | None) -> dict[str, Any] | None:
    """The network a new VM goes into: `network_uuid` (an unknown one is refused) or the default one."""
    return find_network(state, location, network_uuid) if network_uuid else _default(state, location)


def new_network(state: State, location: str, name: str) -> dict[str, Any]:
    existing = state.networks.items(location)
    vlans = {n["vlan_id"] for n in existing}
    vlan = next(v for v in range(200, 4000) if v not in vlans)
    stamp = now_str()
    network = {"vlan_id": vlan, "subnet": f"10.{200 + vlan // 256}.{vlan % 256}.0/24",
               "subnet_ipv6": f"2001:db8:10:30::{vlan:x}:0/112", "name": name, "created_at": stamp,
               "updated_at": stamp, "uuid": str(uuidlib.uuid4()), "type": "private",
               "is_default": not existing}
    existing.append(network)
    return network


def with_members(state: State, location: str, network: dict[str, Any]) -> dict[str, Any]:
    """The network as answered: its VMs' UUIDs and how many VMs and load balancers it holds."""
    vm_uuids = [vm["uuid"] for vm in state.vms.near(location, state.networks)
                if vm.get(NETWORK_KEY) == network["uuid"]]
    lbs = [lb for lb in state.load_balancers.near(location, state.networks)
           if lb["network_uuid"] == network["uuid"]]
    return state.view({**network, "vm_uuids": vm_uuids, "resources_count": len(vm_uuids) + len(lbs)})
