"""`firewall assign|unassign FW --vm VM`: which VMs a firewall protects.

The VM is found in the same location as the firewall (the live API keeps
both per location): a VM of another location is refused before anything
is sent (exit 2, naming both locations). Assigning a firewall that lets no SSH in, or taking
away one that did, is said on stderr: `vm ssh` would no longer get through.
"""

from __future__ import annotations

from typing import Any

import typer

from idcctl.cli.firewall.common import assigned_vms, find_firewall, fw_argument, label
from idcctl.errors import NotFoundError
from idcctl.shell.core import App, state_of

app = App()


def _vm_option() -> Any:
    return typer.Option(..., "--vm", metavar="VM", show_default=False, help="VM name or UUID.")


def _vm_here(state: Any, vm: str) -> str:
    """The VM's UUID in this location; one of another location is refused (exit 2), nothing sent."""
    from idcctl.cli.shared.placement import same_location

    [[found]] = same_location(state, [("vm", [vm])], rule="a firewall protects only VMs of its own location")
    return str(found.get("uuid"))


@app.command("assign", examples=["idcctl firewall assign web --vm web-1"])
def firewall_assign(ctx: typer.Context, fw: str = fw_argument(), vm: str = _vm_option()) -> None:
    """Protect a VM with a firewall."""
    from idcctl.api import firewalls
    from idcctl.cli.firewall.rules import allows_ssh

    state = state_of(ctx)
    found = find_firewall(state, fw)
    vm_uuid = _vm_here(state, vm)
    if not any(allows_ssh(r) for r in found.get("rules") or [] if isinstance(r, dict)):
        state.warn(f"firewall {label(found)} has no inbound rule allowing SSH (port 22): unless another "
                   f"firewall does, 'idcctl vm ssh {vm}' will not get through")
    answer = firewalls.assign(state.client, str(found.get("uuid")), vm_uuid)
    state.info(f"Firewall {label(found)} now protects VM {vm}" + ("" if vm == vm_uuid else f" ({vm_uuid})") + ".")
    state.render(answer, "firewall_vm")


@app.command("unassign", examples=["idcctl firewall unassign web --vm web-1",
                                  "idcctl firewall unassign web --vm web-1 --yes"])
def firewall_unassign(ctx: typer.Context, fw: str = fw_argument(), vm: str = _vm_option()) -> None:
    """Stop a firewall protecting a VM (asks first: its rules no longer apply to the VM)."""
    from idcctl.api import firewalls

    state = state_of(ctx)
    found = find_firewall(state, fw)
    vm_uuid = _vm_here(state, vm)
    if vm_uuid not in assigned_vms(found):
        raise NotFoundError(f"firewall {label(found)} does not protect VM {vm}",
                            hint=f"'idcctl firewall show {found.get('uuid')}' lists its VMs")
    shown = vm if vm == vm_uuid else f"{vm} ({vm_uuid})"
    state.confirm(f"Unassign firewall {label(found)} from VM {shown}? Its {len(found.get('rules') or [])} "
                  "rule(s) stop applying to the VM at once.", action=f"unassign firewall {label(found)}")
    result = firewalls.unassign(state.client, str(found.get("uuid")), vm_uuid)
    state.info(f"Firewall {label(found)} no longer protects VM {shown}.")
    state.render(result)
