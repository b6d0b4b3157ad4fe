"""`vm list` (one location or all at once) and `vm show`."""

from __future__ import annotations

import typer

from idcctl.cli.shared.locations import all_locations_option
from idcctl.cli.vm.common import vm_argument
from idcctl.shell.core import App, state_of

app = App()


@app.command("list", examples=["idcctl vm list", "idcctl vm list --all-locations",
                             "idcctl vm list -o json | jq -r '.[].name'"])
def vm_list(ctx: typer.Context, all_locations: bool = all_locations_option()) -> None:
    """List VMs in the location (or, with --all-locations, in every location)."""
    from idcctl.cli.shared.concurrent import wants_table
    from idcctl.cli.shared.locations import render_list
    from idcctl.cli.vm.ip_column import listing

    state = state_of(ctx)
    render_list(state, listing(state), "vm_public" if wants_table(state) else "vm",
                all_locations=all_locations, names="vm")


@app.command("show", examples=["idcctl vm show web-1", "idcctl vm show web-1 -o json | jq .status"])
def vm_show(ctx: typer.Context, vm: str = vm_argument()) -> None:
    """Show every field of a VM, its disks and their replicas."""
    from idcctl.api import vms
    from idcctl.cli.shared.resolve import resolve_vm
    from idcctl.cli.vm.ip_column import render_vm

    state = state_of(ctx)
    # By name too, the answer comes from GET vm?uuid=: the list's entries may hold fewer fields.
    uuid = resolve_vm(state, vm)
    render_vm(state, lambda: vms.get(state.client, uuid))
