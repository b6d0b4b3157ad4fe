"""`auth status`: who the key belongs to, where it comes from (masked), and the exit code of each failure."""

from __future__ import annotations

import httpx
import pytest
import respx

from tests.cli.conftest import TWO_PROFILES
from tests.conftest import BASE, KEY, write_config

USER = {"id": 8, "name": "user@example.com",
        "profile_data": {"first_name": "Cloudia", "last_name": "Iaas", "email": "user@example.com"}}
USER_URL = f"{BASE}/v1/user-resource/user"
OTHER = "https://other.idcloudhost.test"
MASKED = "sk-t…fXYZ"


def test_status_of_an_env_key_checks_it_once_and_shows_it_masked(invoke):
    with respx.mock(assert_all_called=True) as mock:
        route = mock.get(USER_URL).mock(return_value=httpx.Response(200, json=USER))
        result = invoke("auth", "status")
    assert result.exit_code == 0, result.stderr
    assert route.call_count == 1
    request = route.calls.last.request
    assert (request.method, request.url.path, request.url.query) == ("GET", "/v1/user-resource/user", b"")
    assert request.headers["apikey"] == KEY
    assert result.stdout == (
        "profile      default\n"
        "active       yes\n"
        f"api_key      {MASKED}\n"
        "key_from     IDCCTL_API_KEY\n"
        f"api_url      {BASE}\n"
        "location     -\n"
        "api          ok\n"
        "http_status  200\n"
        "response_ms  0\n"  # the tests' clock stands still
        "user         Cloudia Iaas <user@example.com>\n")
    assert result.stderr == ""


def test_status_json_of_a_stored_profile(invoke, config_file):
    write_config(config_file, TWO_PROFILES)
    with respx.mock(assert_all_called=True) as mock:
        mock.get(USER_URL).mock(return_value=httpx.Response(200, json={"name": "ada@example.com"}))
        result = invoke("auth", "status", "-o", "json", key=None)
    assert result.exit_code == 0, result.stderr
    assert result.json() == {"profile": "work", "active": True, "api_key": MASKED, "key_from": "config file",
                             "api_url": BASE, "location": "bus02", "api": "ok", "http_status": 200,
                             "response_ms": 0, "user": "ada@example.com"}


def test_status_without_a_key_is_exit_3_and_sends_nothing(invoke):
    with respx.mock(assert_all_mocked=True) as mock:
        result = invoke("auth", "status", "-o", "json", key=None)
        assert mock.calls.call_count == 0
    assert result.exit_code == 3
    assert result.json()["api"] == "not checked" and result.json()["key_from"] == "none"
    assert result.stderr == ("error: no API key for profile 'default'; 'idcctl auth login -p default' "
                             "stores one (or set IDCCTL_API_KEY)\n")


@pytest.mark.parametrize("status", [401, 403])
def test_a_refused_key_is_exit_3(invoke, status):
    with respx.mock(assert_all_called=True) as mock:
        route = mock.get(USER_URL).mock(return_value=httpx.Response(status, json={"message": "Invalid API key"}))
        result = invoke("auth", "status", "-o", "json")
    assert result.exit_code == 3 and route.call_count == 1
    assert result.json()["api"] == "refused the key" and result.json()["http_status"] == status
    assert "Invalid API key" in result.stderr


def test_an_unreachable_api_is_exit_5_after_one_try(invoke):
    with respx.mock(assert_all_called=True) as mock:
        route = mock.get(USER_URL).mock(side_effect=httpx.ConnectError("refused"))
        result = invoke("auth", "status")
    assert result.exit_code == 5
    assert route.call_count == 1 and result.sleeps == []  # no retries: the time shown is one request's
    assert "api          unreachable" in result.stdout


def test_all_checks_every_profile_with_its_own_key_and_url(invoke, config_file):
    # IDCCTL_API_URL unset: each profile's own api_url (work's first, then home's appended to it).
    write_config(config_file, TWO_PROFILES.replace('timeout = 30.0', f'timeout = 30.0\napi_url = "{BASE}"')
                 + f'api_url = "{OTHER}"\n')
    with respx.mock(assert_all_called=True) as mock:
        work = mock.get(USER_URL).mock(return_value=httpx.Response(200, json=USER))
        home = mock.get(f"{OTHER}/v1/user-resource/user").mock(
            return_value=httpx.Response(403, json={"message": "forbidden"}))
        result = invoke("auth", "status", "--all", key=None, env={"IDCCTL_API_URL": None})
    assert work.calls.last.request.headers["apikey"] == KEY
    assert home.calls.last.request.headers["apikey"] == "short"
    assert result.exit_code == 3
    assert result.stdout == (
        "PROFILE  ACTIVE  API KEY    KEY FROM     API URL                         LOCATION  API              MS"
        "  USER\n"
        f"work     yes     {MASKED}  config file  {BASE}    bus02     ok               0   Cloudia Iaas"
        " <user@example.com>\n"
        f"home     no      ****       config file  {OTHER}  -         refused the key  0   -\n")
    assert result.stderr.startswith("error: 1 of 2 profiles failed the check; worst: forbidden")


SCENARIOS = {
    "ok": lambda mock: mock.get(USER_URL).mock(return_value=httpx.Response(200, json=USER)),
    "refused": lambda mock: mock.get(USER_URL).mock(return_value=httpx.Response(401, json={"message": "no"})),
    "unreachable": lambda mock: mock.get(USER_URL).mock(side_effect=httpx.ConnectError("refused")),
    "error": lambda mock: mock.get(USER_URL).mock(return_value=httpx.Response(500, json={"message": "down"})),
}


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
@pytest.mark.parametrize("args", [(), ("--all",), ("-o", "json"), ("-o", "yaml", "--all"), ("--debug",),
                                  ("--api-key", KEY)])
def test_the_key_never_appears_on_any_path(invoke, config_file, scenario, args):
    write_config(config_file, TWO_PROFILES.replace('"short"', f'"{KEY}"'))
    with respx.mock(assert_all_called=False) as mock:
        SCENARIOS[scenario](mock)
        result = invoke("auth", "status", *args, key=KEY if scenario == "ok" else None)
    assert result.exit_code == {"ok": 0, "refused": 3, "unreachable": 5, "error": 1}[scenario], result.stderr
    assert KEY not in result.stdout + result.stderr
    assert MASKED in result.stdout
