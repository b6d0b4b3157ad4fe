"""Firewall endpoints (2025 reference, section "Firewall"): location-scoped, JSON bodies.

A firewall lives in one location; a VM can be assigned only in its own
location, so a firewall or VM of another location is not found there, as on
the live API. Create answers 200 (clients tested against the live API report
it), delete 204. Update is a PUT of the whole firewall: the rules sent
replace the stored ones, a rule keeping its UUID when it is sent with it
(`model.firewalls`). Assignments (``resources_assigned``) name VMs that
exist: a deleted VM drops out of every firewall.
"""

from __future__ import annotations

import uuid as uuidlib
from typing import Any

from idcctl.sandbox.common import EMPTY, MISSING, Answer, Request, error, field_errors, now_str
from idcctl.sandbox.model.firewalls import checked_rules
from idcctl.sandbox.seed.account import DEFAULT_BILLING_ACCOUNT, USER_ID


def _find(req: Request) -> dict[str, Any]:
    firewall = req.state.firewalls.find(req.location, req.path_args["uuid"])
    _prune(req, firewall)
    return firewall


def _prune(req: Request, firewall: dict[str, Any]) -> None:
    alive = {vm["uuid"] for vm in req.state.vms.items(req.location)}
    firewall["resources_assigned"] = [r for r in firewall["resources_assigned"] if r["resource_uuid"] in alive]


def _name(req: Request, current: str | None = None) -> str:
    """``display_name`` (or the reference's update example's ``name``); required on create."""
    value = req.params.get("display_name", req.params.get("name", current))
    if not isinstance(value, str) or not value.strip():
        raise field_errors({"display_name": MISSING})
    return value.strip()


def list_firewalls(req: Request) -> Any:
    firewalls = req.state.firewalls.items(req.location)
    for firewall in firewalls:
        _prune(req, firewall)
    return req.state.view(firewalls)


def create_firewall(req: Request) -> Any:
    firewall = {"uuid": str(uuidlib.uuid4()), "created_at": now_str(), "deleted_at": None,
                "display_name": _name(req), "description": req.text("description") or "", "user_id": USER_ID,
                "billing_account_id": req.integer("billing_account_id") or DEFAULT_BILLING_ACCOUNT,
                "rules": checked_rules(req.params.get("rules")), "resources_assigned": []}
    req.state.firewalls.items(req.location).append(firewall)
    return req.state.view(firewall)


def update_firewall(req: Request) -> Any:
    firewall = _find(req)
    changes: dict[str, Any] = {"display_name": _name(req, firewall["display_name"])}
    if req.has("description"):
        changes["description"] = req.text("description") or ""
    if req.has("billing_account_id"):
        changes["billing_account_id"] = req.integer("billing_account_id")
    if req.has("rules"):
        changes["rules"] = checked_rules(req.params["rules"], firewall["rules"])
    firewall.update(changes)
    return req.state.view(firewall)


def delete_firewall(req: Request) -> Any:
    firewall = _find(req)
    req.state.firewalls.items(req.location).remove(firewall)
    return Answer(204)


def _vm_uuid(req: Request) -> str:
    return req.state.vms.find(req.location, req.required("vm_uuid"))["uuid"]


def assign(req: Request) -> Any:
    """Answers the firewall's assignments, the new one included (assigning twice is harmless)."""
    firewall = _find(req)
    vm_uuid = _vm_uuid(req)
    if not any(r["resource_uuid"] == vm_uuid for r in firewall["resources_assigned"]):
        firewall["resources_assigned"].append({"resource_type": "vm", "resource_uuid": vm_uuid})
    return req.state.view(firewall["resources_assigned"])


def unassign(req: Request) -> Any:
    firewall = _find(req)
    vm_uuid = _vm_uuid(req)
    if not any(r["resource_uuid"] == vm_uuid for r in firewall["resources_assigned"]):
        raise error(f"Virtual machine {vm_uuid} is not assigned to this firewall.")
    firewall["resources_assigned"] = [r for r in firewall["resources_assigned"] if r["resource_uuid"] != vm_uuid]
    return EMPTY


_FW = "/network/firewalls"
ROUTES = [
    ("GET", _FW, list_firewalls),
    ("POST", _FW, create_firewall),
    ("PUT", _FW + "/{uuid}", update_firewall),
    ("DELETE", _FW + "/{uuid}", delete_firewall),
    ("POST", _FW + "/{uuid}/vms", assign),
    ("DELETE", _FW + "/{uuid}/vms", unassign),
]
