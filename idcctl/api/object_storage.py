"""Object storage: S3 buckets, the S3 endpoint URL, the S3 user and its access keys.

Reference section "Object Storage". No endpoint is location-scoped.
Encodings follow each "HTTP Request" line and parameter table: Create and
Modify Bucket send a form body (``name``, ``billing_account_id``); Get and
Delete Bucket and List Buckets take their parameters in the query string
(the List Buckets curl example sends a body with a GET: the table wins);
Delete key sends a form body (``access_key``). Delete Bucket answers 204 and
Delete key an empty body. ``GET /v1/storage/user`` creates the S3 user and
its first keys when they do not exist yet; Generate key answers the list of
all keys, the new one among them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from idcctl.api.client import Client

BUCKET = "/v1/storage/bucket"
KEYS = "/v1/storage/user/keys"


def list(client: Client, *, billing_account_id: int | None = None) -> Any:  # noqa: A001
    return client.request("GET", f"{BUCKET}/list", params={"billing_account_id": billing_account_id})


def get(client: Client, name: str) -> Any:
    return client.request("GET", BUCKET, params={"name": name})


def create(client: Client, name: str, *, billing_account_id: int | None = None) -> Any:
    """Create a bucket (a PUT, but never retried: names are global and a retry could race)."""
    form = {"name": name, "billing_account_id": billing_account_id}
    return client.request("PUT", BUCKET, form=form, idempotent=False)


def update(client: Client, name: str, billing_account_id: int) -> Any:
    form = {"name": name, "billing_account_id": billing_account_id}
    return client.request("PATCH", BUCKET, form=form, idempotent=True)


def delete(client: Client, name: str) -> Any:
    """Delete an empty bucket (answers 204)."""
    return client.request("DELETE", BUCKET, params={"name": name}, empty_ok=True)


def s3_url(client: Client) -> Any:
    return client.request("GET", "/v1/storage/api/s3")


def user(client: Client) -> Any:
    """The S3 user with its keys; the API creates both when missing."""
    return client.request("GET", "/v1/storage/user")


def list_keys(client: Client) -> Any:
    return client.request("GET", KEYS)


def create_key(client: Client) -> Any:
    """Generate an S3 key pair; answers every key, the new one included."""
    return client.request("POST", KEYS)


def delete_key(client: Client, access_key: str) -> Any:
    return client.request("DELETE", KEYS, form={"access_key": access_key}, empty_ok=True)
