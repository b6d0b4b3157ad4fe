"""Private networks (reference section "Private networks"); location-scoped.

Paths take the network's UUID. Two quirks of the reference: *Get network
data* is a GET (its curl example says POST), and *Create or get default
network* takes its only parameter, ``name``, in the query string: without
it the API returns the default network, creating it when there is none.
Rename sends a JSON body. Delete answers an empty body.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from idcctl.api.client import Client

NETWORK = "/v1/network/network"


def list(client: Client) -> Any:  # noqa: A001 - mirrors the API's "list"
    return client.request("GET", "/v1/network/networks")


def get(client: Client, uuid: str) -> Any:
    return client.request("GET", f"{NETWORK}/{uuid}")


def create(client: Client, name: str | None = None) -> Any:
    """A new network called `name`; without a name, the default network (made if missing).

    Never retried: a repeated create with a name would make a second network.
    """
    return client.request("POST", NETWORK, params={"name": name}, idempotent=False)


def rename(client: Client, uuid: str, name: str) -> Any:
    return client.request("PATCH", f"{NETWORK}/{uuid}", json={"name": name}, idempotent=True)


def delete(client: Client, uuid: str) -> Any:
    """Refused by the API while the network holds resources or is the default."""
    return client.request("DELETE", f"{NETWORK}/{uuid}", empty_ok=True)


def set_default(client: Client, uuid: str) -> Any:
    return client.request("PUT", f"{NETWORK}/{uuid}/default", idempotent=True)
