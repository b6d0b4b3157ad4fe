"""`vm update` and `vm delete` (with the floating IPs a deleted VM leaves behind)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, List, Optional

import typer

from idcctl.cli.vm.common import disks_text, label, vm_argument, vm_arguments, vm_target, wait_timeout_option, waiter
from idcctl.cli.vm.wait import GONE
from idcctl.errors import IdcctlError, UsageError
from idcctl.shell.core import App, state_of

if TYPE_CHECKING:
    from idcctl.shell.state import State


app = App()


@app.command("update", examples=["idcctl vm update web-1 --name web-01",
                              "idcctl vm stop web-1 --wait && idcctl vm update web-1 --vcpu 4 --ram 8192"])
def vm_update(
    ctx: typer.Context,
    vm: str = vm_argument(),
    name: Optional[str] = typer.Option(None, "--name", help="New name."),
    vcpu: Optional[int] = typer.Option(None, "--vcpu", min=1, help="Number of CPUs (VM must be stopped)."),
    ram: Optional[int] = typer.Option(None, "--ram", metavar="MB", min=1,
                                      help="Memory in MB (VM must be stopped)."),
) -> None:
    """Rename a VM or change its CPUs and memory; only what differs from the VM now is sent.

    The live API fails when vcpu or ram is sent unchanged, so the VM is read
    first; when nothing differs, nothing is sent.
    """
    from idcctl.api import vms
    from idcctl.cli.shared.resolve import find_vm

    if name is None and vcpu is None and ram is None:
        raise UsageError("nothing to update", hint="give at least one of --name, --vcpu, --ram")
    from idcctl.cli.vm import validation as v
    from idcctl.cli.vm.params import rules

    state = state_of(ctx)
    parameters = rules(state)  # the rules vm create checks, before the VM is even looked up
    problems = v.check_name(parameters, name, None) if name is not None else []
    problems += v.check_range(parameters, "vcpu", vcpu, None, option="--vcpu")
    problems += v.check_range(parameters, "ram", ram, None, option="--ram", unit="MB")
    v.fail_if(problems)
    target = find_vm(state, vm)
    # The option, the VM's field holding its current value, the value asked for.
    asked = [("name", "name", name), ("vcpu", "vcpu", vcpu), ("ram", "memory", ram)]
    changes = {option: value for option, field, value in asked
               if value is not None and value != target.get(field)}
    if not changes:
        state.info(f"VM {label(target)} already has {_described(asked)}; nothing to change, nothing was sent.")
        state.render(target, "vm")
        return
    state.render(vms.update(state.client, str(target.get("uuid")), **changes), "vm")


def _described(asked: list[tuple[str, str, Any]]) -> str:
    units = {"vcpu": " vCPU", "ram": " MB RAM"}
    return ", ".join(f"name {value}" if option == "name" else f"{value}{units[option]}"
                     for option, _, value in asked if value is not None)


@app.command("delete", examples=["idcctl vm delete web-1", "idcctl vm delete web-1 --release-ips --yes",
                                 "idcctl vm delete test-1 test-2 test-3 --yes --wait"])
def vm_delete(
    ctx: typer.Context,
    vm: List[str] = vm_arguments(),
    release_ips: bool = typer.Option(False, "--release-ips",
                                     help="Also delete the floating IPs assigned to the VM, which "
                                          "otherwise stay reserved (and billed)."),
    wait: bool = typer.Option(False, "--wait", help="Poll until the VMs are gone."),
    wait_timeout: float = wait_timeout_option(),
) -> None:
    """Delete VMs and their disks (asks first). Their floating IPs stay reserved unless --release-ips."""
    from idcctl.api import vms as api
    from idcctl.cli.shared import targets

    state = state_of(ctx)
    resolve = vm_target(state, full=True)

    def target(ref: str) -> targets.Target:
        found = resolve(ref)
        found.data = {**found.data, "floating_ips": _floating_ips(state, found.ident)}
        found.loss = _loss(found.data, release_ips)
        return found

    targets.run(state, vm, targets.Action(
        "Delete", "Deleted", "VM", target, lambda t: api.delete(state.client, t.ident), asks=True,
        announce=True, preload=("vm",), after=lambda t, _: _after(state, t.data["floating_ips"], release_ips),
        wait=waiter(state, GONE, wait_timeout, wait=wait), reached="gone"))


def _loss(vm: dict[str, Any], release_ips: bool) -> str:
    lost = f"Its {disks_text(vm)} will be destroyed."
    if vm["floating_ips"]:
        lost += (f" Its floating IPs {', '.join(vm['floating_ips'])} will be "
                 + ("released." if release_ips else "left reserved (and billed)."))
    return lost


def _after(state: State, addresses: list[str], release_ips: bool) -> None:
    """Release the deleted VM's floating IPs, or say how (they stay reserved, and billed)."""
    if addresses and release_ips:
        _release(state, addresses)
    elif addresses:
        from idcctl.shell.hints import command

        where = ["-l", state.location] if state.location else []
        state.warn("these floating IPs were assigned to the VM and stay reserved (and billed); "
                   "release them with:")
        for address in addresses:
            state.info(f"  {command('ip', 'delete', address, *where)}")


def _floating_ips(state: State, uuid: str) -> list[str]:
    """Addresses of the floating IPs assigned to the VM."""
    from idcctl.api import ips

    found = ips.list(state.client, vm_uuid=uuid) or []
    # The filter is the API's; checking assigned_to as well guards against an ignored query.
    return [str(ip["address"]) for ip in found if isinstance(ip, dict) and ip.get("address")
            and ip.get("assigned_to", uuid) == uuid]


def _release(state: State, addresses: list[str]) -> None:
    """Delete each address, reporting each; one failure does not stop the others."""
    from idcctl.api import ips
    from idcctl.shell import hints

    failed = []
    for address in addresses:
        try:
            ips.delete(state.client, address)
        except IdcctlError as exc:
            state.info(f"error: floating IP {address}: {hints.message(exc)}", even_quiet=True)
            failed.append(address)
        else:
            state.info(f"Released floating IP {address}.")
    if failed:
        raise IdcctlError(f"the VM is deleted, but {len(failed)} floating IP(s) could not be released: "
                          f"{', '.join(failed)}", hint="retry with 'idcctl ip delete ADDRESS'")
