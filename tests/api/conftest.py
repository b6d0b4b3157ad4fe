"""One check of the exact request an SDK function sends, shared by every tests/test_api_*.py.

A case is (call, method, path, scoped, query, body): `path` after ``/v1``;
with a location and ``scoped`` the path gains ``/v1/SLUG``. `body` is None
for no body, else the fields sent, form-encoded or (``encoding="json"``) as
JSON. The answer must come back unchanged.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qs

import httpx
import respx
from tests.conftest import BASE, KEY

from idcctl.api.client import Client
from idcctl.api.hooks import ClientHooks

ANSWER = {"answer": "returned unchanged", "n": [1, 2]}


def client_for(location: str | None) -> Client:
    return Client(KEY, base_url=BASE, location=location, hooks=ClientHooks(sleep=lambda seconds: None))


def assert_exact_request(call: Any, method: str, path: str, scoped: bool, query: dict[str, str],
                         body: dict[str, Any] | None, location: str | None, *, encoding: str = "form") -> None:
    prefix = f"/v1/{location}" if location and scoped else "/v1"
    with respx.mock(assert_all_called=True) as mock:
        route = mock.route(method=method, url__startswith=f"{BASE}{prefix}{path}").mock(
            return_value=httpx.Response(200, json=ANSWER))
        answer = call(client_for(location))
    assert answer == ANSWER
    assert route.call_count == 1
    request = route.calls.last.request
    assert request.url.path == f"{prefix}{path}"
    assert {k: v[0] for k, v in parse_qs(request.url.query.decode()).items()} == query
    assert request.headers["apikey"] == KEY
    if body is None:
        assert request.content == b""
    elif encoding == "json":
        assert request.headers["content-type"] == "application/json"
        assert json.loads(request.content) == body
    else:
        assert request.headers["content-type"] == "application/x-www-form-urlencoded"
        sent = parse_qs(request.content.decode(), keep_blank_values=True)
        assert all(len(values) == 1 for values in sent.values())
        assert {k: v[0] for k, v in sent.items()} == body


def public_functions(module: Any) -> set[str]:
    """The names of the functions a module defines (the SDK's endpoints)."""
    return {name for name, value in vars(module).items()
            if callable(value) and not name.startswith("_")
            and getattr(value, "__module__", "") == module.__name__}
