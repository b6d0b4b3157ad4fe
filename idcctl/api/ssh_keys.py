"""SSH public keys kept on the account (the 2025 reference's "List/Create/Update/Delete SSH Key").

Under the "User" section; not location-scoped; JSON bodies. A key's
``public_key`` is immutable once created: only its ``name`` (unique per
user: create and rename answer 409 when it is taken) can change. Create
answers 201, delete 204. The API does no strict format check of the key;
the CLI checks it before sending. Creating is never retried.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from idcctl.api.client import Client

SSH_KEYS = "/v1/user-resource/ssh_keys"


def list(client: Client) -> Any:  # noqa: A001 - mirrors the API's "list"
    return client.request("GET", SSH_KEYS)


def create(client: Client, name: str, public_key: str) -> Any:
    """Store an OpenSSH public key line under `name` (409 when the name is taken)."""
    body = {"name": name, "public_key": public_key}
    return client.request("POST", SSH_KEYS, json=body, idempotent=False)


def rename(client: Client, uuid: str, name: str) -> Any:
    return client.request("PATCH", f"{SSH_KEYS}/{uuid}", json={"name": name}, idempotent=True)


def delete(client: Client, uuid: str) -> Any:
    """Delete a stored key (answers 204); VMs made with it keep it."""
    return client.request("DELETE", f"{SSH_KEYS}/{uuid}", empty_ok=True)
