"""Floating IP endpoints (location-scoped, JSON bodies) and the helpers VMs share.

Addresses come from the RFC 5737 documentation ranges so nothing the sandbox
hands out can be mistaken for, or collide with, a real public address.
"""

from __future__ import annotations

from typing import Any

from idcctl.sandbox.seed import account as seed
from idcctl.sandbox.common import EMPTY, MISSING, Request, error, field_errors, now_str
from idcctl.sandbox.state import State


def new_floating_ip(state: State, location: str, name: str, billing_account_id: int) -> dict[str, Any]:
    """Reserve an address in `location` (unassigned)."""
    stamp = now_str()
    ip = {
        "id": state.next_id("ip"), "address": state.new_public_address(),
        "user_id": seed.USER_ID, "billing_account_id": billing_account_id, "type": "public",
        "network_id": None, "name": name, "enabled": True, "created_at": stamp,
        "updated_at": stamp, "is_deleted": False, "is_virtual": False, "assigned_to": None,
        "assigned_to_resource_type": None, "assigned_to_private_ip": None,
    }
    state.floating_ips(location).append(ip)
    return ip


def assign(ip: dict[str, Any], vm: dict[str, Any]) -> None:
    ip.update({
        "assigned_to": vm["uuid"], "assigned_to_resource_type": "virtual_machine",
        "assigned_to_private_ip": vm.get("private_ipv4"), "updated_at": now_str(),
    })
    ip.pop("unassigned_at", None)


def unassign(ip: dict[str, Any]) -> None:
    """The address stays reserved (and billed), as with the real API."""
    stamp = now_str()
    ip.update({
        "assigned_to": None, "assigned_to_resource_type": None,
        "assigned_to_private_ip": None, "updated_at": stamp, "unassigned_at": stamp,
    })


def ips_of_vm(state: State, location: str, vm_uuid: str) -> list[dict[str, Any]]:
    return [ip for ip in state.floating_ips(location) if ip["assigned_to"] == vm_uuid]


def list_ips(req: Request) -> Any:
    """Optional filters: billing_account_id and vm_uuid (the assignee)."""
    billing = req.integer("billing_account_id")
    vm_uuid = req.text("vm_uuid") or None
    chosen = [
        ip for ip in req.state.floating_ips(req.location)
        if (billing is None or ip["billing_account_id"] == billing)
        and (vm_uuid is None or ip["assigned_to"] == vm_uuid)
    ]
    return req.state.view(chosen)


def create_ip(req: Request) -> Any:
    billing = req.integer("billing_account_id")
    if billing is None:
        raise field_errors({"billing_account_id": MISSING})
    ip = new_floating_ip(req.state, req.location, req.text("name", "") or "", billing)
    return req.state.view(ip)


def get_ip(req: Request) -> Any:
    return req.state.view(req.state.find_ip(req.location, req.path_args["address"]))


def update_ip(req: Request) -> Any:
    ip = req.state.find_ip(req.location, req.path_args["address"])
    if req.has("name"):
        ip["name"] = req.text("name") or ""
    if req.has("billing_account_id"):
        billing = req.integer("billing_account_id")
        if billing is None:
            raise field_errors({"billing_account_id": "Not a valid integer."})
        ip["billing_account_id"] = billing
    ip["updated_at"] = now_str()
    return req.state.view(ip)


def delete_ip(req: Request) -> Any:
    """Answers 200 with an empty body, as the reference documents."""
    ip = req.state.find_ip(req.location, req.path_args["address"])
    req.state.floating_ips(req.location).remove(ip)
    return EMPTY


def assign_ip(req: Request) -> Any:
    """Assigning to another VM while assigned is refused; re-assigning is a no-op."""
    ip = req.state.find_ip(req.location, req.path_args["address"])
    vm = req.state.find_vm(req.location, req.required("vm_uuid"))
    if ip["assigned_to"] not in (None, vm["uuid"]):
        raise error(f"IP address {ip['address']} is already assigned to {ip['assigned_to']}.")
    assign(ip, vm)
    return req.state.view(ip)


def unassign_ip(req: Request) -> Any:
    ip = req.state.find_ip(req.location, req.path_args["address"])
    unassign(ip)
    return req.state.view(ip)


_BASE = "/network/ip_addresses"
ROUTES = [
    ("GET", _BASE, list_ips),
    ("POST", _BASE, create_ip),  # trailing-slash form is normalised by the router
    ("GET", _BASE + "/{address}", get_ip),
    ("PATCH", _BASE + "/{address}", update_ip),
    ("DELETE", _BASE + "/{address}", delete_ip),
    ("POST", _BASE + "/{address}/assign", assign_ip),
    ("POST", _BASE + "/{address}/unassign", unassign_ip),
]
