"""`idcctl api`: the exact raw request sent, and what is printed."""

from __future__ import annotations

import json

import httpx
import pytest
import respx

from tests.cli.conftest import form_of
from tests.conftest import BASE, KEY

VMS = [{"uuid": "11111111-2222-3333-4444-555555555555", "name": "web-1", "status": "running"}]


@pytest.mark.parametrize("path", ["/v1/user-resource/vm/list", "v1/user-resource/vm/list",
                                  "user-resource/vm/list", "/user-resource/vm/list"])
def test_api_get_prints_json_by_default_whatever_the_path_spelling(invoke, path):
    with respx.mock(assert_all_called=True) as mock:
        route = mock.get(f"{BASE}/v1/user-resource/vm/list").mock(return_value=httpx.Response(200, json=VMS))
        result = invoke("api", "GET", path)
    assert result.exit_code == 0, result.stderr
    assert result.json() == VMS
    request = route.calls.last.request
    assert request.method == "GET" and request.content == b""
    assert request.headers["apikey"] == KEY


def test_api_method_is_case_insensitive_and_output_profile_setting_does_not_apply(invoke):
    with respx.mock(assert_all_called=True) as mock:
        mock.get(f"{BASE}/v1/config/locations").mock(return_value=httpx.Response(200, json=[1, 2]))
        result = invoke("api", "get", "config/locations", env={"IDCCTL_OUTPUT": "table"})
    assert result.exit_code == 0
    assert json.loads(result.stdout) == [1, 2]


def test_api_fields_are_sent_as_a_form_body_with_query_parameters(invoke):
    with respx.mock(assert_all_called=True) as mock:
        route = mock.post(f"{BASE}/v1/user-resource/vm/stop").mock(
            return_value=httpx.Response(200, json={"status": "stopped"}))
        result = invoke("api", "POST", "/v1/user-resource/vm/stop", "-f", "uuid=abc", "--field", "force=True",
                        "-f", "note=a=b", "--query", "trace=1")
    assert result.exit_code == 0, result.stderr
    assert result.json() == {"status": "stopped"}
    request = route.calls.last.request
    assert request.method == "POST"
    assert form_of(request) == {"uuid": "abc", "force": "True", "note": "a=b"}
    assert dict(request.url.params) == {"trace": "1"}


def test_api_json_body_inline(invoke):
    with respx.mock(assert_all_called=True) as mock:
        route = mock.patch(f"{BASE}/v1/network/network/n-1").mock(return_value=httpx.Response(200, json={"ok": 1}))
        result = invoke("api", "PATCH", "network/network/n-1", "--json", '{"name": "lan", "n": [1, true]}')
    assert result.exit_code == 0, result.stderr
    request = route.calls.last.request
    assert request.headers["content-type"] == "application/json"
    assert json.loads(request.content) == {"name": "lan", "n": [1, True]}


def test_api_json_body_from_file_and_from_stdin(invoke, tmp_path):
    body_file = tmp_path / "body.json"
    body_file.write_text('{"from": "file"}')
    with respx.mock(assert_all_called=True) as mock:
        route = mock.post(f"{BASE}/v1/network/ip_addresses").mock(return_value=httpx.Response(200, json={}))
        from_file = invoke("api", "POST", "network/ip_addresses", "--json", f"@{body_file}")
        first = json.loads(route.calls.last.request.content)
        from_stdin = invoke("api", "POST", "network/ip_addresses", "--json", "@-", input='{"from": "stdin"}')
        second = json.loads(route.calls.last.request.content)
    assert (from_file.exit_code, from_stdin.exit_code) == (0, 0)
    assert first == {"from": "file"} and second == {"from": "stdin"}


@pytest.mark.parametrize("location, url", [
    ("bus02", f"{BASE}/v1/bus02/user-resource/vm/list"),
    (None, f"{BASE}/v1/user-resource/vm/list"),
])
def test_api_location_placeholder(invoke, location, url):
    args = ("-l", location) if location else ()
    with respx.mock(assert_all_called=True) as mock:
        route = mock.get(url).mock(return_value=httpx.Response(200, json=VMS))
        result = invoke(*args, "api", "GET", "/v1/{location}/user-resource/vm/list")
    assert result.exit_code == 0, result.stderr
    assert route.call_count == 1


