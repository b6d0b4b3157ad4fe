"""The private-network SDK (idcctl.api.networks): the exact request of every endpoint, with and without a location."""

from __future__ import annotations

import httpx

from idcctl.api import networks
from tests.api.conftest import assert_answers_none, assert_sent_once, covered, exact_request_test, public_functions
from tests.conftest import BASE

NET = "4e5eadd3-8b11-4c34-812a-2cf97120b628"

# (id, call, method, path after /v1, location-scoped, query, json body); body None = no body.
CASES = [
    ("list", lambda c: networks.list(c), "GET", "/network/networks", True, {}, None),
    ("get", lambda c: networks.get(c, NET), "GET", f"/network/network/{NET}", True, {}, None),
    ("create", lambda c: networks.create(c, "backend"), "POST", "/network/network", True,
     {"name": "backend"}, None),
    ("create-default", lambda c: networks.create(c), "POST", "/network/network", True,
     {}, None),
    ("rename", lambda c: networks.rename(c, NET, "My new network name"), "PATCH",
     f"/network/network/{NET}", True, {}, {"name": "My new network name"}),
    ("delete", lambda c: networks.delete(c, NET), "DELETE", f"/network/network/{NET}",
     True, {}, None),
    ("set_default", lambda c: networks.set_default(c, NET), "PUT",
     f"/network/network/{NET}/default", True, {}, None),
]


test_exact_request = exact_request_test(CASES, encoding="json")


def test_every_public_function_is_covered():
    assert public_functions(networks) == covered(CASES)


def test_a_delete_accepts_an_empty_200():
    empty = httpx.Response(200, content=b"", headers={"content-type": "application/json"})
    assert_answers_none(lambda c: networks.delete(c, NET), "DELETE", f"{BASE}/v1/network/network/{NET}", empty)


def test_a_create_is_never_retried():
    assert_sent_once(lambda c: networks.create(c, "x"), "POST", f"{BASE}/v1/network/network")
