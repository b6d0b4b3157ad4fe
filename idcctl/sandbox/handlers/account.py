"""Account endpoints: the user and its profile, API tokens, locations.

None of these are location-scoped; a location prefix is accepted and ignored.
"""

from __future__ import annotations

import secrets
import string
import uuid
from typing import Any

from idcctl.sandbox.common import Request, now_str
from idcctl.sandbox.seed import catalog
from idcctl.sandbox.seed.account import CONSUMER_ID, USER_ID

_PROFILE_FIELDS = ("first_name", "last_name", "phone_number", "personal_id_number")
_TOKEN_ALPHABET = string.ascii_letters + string.digits


def get_user(req: Request) -> Any:
    return req.state.view(req.state.user.get())


def update_profile(req: Request) -> Any:
    """Only the four documented fields change; the answer is profile_data alone."""
    profile = req.state.user.get()["profile_data"]
    changed = False
    for name in _PROFILE_FIELDS:
        if req.has(name):
            profile[name] = req.text(name)
            changed = True
    if changed:
        profile["updated_at"] = now_str()
    return req.state.view(profile)


def list_tokens(req: Request) -> Any:
    return req.state.view(req.state.tokens.items(req.location))


def create_token(req: Request) -> Any:
    """Creates a token and, as the reference shows, answers with the whole list."""
    token = {
        "billing_account_id": req.integer("billing_account_id", 0),
        "consumer_id": CONSUMER_ID,
        "created_at": now_str(),
        "description": req.text("description", "") or "",
        "id": req.state.next_id("token"),
        "kong_id": str(uuid.uuid4()),
        "restricted": req.boolean("restricted", False),
        "token": "".join(secrets.choice(_TOKEN_ALPHABET) for _ in range(32)),
        "updated_at": None,
        "user_id": USER_ID,
    }
    req.state.tokens.items(req.location).append(token)
    return req.state.view(req.state.tokens.items(req.location))


def update_token(req: Request) -> Any:
    """Quirk of the real API: `restricted` is true whenever the field is sent at all."""
    token = req.state.tokens.find(req.location, req.required_integer("token_id"),
                                  missing="Failed to update token.")
    if req.has("description"):
        token["description"] = req.text("description")
    if req.has("billing_account_id"):
        token["billing_account_id"] = req.integer("billing_account_id", 0)
    token["restricted"] = req.has("restricted")
    token["updated_at"] = now_str()
    return req.state.view(token)


def delete_token(req: Request) -> Any:
    token = req.state.tokens.find(req.location, req.required_integer("token_id"),
                                  missing="Failed to delete kong token.")
    req.state.tokens.items(req.location).remove(token)
    return {"success": True}


def list_locations(req: Request) -> Any:
    return catalog.location_entries(req.state.slugs)


ROUTES = [
    ("GET", "/user-resource/user", get_user),
    ("PATCH", "/user-resource/user/profile", update_profile),
    ("GET", "/user-resource/token/list", list_tokens),
    ("POST", "/user-resource/token", create_token),
    ("PATCH", "/user-resource/token", update_token),
    ("DELETE", "/user-resource/token", delete_token),
    ("GET", "/config/locations", list_locations),
]
