"""The CLI's words for the SDK's facts: one exact stderr line per kind of failure, retry waits announced."""

from __future__ import annotations

import httpx
import pytest
import respx

from idcctl.errors import NetworkError, Reason
from tests.conftest import BASE, KEY

USER = f"{BASE}/v1/user-resource/user"
HOST = "https://api.idcloudhost.test"
CASES = {
    "401": (httpx.Response(401, json={"message": "No API key found in request"}), 3,
            "error: No API key found in request (HTTP 401); run 'idcctl auth login' or set IDCCTL_API_KEY"),
    "403": (httpx.Response(403, json={"message": "forbidden"}, headers={"X-Warren-Correlation-Id": "c1"}), 3,
            "error: forbidden (HTTP 403, correlation id c1); check the key is valid and allowed to do this; "
            "'idcctl auth login' stores a new one"),
    "timeout": (httpx.ReadTimeout("slow"), 5,
                f"error: no answer from {HOST} within 10 s; check the network, or raise --timeout"),
    "unreachable": (httpx.ConnectError(f"refused {KEY}"), 5,
                    f"error: cannot reach {HOST}: refused *** (all 3 attempts); check the address (--api-url) "
                    "and your network"),
    "broke": (httpx.ReadError("reset"), 5, f"error: the connection to {HOST} broke before the answer was "
                                           "complete (all 3 attempts); try again; check the network or a "
                                           "proxy in between"),
    "redirect": (httpx.Response(307, headers={"Location": "https://evil.example.net/x"}), 1,
                 "error: the API answered 307 Temporary Redirect, a redirect to evil.example.net, which idcctl "
                 "never follows (HTTP 307); check --api-url (the key is sent to that host only)"),
    "not json": (httpx.Response(200, content=b'{"a":', headers={"content-type": "application/json"}), 1,
                 "error: the API answered with JSON that is cut short or broken, not JSON (HTTP 200); a proxy "
                 "or captive portal may be in the way; check --api-url"),
    "empty read": (httpx.Response(200, content=b""), 1, "error: the API answered with an empty body where "
                                                      "data was expected (HTTP 200); try again later"),
    "too large": (httpx.Response(200, content=b"[]", headers={"Content-Length": str(2**30)}), 1,
                  "error: the answer is larger than 512 MiB; not reading the rest (HTTP 200); check --api-url "
                  "points at the API"),
    "retry-after": (httpx.Response(503, headers={"Retry-After": "3600"}, json={"message": "busy"}), 1,
                    "error: busy (HTTP 503); the API asks to retry in 3600 s, longer than --timeout 10 allows"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_each_failure_of_a_read_is_its_line(invoke, case):
    answer, code, line = CASES[case]
    with respx.mock() as mock:
        route = mock.get(USER)
        route.mock(side_effect=answer) if isinstance(answer, Exception) else route.mock(return_value=answer)
        result = invoke("user", "show", env={"IDCCTL_TIMEOUT": "10"})
    assert result.exit_code == code
    assert [e for e in result.stderr.splitlines() if ", retrying in " not in e] == [line]


def test_a_write_without_answer_names_what_to_check(invoke):
    with respx.mock() as mock:
        mock.get(f"{BASE}/v1/user-resource/token/list").mock(return_value=httpx.Response(200, json=[]))
        mock.post(f"{BASE}/v1/user-resource/token").mock(side_effect=httpx.ReadError("reset"))
        result = invoke("token", "create", "--description", "ci")
    assert (result.exit_code, result.stderr) == (5, "error: the request was sent but no answer came; the token "
                                                    "may have been created: check with `idcctl token list` "
                                                    "before retrying\n")


def test_an_empty_answer_to_a_write_may_still_have_changed_something(invoke):
    with respx.mock() as mock:
        mock.get(f"{BASE}/v1/user-resource/token/list").mock(return_value=httpx.Response(200, json=[]))
        mock.post(f"{BASE}/v1/user-resource/token").mock(return_value=httpx.Response(200, content=b""))
        result = invoke("token", "create")
    assert result.stderr == ("error: the API answered with an empty body where data was expected (HTTP 200); "
                             "the change may still have been made: check before retrying\n")


def test_an_unknown_location_points_at_the_location_list(invoke):
    with respx.mock() as mock:
        mock.get(f"{BASE}/v1/nowhere/user-resource/vm/list").mock(
            return_value=httpx.Response(404, json={"message": "no route and no API found"}))
        result = invoke("vm", "list", "-l", "nowhere")
    assert (result.exit_code, result.stderr) == (4, "error: unknown location 'nowhere' (HTTP 404); 'idcctl "
                                                    "location list' shows the valid slugs\n")


def test_a_lost_write_from_a_raw_request_names_the_resource_by_its_path(invoke):
    with respx.mock() as mock:
        mock.post(f"{BASE}/v1/bus02/user-resource/vm/storage/attach").mock(side_effect=httpx.ReadError("x"))
        result = invoke("api", "POST", "/v1/bus02/user-resource/vm/storage/attach")
    assert result.stderr == ("error: the request was sent but no answer came; the disk attachment may have "
                             "been changed: check with `idcctl vm show VM` before retrying\n")


def test_every_reason_the_sdk_reports_has_cli_words_or_is_plain_enough():
    from idcctl.shell.hints import BY_REASON, hint, message

    reasons = {v for k, v in vars(Reason).items() if k.isupper()}
    worded_elsewhere = {Reason.UNKNOWN_OUTCOME, Reason.EMPTY_ANSWER, Reason.RETRY_AFTER_TOO_LONG}
    assert reasons - set(BY_REASON) - worded_elsewhere == {Reason.NO_ENDPOINT}  # its message says it all
    lost = NetworkError("the request was sent but no answer came", reason=Reason.UNKNOWN_OUTCOME,
                        method="DELETE", path="/v1/network/network/abc")
    assert hint(lost) is None
    assert message(lost).endswith("the network may have been deleted: check with `idcctl net list` before retrying")


# -- the client's own promises -------------------------------------------------


def test_a_long_retry_wait_is_announced_and_stays_in_budget():
    from idcctl.api.client import Client
    from idcctl.api.hooks import ClientHooks
    from idcctl.shell.hints import retry_notice

    notes, sleeps = [], []
    with respx.mock() as mock:
        route = mock.get(f"{BASE}/v1/x").mock(side_effect=[
            httpx.Response(503, headers={"Retry-After": "4"}), httpx.Response(200, json=[1])])
        hooks = ClientHooks(sleep=sleeps.append, on_retry_wait=lambda wait: notes.append(retry_notice(wait)))
        client = Client(KEY, base_url=BASE, timeout=10, hooks=hooks)
        assert client.request("GET", "/v1/x") == [1]
    assert route.call_count == 2 and sleeps == [4.0] and notes == ["503, retrying in 4 s"]


def test_waits_beyond_the_budget_are_not_taken():
    from idcctl.api.client import Client
    from idcctl.api.hooks import ClientHooks
    from idcctl.errors import ApiError, Reason
    from idcctl.shell.hints import hint

    sleeps = []
    with respx.mock() as mock:
        route = mock.get(f"{BASE}/v1/x").mock(return_value=httpx.Response(503, headers={"Retry-After": "3600"}))
        client = Client(KEY, base_url=BASE, timeout=2, hooks=ClientHooks(sleep=sleeps.append))
        with pytest.raises(ApiError) as info:
            client.request("GET", "/v1/x")
    error = info.value
    assert (error.reason, error.retry_after, error.timeout, error.hint) == (Reason.RETRY_AFTER_TOO_LONG, 3600, 2, None)
    assert hint(error) == "the API asks to retry in 3600 s, longer than --timeout 2 allows"
    assert route.call_count == 1 and sleeps == []


@pytest.mark.parametrize(("method", "path", "expected"), [
    ("POST", "/v1/bus02/user-resource/vm", "the VM may have been created: check with `idcctl vm list`"),
    ("POST", "/v1/user-resource/vm/clone", "the VM clone may have been created: check with `idcctl vm list`"),
    ("POST", "/v1/user-resource/vm/start", "the VM may have been changed: check with `idcctl vm show VM`"),
    ("DELETE", "/v1/user-resource/vm/replica", "the snapshot may have been deleted"),
    ("POST", "/v1/storage/disks", "the disk may have been created: check with `idcctl disk list`"),
    ("PUT", "/v1/storage/bucket", "the bucket may have been created: check with `idcctl bucket list`"),
    ("DELETE", "/v1/network/network/abc", "the network may have been deleted: check with `idcctl net list`"),
    ("POST", "/v1/bus02/network/ip_addresses", "the IP address may have been created: check with `idcctl ip list`"),
    ("PATCH", "/v1/network/load_balancers/abc", "the load balancer may have been changed: check with `idcctl lb list`"),
    ("POST", "/v1/payment/pay_all", "the payment or billing change may have been changed"),
    ("POST", "/v1/user-resource/service/packages", "the service may have been created: check with `idcctl service list`"),
    ("DELETE", "/v1/user-resource/token", "the token may have been deleted: check with `idcctl token list`"),
    ("POST", "/v1/something/new", "a change may have been made: check before retrying"),
    ("POST", "/v1/bus02/network/firewalls", "the firewall may have been created: check with `idcctl firewall list`"),
    ("PUT", "/v1/network/firewalls/abc", "the firewall may have been changed: check with `idcctl firewall show FW`"),
    ("POST", "/v1/network/firewalls/abc/vms", "the firewall may have been changed: check with `idcctl firewall show"),
    ("POST", "/v1/user-resource/ssh_keys", "the SSH key may have been created: check with `idcctl ssh-key list`"),
    ("POST", "/v1/user-resource/vm/boot_iso_media", "the VM may have been changed: check with `idcctl vm show VM`"),
])
def test_unknown_outcome_names_the_resource_and_its_check(method, path, expected):
    from idcctl.errors import NetworkError, Reason
    from idcctl.shell.hints import message

    error = NetworkError("the request was sent but no answer came", reason=Reason.UNKNOWN_OUTCOME,
                         method=method, path=path)
    text = message(error)
    assert text.startswith("the request was sent but no answer came; ") and expected in text


@pytest.mark.parametrize("args", [("vm", "start", "web-1"), ("vm", "stop", "web-1", "-l", "bus02")])
def test_a_locked_vm_is_named_busy_with_the_way_out(invoke, args):
    prefix = "/v1/bus02" if "-l" in args else "/v1"
    vms = [{"name": "web-1", "uuid": "5aea1842-895f-4bd3-8bd6-e37b2282fb46"}]
    with respx.mock() as mock:
        mock.get(f"{BASE}{prefix}/user-resource/vm/list").mock(return_value=httpx.Response(200, json=vms))
        mock.post(url__regex=rf"{BASE}{prefix}/user-resource/vm/st").mock(return_value=httpx.Response(
            409, json={"errors": {"Error": "Server is locked"}}, headers={"X-Warren-Correlation-Id": "c9"}))
        result = invoke(*args)
    assert result.exit_code == 1
    assert result.stderr == ("error: VM web-1 is busy with another operation (HTTP 409, correlation id c9); "
                             "retry when it finishes (or use --wait)\n")


def test_another_409_keeps_the_apis_words(invoke):
    with respx.mock() as mock:
        mock.post(f"{BASE}/v1/network/network").mock(return_value=httpx.Response(
            409, json={"message": "Too many networks"}))
        result = invoke("net", "create", "--name", "backend")
    assert (result.exit_code, result.stderr) == (1, "error: Too many networks (HTTP 409)\n")
def test_a_command_in_a_hint_is_shell_quoted():
    from idcctl.shell.hints import command

    assert command("ip", "delete", "1.1.1.1", "-l", "bus02") == "idcctl ip delete 1.1.1.1 -l bus02"
    assert command("lb", "show", "my lb's") == "idcctl lb show 'my lb'\"'\"'s'"
    assert command("vm", "show", "$(id)") == "idcctl vm show '$(id)'"
