"""The SSH key SDK (idcctl.api.ssh_keys): the exact request of every endpoint, with and without a location."""

from __future__ import annotations

import httpx
import pytest
import respx

from idcctl.api import ssh_keys
from idcctl.errors import ApiError
from tests.api.conftest import (
    assert_answers_none,
    assert_sent_once,
    client_for,
    covered,
    exact_request_test,
    public_functions,
)
from tests.conftest import BASE

KEY_UUID = "3f8f4c5a-2c6d-4f0a-9a3a-8c9f6e3f1a2b"
PUBLIC = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMockPublicKeyData user@host"
KEYS = "/user-resource/ssh_keys"

# (id, call, method, path after /v1, location-scoped, query, json body); body None = no body.
CASES = [
    ("list", lambda c: ssh_keys.list(c), "GET", KEYS, False, {}, None),
    ("create", lambda c: ssh_keys.create(c, "laptop-mbp", PUBLIC), "POST", KEYS, False, {},
     {"name": "laptop-mbp", "public_key": PUBLIC}),
    ("rename", lambda c: ssh_keys.rename(c, KEY_UUID, "personal-laptop"), "PATCH", f"{KEYS}/{KEY_UUID}", False,
     {}, {"name": "personal-laptop"}),
    ("delete", lambda c: ssh_keys.delete(c, KEY_UUID), "DELETE", f"{KEYS}/{KEY_UUID}", False, {}, None),
]


test_exact_request = exact_request_test(CASES, encoding="json")


def test_every_public_function_is_covered():
    assert public_functions(ssh_keys) == covered(CASES)


def test_a_delete_answering_204_returns_none():
    assert_answers_none(lambda c: ssh_keys.delete(c, KEY_UUID), "DELETE", f"{BASE}/v1{KEYS}/{KEY_UUID}",
                        httpx.Response(204))


def test_a_create_is_never_retried():
    assert_sent_once(lambda c: ssh_keys.create(c, "laptop", PUBLIC), "POST", f"{BASE}/v1{KEYS}")


def test_a_taken_name_is_an_api_error_with_its_status():
    with respx.mock(assert_all_called=True) as mock:
        mock.post(f"{BASE}/v1{KEYS}").mock(return_value=httpx.Response(
            409, json={"message": "SSH key with this name already exists"}))
        with pytest.raises(ApiError, match="already exists") as caught:
            ssh_keys.create(client_for(None), "laptop", PUBLIC)
    assert caught.value.status == 409
