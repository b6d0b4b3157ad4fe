"""The SDK client: URLs, location prefix, error mapping, retries, redaction."""

from __future__ import annotations

import httpx
import pytest
import respx

from idcctl.api.client import Client, encode_form
from idcctl.api.hooks import ClientHooks
from idcctl.errors import ApiError, AuthError, DryRun, NetworkError, NotFoundError
from idcctl.shell.state import _refuse_writes
from tests.conftest import BASE, KEY


def make(location: str | None = None, *, before_send=None, **kwargs) -> tuple[Client, list[float], list[str]]:
    sleeps: list[float] = []
    lines: list[str] = []
    hooks = ClientHooks(sleep=sleeps.append, trace=lines.append, before_send=before_send)
    client = Client(KEY, base_url=BASE, location=location, hooks=hooks, **kwargs)
    return client, sleeps, lines


def test_location_prefix_only_for_scoped_paths():
    client, _, _ = make(location="bus02")
    assert client.url_for("/v1/user-resource/vm") == f"{BASE}/v1/bus02/user-resource/vm"
    assert client.url_for("/v1/storage/disks/d-1") == f"{BASE}/v1/bus02/storage/disks/d-1"
    assert client.url_for("/v1/config/locations") == f"{BASE}/v1/config/locations"
    assert client.url_for("/v1/user-resource/service/package/s-1") == f"{BASE}/v1/user-resource/service/package/s-1"
    assert client.url_for("/v1/user-resource/service/package/s-1/whitelist_addresses") == \
        f"{BASE}/v1/bus02/user-resource/service/package/s-1/whitelist_addresses"
    assert client.url_for("/v1/sgp01/storage/disks") == f"{BASE}/v1/sgp01/storage/disks"  # named: left alone
    assert make()[0].url_for("/v1/user-resource/vm") == f"{BASE}/v1/user-resource/vm"


def test_a_scoped_flag_that_disagrees_with_the_table_is_refused_before_sending():
    client, _, _ = make(location="bus02")
    with respx.mock(assert_all_mocked=True) as mock:
        route = mock.get(f"{BASE}/v1/bus02/storage/disks").mock(return_value=httpx.Response(200, json=[]))
        assert client.request("GET", "/v1/storage/disks", scoped=True) == []  # agrees: as before the table
        with pytest.raises(ValueError, match="LOCATION_SCOPED decides"):
            client.request("GET", "/v1/storage/disks", scoped=False)
        with pytest.raises(ValueError, match="not location-scoped"):
            client.request("GET", "/v1/storage/bucket/list", scoped=True)
    assert route.call_count == 1


def test_form_encoding_writes_booleans_in_lowercase_as_the_live_api_takes_them():
    assert encode_form({"a": True, "b": False, "c": None, "d": 5}) == {"a": "true", "b": "false", "d": "5"}


def test_a_list_is_a_repeated_form_field_and_an_empty_one_is_left_out():
    assert encode_form({"k": ["a b", 2, True], "e": [], "t": ("x",)}) == {"k": ["a b", "2", "true"], "t": ["x"]}
    with respx.mock(assert_all_called=True) as mock:
        route = mock.post(f"{BASE}/v1/user-resource/vm").mock(return_value=httpx.Response(200, json={}))
        make()[0].request("POST", "/v1/user-resource/vm", form={"name": "n", "public_keys": ["k 1", "k 2"]})
    assert route.calls.last.request.content == b"name=n&public_keys=k+1&public_keys=k+2"


def test_request_sends_apikey_and_form_body():
    with respx.mock(assert_all_called=True) as mock:
        route = mock.patch(f"{BASE}/v1/user-resource/token").mock(return_value=httpx.Response(200, json={"id": 3}))
        client, _, _ = make()
        assert client.request("PATCH", "/v1/user-resource/token", form={"token_id": 3, "x": None}) == {"id": 3}
    request = route.calls.last.request
    assert request.headers["apikey"] == KEY
    assert request.headers["content-type"] == "application/x-www-form-urlencoded"
    assert request.content == b"token_id=3"


