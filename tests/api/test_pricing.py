"""The pricing SDK (idcctl.api.pricing): the exact request of both endpoints, with and without a location."""

from __future__ import annotations

from idcctl.api import pricing
from tests.api.conftest import covered, exact_request_test, public_functions

# (id, call, method, path after /v1, location-scoped, query, form); form None means no body.
CASES = [
    ("policy", lambda c: pricing.policy(c), "GET", "/pricing/policy", False, {}, None),
    ("usage", lambda c: pricing.usage(c, 6), "GET", "/charging/usage", False, {"billing_account_id": "6"}, None),
]


test_exact_request = exact_request_test(CASES)


def test_every_public_function_is_covered():
    assert public_functions(pricing) == covered(CASES)
