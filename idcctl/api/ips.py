"""Floating IPs (reference section "Floating IP"); location-scoped, JSON bodies.

Every endpoint is location-scoped (the client adds ``/v1/SLUG``). Addresses are path
segments. The reference's curl example for *Delete Floating IP* omits
``/network``; its HTTP Request line, which is followed here, has it.
Create posts to ``/v1/network/ip_addresses/`` with the trailing slash of
its HTTP Request line (the curl example drops it; the contract says the
HTTP Request line wins where they disagree).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from idcctl.api.client import Client

IPS = "/v1/network/ip_addresses"


def _body(**fields: Any) -> dict[str, Any]:
    return {k: v for k, v in fields.items() if v is not None}


def list(client: Client, *, billing_account_id: int | None = None,  # noqa: A001
         vm_uuid: str | None = None) -> Any:
    params = {"billing_account_id": billing_account_id, "vm_uuid": vm_uuid}
    return client.request("GET", IPS, params=params)


def get(client: Client, address: str) -> Any:
    return client.request("GET", f"{IPS}/{address}")


def create(client: Client, *, billing_account_id: int | None = None, name: str | None = None) -> Any:
    """Reserve a new address (billed from now on). Never retried."""
    body = _body(name=name, billing_account_id=billing_account_id)
    return client.request("POST", f"{IPS}/", json=body, idempotent=False)


def update(client: Client, address: str, *, name: str | None = None,
           billing_account_id: int | None = None) -> Any:
    body = _body(name=name, billing_account_id=billing_account_id)
    return client.request("PATCH", f"{IPS}/{address}", json=body, idempotent=True)


def delete(client: Client, address: str) -> Any:
    return client.request("DELETE", f"{IPS}/{address}", empty_ok=True)


def assign(client: Client, address: str, vm_uuid: str) -> Any:
    return client.request("POST", f"{IPS}/{address}/assign", json={"vm_uuid": vm_uuid})


def unassign(client: Client, address: str) -> Any:
    return client.request("POST", f"{IPS}/{address}/unassign")
