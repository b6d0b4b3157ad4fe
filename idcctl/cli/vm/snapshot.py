"""`vm snapshot list|create|delete`: replicas (snapshots and backups) of a VM's disk."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, List, Optional

import typer

from idcctl.cli.vm.common import label, vm_argument
from idcctl.errors import UsageError
from idcctl.shell.core import App, state_of

if TYPE_CHECKING:
    from idcctl.shell.state import State

app = App(help="Snapshots and backups (replicas) of a VM.",
          examples=["idcctl vm snapshot create web-1", "idcctl vm snapshot list web-1 --type backup"])
REPLICA_TYPES = ("snapshot", "backup")


@app.command("list", examples=["idcctl vm snapshot list web-1", "idcctl vm snapshot list web-1 --type backup"])
def snapshot_list(
    ctx: typer.Context,
    vm: str = vm_argument(),
    r_type: Optional[str] = typer.Option(None, "--type", metavar="snapshot|backup",
                                         help="Which kind to list [default: the API's, snapshot]."),
) -> None:
    """List a VM's snapshots, or its automatic backups with --type backup."""
    from idcctl.api import vms
    from idcctl.cli.shared.resolve import resolve_vm

    if r_type is not None and r_type not in REPLICA_TYPES:
        raise UsageError(f"--type must be snapshot or backup, not '{r_type}'")
    state = state_of(ctx)
    state.render(vms.list_replicas(state.client, resolve_vm(state, vm), r_type=r_type), "replica")


@app.command("create", examples=["idcctl vm snapshot create web-1"])
def snapshot_create(ctx: typer.Context, vm: str = vm_argument()) -> None:
    """Take a snapshot of a VM's disk; prints the new snapshot (-o json: the API's answer, its disk)."""
    from idcctl.api import vms
    from idcctl.cli.shared.resolve import resolve_vm

    state = state_of(ctx)
    disk = vms.create_replica(state.client, resolve_vm(state, vm))
    snapshot = newest_replica(disk)
    if snapshot is None or state.output_options().format != "table":
        state.render(disk, "vm_disk")
        return
    # The API answers with the disk and all its replicas; what was made is the newest one,
    # shown as one row of `vm snapshot list`.
    state.render([snapshot], "replica")


def newest_replica(disk: Any) -> dict[str, Any] | None:
    """The latest replica of a disk (the one just taken), or None when the answer lists none."""
    replicas = [r for r in (disk.get("replica") or []) if isinstance(r, dict)] if isinstance(disk, dict) else []
    # max() keeps the first of equal times: reversed, the later-listed one wins a tie.
    return max(reversed(replicas), key=lambda r: str(r.get("created_at") or ""), default=None)


@app.command("delete", examples=["idcctl vm snapshot delete REPLICA",
                                 "idcctl vm snapshot list web-1 -q | idcctl vm snapshot delete - --yes"])
def snapshot_delete(
    ctx: typer.Context,
    replica: List[str] = typer.Argument(..., metavar="REPLICA...", show_default=False,
                                        help="Replica UUIDs, as 'vm snapshot list' shows them, one or more "
                                             "('-' reads them from stdin)."),
) -> None:
    """Delete snapshots or backups (asks first)."""
    from idcctl.api import vms
    from idcctl.cli.shared import targets

    if any(not ref.strip() for ref in replica):
        raise UsageError("the replica UUID is empty")
    state = state_of(ctx)

    def deletable(ref: str) -> targets.Target:
        owner = _owner(state, ref)
        what = f"replica {ref}" + (f" of VM {label(owner)}" if owner else "")
        return targets.Target(ref, ref, what, loss="The VM can no longer be rebuilt from it.")

    targets.run(state, replica, targets.Action(
        "Delete", "Deleted", "replica", deletable, lambda t: vms.delete_replica(state.client, t.ident),
        asks=True, announce=True, preload=("vm",)))


def _owner(state: State, replica: str) -> dict[str, Any] | None:
    """The VM a replica belongs to, so the prompt can name it; None when it cannot be told."""
    from idcctl.cli.shared.resolve import listed

    for vm in listed(state, "vm"):
        for disk in (vm.get("storage") or []) if isinstance(vm, dict) else []:
            listed = [r.get("uuid") for r in disk.get("replica") or [] if isinstance(r, dict)]
            # Replica UUIDs are the disk's UUID plus a timestamp; backups may not be listed on the VM.
            if replica in listed or (disk.get("uuid") and replica.startswith(str(disk["uuid"]))):
                return vm
    return None
