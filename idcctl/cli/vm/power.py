"""`vm start|stop|reinstall|clone|rebuild`: actions on a VM's running state or disks.

The ones that take a while (the API is reported to block 30 s or more) offer
``--wait``, which polls `vm show` until the VM reaches the wanted status.
"""

from __future__ import annotations

from typing import Optional

import typer

from idcctl.cli.vm.common import (
    confirm_on,
    show_result,
    vm_argument,
    wait_option,
    wait_timeout_option,
)
from idcctl.shell.core import App, state_of

app = App()


@app.command("start", examples=["idcctl vm start web-1", "idcctl vm start web-1 --wait"])
def start(ctx: typer.Context, vm: str = vm_argument(), wait: bool = wait_option(),
          wait_timeout: float = wait_timeout_option()) -> None:
    """Start a VM."""
    from idcctl.api import vms
    from idcctl.cli.shared.resolve import resolve_vm

    state = state_of(ctx)
    uuid = resolve_vm(state, vm)
    result = vms.start(state.client, uuid)
    show_result(state, result, uuid, wait=wait, want="running", timeout=wait_timeout)


@app.command("stop", examples=["idcctl vm stop web-1 --wait", "idcctl vm stop web-1 --force --yes"])
def stop(
    ctx: typer.Context,
    vm: str = vm_argument(),
    force: bool = typer.Option(False, "--force",
                               help="Cut the power instead of an ACPI shutdown (may corrupt data; asks first)."),
    wait: bool = wait_option(),
    wait_timeout: float = wait_timeout_option(),
) -> None:
    """Shut a VM down gracefully, or with --force pull the plug."""
    from idcctl.api import vms
    from idcctl.cli.shared.resolve import find_vm, resolve_vm

    state = state_of(ctx)
    if force:
        target = find_vm(state, vm)
        uuid = str(target.get("uuid"))
        confirm_on(state, target, "Force-stop",
                   loss="This cuts its power: unsaved data may be lost and its disks left corrupt.")
    else:
        uuid = resolve_vm(state, vm)
    result = vms.stop(state.client, uuid, force=force)
    show_result(state, result, uuid, wait=wait, want="stopped", timeout=wait_timeout)


@app.command("reinstall", examples=["idcctl vm reinstall web-1", "idcctl vm reinstall web-1 --os debian --os-version 12 --wait"])
def reinstall(
    ctx: typer.Context,
    vm: str = vm_argument(),
    os_name: Optional[str] = typer.Option(None, "--os", help="OS to install [default: the VM's current OS]."),
    os_version: Optional[str] = typer.Option(
        None, "--os-version", help="OS version, as 'image list' shows it (e.g. 22.04-lts) "
                                   "[default: the VM's current version]."),
    wait: bool = wait_option(),
    wait_timeout: float = wait_timeout_option(),
) -> None:
    """Wipe a VM's disk and install a fresh OS image (asks first)."""
    from idcctl.api import vms
    from idcctl.cli.shared.resolve import find_vm

    state = state_of(ctx)
    target = find_vm(state, vm)
    uuid = str(target.get("uuid"))
    new_os = " ".join(filter(None, (os_name or target.get("os_name"),
                                    os_version or (None if os_name else target.get("os_version")))))
    confirm_on(state, target, "Reinstall", detail=f" with {new_os or 'its current OS'}",
               loss="Its current disk contents will be lost.")
    result = vms.reinstall(state.client, uuid, os_name=os_name, os_version=os_version)
    show_result(state, result, uuid, wait=wait, want="running", timeout=wait_timeout)


@app.command("clone", examples=["idcctl vm clone web-1 --name web-1-copy --wait"])
def clone(
    ctx: typer.Context,
    vm: str = vm_argument(),
    name: str = typer.Option(..., "--name", help="Name of the new VM.", show_default=False),
    wait: bool = wait_option(),
    wait_timeout: float = wait_timeout_option(),
) -> None:
    """Make a new VM as a copy of an existing one; --wait waits for the copy."""
    from idcctl.api import vms
    from idcctl.cli.shared.resolve import resolve_vm
    from idcctl.cli.vm.params import rules
    from idcctl.cli.vm.validation import check_vm_name

    state = state_of(ctx)
    check_vm_name(rules(state), name)
    result = vms.clone(state.client, resolve_vm(state, vm), name)
    new_uuid = result.get("uuid") if isinstance(result, dict) else None
    show_result(state, result, new_uuid, wait=wait, want="running", timeout=wait_timeout)


@app.command("rebuild", examples=["idcctl vm snapshot list web-1", "idcctl vm rebuild web-1 --replica REPLICA --wait"])
def rebuild(
    ctx: typer.Context,
    vm: str = vm_argument(),
    replica: str = typer.Option(..., "--replica", metavar="REPLICA", show_default=False,
                                help="Snapshot or backup to restore (see 'vm snapshot list')."),
    wait: bool = wait_option(),
    wait_timeout: float = wait_timeout_option(),
) -> None:
    """Replace a VM's disk with one of its snapshots or backups (asks first)."""
    from idcctl.api import vms
    from idcctl.cli.shared.resolve import find_vm

    state = state_of(ctx)
    target = find_vm(state, vm)
    uuid = str(target.get("uuid"))
    confirm_on(state, target, "Rebuild", detail=f" from replica {replica}",
               loss="Its current disk contents will be lost.")
    result = vms.rebuild(state.client, uuid, replica)
    show_result(state, result, uuid, wait=wait, want="running", timeout=wait_timeout)
