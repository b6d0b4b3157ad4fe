"""Floating IPs as the other sections use them: reserve, assign, unassign, look up by assignee.

VMs (create, delete, the legacy public IP endpoints) and load balancers
(create, delete) reserve and release addresses as the floating IP endpoints
do, so the rules live here once. Addresses come from the RFC 5737
documentation ranges (see `model.addresses`), never a real one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from idcctl.sandbox.common import now_str
from idcctl.sandbox.model.addresses import new_public_address
from idcctl.sandbox.seed.account import USER_ID

if TYPE_CHECKING:  # pragma: no cover - typing only
    from idcctl.sandbox.state import State


def new_floating_ip(state: State, location: str, name: str, billing_account_id: int) -> dict[str, Any]:
    """Reserve an address in `location` (unassigned)."""
    stamp = now_str()
    ip = {
        "id": state.next_id("ip"), "address": new_public_address(state),
        "user_id": USER_ID, "billing_account_id": billing_account_id, "type": "public",
        "network_id": None, "name": name, "enabled": True, "created_at": stamp,
        "updated_at": stamp, "is_deleted": False, "is_virtual": False, "assigned_to": None,
        "assigned_to_resource_type": None, "assigned_to_private_ip": None,
    }
    state.ips.items(location).append(ip)
    return ip


def assign(ip: dict[str, Any], uuid: str, resource_type: str, private_ip: str | None) -> None:
    """Point `ip` at a VM or load balancer (re-assigning to the same one is harmless)."""
    ip.update({
        "assigned_to": uuid, "assigned_to_resource_type": resource_type,
        "assigned_to_private_ip": private_ip, "updated_at": now_str(),
    })
    ip.pop("unassigned_at", None)


def assign_to_vm(ip: dict[str, Any], vm: dict[str, Any]) -> None:
    assign(ip, vm["uuid"], "virtual_machine", vm.get("private_ipv4"))


def unassign(ip: dict[str, Any]) -> None:
    """The address stays reserved (and billed), as with the real API."""
    stamp = now_str()
    ip.update({
        "assigned_to": None, "assigned_to_resource_type": None,
        "assigned_to_private_ip": None, "updated_at": stamp, "unassigned_at": stamp,
    })


def release_all(state: State, uuid: str) -> None:
    """Unassign every address (any location) assigned to the VM or load balancer `uuid`."""
    for ip in state.ips.all():
        if ip["assigned_to"] == uuid:
            unassign(ip)
