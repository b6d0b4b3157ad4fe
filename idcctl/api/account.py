"""User profile, API tokens and locations (reference sections User, Token, Locations)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from idcctl.api.client import Client


def get_user(client: Client) -> dict[str, Any]:
    return client.request("GET", "/v1/user-resource/user")


def update_profile(
    client: Client,
    *,
    first_name: str | None = None,
    last_name: str | None = None,
    phone_number: str | None = None,
    personal_id_number: str | None = None,
) -> dict[str, Any]:
    form = {"first_name": first_name, "last_name": last_name,
            "phone_number": phone_number, "personal_id_number": personal_id_number}
    return client.request("PATCH", "/v1/user-resource/user/profile", form=form, idempotent=True)


def list_tokens(client: Client) -> list[dict[str, Any]]:
    return client.request("GET", "/v1/user-resource/token/list")


def create_token(
    client: Client,
    *,
    description: str | None = None,
    restricted: bool | None = None,
    billing_account_id: int | None = None,
) -> Any:
    """Create a token. The API answers with the list of all tokens.

    As for `update_token`, ``restricted`` is sent only when true: the API
    reads the field's presence, not its value.
    """
    form: dict[str, Any] = {"description": description, "billing_account_id": billing_account_id}
    if restricted:
        form["restricted"] = True
    return client.request("POST", "/v1/user-resource/token", form=form)


def update_token(
    client: Client,
    token_id: int,
    *,
    description: str | None = None,
    restricted: bool = False,
    billing_account_id: int | None = None,
) -> Any:
    """Update a token.

    The API sets ``restricted`` true when the field is present with any value,
    so an unrestricted token is asked for by leaving the field out.
    """
    form: dict[str, Any] = {"token_id": token_id, "description": description,
                            "billing_account_id": billing_account_id}
    if restricted:
        form["restricted"] = True
    return client.request("PATCH", "/v1/user-resource/token", form=form, idempotent=True)


def delete_token(client: Client, token_id: int) -> Any:
    return client.request("DELETE", "/v1/user-resource/token", form={"token_id": token_id})


def list_locations(client: Client) -> list[dict[str, Any]]:
    return client.request("GET", "/v1/config/locations")
