"""Private network endpoints (not location-scoped; rename takes a JSON body).

Which network a VM or load balancer sits in, and the default network, are
shared with the VM and load balancer handlers: see `model.networks`.
"""

from __future__ import annotations

from typing import Any

from idcctl.sandbox.common import EMPTY, MISSING, Request, error, field_errors, now_str
from idcctl.sandbox.model.networks import default_network, find_network, networks, new_network, with_members



def list_networks(req: Request) -> Any:
    return [with_members(req.state, n) for n in networks(req.state)]


def get_network(req: Request) -> Any:
    return with_members(req.state, find_network(req.state, req.path_args["uuid"]))


def create_network(req: Request) -> Any:
    """With a name: a new network. Without: the default one, made if missing."""
    name = (req.text("name") or "").strip()
    network = new_network(req.state, name) if name else default_network(req.state)
    return with_members(req.state, network)


def rename_network(req: Request) -> Any:
    network = find_network(req.state, req.path_args["uuid"])
    name = (req.text("name") or "").strip()
    if not name:
        raise field_errors({"name": MISSING})
    network.update({"name": name, "updated_at": now_str()})
    return with_members(req.state, network)


def delete_network(req: Request) -> Any:
    """Only a network without resources that is not the default can go."""
    network = find_network(req.state, req.path_args["uuid"])
    if network["is_default"]:
        raise error("The default network cannot be deleted.")
    if with_members(req.state, network)["resources_count"]:
        raise error("The network cannot be deleted while it contains resources.")
    networks(req.state).remove(network)
    return EMPTY


def set_default(req: Request) -> Any:
    chosen = find_network(req.state, req.path_args["uuid"])
    for network in networks(req.state):  # places default-less VMs before the default moves
        network["is_default"] = network is chosen
    chosen["updated_at"] = now_str()
    return with_members(req.state, chosen)


ROUTES = [
    ("GET", "/network/networks", list_networks),
    ("POST", "/network/network", create_network),
    ("GET", "/network/network/{uuid}", get_network),
    ("PATCH", "/network/network/{uuid}", rename_network),
    ("DELETE", "/network/network/{uuid}", delete_network),
    ("PUT", "/network/network/{uuid}/default", set_default),
]
