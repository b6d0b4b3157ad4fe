"""The SDK's errors: facts (status, correlation id, reason, method, path), no command-line wording."""

from __future__ import annotations

import re

import httpx
import pytest
import respx

from idcctl.api.client import Client
from idcctl.api.hooks import ClientHooks
from idcctl.errors import ApiError, AuthError, NetworkError, NotFoundError, Reason
from tests.conftest import BASE, KEY

USER = "/v1/user-resource/user"
VM = "/v1/user-resource/vm"


def _client(**kwargs) -> Client:
    return Client(KEY, base_url=BASE, location="bus02", timeout=5, hooks=ClientHooks(sleep=lambda s: None),
                  **kwargs)


def _failure(method: str, path: str, answer, *, scoped: bool = False, **kwargs):
    """The error one request ends in; `answer` is a response or an exception (for every attempt)."""
    with respx.mock(assert_all_called=True) as mock:
        route = mock.route(method=method, url=f"{BASE}{path}")
        route.mock(side_effect=answer) if isinstance(answer, Exception) else route.mock(return_value=answer)
        with pytest.raises((ApiError, NetworkError)) as info:
            _client(**kwargs).request(method, path.replace("/v1/bus02/", "/v1/"), scoped=scoped)
    return info.value


# (case, method, path as sent, answer, scoped, class, reason, status)
CASES = [
    ("timeout", "GET", USER, httpx.ReadTimeout("slow"), False, NetworkError, Reason.TIMEOUT, None),
    ("unreachable", "GET", USER, httpx.ConnectError("refused"), False, NetworkError, Reason.UNREACHABLE, None),
    ("connection broke", "GET", USER, httpx.ReadError("reset"), False, NetworkError,
     Reason.CONNECTION_BROKE, None),
    ("write without answer", "POST", f"/v1/bus02{VM[3:]}", httpx.ReadError("reset"), True, NetworkError,
     Reason.UNKNOWN_OUTCOME, None),
    ("write timed out", "DELETE", "/v1/user-resource/token", httpx.ReadTimeout("slow"), False, NetworkError,
     Reason.UNKNOWN_OUTCOME, None),
    ("redirect", "GET", USER, httpx.Response(307, headers={"Location": "https://elsewhere.test/"}), False,
     ApiError, Reason.REDIRECT, 307),
    ("not json", "GET", USER, httpx.Response(200, text="<html></html>", headers={"content-type": "text/html"}),
     False, ApiError, Reason.NOT_JSON, 200),
    ("empty answer", "POST", "/v1/user-resource/token", httpx.Response(200, content=b""), False, ApiError,
     Reason.EMPTY_ANSWER, 200),
    ("unknown location", "GET", f"/v1/bus02{VM[3:]}/list",
     httpx.Response(404, json={"message": "no route and no API found"}), True, NotFoundError,
     Reason.UNKNOWN_LOCATION, 404),
    ("no endpoint", "GET", "/v1/no/such/thing", httpx.Response(404, json={"message": "no route and no API found"}),
     False, NotFoundError, Reason.NO_ENDPOINT, 404),
    ("retry-after too long", "GET", USER, httpx.Response(503, headers={"Retry-After": "3600"}), False, ApiError,
     Reason.RETRY_AFTER_TOO_LONG, 503),
    ("the API's own error", "POST", "/v1/user-resource/token", httpx.Response(400, json={"message": "bad"}),
     False, ApiError, None, 400),
    ("forbidden", "GET", USER, httpx.Response(403, json={"message": "no"}), False, AuthError, None, 403),
]


@pytest.mark.parametrize(("method", "path", "answer", "scoped", "cls", "reason", "status"),
                         [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_each_failure_names_its_reason_method_and_path(method, path, answer, scoped, cls, reason, status):
    error = _failure(method, path, answer, scoped=scoped)
    assert type(error) is cls
    assert (error.reason, error.method, error.path) == (reason, method, path)
    assert getattr(error, "status", None) == status
    # Facts only: advice for an operator (a command to run, an option to set) is the CLI's to add.
    assert error.hint is None
    assert not re.search(r"['`]idcctl |--[a-z]", str(error)), str(error)


def test_an_answer_over_max_body_is_too_large():
    error = _failure("GET", USER, httpx.Response(200, content=b"[" + b" " * 200 + b"]"), max_body=100)
    assert (type(error), error.reason, error.status, error.hint) == (ApiError, Reason.TOO_LARGE, 200, None)


def test_the_timeout_and_the_retry_after_asked_are_on_the_error():
    error = _failure("GET", USER, httpx.Response(429, headers={"Retry-After": "3600"}))
    assert (error.retry_after, error.timeout) == (3600, 5)
    assert _failure("GET", USER, httpx.ReadTimeout("slow")).timeout == 5


def test_the_correlation_id_comes_with_every_answer_error():
    answer = httpx.Response(500, json={"errors": {"Error": "boom"}}, headers={"X-Warren-Correlation-Id": "c-9"})
    error = _failure("GET", USER, answer)
    assert (error.status, error.request_id, error.message) == (500, "c-9", "boom")
    assert str(error) == "boom (HTTP 500, correlation id c-9)"


def test_auth_errors_carry_no_class_level_hint():
    assert AuthError("x").hint is None and AuthError("x", status=401).hint is None


# -- a request that cannot be sent as asked: InvalidRequest, nothing sent (issue #17, item 5) ----------


@pytest.mark.parametrize(("call", "reason"), [
    (lambda c: c.request("GET", "/v1/x", params={"name": "n" * 9000}), "url_too_long"),
    (lambda c: c.request("GET", "/v1/" + "p" * 9000), "url_too_long"),
    (lambda c: c.request("GET", "/v1/\x01"), "bad_request"),
    (lambda c: c.request("POST", "/v1/x", json={"amount": float("inf")}), "bad_request"),
    (lambda c: c.with_location("bad\x1bslug").request("GET", "/v1/user-resource/vm/list", scoped=True),
     "bad_request"),
    (lambda c: c.with_location("../x").request("GET", "/v1/user-resource/vm/list", scoped=True), "bad_request"),
    (lambda c: c.with_location("bus02\n").request("GET", "/v1/user-resource/vm/list", scoped=True),
     "bad_request"),
])
def test_a_request_that_cannot_be_sent_is_invalid_and_nothing_is_sent(call, reason):
    from idcctl.api import InvalidRequest
    from idcctl.api.client import Client

    with respx.mock(assert_all_called=False) as mock:
        anything = mock.route().mock(return_value=httpx.Response(200, json=[]))
        with pytest.raises(InvalidRequest) as info:
            call(Client("k", base_url=BASE))
    assert not anything.called
    assert info.value.reason == reason and info.value.exit_code == 2
    assert isinstance(info.value, ValueError)  # what the SDK's bad arguments raise
