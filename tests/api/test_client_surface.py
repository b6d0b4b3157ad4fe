"""The SDK client's public surface: its constructor, the hooks, with_location, pending writes."""

from __future__ import annotations

import inspect

import httpx
import pytest
import respx

from idcctl.api.client import DEFAULT_BASE_URL, Client
from idcctl.api.hooks import Answered, ClientHooks, RetryWait
from idcctl.errors import NetworkError, Reason
from tests.conftest import BASE, KEY

USER = f"{BASE}/v1/user-resource/user"


def test_the_constructor_takes_the_key_and_public_keywords_only():
    params = inspect.signature(Client).parameters
    assert list(params) == ["api_key", "location", "base_url", "timeout", "max_retries", "max_body",
                            "transport", "hooks"]
    assert all(p.kind is p.KEYWORD_ONLY for name, p in params.items() if name != "api_key")
    with pytest.raises(TypeError):
        Client(KEY, BASE)  # type: ignore[misc]
    client = Client(KEY)
    assert (client.base_url, client.location, client.timeout, client.max_retries) == (DEFAULT_BASE_URL, None,
                                                                                     120.0, 2)
    assert KEY not in repr(client) and KEY not in str(vars(client).get("hooks"))


def test_a_transport_is_the_seam_for_tests_without_respx():
    seen = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append((request.method, request.url.path, request.headers["apikey"]))
        return httpx.Response(200, json={"id": 1})

    with Client(KEY, base_url=BASE, transport=httpx.MockTransport(handler)) as client:
        assert client.request("GET", "/v1/user-resource/user") == {"id": 1}
    assert seen == [("GET", "/v1/user-resource/user", KEY)]


def test_before_send_sees_a_safe_description_and_raising_sends_nothing():
    class Refused(Exception):
        pass

    seen = []

    def before_send(request):
        seen.append(request)
        if request["method"] != "GET":
            raise Refused

    with respx.mock(assert_all_mocked=True) as mock:
        mock.get(USER).mock(return_value=httpx.Response(200, json={}))
        client = Client(KEY, base_url=BASE, location="bus02", hooks=ClientHooks(before_send=before_send))
        client.request("GET", "/v1/user-resource/user")
        with pytest.raises(Refused):
            client.request("PATCH", "/v1/user-resource/vm/user", form={"uuid": "u", "password": "Secret123"})
        assert mock.calls.call_count == 1  # the read only
    write = seen[1]
    assert (write["method"], write["url"]) == ("PATCH", f"{BASE}/v1/bus02/user-resource/vm/user")
    assert write["headers"]["apikey"] == "***" and write["headers"]["user-agent"].startswith("idcctl/")
    assert write["body"] == "uuid=u&password=***" and seen[0]["body"] is None
    assert KEY not in repr(seen)


def test_after_response_hears_of_each_success_after_its_last_attempt_with_secrets_masked():
    seen: list[Answered] = []
    hooks = ClientHooks(after_response=seen.append, sleep=lambda s: None)
    with respx.mock(assert_all_called=True) as mock:
        mock.get(USER).mock(side_effect=[httpx.Response(503), httpx.Response(200, json={"id": 1})])
        mock.delete(f"{BASE}/v1/bus02/user-resource/vm").mock(return_value=httpx.Response(204))
        mock.patch(f"{BASE}/v1/bus02/user-resource/vm/user").mock(return_value=httpx.Response(404, json={}))
        client = Client(KEY, base_url=BASE, location="bus02", hooks=hooks)
        assert client.request("GET", "/v1/user-resource/user", params={"a": 1}) == {"id": 1}
        client.request("DELETE", "/v1/user-resource/vm", form={"uuid": "u-1", "password": "Secret123"})
        with pytest.raises(Exception):
            client.request("PATCH", "/v1/user-resource/vm/user", form={"uuid": "u-1"})
    assert seen == [Answered("GET", f"{USER}?a=1", None, 200, {"id": 1}),
                    Answered("DELETE", f"{BASE}/v1/bus02/user-resource/vm", "uuid=u-1&password=***", 204, None)]


def test_an_error_raised_by_after_response_reaches_the_caller():
    def after(answered):
        raise LookupError("the hook's own")

    with respx.mock() as mock:
        mock.get(USER).mock(return_value=httpx.Response(200, json={}))
        with pytest.raises(LookupError):
            Client(KEY, base_url=BASE, hooks=ClientHooks(after_response=after)).request("GET", "/v1/user-resource/user")


