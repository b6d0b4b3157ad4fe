"""SSH key endpoints (2025 reference, "List/Create/Update/Delete SSH Key"): account-wide, JSON bodies.

Names are unique per user: create and rename answer 409 when another key
has the name. Create answers 201, delete 204. The public key itself is kept
as sent ("no strict format validation is performed") and never changes.
"""

from __future__ import annotations

import uuid as uuidlib
from datetime import datetime, timezone
from typing import Any

from idcctl.sandbox.common import MISSING, Answer, ApiError, Request, field_errors
from idcctl.sandbox.seed.account import USER_ID


def _text(req: Request, name: str) -> str:
    value = req.params.get(name)
    if not isinstance(value, str) or not value.strip():
        raise field_errors({name: MISSING})
    return value.strip()


def _unique(req: Request, name: str, uuid: str | None = None) -> str:
    if any(key["name"] == name and key["uuid"] != uuid for key in req.state.ssh_keys.items(req.location)):
        raise ApiError(409, {"message": f"An SSH key named '{name}' already exists."})
    return name


def list_keys(req: Request) -> Any:
    return req.state.view(req.state.ssh_keys.items(req.location))


def create_key(req: Request) -> Any:
    key = {"uuid": str(uuidlib.uuid4()), "name": _unique(req, _text(req, "name")),
           "public_key": _text(req, "public_key"), "user_id": USER_ID,
           "created_at": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")}
    req.state.ssh_keys.items(req.location).append(key)
    return Answer(201, req.state.view(key))


def rename_key(req: Request) -> Any:
    key = req.state.ssh_keys.find(req.location, req.path_args["uuid"])
    if req.has("name"):
        key["name"] = _unique(req, _text(req, "name"), key["uuid"])
    return req.state.view(key)


def delete_key(req: Request) -> Any:
    key = req.state.ssh_keys.find(req.location, req.path_args["uuid"])
    req.state.ssh_keys.items(req.location).remove(key)
    return Answer(204)


_KEYS = "/user-resource/ssh_keys"
ROUTES = [
    ("GET", _KEYS, list_keys),
    ("POST", _KEYS, create_key),
    ("PATCH", _KEYS + "/{uuid}", rename_key),
    ("DELETE", _KEYS + "/{uuid}", delete_key),
]
