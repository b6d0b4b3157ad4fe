"""Private network endpoints (per location, as VMs are; rename takes a JSON body).

Which network a VM or load balancer sits in, and the default network, are
shared with the VM and load balancer handlers: see `model.networks`.
"""

from __future__ import annotations

from typing import Any

from idcctl.sandbox.common import EMPTY, MISSING, Request, error, field_errors, now_str
from idcctl.sandbox.model.networks import default_network, find_network, new_network, with_members



def list_networks(req: Request) -> Any:
    return [with_members(req.state, req.location, n) for n in req.state.networks.items(req.location)]


def get_network(req: Request) -> Any:
    return with_members(req.state, req.location, find_network(req.state, req.location, req.path_args["uuid"]))


def create_network(req: Request) -> Any:
    """With a name: a new network. Without: the default one, made if missing."""
    name = (req.text("name") or "").strip()
    network = new_network(req.state, req.location, name) if name else default_network(req.state, req.location)
    return with_members(req.state, req.location, network)


def rename_network(req: Request) -> Any:
    network = find_network(req.state, req.location, req.path_args["uuid"])
    name = (req.text("name") or "").strip()
    if not name:
        raise field_errors({"name": MISSING})
    network.update({"name": name, "updated_at": now_str()})
    return with_members(req.state, req.location, network)


def delete_network(req: Request) -> Any:
    """Only a network without resources that is not the default can go."""
    network = find_network(req.state, req.location, req.path_args["uuid"])
    if network["is_default"]:
        raise error("The default network cannot be deleted.")
    if with_members(req.state, req.location, network)["resources_count"]:
        raise error("The network cannot be deleted while it contains resources.")
    req.state.networks.items(req.location).remove(network)
    return EMPTY


def set_default(req: Request) -> Any:
    chosen = find_network(req.state, req.location, req.path_args["uuid"])
    for network in req.state.networks.items(req.location):
        network["is_default"] = network is chosen
    chosen["updated_at"] = now_str()
    return with_members(req.state, req.location, chosen)


ROUTES = [
    ("GET", "/network/networks", list_networks),
    ("POST", "/network/network", create_network),
    ("GET", "/network/network/{uuid}", get_network),
    ("PATCH", "/network/network/{uuid}", rename_network),
    ("DELETE", "/network/network/{uuid}", delete_network),
    ("PUT", "/network/network/{uuid}/default", set_default),
]
