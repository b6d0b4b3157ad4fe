"""Private networks (reference section "Private Network")."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from idcctl.api.client import Client


def list(client: Client) -> Any:  # noqa: A001 - mirrors the API's "list"
    return client.request("GET", "/v1/network/networks")