@pytest.mark.parametrize("path, url", [
    ("/v1/storage/disks", f"{BASE}/v1/bus02/storage/disks"),  # location-scoped: the table decides
    ("network/networks", f"{BASE}/v1/bus02/network/networks"),
    ("/v1/user-resource/service/package/s-1/whitelist_addresses",
     f"{BASE}/v1/bus02/user-resource/service/package/s-1/whitelist_addresses"),
    ("/v1/sgp01/storage/disks", f"{BASE}/v1/sgp01/storage/disks"),  # a slug typed: sent as written
    ("/v1/storage/bucket/list", f"{BASE}/v1/storage/bucket/list"),  # not scoped: never prefixed
    ("/v1/user-resource/service/packages", f"{BASE}/v1/user-resource/service/packages"),
])
def test_api_sends_location_scoped_paths_to_the_location_as_every_command_does(invoke, path, url):
    with respx.mock(assert_all_called=True) as mock:
        route = mock.get(url).mock(return_value=httpx.Response(200, json=[]))
        result = invoke("api", "GET", path, "-l", "bus02")
    assert result.exit_code == 0, result.stderr
    assert route.call_count == 1


def test_api_output_yaml_and_table_when_asked(invoke):
    with respx.mock(assert_all_called=True) as mock:
        mock.get(f"{BASE}/v1/user-resource/vm/list").mock(return_value=httpx.Response(200, json=VMS))
        as_yaml = invoke("api", "GET", "user-resource/vm/list", "-o", "yaml")
        table = invoke("-o", "table", "api", "GET", "user-resource/vm/list")
    assert as_yaml.stdout == ("---\n- uuid: 11111111-2222-3333-4444-555555555555\n  name: web-1\n"
                              "  status: running\n")
    assert table.stdout == ("NAME   UUID                                  STATUS\n"
                            "web-1  11111111-2222-3333-4444-555555555555  running\n")


def test_api_dry_run_sends_nothing_for_a_change(invoke):
    with respx.mock(assert_all_mocked=True) as mock:
        result = invoke("--dry-run", "api", "DELETE", "storage/bucket", "--query", "name=b1")
        assert mock.calls.call_count == 0
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == f"DELETE {BASE}/v1/storage/bucket?name=b1"
    assert KEY not in result.stdout + result.stderr


def test_api_error_answer_maps_to_its_exit_code(invoke):
    with respx.mock(assert_all_called=True) as mock:
        mock.get(f"{BASE}/v1/user-resource/vm").mock(
            return_value=httpx.Response(404, json={"errors": {"Error": "No such VM exists"}}))
        result = invoke("api", "GET", "user-resource/vm", "--query", "uuid=x")
    assert result.exit_code == 4
    assert result.stdout == ""
    assert "No such VM exists" in result.stderr


@pytest.mark.parametrize("args, message", [
    (("FETCH", "user-resource/user"), "unknown method 'FETCH'"),
    (("POST", "x", "-f", "a=1", "--json", "{}"), "give one of them"),
    (("POST", "x", "-f", "novalue"), "-f/--field wants key=value, not 'novalue'"),
    (("POST", "x", "-f", "=v"), "-f/--field wants key=value"),
    (("GET", "x", "--query", "q"), "--query wants key=value, not 'q'"),
    (("POST", "x", "--json", "{not json"), "--json is not valid JSON"),
    (("POST", "x", "--json", "@/nonexistent/body.json"), "cannot read /nonexistent/body.json"),
    (("GET", "https://evil.example/v1/user-resource/user"), "not a URL"),
])
def test_api_bad_input_is_exit_2_and_nothing_is_sent(invoke, args, message):
    with respx.mock(assert_all_mocked=True) as mock:
        result = invoke("api", *args)
        assert mock.calls.call_count == 0
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stdout == ""


def test_api_invalid_json_on_stdin_names_stdin(invoke):
    with respx.mock(assert_all_mocked=True) as mock:
        result = invoke("api", "POST", "x", "--json", "@-", input="[1,")
        assert mock.calls.call_count == 0
    assert result.exit_code == 2
    assert "stdin is not valid JSON" in result.stderr
