"""Seed object storage: the buckets of "List Buckets" and the S3 user of "Get S3 user".

`bucket()` and `s3_user()` also shape what the handlers make, so new records
look like the examples.
"""

from __future__ import annotations

from typing import Any

S3_USER_ID = "user+test@example.com"
_LISTED = ("2021-01-22T13:10:09.190+0000", "2021-01-21T16:14:06.651+0000")
# The reference abbreviates keys ("ES1R...1N"); these fill them out to full length, and
# I16N8YDF6A6FX8ILP30T is the key its "Delete key" example deletes.
_KEYS = [
    ("ES1R8YDF6A6FX8ILP31N", "bwtlq3Xo9ZkT2mV7yR4cN8pH1sJ6dF0gW5eALU"),
    ("H2MZ4KQW7RT9YB3NX50A", "X8Pbm2Qw7Zr4Tn9Yv3Kc6Hs1Jd5Fg8Lx0Ep41j"),
    ("I16N8YDF6A6FX8ILP30T", "bdwqE7rT2yU9iO4pA1sD6fG3hJ8kL5zX0cVbcn"),
    ("V5G93JD8KW2LQ7ZR4T6P", "WnNyH4jK8lZ2xC6vB0nM3qW7eR1tY5uI9oPaC5"),
]


def bucket(name: str, billing: int, objects: int, size: int, created: str, modified: str) -> dict[str, Any]:
    return {"billing_account_id": billing, "name": name, "num_objects": objects, "size_bytes": size,
            "created_at": created, "modified_at": modified, "is_suspended": False}


def buckets(position: int = 0) -> list[dict[str, Any]]:
    if position:
        return []
    return [bucket("asi", 7, 0, 0, *_LISTED), bucket("pang1", 129093, 5, 3189211059, *_LISTED),
            bucket("pang2", 7, 1, 1587609600, *_LISTED), bucket("pang3", 7, 0, 0, *_LISTED),
            bucket("porgandid", 7, 0, 0, *_LISTED)]


def key(access: str, secret: str) -> dict[str, Any]:
    return {"accessKey": access, "secretKey": secret, "userId": S3_USER_ID}


def s3_user(keys: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The S3 user with `keys` (default: the reference's four)."""
    keys = [key(*pair) for pair in _KEYS] if keys is None else keys
    return {"caps": [], "displayName": S3_USER_ID, "email": "", "maxBuckets": 1000, "s3Credentials": keys,
            "subusers": [], "suspended": 0, "swiftCredentials": [], "userId": S3_USER_ID}
