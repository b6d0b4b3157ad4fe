"""Managed database services ("service packages") and their access whitelists.

Reference section "Managed Services". The packages themselves are not
location-scoped (a package's location is one of its ``package_parameters``);
their whitelists are (the 2025 reference tags them: the client adds
``/v1/SLUG`` to ``.../whitelist_addresses``).
Package bodies are JSON, and ``package_parameters`` is a JSON *text* inside
that JSON body (``"package_parameters": "{\\"location\\":\\"dc1\\"}"``).
Whitelist changes are form-encoded (``ip_address``) and answer the new list.
The reference's curl for *Update Service Package* says GET; its HTTP
Request line says PATCH, which is what is sent. Creating a package is never
retried: a second attempt would make (and bill) a second database.
"""

from __future__ import annotations

import json as jsonlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from idcctl.api.client import Client

PACKAGES = "/v1/user-resource/service/packages"
PACKAGE = "/v1/user-resource/service/package"


def list(client: Client) -> Any:  # noqa: A001 - mirrors the API's "list"
    return client.request("GET", PACKAGES)


def get(client: Client, uuid: str) -> Any:
    return client.request("GET", f"{PACKAGE}/{uuid}")


def create(client: Client, *, service: str, version: str, display_name: str, vm_cpu: int,
           vm_ram: int, vm_disk_gb: int, billing_account_id: int,
           package_parameters: dict[str, Any] | str | None = None,
           is_multi_node: bool | None = None) -> Any:
    """Create a package. ``package_parameters`` (a dict, or JSON text) is sent as JSON text."""
    body: dict[str, Any] = {
        "billing_account_id": billing_account_id, "service": service, "version": version,
        "display_name": display_name, "vm_cpu": vm_cpu, "vm_ram": vm_ram, "vm_disk_gb": vm_disk_gb,
    }
    if package_parameters is not None:
        if not isinstance(package_parameters, str):
            package_parameters = jsonlib.dumps(package_parameters, separators=(",", ":"))
        body["package_parameters"] = package_parameters
    if is_multi_node is not None:
        body["is_multi_node"] = is_multi_node
    return client.request("POST", PACKAGE, json=body, idempotent=False)


def update(client: Client, uuid: str, *, display_name: str | None = None,
           billing_account_id: int | None = None) -> Any:
    """Rename a package or move it to another billing account; only what is given is sent."""
    body = {k: v for k, v in (("display_name", display_name),
                              ("billing_account_id", billing_account_id)) if v is not None}
    return client.request("PATCH", f"{PACKAGE}/{uuid}", json=body, idempotent=True)


def delete(client: Client, uuid: str) -> Any:
    """Delete a package and its resources (VMs, disks, virtual IP); answers the deleted package."""
    return client.request("DELETE", f"{PACKAGE}/{uuid}")


def secrets(client: Client, uuid: str) -> Any:
    """The package's secrets, e.g. ``{"sql_pass": "..."}``."""
    return client.request("GET", f"{PACKAGE}/{uuid}/secrets")


def list_whitelist(client: Client, uuid: str) -> Any:
    """Addresses and CIDR blocks allowed to connect; an empty list means no restriction."""
    return client.request("GET", f"{PACKAGE}/{uuid}/whitelist_addresses")


def add_whitelist(client: Client, uuid: str, ip_address: str) -> Any:
    """Add an address or CIDR block; answers the whitelist as it now is."""
    return client.request("POST", f"{PACKAGE}/{uuid}/whitelist_addresses",
                          form={"ip_address": ip_address})


def remove_whitelist(client: Client, uuid: str, ip_address: str) -> Any:
    """Remove an entry; answers the whitelist as it now is."""
    return client.request("DELETE", f"{PACKAGE}/{uuid}/whitelist_addresses",
                          form={"ip_address": ip_address})
