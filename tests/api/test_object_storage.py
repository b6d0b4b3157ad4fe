"""The object-storage SDK (idcctl.api.object_storage): the exact request of every endpoint, with and without a location."""

from __future__ import annotations

import httpx
import pytest

from idcctl.api import object_storage
from tests.api.conftest import assert_answers_none, assert_sent_once, covered, exact_request_test, public_functions
from tests.conftest import BASE

# (id, call, method, path after /v1, location-scoped, query, form); form None means no body.
CASES = [
    ("list", lambda c: object_storage.list(c), "GET", "/storage/bucket/list", False, {}, None),
    ("list-billing", lambda c: object_storage.list(c, billing_account_id=129072), "GET",
     "/storage/bucket/list", False, {"billing_account_id": "129072"}, None),
    ("get", lambda c: object_storage.get(c, "pang1"), "GET", "/storage/bucket", False,
     {"name": "pang1"}, None),
    ("create", lambda c: object_storage.create(c, "pang1", billing_account_id=12345), "PUT",
     "/storage/bucket", False, {}, {"name": "pang1", "billing_account_id": "12345"}),
    ("create-no-billing", lambda c: object_storage.create(c, "pang1"), "PUT", "/storage/bucket",
     False, {}, {"name": "pang1"}),
    ("update", lambda c: object_storage.update(c, "pang1", 129072), "PATCH", "/storage/bucket",
     False, {}, {"name": "pang1", "billing_account_id": "129072"}),
    ("delete", lambda c: object_storage.delete(c, "pang1"), "DELETE", "/storage/bucket", False,
     {"name": "pang1"}, None),
    ("s3_url", lambda c: object_storage.s3_url(c), "GET", "/storage/api/s3", False, {}, None),
    ("user", lambda c: object_storage.user(c), "GET", "/storage/user", False, {}, None),
    ("list_keys", lambda c: object_storage.list_keys(c), "GET", "/storage/user/keys", False, {}, None),
    ("create_key", lambda c: object_storage.create_key(c), "POST", "/storage/user/keys", False, {}, None),
    ("delete_key", lambda c: object_storage.delete_key(c, "I16N8YDF6A6FX8ILP30T"), "DELETE",
     "/storage/user/keys", False, {}, {"access_key": "I16N8YDF6A6FX8ILP30T"}),
]


test_exact_request = exact_request_test(CASES)


def test_every_public_function_is_covered():
    assert public_functions(object_storage) == covered(CASES)


@pytest.mark.parametrize("call, method, path", [
    (lambda c: object_storage.delete(c, "pang1"), "DELETE", "/v1/storage/bucket"),
    (lambda c: object_storage.delete_key(c, "AK"), "DELETE", "/v1/storage/user/keys"),
], ids=["bucket", "key"])
def test_deletes_answering_204_return_none(call, method, path):
    assert_answers_none(call, method, f"{BASE}{path}", httpx.Response(204))


@pytest.mark.parametrize("call, method, path", [
    (lambda c: object_storage.create(c, "pang1"), "PUT", "/v1/storage/bucket"),
    (lambda c: object_storage.create_key(c), "POST", "/v1/storage/user/keys"),
], ids=["bucket", "key"])
def test_creates_are_never_retried(call, method, path):
    assert_sent_once(call, method, f"{BASE}{path}")
