"""The storage SDK (idcctl.api.block_storage, idcctl.api.object_storage): the exact request of
every endpoint, with and without a location."""

from __future__ import annotations

import httpx
import pytest
import respx
from tests.conftest import BASE
from tests.api.conftest import assert_exact_request, client_for

from idcctl.api import block_storage, object_storage
from idcctl.errors import ApiError, NotFoundError

VM = "5052bf02-044a-4d35-a803-d6b156f84beb"
DISK = "3d91aa31-16ec-44ee-b8b3-22a0bda6559e"
SNAP = "8ae9b8e2-54b5-4163-b692-1327ec39ce35"

# (id, call, method, path after /v1, location-scoped, query, form); form None means no body.
CASES = [
    ("block.list", lambda c: block_storage.list(c), "GET", "/storage/disks", False, {}, None),
    ("block.get", lambda c: block_storage.get(c, DISK), "GET", f"/storage/disks/{DISK}", False, {}, None),
    ("block.create", lambda c: block_storage.create(c, size_gb=50, billing_account_id=129673,
                                                    source_image_type="EMPTY"),
     "POST", "/storage/disks", False, {},
     {"size_gb": "50", "billing_account_id": "129673", "source_image_type": "EMPTY"}),
    ("block.create-snapshot", lambda c: block_storage.create(c, source_image_type="SNAPSHOT", source_image=SNAP),
     "POST", "/storage/disks", False, {}, {"source_image_type": "SNAPSHOT", "source_image": SNAP}),
    ("block.update", lambda c: block_storage.update(c, DISK, 129072), "PATCH", f"/storage/disks/{DISK}",
     False, {}, {"billing_account_id": "129072"}),
    ("block.delete", lambda c: block_storage.delete(c, DISK), "DELETE", f"/storage/disks/{DISK}",
     False, {}, None),
    ("block.attach", lambda c: block_storage.attach(c, VM, DISK), "POST", "/user-resource/vm/storage/attach",
     True, {}, {"uuid": VM, "storage_uuid": DISK}),
    ("block.detach", lambda c: block_storage.detach(c, VM, DISK), "POST", "/user-resource/vm/storage/detach",
     True, {}, {"uuid": VM, "storage_uuid": DISK}),
    ("object.list", lambda c: object_storage.list(c), "GET", "/storage/bucket/list", False, {}, None),
    ("object.list-billing", lambda c: object_storage.list(c, billing_account_id=129072), "GET",
     "/storage/bucket/list", False, {"billing_account_id": "129072"}, None),
    ("object.get", lambda c: object_storage.get(c, "pang1"), "GET", "/storage/bucket", False,
     {"name": "pang1"}, None),
    ("object.create", lambda c: object_storage.create(c, "pang1", billing_account_id=12345), "PUT",
     "/storage/bucket", False, {}, {"name": "pang1", "billing_account_id": "12345"}),
    ("object.create-no-billing", lambda c: object_storage.create(c, "pang1"), "PUT", "/storage/bucket",
     False, {}, {"name": "pang1"}),
    ("object.update", lambda c: object_storage.update(c, "pang1", 129072), "PATCH", "/storage/bucket",
     False, {}, {"name": "pang1", "billing_account_id": "129072"}),
    ("object.delete", lambda c: object_storage.delete(c, "pang1"), "DELETE", "/storage/bucket", False,
     {"name": "pang1"}, None),
    ("object.s3_url", lambda c: object_storage.s3_url(c), "GET", "/storage/api/s3", False, {}, None),
    ("object.user", lambda c: object_storage.user(c), "GET", "/storage/user", False, {}, None),
    ("object.list_keys", lambda c: object_storage.list_keys(c), "GET", "/storage/user/keys", False, {}, None),
    ("object.create_key", lambda c: object_storage.create_key(c), "POST", "/storage/user/keys", False, {}, None),
    ("object.delete_key", lambda c: object_storage.delete_key(c, "I16N8YDF6A6FX8ILP30T"), "DELETE",
     "/storage/user/keys", False, {}, {"access_key": "I16N8YDF6A6FX8ILP30T"}),
]


@pytest.mark.parametrize("location", [None, "bus02"], ids=["default-location", "bus02"])
@pytest.mark.parametrize("call, method, path, scoped, query, form",
                         [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_exact_request(call, method, path, scoped, query, form, location):
    assert_exact_request(call, method, path, scoped, query, form, location)


@pytest.mark.parametrize("module", [block_storage, object_storage], ids=["block", "object"])
def test_every_public_function_is_covered(module):
    prefix = "block." if module is block_storage else "object."
    covered = {case[0].split("-")[0][len(prefix):] for case in CASES if case[0].startswith(prefix)}
    public = {name for name, value in vars(module).items()
              if callable(value) and not name.startswith("_") and getattr(value, "__module__", "") == module.__name__}
    assert public == covered


@pytest.mark.parametrize("call, method, path", [
    (lambda c: block_storage.delete(c, DISK), "DELETE", f"/v1/storage/disks/{DISK}"),
    (lambda c: object_storage.delete(c, "pang1"), "DELETE", "/v1/storage/bucket"),
    (lambda c: object_storage.delete_key(c, "AK"), "DELETE", "/v1/storage/user/keys"),
], ids=["disk", "bucket", "key"])
def test_deletes_answering_204_return_none(call, method, path):
    with respx.mock(assert_all_called=True) as mock:
        mock.route(method=method, url__startswith=f"{BASE}{path}").mock(return_value=httpx.Response(204))
        assert call(client_for(None)) is None


@pytest.mark.parametrize("call, method, path", [
    (lambda c: block_storage.create(c, size_gb=50), "POST", "/v1/storage/disks"),
    (lambda c: object_storage.create(c, "pang1"), "PUT", "/v1/storage/bucket"),
    (lambda c: object_storage.create_key(c), "POST", "/v1/storage/user/keys"),
], ids=["disk", "bucket", "key"])
def test_creates_are_never_retried(call, method, path):
    with respx.mock(assert_all_called=True) as mock:
        route = mock.route(method=method, url=f"{BASE}{path}").mock(
            return_value=httpx.Response(503, json={"message": "try later"}))
        with pytest.raises(ApiError, match="try later"):
            call(client_for(None))
    assert route.call_count == 1


def test_unknown_disk_is_not_found():
    with respx.mock(assert_all_called=True) as mock:
        mock.get(f"{BASE}/v1/storage/disks/{DISK}").mock(return_value=httpx.Response(
            400, json={"errors": {"Error": f"No such disk exists. {DISK}"}}))
        with pytest.raises(NotFoundError, match="No such disk"):
            block_storage.get(client_for(None), DISK)
