"""The floating-IP SDK (idcctl.api.ips): the exact request of every endpoint, with and without a location."""

from __future__ import annotations

import httpx

from idcctl.api import ips
from tests.api.conftest import assert_answers_none, assert_sent_once, covered, exact_request_test, public_functions
from tests.conftest import BASE

VM1 = "145cc106-e067-419a-85fd-333ded30f169"

# (id, call, method, path after /v1, location-scoped, query, json body); body None = no body.
CASES = [
    ("list", lambda c: ips.list(c), "GET", "/network/ip_addresses", True, {}, None),
    ("list-filtered", lambda c: ips.list(c, billing_account_id=1, vm_uuid=VM1), "GET",
     "/network/ip_addresses", True, {"billing_account_id": "1", "vm_uuid": VM1}, None),
    ("get", lambda c: ips.get(c, "1.1.1.1"), "GET", "/network/ip_addresses/1.1.1.1", True, {}, None),
    ("create", lambda c: ips.create(c, billing_account_id=2, name="my_ip"), "POST",
     "/network/ip_addresses/", True, {}, {"name": "my_ip", "billing_account_id": 2}),
    ("create-no-name", lambda c: ips.create(c, billing_account_id=2), "POST",
     "/network/ip_addresses/", True, {}, {"billing_account_id": 2}),
    ("update", lambda c: ips.update(c, "1.1.1.1", name="my_ip", billing_account_id=2), "PATCH",
     "/network/ip_addresses/1.1.1.1", True, {}, {"name": "my_ip", "billing_account_id": 2}),
    ("update-name-only", lambda c: ips.update(c, "1.1.1.1", name="edge"), "PATCH",
     "/network/ip_addresses/1.1.1.1", True, {}, {"name": "edge"}),
    ("delete", lambda c: ips.delete(c, "1.1.1.1"), "DELETE", "/network/ip_addresses/1.1.1.1", True,
     {}, None),
    ("assign", lambda c: ips.assign(c, "1.1.1.1", VM1), "POST",
     "/network/ip_addresses/1.1.1.1/assign", True, {}, {"vm_uuid": VM1}),
    ("unassign", lambda c: ips.unassign(c, "1.1.1.1"), "POST",
     "/network/ip_addresses/1.1.1.1/unassign", True, {}, None),
]


test_exact_request = exact_request_test(CASES, encoding="json")


def test_every_public_function_is_covered():
    assert public_functions(ips) == covered(CASES)


def test_a_delete_accepts_an_empty_200():
    empty = httpx.Response(200, content=b"", headers={"content-type": "application/json"})
    assert_answers_none(lambda c: ips.delete(c, "1.1.1.1"), "DELETE", f"{BASE}/v1/network/ip_addresses/1.1.1.1", empty)


def test_a_create_is_never_retried():
    assert_sent_once(lambda c: ips.create(c, billing_account_id=2), "POST", f"{BASE}/v1/network/ip_addresses/")
