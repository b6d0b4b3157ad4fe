"""Object storage endpoints: buckets, the S3 URL, the S3 user and its keys.

Bucket names are checked against the S3 rules and are unique; only empty
buckets can be deleted, as the reference says. Delete Bucket and Delete key
answer an empty body. Get S3 user makes the user and a first key when there
is none (a state file with ``"s3_user": null``), as the real API does.
"""

from __future__ import annotations

import random
import re
import string
from typing import Any

from idcctl.sandbox.common import EMPTY, MISSING, Request, error, field_errors, no_such, now_iso_ms
from idcctl.sandbox.seed import object_storage as seed
from idcctl.sandbox.seed.account import DEFAULT_BILLING_ACCOUNT
from idcctl.sandbox.state import State

S3_URL = "https://s3.idcloudhost.com:8080/"


def name_error(name: str) -> str | None:
    """The S3 naming rules the real service enforces, as one message."""
    if not 3 <= len(name) <= 63:
        return "Bucket name must be 3 to 63 characters long."
    if not re.fullmatch(r"[a-z0-9][a-z0-9.-]*[a-z0-9]", name) or ".." in name:
        return "Bucket name may hold only lowercase letters, digits, dots and hyphens, " \
               "starting and ending with a letter or digit."
    if re.fullmatch(r"\d+\.\d+\.\d+\.\d+", name):
        return "Bucket name must not be formatted as an IP address."
    return None


def list_buckets(req: Request) -> Any:
    billing = req.integer("billing_account_id")
    return req.state.view([b for b in req.state.buckets.items(req.location)
                           if billing is None or b["billing_account_id"] == billing])


def get_bucket(req: Request) -> Any:
    return req.state.view(req.state.buckets.find(req.location, req.required("name")))


def create_bucket(req: Request) -> Any:
    name = req.required("name")
    problem = name_error(name)
    if problem:
        raise field_errors({"name": problem})
    if any(b["name"] == name for b in req.state.buckets.items(req.location)):
        raise error(f"Bucket {name} already exists; bucket names are unique across all users.")
    stamp = now_iso_ms()
    billing = req.integer("billing_account_id", 0) or DEFAULT_BILLING_ACCOUNT
    bucket = seed.bucket(name, billing, 0, 0, stamp, stamp)
    req.state.buckets.items(req.location).append(bucket)
    return req.state.view(bucket)


def update_bucket(req: Request) -> Any:
    bucket = req.state.buckets.find(req.location, req.required("name"))
    billing = req.integer("billing_account_id")
    if billing is None:
        raise field_errors({"billing_account_id": MISSING})
    bucket.update({"billing_account_id": billing, "modified_at": now_iso_ms()})
    return req.state.view(bucket)


def delete_bucket(req: Request) -> Any:
    bucket = req.state.buckets.find(req.location, req.required("name"))
    if bucket["num_objects"]:
        raise error(f"Bucket {bucket['name']} is not empty; only empty buckets can be deleted.")
    req.state.buckets.items(req.location).remove(bucket)
    return EMPTY


def s3_url(req: Request) -> Any:
    return {"url": S3_URL}


def _user(state: State) -> dict[str, Any]:
    """The S3 user, made with one key when missing."""
    if not state.s3_user.get():
        state.s3_user.set(seed.s3_user([_new_key()]))
    return state.s3_user.get()


def _new_key() -> dict[str, Any]:
    upper = string.ascii_uppercase + string.digits
    return seed.key("".join(random.choices(upper, k=20)),
                    "".join(random.choices(string.ascii_letters + string.digits, k=40)))


def get_user(req: Request) -> Any:
    return req.state.view(_user(req.state))


def list_keys(req: Request) -> Any:
    return req.state.view(_user(req.state)["s3Credentials"])


def create_key(req: Request) -> Any:
    """The new key comes first in the answer, as in the reference's example."""
    keys = _user(req.state)["s3Credentials"]
    keys.insert(0, _new_key())
    return req.state.view(keys)


def delete_key(req: Request) -> Any:
    access_key = req.required("access_key")
    keys = _user(req.state)["s3Credentials"]
    for key in keys:
        if key["accessKey"] == access_key:
            keys.remove(key)
            return EMPTY
    raise no_such("key", access_key)


ROUTES = [
    ("GET", "/storage/api/s3", s3_url),
    ("GET", "/storage/bucket/list", list_buckets),
    ("GET", "/storage/bucket", get_bucket),
    ("PUT", "/storage/bucket", create_bucket),
    ("PATCH", "/storage/bucket", update_bucket),
    ("DELETE", "/storage/bucket", delete_bucket),
    ("GET", "/storage/user", get_user),
    ("GET", "/storage/user/keys", list_keys),
    ("POST", "/storage/user/keys", create_key),
    ("DELETE", "/storage/user/keys", delete_key),
]
