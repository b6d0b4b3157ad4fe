"""`auth login` and `auth logout`: what is stored, what is printed, and that keys stay hidden."""

from __future__ import annotations

import tomllib

import httpx
import pytest
import respx

from tests.cli.conftest import TWO_PROFILES
from tests.conftest import BASE, KEY, stored, write_config

NEW_KEY = "nk-9876543210fedcbaNEWKEY"
USER = {"id": 8, "name": "user@example.com", "profile_data": {"first_name": "Cloudia"}}
USER_URL = f"{BASE}/v1/user-resource/user"


def user_route(mock, status: int = 200, body=None):
    return mock.get(USER_URL).mock(return_value=httpx.Response(status, json=USER if body is None else body))


# -- auth login -------------------------------------------------------------


def test_login_with_key_on_stdin_verifies_then_stores_it_and_never_prints_it(invoke, config_file):
    with respx.mock(assert_all_called=True) as mock:
        route = user_route(mock)
        result = invoke("auth", "login", "--api-key-stdin", "--debug", input=f"{NEW_KEY}\n", key=None)
    assert result.exit_code == 0, result.stderr
    assert route.call_count == 1
    assert route.calls.last.request.headers["apikey"] == NEW_KEY
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1] == "Logged in as user@example.com (profile 'default')"
    assert NEW_KEY not in result.stdout + result.stderr
    assert stored(config_file) == {"active_profile": "default", "profiles": {"default": {"api_key": NEW_KEY}}}
    assert config_file.stat().st_mode & 0o777 == 0o600


def test_login_into_named_profile_keeps_its_settings_and_the_active_profile(invoke, config_file):
    write_config(config_file, TWO_PROFILES)
    with respx.mock(assert_all_called=True) as mock:
        user_route(mock)
        result = invoke("auth", "login", "-p", "home", "--api-key-stdin", input=NEW_KEY, key=None)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "Logged in as user@example.com (profile 'home')\n"
    doc = stored(config_file)
    assert doc["active_profile"] == "work"
    assert doc["profiles"]["home"] == {"api_key": NEW_KEY, "billing_account": 42}
    assert doc["profiles"]["work"]["api_key"] == KEY


def test_login_uses_an_explicit_env_key_without_prompting(invoke, config_file):
    with respx.mock(assert_all_called=True) as mock:
        route = user_route(mock)
        result = invoke("auth", "login", "-p", "ci")
    assert result.exit_code == 0, result.stderr
    assert route.calls.last.request.headers["apikey"] == KEY
    assert stored(config_file) == {"active_profile": "ci", "profiles": {"ci": {"api_key": KEY}}}
    assert KEY not in result.stdout + result.stderr


def test_login_prompts_for_a_hidden_key_on_a_terminal(invoke, config_file):
    with respx.mock(assert_all_called=True) as mock:
        route = user_route(mock)
        result = invoke("auth", "login", input=f"{NEW_KEY}\n", key=None, tty=True)
    assert result.exit_code == 0, result.stderr
    assert route.calls.last.request.headers["apikey"] == NEW_KEY
    assert result.stderr == "API key: Logged in as user@example.com (profile 'default')\n"
    assert result.stdout == ""
    assert stored(config_file)["profiles"]["default"]["api_key"] == NEW_KEY


@pytest.mark.parametrize("status", [401, 403])
def test_login_with_a_refused_key_is_exit_3_and_stores_nothing(invoke, config_file, status):
    with respx.mock(assert_all_called=True) as mock:
        user_route(mock, status, {"errors": {"Error": "Invalid API key"}})
        result = invoke("auth", "login", "--api-key-stdin", input=NEW_KEY, key=None)
    assert result.exit_code == 3
    assert "nothing was stored" in result.stderr and "Invalid API key" in result.stderr
    assert NEW_KEY not in result.stdout + result.stderr
    assert not config_file.exists()


def test_login_server_error_propagates_and_stores_nothing(invoke, config_file):
    write_config(config_file, TWO_PROFILES)
    before = config_file.read_bytes()
    with respx.mock(assert_all_called=True) as mock:
        user_route(mock, 500, {"message": "database down"})
        result = invoke("auth", "login", "-p", "home", "--api-key-stdin", input=NEW_KEY, key=None)
    assert result.exit_code == 1
    assert "database down" in result.stderr
    assert config_file.read_bytes() == before


def test_login_without_terminal_or_stdin_flag_is_exit_2(invoke, config_file):
    with respx.mock(assert_all_mocked=True) as mock:
        result = invoke("auth", "login", key=None)
        assert mock.calls.call_count == 0
    assert result.exit_code == 2
    assert "--api-key-stdin" in result.stderr
    assert not config_file.exists()


@pytest.mark.parametrize("args, stdin, message", [
    (("--api-key-stdin",), "\n", "the API key is empty; nothing was stored"),
    (("--api-key-stdin", "-p", "bad name"), NEW_KEY, "invalid profile name 'bad name'"),
])
def test_login_empty_key_or_bad_profile_name_is_exit_2(invoke, config_file, args, stdin, message):
    with respx.mock(assert_all_mocked=True) as mock:
        result = invoke("auth", "login", *args, input=stdin, key=None)
        assert mock.calls.call_count == 0
    assert result.exit_code == 2
    assert message in result.stderr
    assert not config_file.exists()


# -- auth logout ------------------------------------------------------------


def test_logout_forgets_the_key_and_keeps_the_settings(invoke, config_file):
    write_config(config_file, TWO_PROFILES)
    result = invoke("auth", "logout", key=None)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "Forgot the API key of profile 'work'.\n"
    assert stored(config_file)["profiles"]["work"] == {"location": "bus02", "timeout": 30.0}
    assert stored(config_file)["profiles"]["home"]["api_key"] == "short"


def test_logout_unknown_profile_is_exit_4(invoke, config_file):
    write_config(config_file, TWO_PROFILES)
    before = config_file.read_bytes()
    result = invoke("auth", "logout", "-p", "nope")
    assert result.exit_code == 4
    assert "no profile named 'nope'" in result.stderr
    assert config_file.read_bytes() == before


def test_login_with_api_url_stores_the_url(invoke, config_file):
    other = "https://other.idcloudhost.test"
    with respx.mock() as mock:
        mock.get(f"{other}/v1/user-resource/user").mock(return_value=httpx.Response(200, json={"name": "Ada"}))
        result = invoke("auth", "login", "--api-key-stdin", "--api-url", other, input=f"{KEY}\n", key=None,
                        env={"IDCCTL_API_URL": None})
    assert result.exit_code == 0, result.stderr
    profile = tomllib.loads(config_file.read_text())["profiles"]["default"]
    assert profile == {"api_key": KEY, "api_url": other}
