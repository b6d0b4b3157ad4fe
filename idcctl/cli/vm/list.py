"""`vm list` (one location or all at once) and `vm show` (with the firewalls protecting each VM)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, List

import typer

from idcctl.cli.shared.locations import all_locations_option
from idcctl.cli.shared.parts import in_parts
from idcctl.cli.vm.common import vm_arguments, vm_target
from idcctl.errors import IdcctlError
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


@app.command("show", examples=["idcctl vm show web-1", "idcctl vm show web-1 -o json | jq .status",
                               "idcctl vm show web-1 web-2 -o json | jq '.[].status'"])
def vm_show(ctx: typer.Context, vm: List[str] = vm_arguments()) -> None:
    """Show every field of VMs, their disks and replicas, and the firewalls protecting them.

    With several VMs, -o json/yaml print a list of them (in the order given).
    """
    from idcctl.cli.shared import targets

    state = state_of(ctx)
    refs = targets.expand(state, vm)
    if len(refs) == 1:
        from idcctl.cli.shared.resolve import resolve_vm

        _show(state, resolve_vm(state, refs[0]))
        return
    found, missing = targets.resolve_all(state, refs, vm_target(state), "VM", ("vm",))
    failed = dict(missing)
    if in_parts(state):
        for target in found:
            try:
                _show(state, target.ident)
            except IdcctlError as exc:
                targets.report(state, exc, target.ref, target.label)
                failed[target.ref] = exc
    else:
        failed.update(_show_all(state, found))
    if failed:
        raise targets.Failed(f"{len(failed)} of {len(refs)} VMs could not be shown: {', '.join(failed)}",
                             max(e.exit_code for e in failed.values()))


def _show(state: State, uuid: str) -> None:
    from idcctl.api import firewalls, vms
    from idcctl.cli.shared.concurrent import with_detail
    from idcctl.cli.vm.ip_column import render_vm

    # By name too, the answer comes from GET vm?uuid=: the list's entries may hold fewer fields.
    fetch = lambda: vms.get(state.client, uuid)  # noqa: E731
    if not in_parts(state):
        render_vm(state, fetch)  # json/yaml: the API's VM, unchanged
        return
    # The VM payload does not say which firewalls protect it: one firewall list beside the VM read.
    _, found = with_detail(lambda: render_vm(state, fetch), lambda: firewalls.list(state.client))
    _render_firewalls(state, uuid, found)


def _show_all(state: State, found: list[Any]) -> dict[str, IdcctlError]:
    """-o json/yaml (or -q) of several VMs: read at once, printed as one list; the failures reported."""
    from idcctl.api import vms
    from idcctl.cli.shared import targets
    from idcctl.cli.shared.concurrent import run_all

    def read(target: Any) -> Any:
        try:
            return vms.get(state.client, target.ident), None
        except IdcctlError as exc:
            targets.report(state, exc, target.ref, target.label)
            return None, exc

    outcomes = run_all([lambda t=t: read(t) for t in found], max_workers=targets.MAX_AT_ONCE)
    state.render([vm for vm, error in outcomes if error is None], "vm")
    return {t.ref: error for t, (_, error) in zip(found, outcomes) if error is not None}


def _render_firewalls(state: State, uuid: str, found: Any) -> None:
    """The firewalls whose assignments hold the VM; nothing at all when the list could not be read."""
    if not isinstance(found, list):
        return
    from idcctl.cli.shared.parts import objects, titled_table

    protecting = [f for f in found if isinstance(f, dict) and any(
        str(r.get("resource_uuid")) == uuid for r in objects(f, "resources_assigned"))]
    titled_table(state, "Firewalls", protecting, "firewall")
