"""The account SDK (idcctl.api.account: user, tokens, locations): the exact request of every endpoint."""

from __future__ import annotations

from idcctl.api import account
from tests.api.conftest import assert_sent_once, covered, exact_request_test, public_functions
from tests.conftest import BASE

# (id, call, method, path after /v1, location-scoped, query, form); form None means no body.
CASES = [
    ("get_user", lambda c: account.get_user(c), "GET", "/user-resource/user", False, {}, None),
    ("update_profile", lambda c: account.update_profile(c, first_name="Ada", phone_number="+372 555"), "PATCH",
     "/user-resource/user/profile", False, {}, {"first_name": "Ada", "phone_number": "+372 555"}),
    ("list_tokens", lambda c: account.list_tokens(c), "GET", "/user-resource/token/list", False, {}, None),
    ("create_token", lambda c: account.create_token(c, description="ci", restricted=True, billing_account_id=6),
     "POST", "/user-resource/token", False, {},
     {"description": "ci", "restricted": "true", "billing_account_id": "6"}),
    ("update_token", lambda c: account.update_token(c, 7, description="renamed", restricted=True), "PATCH",
     "/user-resource/token", False, {}, {"token_id": "7", "description": "renamed", "restricted": "true"}),
    # An unrestricted token is asked for by leaving the field out (the API takes any value as true).
    ("update_token-unrestricted", lambda c: account.update_token(c, 7, billing_account_id=42), "PATCH",
     "/user-resource/token", False, {}, {"token_id": "7", "billing_account_id": "42"}),
    ("delete_token", lambda c: account.delete_token(c, 7), "DELETE", "/user-resource/token", False, {},
     {"token_id": "7"}),
    ("list_locations", lambda c: account.list_locations(c), "GET", "/config/locations", False, {}, None),
]


test_exact_request = exact_request_test(CASES)


def test_every_public_function_is_covered():
    assert public_functions(account) == covered(CASES)


def test_a_token_create_is_never_retried():
    assert_sent_once(lambda c: account.create_token(c, description="ci"), "POST", f"{BASE}/v1/user-resource/token")
