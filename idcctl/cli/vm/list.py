"""`vm list` (one location or all at once) and `vm show` (with the firewalls protecting the VM)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import typer

from idcctl.cli.shared.locations import all_locations_option
from idcctl.cli.vm.common import vm_argument
from idcctl.shell.core import App, state_of

if TYPE_CHECKING:
    from idcctl.shell.state import State

app = App()


@app.command("list", examples=["idcctl vm list --all-locations --sort location,name",
                             "idcctl vm list --filter status=stopped --sort -created_at",
                             "idcctl vm list --cost --filter 'name=web-*'"])
def vm_list(
    ctx: typer.Context,
    all_locations: bool = all_locations_option(),
    cost: bool = typer.Option(False, "--cost", help="Add each VM's estimated price per hour and per 30 days "
                              "(from the pricing policy, as 'billing estimate'), and a total."),
) -> None:
    """List VMs in the location (or, with --all-locations, in every location)."""
    from idcctl.cli.shared.concurrent import wants_table
    from idcctl.cli.shared.locations import render_list
    from idcctl.cli.vm.ip_column import listing

    state = state_of(ctx)
    fetch = listing(state)
    if cost:
        fetch = _priced(state, fetch)
    render_list(state, fetch, "vm_public" if wants_table(state) else "vm",
                all_locations=all_locations, names="vm")


def _priced(state: State, fetch: Any) -> Any:
    """--cost: each location's VMs with their estimates, and the table's TOTAL row of those shown."""
    from idcctl.cli.vm import cost

    state.table_footer = cost.total_row
    if state.output_options().format == "table" and not state.flag("quiet"):
        state.info(cost.NOTE)
    return lambda client: cost.with_costs(state, fetch(client))


@app.command("show", examples=["idcctl vm show web-1", "idcctl vm show web-1 -o json | jq .status"])
def vm_show(ctx: typer.Context, vm: str = vm_argument()) -> None:
    """Show every field of a VM, its disks and their replicas, and the firewalls protecting it."""
    from idcctl.api import firewalls, vms
    from idcctl.cli.shared.concurrent import with_detail
    from idcctl.cli.shared.parts import in_parts
    from idcctl.cli.shared.resolve import resolve_vm
    from idcctl.cli.vm.ip_column import render_vm

    state = state_of(ctx)
    # By name too, the answer comes from GET vm?uuid=: the list's entries may hold fewer fields.
    uuid = resolve_vm(state, vm)
    fetch = lambda: vms.get(state.client, uuid)  # noqa: E731
    if not in_parts(state):
        render_vm(state, fetch)  # json/yaml: the API's VM, unchanged
        return
    # The VM payload does not say which firewalls protect it: one firewall list beside the VM read.
    _, found = with_detail(lambda: render_vm(state, fetch), lambda: firewalls.list(state.client))
    _render_firewalls(state, uuid, found)


def _render_firewalls(state: State, uuid: str, found: Any) -> None:
    """The firewalls whose assignments hold the VM; nothing at all when the list could not be read."""
    if not isinstance(found, list):
        return
    from idcctl.cli.shared.parts import objects, titled_table

    protecting = [f for f in found if isinstance(f, dict) and any(
        str(r.get("resource_uuid")) == uuid for r in objects(f, "resources_assigned"))]
    titled_table(state, "Firewalls", protecting, "firewall")
