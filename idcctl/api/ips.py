"""Floating IPs (reference section "Floating IP"); location-scoped, JSON bodies."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from idcctl.api.client import Client

IPS = "/v1/network/ip_addresses"


def list(client: Client, *, billing_account_id: int | None = None,  # noqa: A001
         vm_uuid: str | None = None) -> Any:
    params = {"billing_account_id": billing_account_id, "vm_uuid": vm_uuid}
    return client.request("GET", IPS, params=params, scoped=True)


def delete(client: Client, address: str) -> Any:
    return client.request("DELETE", f"{IPS}/{address}", scoped=True, empty_ok=True)
