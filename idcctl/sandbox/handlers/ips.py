"""Floating IP endpoints (location-scoped, JSON bodies).

Reserving, assigning and releasing are shared with VMs and load balancers:
see `model.ips`.
"""

from __future__ import annotations

from typing import Any

from idcctl.sandbox.common import EMPTY, MISSING, Request, error, field_errors, now_str
from idcctl.sandbox.model.ips import assign_to_vm, new_floating_ip, unassign


def list_ips(req: Request) -> Any:
    """Optional filters: billing_account_id and vm_uuid (the assignee)."""
    billing = req.integer("billing_account_id")
    vm_uuid = req.text("vm_uuid") or None
    chosen = [
        ip for ip in req.state.ips.items(req.location)
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
    return req.state.view(req.state.ips.find(req.location, req.path_args["address"]))


def update_ip(req: Request) -> Any:
    ip = req.state.ips.find(req.location, req.path_args["address"])
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
    ip = req.state.ips.find(req.location, req.path_args["address"])
    req.state.ips.items(req.location).remove(ip)
    return EMPTY


def assign_ip(req: Request) -> Any:
    """Assigning to another VM while assigned is refused; re-assigning is a no-op."""
    ip = req.state.ips.find(req.location, req.path_args["address"])
    vm = req.state.vms.find(req.location, req.required("vm_uuid"))
    if ip["assigned_to"] not in (None, vm["uuid"]):
        raise error(f"IP address {ip['address']} is already assigned to {ip['assigned_to']}.")
    assign_to_vm(ip, vm)
    return req.state.view(ip)


def unassign_ip(req: Request) -> Any:
    ip = req.state.ips.find(req.location, req.path_args["address"])
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
