"""The CLI's words for the SDK's facts: one exact stderr line per kind of failure."""

from __future__ import annotations

import httpx
import pytest
import respx
from tests.conftest import BASE, KEY

from idcctl.errors import NetworkError, Reason

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
                    f"error: cannot reach {HOST}: refused ***; check the address (--api-url) and your network"),
    "broke": (httpx.ReadError("reset"), 5, f"error: the connection to {HOST} broke before the answer was "
                                           "complete; try again; check the network or a proxy in between"),
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