@pytest.mark.parametrize(
    ("status", "body", "error", "text"),
    [
        (400, {"errors": {"Error": "Failed to update token."}}, ApiError, "Failed to update token."),
        (400, {"message": "Bad thing happened"}, ApiError, "Bad thing happened"),
        (400, {"errors": {"name": "Name is invalid"}}, ApiError, "name: Name is invalid"),
        (403, {"errors": {"consumer::resource_forbidden": {"msg": "Forbidden for this token"}}},
         AuthError, "Forbidden for this token"),
        (400, {"errors": {"Error": "No such virtual machine exists. aaaa"}}, NotFoundError,
         "No such virtual machine exists. aaaa"),
        (404, {"message": "Not found"}, NotFoundError, "Not found"),
        (401, {"message": "No API key found in request"}, AuthError, "No API key found in request"),
        (500, {"errors": {"Error": "internal"}}, ApiError, "internal"),
    ],
)
@respx.mock
def test_error_shapes_map_to_typed_errors(status, body, error, text):
    respx.post(f"{BASE}/v1/x").mock(return_value=httpx.Response(
        status, json=body, headers={"X-Warren-Correlation-Id": "corr-123"}))
    client, _, _ = make()
    with pytest.raises(error) as info:
        client.request("POST", "/v1/x", form={})
    assert type(info.value) is error
    assert info.value.message == text
    assert info.value.status == status
    assert "corr-123" in str(info.value) and f"HTTP {status}" in str(info.value)


@respx.mock
def test_exit_codes_of_error_classes():
    assert (ApiError("x").exit_code, AuthError("x").exit_code, NotFoundError("x").exit_code,
            NetworkError("x").exit_code) == (1, 3, 4, 5)


@respx.mock
def test_unknown_location_is_named():
    respx.get(f"{BASE}/v1/nowhere/user-resource/vm/list").mock(
        return_value=httpx.Response(404, json={"message": "no route and no API found"}))
    client, _, _ = make(location="nowhere")
    with pytest.raises(NotFoundError, match="unknown location 'nowhere'"):
        client.request("GET", "/v1/user-resource/vm/list")


@respx.mock
def test_two_hundred_with_only_errors_is_an_error():
    respx.delete(f"{BASE}/v1/user-resource/token").mock(
        return_value=httpx.Response(200, json={"errors": {"Error": "Failed to delete kong token."}}))
    with pytest.raises(ApiError, match="Failed to delete kong token"):
        make()[0].request("DELETE", "/v1/user-resource/token", form={"token_id": 0})


@pytest.mark.parametrize(
    ("response", "expected"),
    [
        (httpx.Response(204), None),
        (httpx.Response(200, content=b"", headers={"content-type": "application/json"}), None),
        (httpx.Response(200, json=59.96), 59.96),
        (httpx.Response(200, json="text"), "text"),
        (httpx.Response(200, json={"message": 59.96}), {"message": 59.96}),
    ],
)
@respx.mock
def test_empty_and_bare_bodies(response, expected):
    respx.delete(f"{BASE}/v1/thing").mock(return_value=response)
    assert make()[0].request("DELETE", "/v1/thing", empty_ok=True) == expected


@respx.mock
def test_empty_200_where_data_is_expected_is_an_error():
    respx.post(f"{BASE}/v1/thing").mock(return_value=httpx.Response(200, content=b""))
    with pytest.raises(ApiError, match="empty body where data was expected"):
        make()[0].request("POST", "/v1/thing")


@respx.mock
def test_every_delete_may_answer_an_empty_body():
    respx.delete(f"{BASE}/v1/thing").mock(return_value=httpx.Response(200, content=b""))
    assert make()[0].request("DELETE", "/v1/thing") is None


@respx.mock
def test_html_error_page_from_a_proxy_is_one_clear_message():
    respx.get(f"{BASE}/v1/user-resource/user").mock(return_value=httpx.Response(
        400, text="<html><body>Bad gateway</body></html>", headers={"content-type": "text/html"}))
    with pytest.raises(ApiError, match="HTML page"):
        make()[0].request("GET", "/v1/user-resource/user")


@respx.mock
def test_get_is_retried_after_503_honouring_retry_after():
    route = respx.get(f"{BASE}/v1/user-resource/user").mock(side_effect=[
        httpx.Response(503, headers={"Retry-After": "7"}),
        httpx.Response(200, json={"id": 8}),
    ])
    client, sleeps, _ = make()
    assert client.request("GET", "/v1/user-resource/user") == {"id": 8}
    assert route.call_count == 2
    assert sleeps == [7.0]


@respx.mock
def test_get_is_retried_after_a_connection_reset_with_backoff():
    route = respx.get(f"{BASE}/v1/user-resource/user").mock(side_effect=[
        httpx.ReadError("connection reset by peer"),
        httpx.RemoteProtocolError("server disconnected"),
        httpx.Response(200, json={"id": 8}),
    ])
    client, sleeps, _ = make()
    assert client.request("GET", "/v1/user-resource/user") == {"id": 8}
    assert route.call_count == 3
    assert len(sleeps) == 2 and all(0 < s <= 8.1 for s in sleeps)


@respx.mock
def test_get_gives_up_after_three_attempts():
    route = respx.get(f"{BASE}/v1/user-resource/user").mock(return_value=httpx.Response(
        500, json={"message": "boom"}))
    client, sleeps, _ = make()
    with pytest.raises(ApiError, match="boom"):
        client.request("GET", "/v1/user-resource/user")
    assert route.call_count == 3 and len(sleeps) == 2


