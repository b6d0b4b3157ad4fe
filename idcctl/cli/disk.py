"""`disk` commands (contract section "disk (block storage)"): disks that outlive VMs.

A disk is made on its own (`disk create`: empty, or a copy of an OS base
image, another disk or a snapshot) in one location (``-l SLUG``) and may
have a name (``display_name``): DISK is that name or the disk's UUID. It is
then attached to a VM of that location (`disk attach/detach`; a VM of
another location is refused before sending). The disk payload does not say
where a disk is attached, so `disk delete` looks for it in the VM list of
the disk's location and refuses while a VM holds it: exit 2, naming the VM
and the `disk detach` command to run first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, List, Optional

import typer

from idcctl.cli.shared.locations import all_locations_option
from idcctl.cli.shared.inputs import MAX_DISK_GB
from idcctl.errors import NotFoundError, UsageError
from idcctl.shell.core import App, state_of
from idcctl.shell.hints import command

if TYPE_CHECKING:
    from idcctl.shell.state import State

app = App(help="Block storage: disks you create, attach to VMs, detach and delete.", examples=[
    "idcctl disk list",
    "DISK=$(idcctl disk create --size 10 -q) && idcctl disk attach \"$DISK\" --vm web-1",
])
SOURCE_TYPES = ("EMPTY", "OS_BASE", "DISK", "SNAPSHOT")


def _disk_argument() -> Any:
    return typer.Argument(..., metavar="DISK", show_default=False,
                          help="Disk name (display_name) or UUID, as 'idcctl disk list' shows them.")


def _disks_argument() -> Any:
    return typer.Argument(..., metavar="DISK...", show_default=False,
                          help="Disk names (display_name) or UUIDs, one or more ('-' reads them from stdin).")


def _vm_option() -> Any:
    return typer.Option(..., "--vm", metavar="VM", show_default=False, help="VM name or UUID.")


def _billing_option(help_text: str, required: bool = False) -> Any:
    return typer.Option(... if required else None, "--billing-account", metavar="ACCT", min=1,
                        show_default=False, help=help_text)


def disk_uuid(state: State, ref: str) -> str:
    """A disk's UUID: one given as such (lower-cased, as the API writes them), or a unique name's."""
    from idcctl.cli.shared.resolve import is_uuid, resolve

    return ref.lower() if is_uuid(ref) else resolve(state, "disk", ref).lower()


def _named(disk: dict[str, Any]) -> str:
    """How a disk is named in messages: its name and UUID, or its UUID."""
    name = disk.get("display_name")
    return f"{name} ({disk.get('uuid')})" if name else str(disk.get("uuid"))


def check_create(size: int | None, source_type: str, source: str | None) -> str:
    """The local rules of `disk create`; returns the source type in the API's spelling."""
    from idcctl.cli.shared.resolve import is_uuid

    kind = source_type.upper()
    if kind not in SOURCE_TYPES:
        raise UsageError(f"--source-type '{source_type}' is not one of {', '.join(SOURCE_TYPES)}")
    if kind == "EMPTY":
        if source:
            raise UsageError("--source is not used with --source-type EMPTY",
                             hint="give --source-type OS_BASE, DISK or SNAPSHOT to copy something")
        if size is None:
            raise UsageError("--size is required for an EMPTY disk", hint="e.g. --size 50 (GiB)")
    elif not source:
        example = "ubuntu_20.04" if kind == "OS_BASE" else f"the {kind.lower()}'s UUID"
        raise UsageError(f"--source is required with --source-type {kind} (e.g. {example})")
    elif kind in ("DISK", "SNAPSHOT") and not is_uuid(source):
        raise UsageError(f"--source '{source}' must be a {kind.lower()} UUID with --source-type {kind}",
                         hint="'idcctl disk list' and 'idcctl disk show DISK' show them")
    return kind


def attached_to(state: State, uuid: str) -> dict[str, Any] | None:
    """The VM of the current location whose storage holds the disk, if any."""
    from idcctl.api import vms

    for vm in vms.list(state.client) or []:
        if isinstance(vm, dict) and any(isinstance(d, dict) and str(d.get("uuid")).lower() == uuid
                                        for d in vm.get("storage") or []):
            return vm
    return None


def _what(disk: dict[str, Any]) -> str:
    snapshots = disk.get("snapshots") or []
    extra = f", {len(snapshots)} snapshot{'s' if len(snapshots) != 1 else ''}" if snapshots else ""
    name = f"{disk.get('display_name')}, " if disk.get("display_name") else ""
    return f"{disk.get('uuid')} ({name}{disk.get('size_gb')} GiB{extra})"


def _where(state: State) -> list[str]:
    """The location option a follow-up command needs to reach the same location."""
    return ["-l", state.location] if state.location else []


