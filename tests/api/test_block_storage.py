"""The block-storage SDK (idcctl.api.block_storage): the exact request of every endpoint, with and without a location."""

from __future__ import annotations

import httpx
import pytest
import respx

from idcctl.api import block_storage
from idcctl.errors import NotFoundError
from tests.api.conftest import (
    assert_answers_none,
    assert_sent_once,
    client_for,
    covered,
    exact_request_test,
    public_functions,
)
from tests.conftest import BASE

VM = "5052bf02-044a-4d35-a803-d6b156f84beb"
DISK = "3d91aa31-16ec-44ee-b8b3-22a0bda6559e"
SNAP = "8ae9b8e2-54b5-4163-b692-1327ec39ce35"

# (id, call, method, path after /v1, location-scoped, query, form); form None means no body.
CASES = [
    ("list", lambda c: block_storage.list(c), "GET", "/storage/disks", True, {}, None),
    ("list-read_only_bootable", lambda c: block_storage.list(c, read_only_bootable=True), "GET", "/storage/disks",
     True, {"read_only_bootable": "true"}, None),
    ("get", lambda c: block_storage.get(c, DISK), "GET", f"/storage/disks/{DISK}", True, {}, None),
    ("create", lambda c: block_storage.create(c, size_gb=50, billing_account_id=129673,
                                                    source_image_type="EMPTY"),
     "POST", "/storage/disks", True, {},
     {"size_gb": "50", "billing_account_id": "129673", "source_image_type": "EMPTY"}),
    ("create-named", lambda c: block_storage.create(c, size_gb=50, display_name="DB data"),
     "POST", "/storage/disks", True, {}, {"size_gb": "50", "display_name": "DB data"}),
    ("create-snapshot", lambda c: block_storage.create(c, source_image_type="SNAPSHOT", source_image=SNAP),
     "POST", "/storage/disks", True, {}, {"source_image_type": "SNAPSHOT", "source_image": SNAP}),
    ("update", lambda c: block_storage.update(c, DISK, 129072), "PATCH", f"/storage/disks/{DISK}",
     True, {}, {"billing_account_id": "129072"}),
    ("update-name-bootable", lambda c: block_storage.update(c, DISK, display_name="rescue ISO",
                                                            read_only_bootable=True),
     "PATCH", f"/storage/disks/{DISK}", True, {}, {"display_name": "rescue ISO", "read_only_bootable": "true"}),
    ("update-not-bootable", lambda c: block_storage.update(c, DISK, read_only_bootable=False),
     "PATCH", f"/storage/disks/{DISK}", True, {}, {"read_only_bootable": "false"}),
    ("delete", lambda c: block_storage.delete(c, DISK), "DELETE", f"/storage/disks/{DISK}",
     True, {}, None),
    ("attach", lambda c: block_storage.attach(c, VM, DISK), "POST", "/user-resource/vm/storage/attach",
     True, {}, {"uuid": VM, "storage_uuid": DISK}),
    ("detach", lambda c: block_storage.detach(c, VM, DISK), "POST", "/user-resource/vm/storage/detach",
     True, {}, {"uuid": VM, "storage_uuid": DISK}),
]


test_exact_request = exact_request_test(CASES)


def test_every_public_function_is_covered():
    assert public_functions(block_storage) == covered(CASES)


def test_a_delete_answering_204_returns_none():
    assert_answers_none(lambda c: block_storage.delete(c, DISK), "DELETE", f"{BASE}/v1/storage/disks/{DISK}",
                        httpx.Response(204))


def test_a_create_is_never_retried():
    assert_sent_once(lambda c: block_storage.create(c, size_gb=50), "POST", f"{BASE}/v1/storage/disks")


def test_unknown_disk_is_not_found():
    with respx.mock(assert_all_called=True) as mock:
        mock.get(f"{BASE}/v1/storage/disks/{DISK}").mock(return_value=httpx.Response(
            400, json={"errors": {"Error": f"No such disk exists. {DISK}"}}))
        with pytest.raises(NotFoundError, match="No such disk"):
            block_storage.get(client_for(None), DISK)