@pytest.mark.parametrize("failure", [httpx.Response(503), httpx.ReadError("reset")])
@respx.mock
def test_post_that_creates_is_never_retried(failure):
    route = respx.post(f"{BASE}/v1/user-resource/vm").mock(side_effect=[failure, httpx.Response(200, json={})])
    client, sleeps, _ = make()
    with pytest.raises((ApiError, NetworkError)):
        client.request("POST", "/v1/user-resource/vm", form={"name": "x"})
    assert route.call_count == 1 and sleeps == []


@respx.mock
def test_idempotent_patch_may_be_retried():
    route = respx.patch(f"{BASE}/v1/user-resource/user/profile").mock(side_effect=[
        httpx.Response(502), httpx.Response(200, json={"first_name": "A"})])
    client, _, _ = make()
    assert client.request("PATCH", "/v1/user-resource/user/profile", form={"first_name": "A"},
                          idempotent=True) == {"first_name": "A"}
    assert route.call_count == 2


def test_connection_refused_is_a_network_error_naming_the_url():
    client = Client(KEY, base_url="http://127.0.0.1:9", hooks=ClientHooks(sleep=lambda s: None))
    with pytest.raises(NetworkError, match=r"http://127\.0\.0\.1:9") as info:
        client.request("GET", "/v1/user-resource/user")
    assert info.value.exit_code == 5


@respx.mock
def test_timeout_is_a_network_error():
    respx.get(f"{BASE}/v1/user-resource/user").mock(side_effect=httpx.ReadTimeout("slow"))
    with pytest.raises(NetworkError, match="within"):
        make()[0].request("GET", "/v1/user-resource/user")


@respx.mock
def test_debug_trace_never_shows_the_key():
    # The token list can hold the very key in use; the trace must still not show it.
    respx.get(f"{BASE}/v1/user-resource/token/list").mock(
        return_value=httpx.Response(200, json=[{"id": 1, "token": KEY}]))
    client, _, lines = make()
    client.request("GET", "/v1/user-resource/token/list")
    trace = "\n".join(lines)
    assert "> GET" in trace and "< 200" in trace and "apikey: ***" in trace
    assert KEY not in trace


@respx.mock
def test_error_message_never_shows_the_key():
    respx.get(f"{BASE}/v1/user-resource/user").mock(return_value=httpx.Response(
        403, json={"message": f"key {KEY} is not valid"}))
    with pytest.raises(AuthError) as info:
        make()[0].request("GET", "/v1/user-resource/user")
    assert KEY not in str(info.value)


def test_dry_run_raises_with_a_redacted_description_and_sends_nothing():
    with respx.mock(assert_all_mocked=True) as mock:
        client, _, _ = make(location="bus02", before_send=_refuse_writes)
        with pytest.raises(DryRun) as info:
            client.request("DELETE", "/v1/user-resource/vm", form={"uuid": "u-1"})
        assert mock.calls.call_count == 0
    assert info.value.request == {
        "method": "DELETE", "url": f"{BASE}/v1/bus02/user-resource/vm",
        "headers": {"apikey": "***", "content-type": "application/x-www-form-urlencoded"},
        "body": "uuid=u-1",
    }


def test_dry_run_and_debug_mask_passwords_in_form_and_json_bodies():
    with respx.mock(assert_all_called=True) as mock:
        mock.patch(f"{BASE}/v1/user-resource/vm/user").mock(return_value=httpx.Response(200, json={}))
        client, _, lines = make()
        client.request("PATCH", "/v1/user-resource/vm/user", form={"uuid": "u", "password": "Secret123"})
    assert "Secret123" not in "\n".join(lines) and "password=***" in "\n".join(lines)
    client, _, _ = make(before_send=_refuse_writes)
    with pytest.raises(DryRun) as info:
        client.request("POST", "/v1/x", json={"name": "db", "sql_pass": "hunter22", "nested": [{"password": "p"}]})
    assert "hunter22" not in info.value.request["body"] and '"p"' not in info.value.request["body"]
    assert '"name": "db"' in info.value.request["body"]


@respx.mock
def test_an_answer_up_to_the_cap_is_read_whole_and_a_bigger_one_is_refused():
    body = b"[" + b" " * 98 + b"]"  # 100 bytes, announced in Content-Length
    respx.get(f"{BASE}/v1/a").mock(return_value=httpx.Response(200, content=body))
    assert make(max_body=100)[0].request("GET", "/v1/a") == []
    with pytest.raises(ApiError, match="larger than"):
        make(max_body=99)[0].request("GET", "/v1/a")