def test_the_trace_never_shows_the_key_not_even_in_a_retried_error():
    lines: list[str] = []
    with respx.mock() as mock:
        mock.get(USER).mock(side_effect=[httpx.ConnectError(f"refused for {KEY}"),
                                         httpx.Response(200, json={"token": KEY})])
        client = Client(KEY, base_url=BASE, hooks=ClientHooks(trace=lines.append, sleep=lambda s: None))
        client.request("GET", "/v1/user-resource/user")
    trace = "\n".join(lines)
    assert "> apikey: ***" in trace and "* ConnectError: refused for ***; retried" in trace
    assert '< {"token": "***"}' in trace and KEY not in trace


@pytest.mark.parametrize(("failure", "status", "reason"), [
    (httpx.Response(503, headers={"Retry-After": "4"}), 503, None),
    (httpx.ConnectTimeout("slow"), None, Reason.TIMEOUT),
    (httpx.ConnectError("refused"), None, Reason.UNREACHABLE),
    (httpx.ReadError("reset"), None, Reason.CONNECTION_BROKE),
])
def test_on_retry_wait_hears_of_each_pause_before_it_is_slept(failure, status, reason):
    events: list[object] = []
    hooks = ClientHooks(on_retry_wait=events.append, sleep=lambda s: events.append(("slept", s)))
    with respx.mock() as mock:
        mock.get(USER).mock(side_effect=[failure, httpx.Response(200, json=[])])
        assert Client(KEY, base_url=BASE, hooks=hooks).request("GET", "/v1/user-resource/user") == []
    wait, slept = events
    assert isinstance(wait, RetryWait) and (wait.attempt, wait.status, wait.reason) == (1, status, reason)
    assert slept == ("slept", wait.seconds) and (wait.seconds == 4.0 if status else 0 < wait.seconds <= 0.6)


@pytest.mark.parametrize(("max_retries", "attempts"), [(0, 1), (2, 3), (4, 5)])
def test_max_retries_counts_the_attempts_after_the_first(max_retries, attempts):
    with respx.mock() as mock:
        route = mock.get(USER).mock(return_value=httpx.Response(502))
        client = Client(KEY, base_url=BASE, max_retries=max_retries, hooks=ClientHooks(sleep=lambda s: None))
        with pytest.raises(Exception):
            client.request("GET", "/v1/user-resource/user")
    assert route.call_count == attempts


def test_the_clock_hook_bounds_a_slow_answer():
    ticks = iter([0.0, 0.0, 99.0])  # the deadline is read, then the first chunk, then time has run out
    hooks = ClientHooks(clock=lambda: next(ticks))
    with respx.mock() as mock:
        mock.get(USER).mock(return_value=httpx.Response(200, content=iter([b"[", b"]"])))
        with pytest.raises(NetworkError) as info:
            Client(KEY, base_url=BASE, timeout=5, hooks=hooks).request("GET", "/v1/user-resource/user")
    assert (info.value.reason, info.value.timeout) == (Reason.TIMEOUT, 5)


def test_with_location_shares_the_pool_the_hooks_and_the_pending_writes():
    during = []

    def handler(request: httpx.Request) -> httpx.Response:
        during.append(client.pending_write)  # the original sees the twin's write in flight
        return httpx.Response(200, json={"uuid": "u"})

    lines: list[str] = []
    client = Client(KEY, base_url=BASE, location="bus02", transport=httpx.MockTransport(handler),
                    hooks=ClientHooks(trace=lines.append))
    twin = client.with_location("sgp01")
    assert (twin.location, client.location, twin.hooks) == ("sgp01", "bus02", client.hooks)
    twin.request("POST", "/v1/user-resource/vm/start", form={"uuid": "u"})
    assert during == [("POST", "/v1/sgp01/user-resource/vm/start")]
    assert client.pending_write is None and f"> POST {BASE}/v1/sgp01/user-resource/vm/start" in lines
    client.close()  # one pool: closing the original closes the twin's too
    with pytest.raises(RuntimeError):
        twin.request("GET", "/v1/user-resource/user")


def test_a_write_stays_pending_when_interrupted():
    def handler(request: httpx.Request) -> httpx.Response:
        raise KeyboardInterrupt

    client = Client(KEY, base_url=BASE, transport=httpx.MockTransport(handler))
    with pytest.raises(KeyboardInterrupt):
        client.request("DELETE", "/v1/user-resource/token", form={"token_id": 1})
    assert client.pending_write == ("DELETE", "/v1/user-resource/token")