@app.command("list", examples=["idcctl disk list", "idcctl disk list --all-locations",
                               "idcctl disk list --read-only-bootable -o json | jq -r '.[].uuid'"])
def disk_list(
    ctx: typer.Context,
    all_locations: bool = all_locations_option(),
    read_only_bootable: bool = typer.Option(False, "--read-only-bootable",
                                            help="Only disks marked as bootable media for 'vm boot-iso --private'."),
) -> None:
    """List your disks in the location (or, with --all-locations, in every location)."""
    from idcctl.api import block_storage
    from idcctl.cli.shared.locations import render_list

    def fetch(client: Any) -> Any:
        return block_storage.list(client, read_only_bootable=read_only_bootable)

    # A filtered list is not every disk of the location: it must not become the TAB names.
    render_list(state_of(ctx), fetch, "disk", all_locations=all_locations,
                names=None if read_only_bootable else "disk")


@app.command("show", examples=["idcctl disk show 05a61876-86f3-4b05-b0ec-53ee6fa03ced",
                               "idcctl disk show 'Web server main'"])
def disk_show(ctx: typer.Context, disk: str = _disk_argument()) -> None:
    """Show a disk with its snapshots."""
    from idcctl.cli.shared.resolve import find, is_uuid

    state = state_of(ctx)
    state.render(find(state, "disk", disk.lower() if is_uuid(disk) else disk), "disk")


@app.command("create", examples=[
    "idcctl disk create --size 50",
    "idcctl disk create --source-type OS_BASE --source ubuntu_20.04 --size 30",
    "idcctl disk create --source-type SNAPSHOT --source 8ae9b8e2-54b5-4163-b692-1327ec39ce35",
])
def disk_create(
    ctx: typer.Context,
    size: Optional[int] = typer.Option(None, "--size", metavar="GB", min=1, max=MAX_DISK_GB,
                                       help="Size in GiB; required for EMPTY, else the source's size."),
    billing_account: Optional[int] = _billing_option("Billing account [default: profile's billing_account]."),
    source_type: str = typer.Option("EMPTY", "--source-type", metavar="TYPE",
                                    help="EMPTY, OS_BASE, DISK or SNAPSHOT."),
    source: Optional[str] = typer.Option(None, "--source", metavar="REF",
                                         help="What to copy: an OS base image (ubuntu_20.04), "
                                              "or a disk or snapshot UUID."),
    name: Optional[str] = typer.Option(None, "--name", metavar="NAME", help="A name for the disk (display_name)."),
) -> None:
    """Create a disk: empty, or a copy of an OS base image, a disk or a snapshot."""
    from idcctl.api import block_storage

    kind = check_create(size, source_type, source)
    _check_name(name)
    state = state_of(ctx)
    created = block_storage.create(state.client, size_gb=size, source_image_type=kind,
                                   billing_account_id=state.billing_account(billing_account),
                                   source_image=source, display_name=name)
    if isinstance(created, dict):
        attach = command("disk", "attach", created.get("uuid"), "--vm", "VM", *_where(state))
        state.info(f"Created disk {_named(created)}; attach it to a VM of the same location with '{attach}'.")
    state.render(created, "disk")


def _check_name(name: str | None) -> None:
    if name is not None and not name.strip():
        raise UsageError("--name cannot be empty")


@app.command("update", examples=["idcctl disk update 05a61876-86f3-4b05-b0ec-53ee6fa03ced --billing-account 129072",
                                 "idcctl disk update 'Web server main' --name web-data",
                                 "idcctl disk update my-installer --read-only-bootable"])
def disk_update(
    ctx: typer.Context,
    disk: str = _disk_argument(),
    billing_account: Optional[int] = _billing_option("Billing account to move the disk to."),
    name: Optional[str] = typer.Option(None, "--name", metavar="NAME", help="New name (display_name)."),
    read_only_bootable: Optional[bool] = typer.Option(
        None, "--read-only-bootable/--no-read-only-bootable", show_default=False,
        help="Mark the disk as bootable media (it holds an ISO 9660 image) for 'vm boot-iso --private', or not."),
) -> None:
    """Change a disk's name, billing account or read-only-bootable mark (only what is given)."""
    from idcctl.api import block_storage

    if billing_account is None and name is None and read_only_bootable is None:
        raise UsageError("nothing to change",
                         hint="give --name, --billing-account or --read-only-bootable/--no-read-only-bootable")
    _check_name(name)
    state = state_of(ctx)
    state.render(block_storage.update(state.client, disk_uuid(state, disk), billing_account, display_name=name,
                                      read_only_bootable=read_only_bootable), "disk")


@app.command("delete", examples=["idcctl disk delete 05a61876-86f3-4b05-b0ec-53ee6fa03ced",
                                 "idcctl disk list --filter 'display_name=test-*' -q | idcctl disk delete - --yes"])
