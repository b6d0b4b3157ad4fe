"""`vm disk add|resize|remove`: disks attached to a VM (the VM endpoints, not `disk`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import typer

from idcctl.cli.vm.common import label, size_option, vm_argument
from idcctl.errors import UsageError
from idcctl.shell.core import App, state_of
from idcctl.shell.hints import command

if TYPE_CHECKING:
    from idcctl.shell.state import State

app = App(help="Disks attached to a VM: add, resize, remove.",
          examples=["idcctl vm disk add web-1 --size 50", "idcctl vm disk resize web-1 DISK --size 100"])


def _disk_argument() -> Any:
    return typer.Argument(..., metavar="DISK", show_default=False,
                          help="Disk UUID or name (e.g. vdb), as 'vm show' lists them.")


def _find_disk(state: State, vm_ref: str, disk_ref: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The VM and one of its disks, by the disk's UUID or device name."""
    from idcctl.cli.shared.resolve import find_vm, pick

    vm = find_vm(state, vm_ref)
    disk = pick(vm.get("storage") or [], disk_ref, kind=f"disk of VM {label(vm)}",
                list_hint=command("vm", "show", vm.get("uuid")))
    return vm, disk


@app.command("add", examples=["idcctl vm disk add web-1 --size 50"])
def disk_add(ctx: typer.Context, vm: str = vm_argument(),
             size: int = size_option("Size of the new disk in GB.")) -> None:
    """Create a new empty disk and attach it to a VM."""
    from idcctl.api import vms
    from idcctl.cli.shared.resolve import resolve_vm

    state = state_of(ctx)
    state.render(vms.add_disk(state.client, resolve_vm(state, vm), size), "vm_disk")


@app.command("resize", examples=["idcctl vm disk resize web-1 vdb --size 100"])
def disk_resize(ctx: typer.Context, vm: str = vm_argument(), disk: str = _disk_argument(),
                size: int = size_option("New size in GB; disks only grow.")) -> None:
    """Grow a VM's disk."""
    from idcctl.api import vms

    state = state_of(ctx)
    target, found = _find_disk(state, vm, disk)
    current = found.get("size")
    # The API refuses to shrink; saying so here names the current size.
    if isinstance(current, int) and size < current:
        raise UsageError(f"disk {found.get('name') or found.get('uuid')} is {current} GB; "
                         f"it cannot shrink to {size} GB")
    result = vms.resize_disk(state.client, str(target.get("uuid")), str(found.get("uuid")), size)
    state.render(result, "vm_disk")


@app.command("remove", examples=["idcctl vm disk remove web-1 vdb", "idcctl vm disk remove web-1 vdb --yes"])
def disk_remove(ctx: typer.Context, vm: str = vm_argument(), disk: str = _disk_argument()) -> None:
    """Detach and destroy a VM's disk; its data is lost (asks first). The boot disk cannot be removed."""
    from idcctl.api import vms

    state = state_of(ctx)
    target, found = _find_disk(state, vm, disk)
    what = f"{found.get('name') or '(no name)'} ({found.get('uuid')}, {found.get('size')} GB)"
    if found.get("primary"):
        raise UsageError(f"disk {what} is the boot disk of VM {label(target)}; the API cannot remove it",
                         hint="'idcctl vm delete' removes the whole VM")
    state.confirm(f"Remove disk {what} from VM {label(target)}? Its data will be irrecoverably lost.",
                  action=f"remove disk {found.get('uuid')}")
    result = vms.remove_disk(state.client, str(target.get("uuid")), str(found.get("uuid")))
    state.info(f"Removed disk {what} from VM {label(target)}.")
    state.render(result)
