"""`vm start|stop|wait|reinstall|clone|rebuild`: actions on a VM's running state or disks.

The ones that take a while (the API is reported to block 30 s or more) offer
``--wait``, which polls `vm show` until the VM reaches the wanted status.
"""

from __future__ import annotations

from typing import List, Optional

import typer

from idcctl.cli.vm.common import (
    confirm_on,
    show_result,
    vm_argument,
    vm_arguments,
    vm_target,
    waiter,
    wait_option,
    wait_timeout_option,
)
from idcctl.cli.vm.wait import DEFAULT_WAIT_TIMEOUT, STATUSES, check_status, check_wait_timeout
from idcctl.shell.core import App, state_of

app = App()


@app.command("start", examples=["idcctl vm start web-1", "idcctl vm start web-1 web-2 --wait",
                                 "idcctl vm list --filter status=stopped -q | idcctl vm start -"])
def start(ctx: typer.Context, vm: List[str] = vm_arguments(), wait: bool = wait_option(),
          wait_timeout: float = wait_timeout_option()) -> None:
    """Start one or more VMs (several at once: see 'Working with many resources' in the README)."""
    from idcctl.api import vms as api
    from idcctl.cli.shared import targets

    state = state_of(ctx)
    targets.run(state, vm, targets.Action(
        "Start", "Started", "VM", vm_target(state), lambda t: api.start(state.client, t.ident), kind="vm",
        preload=("vm",), wait=waiter(state, "running", wait_timeout, wait=wait), reached="running"))


@app.command("stop", examples=["idcctl vm stop web-1 --wait", "idcctl vm stop web-1 web-2 --yes",
                                "idcctl vm stop web-1 --force --yes"])
def stop(
    ctx: typer.Context,
    vm: List[str] = vm_arguments(),
    force: bool = typer.Option(False, "--force",
                               help="Cut the power instead of an ACPI shutdown (may corrupt data; asks first)."),
    wait: bool = wait_option(),
    wait_timeout: float = wait_timeout_option(),
) -> None:
    """Shut VMs down gracefully, or with --force pull the plug."""
    from idcctl.api import vms as api
    from idcctl.cli.shared import targets

    state = state_of(ctx)
    resolve = vm_target(state, full=force)

    def target(ref: str) -> targets.Target:
        found = resolve(ref)
        found.loss = "This cuts its power: unsaved data may be lost and its disks left corrupt." if force else ""
        return found

    targets.run(state, vm, targets.Action(
        "Force-stop" if force else "Stop", "Force-stopped" if force else "Stopped", "VM", target,
        lambda t: api.stop(state.client, t.ident, force=force), asks=force, kind="vm", preload=("vm",),
        wait=waiter(state, "stopped", wait_timeout, wait=wait), reached="stopped"))


@app.command("wait", examples=["idcctl vm wait web-1 --for running",
                                "idcctl vm wait web-1 web-2 --for stopped --timeout 120",
                                "idcctl vm delete web-1 --yes && idcctl vm wait web-1-uuid --for deleted"])
def wait_command(
    ctx: typer.Context,
    vm: List[str] = vm_arguments(),
    status: str = typer.Option(..., "--for", metavar="|".join(STATUSES), show_default=False,
                               callback=check_status, help="What to wait for: running, stopped, or deleted (gone)."),
    timeout: float = typer.Option(DEFAULT_WAIT_TIMEOUT, "--timeout", metavar="SECONDS", min=1.0,
                                  callback=check_wait_timeout, help="Give up after this long (exit 6)."),
) -> None:
    """Wait until VMs are running, stopped or deleted; exit 6 when the timeout passes first.

    The same poller as --wait: `vm show` with backoff, one progress display on
    a terminal. Prints the VMs once there (nothing for deleted ones).
    """
    from idcctl.cli.shared import targets

    state = state_of(ctx)
    # Waiting for a VM to be gone: a UUID may already be gone, so it is not looked up first.
    targets.run(state, vm, targets.Action(
        "Wait for", None, "VM", vm_target(state), lambda t: None, kind="vm", preload=("vm",),
        wait=waiter(state, status, timeout, option="--timeout"), reached=status))


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
    show_result(state, result, uuid, wait=wait, want="running", timeout=wait_timeout, name=target.get("name"))


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
    show_result(state, result, new_uuid, wait=wait, want="running", timeout=wait_timeout, name=name)


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
    show_result(state, result, uuid, wait=wait, want="running", timeout=wait_timeout, name=target.get("name"))
