"""Block storage: disks that live on their own and are attached to VMs.

Reference sections "Block Storage" (Create/Get/List/Modify/Delete Disk,
Attach/Detach Disk). Every endpoint is location-scoped (the 2025 reference
tags them; the client adds ``/v1/SLUG``): a disk lives in one location and
attaches only to a VM of that location. Bodies are form-encoded
(``size_gb``, ``billing_account_id``, ``display_name``, ``source_image_type``,
``source_image``), and Delete Disk answers 204. The 2025 reference adds a
disk's ``display_name`` and its ``read_only_bootable`` mark (a disk holding an
ISO 9660 image a VM can boot from, see ``vms.boot_iso_media``). Attach and
Detach are VM calls with the form fields ``uuid`` (the VM) and
``storage_uuid`` (the disk). Creating a disk is never retried: a repeat would
make (and bill) a second disk.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from idcctl.api.client import Client

DISKS = "/v1/storage/disks"
VM_STORAGE = "/v1/user-resource/vm/storage"
SOURCE_TYPES = ("EMPTY", "OS_BASE", "DISK", "SNAPSHOT")


def list(client: Client, *, read_only_bootable: bool = False) -> Any:  # noqa: A001 - the API's "list"
    """Every disk, or only those marked read-only bootable."""
    params = {"read_only_bootable": "true"} if read_only_bootable else None
    return client.request("GET", DISKS, params=params)


def get(client: Client, disk_uuid: str) -> Any:
    return client.request("GET", f"{DISKS}/{disk_uuid}")


def create(client: Client, *, size_gb: int | None = None, billing_account_id: int | None = None,
           source_image_type: str | None = None, source_image: str | None = None,
           display_name: str | None = None) -> Any:
    """Create a disk: empty, or a copy of an OS base image, a disk or a snapshot."""
    form = {"size_gb": size_gb, "billing_account_id": billing_account_id, "display_name": display_name,
            "source_image_type": source_image_type, "source_image": source_image}
    return client.request("POST", DISKS, form=form, idempotent=False)


def update(client: Client, disk_uuid: str, billing_account_id: int | None = None, *,
           display_name: str | None = None, read_only_bootable: bool | None = None) -> Any:
    """Change a disk's billing account, name or read-only-bootable mark (what is None stays)."""
    flag = None if read_only_bootable is None else "true" if read_only_bootable else "false"
    form = {"billing_account_id": billing_account_id, "display_name": display_name,
            "read_only_bootable": flag}
    return client.request("PATCH", f"{DISKS}/{disk_uuid}", form=form, idempotent=True)


def delete(client: Client, disk_uuid: str) -> Any:
    """Delete a disk and all its snapshots (answers 204)."""
    return client.request("DELETE", f"{DISKS}/{disk_uuid}", empty_ok=True)


def attach(client: Client, vm_uuid: str, disk_uuid: str) -> Any:
    form = {"uuid": vm_uuid, "storage_uuid": disk_uuid}
    return client.request("POST", f"{VM_STORAGE}/attach", form=form)


def detach(client: Client, vm_uuid: str, disk_uuid: str) -> Any:
    form = {"uuid": vm_uuid, "storage_uuid": disk_uuid}
    return client.request("POST", f"{VM_STORAGE}/detach", form=form)
