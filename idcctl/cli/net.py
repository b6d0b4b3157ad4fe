"""`net` commands (contract section "net (private networks)").

Networks are per location (``-l SLUG``): a VM or load balancer joins only a
network of its own location. NET is a name or UUID everywhere.
"""

from __future__ import annotations

from typing import Any, List, Optional

import typer

from idcctl.cli.shared.locations import all_locations_option
from idcctl.errors import UsageError
from idcctl.cli.shared.targets import arguments as targets_argument
from idcctl.shell.core import App, state_of

app = App(help="Private networks.", examples=["idcctl net list", "idcctl net create --name backend"])


def net_argument() -> Any:
    return typer.Argument(..., metavar="NET", help="Network name or UUID.", show_default=False)


def _label(network: dict[str, Any]) -> str:
    return f"{network.get('name') or '(no name)'} ({network.get('uuid')})"


@app.command("list", examples=["idcctl net list", "idcctl net list --all-locations",
                              "idcctl net list -o json | jq -r '.[] | .name'"])
def net_list(ctx: typer.Context, all_locations: bool = all_locations_option()) -> None:
    """List private networks with their subnet, VLAN and number of resources (--all-locations: everywhere)."""
    from idcctl.api import networks
    from idcctl.cli.shared.locations import render_list

    render_list(state_of(ctx), networks.list, "network", all_locations=all_locations, names="network")


@app.command("show", examples=["idcctl net show backend", "idcctl net show backend -o json | jq .vm_uuids"])
def net_show(ctx: typer.Context, net: str = net_argument()) -> None:
    """Show a network, with the UUIDs of the VMs in it."""
    from idcctl.api import networks
    from idcctl.cli.shared.resolve import resolve_network

    state = state_of(ctx)
    state.render(networks.get(state.client, resolve_network(state, net)), "network")


@app.command("create", examples=["idcctl net create --name backend", "idcctl net create"])
def net_create(
    ctx: typer.Context,
    name: Optional[str] = typer.Option(None, "--name", metavar="NAME",
                                       help="Name of the new network; leave it out to get (or create) "
                                            "the default network."),
) -> None:
    """Create a private network; without --name, get (or create) the default one.

    Without --name the API returns the default network, creating it as
    'Default network' when there is none. A user's first network becomes the default.
    """
    from idcctl.api import networks

    if name is not None and not name.strip():
        raise UsageError("--name cannot be empty", hint="leave --name out to get the default network")
    state = state_of(ctx)
    network = networks.create(state.client, name)
    if isinstance(network, dict):
        state.info(f"{'Created' if name else 'Default'} network {_label(network)}.")
    state.render(network, "network")


@app.command("rename", examples=["idcctl net rename backend backend-2"])
def net_rename(ctx: typer.Context, net: str = net_argument(),
               name: str = typer.Argument(..., metavar="NAME", help="New name.", show_default=False)) -> None:
    """Rename a private network."""
    from idcctl.api import networks
    from idcctl.cli.shared.resolve import resolve_network

    if not name.strip():
        raise UsageError("the new name cannot be empty")
    state = state_of(ctx)
    state.render(networks.rename(state.client, resolve_network(state, net), name), "network")


@app.command("delete", examples=["idcctl net delete backend", "idcctl net delete test-a test-b --yes"])
def net_delete(ctx: typer.Context,
               net: List[str] = targets_argument("NET", "Network names or UUIDs")) -> None:
    """Delete private networks (the API refuses while one holds resources or is the default)."""
    from idcctl.api import networks
    from idcctl.cli.shared import targets

    state = state_of(ctx)
    targets.run(state, net, targets.Action(
        "Delete", "Deleted", "network", lambda ref: _deletable(state, ref),
        lambda t: networks.delete(state.client, t.ident), asks=True, announce=True, preload=("network",)))


def _deletable(state: Any, ref: str) -> Any:
    from idcctl.cli.shared.resolve import find_network
    from idcctl.cli.shared.targets import Target

    network = find_network(state, ref)
    loss = ""
    held = [str(u) for u in network.get("vm_uuids") or []]
    if held:
        loss += (f" It still holds VMs {', '.join(_vm_names(state, held))}; "
                 "the API refuses to delete a network with resources.")
    if network.get("is_default"):
        loss += " It is the default network, which the API does not delete."
    return Target(ref, str(network.get("uuid")), f"network {_label(network)}", loss=loss.strip(), data=network)


def _vm_names(state: Any, uuids: list[str]) -> list[str]:
    """'name (uuid)' for VMs of this location; bare UUIDs for the rest (or if the list fails)."""
    from idcctl.api import vms
    from idcctl.cli.shared.concurrent import names_by_uuid
    from idcctl.errors import IdcctlError

    try:
        names = names_by_uuid(vms.list(state.client))
    except IdcctlError:
        names = {}
    return [f"{names[u]} ({u})" if u in names else u for u in uuids]


@app.command("set-default", examples=["idcctl net set-default backend"])
def net_set_default(ctx: typer.Context, net: str = net_argument()) -> None:
    """Make a network the default for new resources (the others stop being default)."""
    from idcctl.api import networks
    from idcctl.cli.shared.resolve import resolve_network

    state = state_of(ctx)
    network = networks.set_default(state.client, resolve_network(state, net))
    if isinstance(network, dict):
        state.info(f"Network {_label(network)} is now the default.")
    state.render(network, "network")