def disk_delete(ctx: typer.Context, disk: List[str] = _disks_argument()) -> None:
    """Delete disks and all their snapshots (asks first); an attached disk is refused."""
    from idcctl.api import block_storage
    from idcctl.cli.shared import targets

    state = state_of(ctx)
    targets.run(state, disk, targets.Action(
        "Delete", "Deleted", "disk", lambda ref: _deletable(state, ref),
        lambda t: block_storage.delete(state.client, t.ident), asks=True, announce=True, preload=("disk",)))


def _deletable(state: State, ref: str) -> Any:
    """A disk to delete, with what is lost; one attached to a VM is refused (exit 2): detach it first."""
    from idcctl.api import block_storage
    from idcctl.cli.shared.targets import Target
    from idcctl.cli.vm.common import label

    uuid = disk_uuid(state, ref)
    found = block_storage.get(state.client, uuid) or {"uuid": uuid}
    holder = attached_to(state, uuid)
    if holder is not None:
        detach = command("disk", "detach", uuid, "--vm", holder.get("name") or holder.get("uuid"),
                         *_where(state))
        raise UsageError(f"disk {uuid} is attached to VM {label(holder)}; detach it first: {detach}",
                         hint="nothing was sent")
    loss = "Its data and snapshots will be irrecoverably lost."
    return Target(ref, uuid, f"disk {_what(found)}", loss=loss,
                  question=f"Delete disk {_what(found)}, attached to no VM? {loss}")


@app.command("attach", examples=["idcctl disk attach 05a61876-86f3-4b05-b0ec-53ee6fa03ced --vm web-1"])
def disk_attach(ctx: typer.Context, disk: str = _disk_argument(), vm: str = _vm_option()) -> None:
    """Attach a disk to a VM of the location (a disk and a VM of two locations are refused)."""
    from idcctl.api import block_storage
    from idcctl.cli.shared.placement import same_location
    from idcctl.cli.shared.resolve import is_uuid

    state = state_of(ctx)
    [target], [found] = same_location(state, [("vm", [vm]), ("disk", [disk.lower() if is_uuid(disk) else disk])],
                                      rule="a disk attaches only to a VM of its own location")
    uuid = str(found.get("uuid")).lower()
    result = block_storage.attach(state.client, str(target.get("uuid")), uuid)
    device = result.get("name") if isinstance(result, dict) else None
    state.info(f"Attached disk {uuid} to VM {vm}" + (f" as {device}." if device else "."))
    state.render(result, "vm_disk")


@app.command("detach", examples=["idcctl disk detach 05a61876-86f3-4b05-b0ec-53ee6fa03ced --vm web-1",
                                 "idcctl disk detach data-1 data-2 --vm web-1 --yes"])
def disk_detach(ctx: typer.Context, disk: List[str] = _disks_argument(), vm: str = _vm_option()) -> None:
    """Detach disks from a VM (asks first); the disks and their data are kept."""
    from idcctl.api import block_storage, vms
    from idcctl.cli.shared import targets
    from idcctl.cli.shared.resolve import resolve_vm

    state = state_of(ctx)
    refs = targets.expand(state, disk)
    if len(refs) > 1:
        state.refuse_unconfirmable(f"detach {len(refs)} disks")  # before the VM is even read
    holder = vms.get(state.client, resolve_vm(state, vm)) or {}
    # One at a time: the API locks a VM while a disk is detached from it.
    targets.run(state, refs, targets.Action(
        "Detach", "Detached", "disk", lambda ref: _detachable(state, ref, holder),
        lambda t: block_storage.detach(state.client, str(holder.get("uuid")), t.ident), asks=True,
        announce=True, preload=("disk",), at_once=1))


def _detachable(state: State, ref: str, holder: dict[str, Any]) -> Any:
    """A disk the VM holds, with what detaching it does; not attached, or the boot disk, is refused."""
    from idcctl.cli.shared.targets import Target
    from idcctl.cli.vm.common import label

    uuid = disk_uuid(state, ref)
    held = [d for d in holder.get("storage") or [] if isinstance(d, dict)
            and str(d.get("uuid")).lower() == uuid]
    if not held:
        raise NotFoundError(f"disk {uuid} is not attached to VM {label(holder)}",
                            hint=f"'{command('vm', 'show', holder.get('uuid'))}' lists its disks")
    if held[0].get("primary"):
        raise UsageError(f"disk {uuid} is the boot disk of VM {label(holder)}; it cannot be detached")
    loss = "The VM loses it at once; programs using it will fail. The disk and its data are kept."
    return Target(ref, uuid, f"disk {uuid} from VM {label(holder)}", loss=loss,
                  question=f"Detach disk {uuid} ({held[0].get('name')}, {held[0].get('size')} GiB) from VM "
                           f"{label(holder)}? {loss}")
