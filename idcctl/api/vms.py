"""Virtual machines, their disks and replicas, pools, parameters and images.

Reference sections "VM", "Parameters" and "VM images", and the 2025
reference's boot media ("Boot a rescue or installation media", "List
bootable media images"). Every VM endpoint is location-scoped (the client
decides from `idcctl.resources.LOCATION_SCOPED`): with a client location the
path becomes ``/v1/SLUG/user-resource/...``; the catalogues under
``/v1/config`` and ``/v1/api`` are not. Bodies are form-encoded, booleans
written ``true``/``false`` as the live API takes them; an optional boolean
that is not given is left out; ``public_keys`` is repeated, one value per
key. Nothing that creates a VM or a disk is retried.

``rescue`` is the first reference's ``vm/rescue_start``, which the 2025
reference no longer lists: `boot_iso_media` with the platform's rescue image
is its successor.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from idcctl.api.client import Client

VM = "/v1/user-resource/vm"

# Form fields of POST /v1/user-resource/vm, in the reference's names.
CREATE_FIELDS = (
    "name", "os_name", "os_version", "disks", "vcpu", "ram", "username", "password",
    "public_key", "public_keys", "designated_pool_uuid", "billing_account_id", "network_uuid", "cloud_init",
    "backup", "reserve_public_ip", "source_uuid", "source_replica", "disk_uuid", "description",
)


def list(client: Client) -> Any:  # noqa: A001 - mirrors the API's "list"
    return client.request("GET", f"{VM}/list")


def get(client: Client, uuid: str) -> Any:
    return client.request("GET", VM, params={"uuid": uuid})


def create(client: Client, **fields: Any) -> Any:
    """Create a VM. Fields are the reference's form parameters (see CREATE_FIELDS).

    Never retried: a repeated create would make (and bill) a second VM.
    """
    unknown = set(fields) - set(CREATE_FIELDS)
    if unknown:
        raise TypeError(f"unknown VM create fields: {', '.join(sorted(unknown))}")
    return client.request("POST", VM, form=fields, idempotent=False)


def update(client: Client, uuid: str, *, name: str | None = None, vcpu: int | None = None,
           ram: int | None = None) -> Any:
    form = {"uuid": uuid, "name": name, "vcpu": vcpu, "ram": ram}
    return client.request("PATCH", VM, form=form, idempotent=True)


def delete(client: Client, uuid: str) -> Any:
    return client.request("DELETE", VM, form={"uuid": uuid})


def start(client: Client, uuid: str) -> Any:
    return client.request("POST", f"{VM}/start", form={"uuid": uuid})


def stop(client: Client, uuid: str, *, force: bool = False) -> Any:
    """Shut down via ACPI; ``force=True`` pulls the plug (``force`` is sent only then)."""
    return client.request("POST", f"{VM}/stop", form={"uuid": uuid, "force": True if force else None})


def rescue(client: Client, uuid: str) -> Any:
    """The legacy ``rescue_start`` (gone from the 2025 reference; see `boot_iso_media`)."""
    return client.request("POST", f"{VM}/rescue_start", form={"uuid": uuid})


def boot_iso_media(client: Client, uuid: str, boot_image_uuid: str, *, repository: str = "platform") -> Any:
    """Launch the VM once from a boot image (``platform``) or a read-only-bootable disk (``private``).

    The mode lasts for one launch: the next start boots the VM's own disk.
    """
    if repository not in ("platform", "private"):
        raise ValueError(f"boot image repository {repository!r} is not 'platform' or 'private'")
    form = {"uuid": uuid, "boot_image_uuid": boot_image_uuid, "boot_image_repository": repository}
    return client.request("POST", f"{VM}/boot_iso_media", form=form)


def reinstall(client: Client, uuid: str, *, os_name: str | None = None,
              os_version: str | None = None) -> Any:
    form = {"uuid": uuid, "os_name": os_name, "os_version": os_version}
    return client.request("POST", f"{VM}/reinstall", form=form)


def clone(client: Client, uuid: str, name: str) -> Any:
    return client.request("POST", f"{VM}/clone", form={"uuid": uuid, "name": name})


def toggle_backup(client: Client, uuid: str) -> Any:
    """Flip automatic backups (the API only toggles; read the VM first to be idempotent)."""
    return client.request("POST", f"{VM}/backup", form={"uuid": uuid})


def set_password(client: Client, uuid: str, username: str, password: str) -> Any:
    form = {"uuid": uuid, "username": username, "password": password}
    return client.request("PATCH", f"{VM}/user", form=form, idempotent=True)


def rebuild(client: Client, uuid: str, replica_uuid: str) -> Any:
    form = {"uuid": uuid, "replica_uuid": replica_uuid}
    return client.request("POST", f"{VM}/rebuild", form=form)


def reserve_public_ip(client: Client, uuid: str) -> Any:
    """Deprecated by the API in favour of floating IPs."""
    return client.request("POST", f"{VM}/ip/public", form={"uuid": uuid})


def release_public_ip(client: Client, uuid: str) -> Any:
    """Deprecated by the API in favour of floating IPs."""
    return client.request("DELETE", f"{VM}/ip/public", form={"uuid": uuid})


def list_replicas(client: Client, uuid: str, *, r_type: str | None = None) -> Any:
    return client.request("GET", f"{VM}/replica", params={"uuid": uuid, "r_type": r_type})


def create_replica(client: Client, uuid: str) -> Any:
    return client.request("POST", f"{VM}/replica", form={"uuid": uuid})


def delete_replica(client: Client, replica_uuid: str) -> Any:
    return client.request("DELETE", f"{VM}/replica", form={"replica_uuid": replica_uuid})


def add_disk(client: Client, uuid: str, size_gb: int) -> Any:
    return client.request("POST", f"{VM}/storage", form={"uuid": uuid, "size_gb": size_gb})


def resize_disk(client: Client, uuid: str, disk_uuid: str, size_gb: int) -> Any:
    form = {"uuid": uuid, "disk_uuid": disk_uuid, "size_gb": size_gb}
    return client.request("PATCH", f"{VM}/storage", form=form, idempotent=True)


def remove_disk(client: Client, uuid: str, storage_uuid: str) -> Any:
    form = {"uuid": uuid, "storage_uuid": storage_uuid}
    return client.request("DELETE", f"{VM}/storage", form=form)


def list_pools(client: Client) -> Any:
    return client.request("GET", "/v1/user-resource/host_pool/list")


def parameters(client: Client) -> Any:
    return client.request("GET", "/v1/api/parameters/vm")


def list_images(client: Client, kind: str | None = None) -> Any:
    """All images, or only ``plain_os`` or ``app_catalog`` ones."""
    if kind not in (None, "plain_os", "app_catalog"):
        raise ValueError(f"unknown image kind {kind!r}")
    suffix = f"/{kind}" if kind else ""
    return client.request("GET", f"/v1/config/vm_images{suffix}")


def list_boot_images(client: Client) -> Any:
    """The platform's rescue and installation ISO images (for `boot_iso_media`)."""
    return client.request("GET", "/v1/config/boot_images")
