"""`vm boot-iso` and `vm rescue`: launch a VM once from ISO media (2025 reference).

Both send ``POST vm/boot_iso_media``: `vm boot-iso` with a boot image of the
platform (``image boot-list``, by UUID or ``image_name``) or, with
``--private``, a disk of the location marked ``read_only_bootable``;
`vm rescue` with the platform's rescue image, the published boot image that
is not installation media. The mode lasts for one launch: the next start
boots the VM's own disk again. The first reference's ``vm/rescue_start``,
which the 2025 one no longer lists, stays reachable as
``idcctl api POST /v1/user-resource/vm/rescue_start -f uuid=UUID``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import typer

from idcctl.cli.vm.common import vm_argument
from idcctl.errors import NotFoundError, UsageError
from idcctl.shell.core import App, state_of

if TYPE_CHECKING:
    from idcctl.shell.state import State

app = App()
ONE_BOOT = "for this one boot; the next start boots its own disk again"


@app.command("boot-iso", examples=["idcctl vm boot-iso web-1 --image systemrescue-12.x-amd64.iso",
                                  "idcctl vm boot-iso web-1 --image my-installer --private",
                                  "idcctl vm boot-iso web-1 --image systemrescue-12.x-amd64.iso --dry-run"])
def boot_iso(
    ctx: typer.Context,
    vm: str = vm_argument(),
    boot_image: str = typer.Option(..., "--image", metavar="IMAGE", show_default=False,
                                   help="Boot image UUID or name (see 'idcctl image boot-list'); with "
                                        "--private a read-only-bootable disk's name or UUID."),
    private: bool = typer.Option(False, "--private",
                                 help="IMAGE is your own disk marked read-only bootable (an ISO 9660 image)."),
) -> None:
    """Launch a VM once from an ISO image (rescue or installation media); the next start is normal again."""
    from idcctl.cli.shared.resolve import resolve_vm

    state = state_of(ctx)
    image_uuid, shown = _private_disk(state, boot_image) if private else _platform_image(state, boot_image)
    _boot(state, resolve_vm(state, vm), vm, image_uuid, shown, "private" if private else "platform")


@app.command("rescue", examples=["idcctl vm rescue web-1", "idcctl vm rescue web-1 --dry-run"])
def rescue(ctx: typer.Context, vm: str = vm_argument()) -> None:
    """Launch a VM once from the platform's rescue image; the next start boots its own disk again."""
    from idcctl.api import vms
    from idcctl.cli.shared.resolve import resolve_vm

    state = state_of(ctx)
    images = [i for i in vms.list_boot_images(state.client) or [] if isinstance(i, dict)]
    rescue_images = [i for i in images if i.get("is_published", True) and i.get("is_installation_media") is False]
    if not rescue_images:
        raise NotFoundError("the platform publishes no rescue image",
                            hint="'idcctl image boot-list' shows the boot images; 'idcctl vm boot-iso' boots one")
    image = rescue_images[0]
    _boot(state, resolve_vm(state, vm), vm, str(image.get("uuid")), str(image.get("image_name")), "platform")


def _platform_image(state: State, ref: str) -> tuple[str, str]:
    """A boot image's UUID and name, by UUID or image_name (one list call either way: it names it)."""
    from idcctl.cli.shared.resolve import find

    image = find(state, "boot_image", ref)
    return str(image.get("uuid")), str(image.get("image_name") or image.get("uuid"))


def _private_disk(state: State, ref: str) -> tuple[str, str]:
    """A disk of the location marked read_only_bootable, by name or UUID."""
    from idcctl.cli.shared.resolve import find

    disk = find(state, "disk", ref)
    uuid = str(disk.get("uuid"))
    if not disk.get("read_only_bootable"):
        raise UsageError(f"disk {disk.get('display_name') or uuid} is not marked read-only bootable",
                         hint=f"'idcctl disk update {uuid} --read-only-bootable' marks it; nothing was sent")
    return uuid, str(disk.get("display_name") or uuid)


def _boot(state: State, uuid: str, typed: str, image_uuid: str, shown: str, repository: str) -> None:
    from idcctl.api import vms

    result = vms.boot_iso_media(state.client, uuid, image_uuid, repository=repository)
    state.info(f"VM {typed} boots from {shown} {ONE_BOOT}.")
    state.render(result, "vm")
