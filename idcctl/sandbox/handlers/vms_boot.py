"""Boot media (2025 reference): the bootable ISO catalogue and booting a VM from it once.

`boot_iso_media` launches the VM from a platform boot image or, with
``boot_image_repository=private``, from a disk of the location marked
``read_only_bootable``. The reference shows no answer; this one answers the
VM, which carries the media in ``boot_iso_media`` (a sandbox field) for as
long as that boot lasts: the next start or stop ends it, since "next time
this VM is started, it will follow a normal routine".
"""

from __future__ import annotations

from typing import Any

from idcctl.sandbox.common import Request, error, field_errors, no_such, now_str
from idcctl.sandbox.model.vms import BOOT_MEDIA
from idcctl.sandbox.seed import catalog

REPOSITORIES = ("platform", "private")


def boot_images(req: Request) -> Any:
    return catalog.boot_images()


def boot_iso_media(req: Request) -> Any:
    vm = req.state.vms.find(req.location, req.required("uuid"))
    repository = req.text("boot_image_repository") or "platform"
    if repository not in REPOSITORIES:
        raise field_errors({"boot_image_repository": f"Must be one of: {', '.join(REPOSITORIES)}."})
    image_uuid = req.required("boot_image_uuid")
    vm[BOOT_MEDIA] = _platform(image_uuid) if repository == "platform" else _private(req, image_uuid)
    req.state.set_status(vm, "running", "starting")
    vm["updated_at"] = now_str()
    return req.state.view(vm)


def _platform(image_uuid: str) -> dict[str, Any]:
    image = catalog.find_boot_image(image_uuid)
    if image is None:
        raise no_such("boot image", image_uuid)
    return {"boot_image_uuid": image["uuid"], "boot_image_repository": "platform",
            "image_name": image["image_name"]}


def _private(req: Request, disk_uuid: str) -> dict[str, Any]:
    disk = req.state.disks.find(req.location, disk_uuid)
    if not disk.get("read_only_bootable"):
        raise error(f"Disk {disk_uuid} is not marked read_only_bootable and cannot be booted from.")
    return {"boot_image_uuid": disk["uuid"], "boot_image_repository": "private",
            "image_name": disk.get("display_name") or disk["uuid"]}


ROUTES = [
    ("GET", "/config/boot_images", boot_images),
    ("POST", "/user-resource/vm/boot_iso_media", boot_iso_media),
]
