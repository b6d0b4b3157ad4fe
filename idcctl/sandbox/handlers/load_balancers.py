"""Network load balancer endpoints (per location, as VMs are; JSON bodies).

Targets are the VMs of the load balancer's location (`Store.near`): a VM of
another location is "No such virtual machine exists"; a deleted VM drops
out of every target list. A load balancer made with ``reserve_public_ip``
(the default here, as for VMs) gets a floating IP of its location, which
deleting it leaves reserved.
"""

from __future__ import annotations

import uuid as uuidlib
from typing import Any

from idcctl.sandbox.common import (
    EMPTY, MISSING, Request, error, field_errors, no_such, now_str, parse_bool, parse_int,
)
from idcctl.sandbox.model.addresses import new_private_ip
from idcctl.sandbox.model.ips import assign, new_floating_ip, release_all
from idcctl.sandbox.model.networks import default_network, find_network
from idcctl.sandbox.seed.account import DEFAULT_BILLING_ACCOUNT, USER_ID

_SETTINGS = {"connection_limit": 10000, "session_persistence": "SOURCE_IP"}


def _find(req: Request) -> dict[str, Any]:
    lb = req.state.load_balancers.find(req.location, req.path_args["uuid"])
    _prune(req, lb)
    return lb


def _prune(req: Request, lb: dict[str, Any]) -> None:
    """Targets whose VM was deleted are gone, as on the real platform."""
    alive = {vm["uuid"] for vm in req.state.vms.near(req.location, req.state.load_balancers)}
    lb["targets"] = [t for t in lb["targets"] if t["target_uuid"] in alive]


def _port(value: Any, name: str) -> int:
    port = parse_int(value)
    if port is None or not 1 <= port <= 65535:
        raise field_errors({name: "Must be a port number between 1 and 65535."})
    return port


def _rule(source: Any, target: Any) -> dict[str, Any]:
    return {"uuid": str(uuidlib.uuid4()), "protocol": "TCP", "created_at": now_str(),
            "source_port": _port(source, "source_port"), "target_port": _port(target, "target_port"),
            "settings": dict(_SETTINGS)}


def _target(req: Request, target_uuid: Any, target_type: Any) -> dict[str, Any]:
    if not target_uuid:
        raise field_errors({"target_uuid": MISSING})
    if target_type != "vm":
        raise field_errors({"target_type": "Must be one of: vm."})
    vm = next((v for v in req.state.vms.near(req.location, req.state.load_balancers)
               if v["uuid"] == target_uuid), None)
    if vm is None:
        raise no_such("virtual machine", target_uuid)
    return {"created_at": now_str(), "target_uuid": vm["uuid"], "target_type": "vm",
            "target_ip_address": vm.get("private_ipv4")}


def _objects(value: Any, name: str) -> list[dict[str, Any]]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise field_errors({name: "Must be a list of objects."})
    return value


def list_lbs(req: Request) -> Any:
    lbs = req.state.load_balancers.items(req.location)
    for lb in lbs:
        _prune(req, lb)
    return req.state.view(lbs)


def get_lb(req: Request) -> Any:
    return req.state.view(_find(req))


def create_lb(req: Request) -> Any:
    state = req.state
    network_uuid = req.text("network_uuid")
    network = (find_network(state, req.location, network_uuid) if network_uuid
               else default_network(state, req.location))
    rules = [_rule(r.get("source_port"), r.get("target_port")) for r in _objects(req.params.get("rules"), "rules")]
    targets = [_target(req, t.get("target_uuid"), t.get("target_type"))
               for t in _objects(req.params.get("targets"), "targets")]
    reserve = parse_bool(req.params.get("reserve_public_ip", True))
    if reserve is None:
        raise field_errors({"reserve_public_ip": "Not a valid boolean."})
    stamp = now_str()
    lb = {"uuid": str(uuidlib.uuid4()), "display_name": req.text("display_name") or "",
          "network_uuid": network["uuid"], "user_id": USER_ID,
          "billing_account_id": req.integer("billing_account_id") or DEFAULT_BILLING_ACCOUNT,
          "created_at": stamp, "updated_at": stamp, "is_deleted": False,
          "private_address": new_private_ip(state, req.location, network),
          "forwarding_rules": rules, "targets": targets}
    if reserve:
        ip = new_floating_ip(state, state.load_balancers.home(req.location), "", lb["billing_account_id"])
        assign(ip, lb["uuid"], "load_balancer", lb["private_address"])
    state.load_balancers.items(req.location).append(lb)
    return state.view(lb)


def rename_lb(req: Request) -> Any:
    lb = _find(req)
    name = (req.text("display_name") or "").strip()
    if not name:
        raise field_errors({"display_name": MISSING})
    lb.update({"display_name": name, "updated_at": now_str()})
    return req.state.view(lb)


def delete_lb(req: Request) -> Any:
    """Its floating IP becomes unassigned but stays reserved, like a deleted VM's."""
    lb = _find(req)
    release_all(req.state, lb["uuid"])
    req.state.load_balancers.items(req.location).remove(lb)
    return EMPTY


def add_target(req: Request) -> Any:
    lb = _find(req)
    target = _target(req, req.text("target_uuid"), req.text("target_type"))
    if any(t["target_uuid"] == target["target_uuid"] for t in lb["targets"]):
        raise error(f"Virtual machine {target['target_uuid']} is already a target of this load balancer.")
    lb["targets"].append(target)
    return req.state.view(target)


def remove_target(req: Request) -> Any:
    return _remove(_find(req), "targets", "target_uuid", req.path_args["target_uuid"], "target")


def add_rule(req: Request) -> Any:
    """Answers the new rule (the reference shows only its two ports; these are among its fields)."""
    lb = _find(req)
    for name in ("source_port", "target_port"):
        req.required(name)
    rule = _rule(req.params["source_port"], req.params["target_port"])
    lb["forwarding_rules"].append(rule)
    return req.state.view(rule)


def remove_rule(req: Request) -> Any:
    return _remove(_find(req), "forwarding_rules", "uuid", req.path_args["rule_uuid"], "forwarding rule")


def _remove(lb: dict[str, Any], field: str, key: str, value: str, noun: str) -> Any:
    """Drop the entry of lb[field] whose `key` is `value`, or answer the API's not-found error."""
    if not any(entry[key] == value for entry in lb[field]):
        raise no_such(noun, value)
    lb[field] = [entry for entry in lb[field] if entry[key] != value]
    return EMPTY


def set_billing(req: Request) -> Any:
    lb = _find(req)
    account = req.integer("set_id")
    if account is None:
        raise field_errors({"set_id": MISSING})
    lb.update({"billing_account_id": account, "updated_at": now_str()})
    return req.state.view(lb)


_LB = "/network/load_balancers"
ROUTES = [
    ("GET", _LB, list_lbs),
    ("POST", _LB, create_lb),
    ("GET", _LB + "/{uuid}", get_lb),
    ("PATCH", _LB + "/{uuid}", rename_lb),
    ("DELETE", _LB + "/{uuid}", delete_lb),
    ("POST", _LB + "/{uuid}/targets", add_target),
    ("DELETE", _LB + "/{uuid}/targets/{target_uuid}", remove_target),
    ("POST", _LB + "/{uuid}/forwarding_rules", add_rule),
    ("DELETE", _LB + "/{uuid}/forwarding_rules/{rule_uuid}", remove_rule),
    ("PUT", _LB + "/{uuid}/billing_account", set_billing),
]
