"""`auth` and `profile` commands: what is stored, what is printed, and that keys stay hidden."""

from __future__ import annotations

import httpx
import pytest
import respx
from tests.conftest import BASE, KEY
from tests.test_config import stored, write_config

NEW_KEY = "nk-9876543210fedcbaNEWKEY"
USER = {"id": 8, "name": "user@example.com", "profile_data": {"first_name": "Cloudia"}}
USER_URL = f"{BASE}/v1/user-resource/user"

TWO_PROFILES = f"""active_profile = "work"

[profiles.work]
api_key = "{KEY}"
location = "bus02"
timeout = 30.0

[profiles.home]
api_key = "short"
billing_account = 42
"""


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


# -- profile ----------------------------------------------------------------

WORK_ROW = {"name": "work", "active": True, "api_key": "sk-t…fXYZ", "location": "bus02", "api_url": None,
            "output": None, "billing_account": None, "timeout": 30.0}
HOME_ROW = {"name": "home", "active": False, "api_key": "****", "location": None, "api_url": None,
            "output": None, "billing_account": 42, "timeout": None}


def test_profile_list_json_masks_keys(invoke, config_file):
    write_config(config_file, TWO_PROFILES)
    result = invoke("profile", "list", "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert result.json() == [WORK_ROW, HOME_ROW]
    assert KEY not in result.stdout and "short" not in result.stdout


def test_profile_list_table_and_yaml(invoke, config_file):
    write_config(config_file, TWO_PROFILES)
    table = invoke("profile", "list")
    as_yaml = invoke("profile", "list", "-o", "yaml")
    assert table.exit_code == 0
    assert table.stdout == ("NAME  ACTIVE  API KEY    LOCATION  API URL\n"
                            "work  yes     sk-t…fXYZ  bus02     -\n"
                            "home  no      ****       -         -\n")
    assert "api_key: sk-t…fXYZ" in as_yaml.stdout and KEY not in as_yaml.stdout


def test_profile_list_with_no_config_is_empty(invoke, config_file):
    result = invoke("profile", "list", "-o", "json")
    assert result.exit_code == 0 and result.json() == []
    assert not config_file.exists()


def test_profile_show_current_and_named(invoke, config_file):
    write_config(config_file, TWO_PROFILES)
    current = invoke("profile", "show", "-o", "json")
    named = invoke("profile", "show", "home", "-o", "json")
    by_env = invoke("profile", "show", "-o", "json", env={"IDCCTL_PROFILE": "home"})
    assert (current.exit_code, named.exit_code, by_env.exit_code) == (0, 0, 0)
    assert current.json() == WORK_ROW
    assert named.json() == HOME_ROW and by_env.json() == HOME_ROW


def test_profile_show_table(invoke, config_file):
    write_config(config_file, TWO_PROFILES)
    result = invoke("profile", "show", "work")
    assert result.stdout == ("name             work\n"
                             "active           yes\n"
                             "api_key          sk-t…fXYZ\n"
                             "location         bus02\n"
                             "api_url          -\n"
                             "output           -\n"
                             "billing_account  -\n"
                             "timeout          30.0\n")


def test_profile_show_unknown_is_exit_4(invoke, config_file):
    write_config(config_file, TWO_PROFILES)
    result = invoke("profile", "show", "nope")
    assert result.exit_code == 4 and "no profile named 'nope'" in result.stderr and result.stdout == ""


def test_profile_use_sets_the_active_profile(invoke, config_file):
    write_config(config_file, TWO_PROFILES)
    result = invoke("profile", "use", "home")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "Now using profile 'home'.\n"
    assert stored(config_file)["active_profile"] == "home"
    assert invoke("profile", "list", "-o", "json").json()[1]["active"] is True


def test_profile_use_unknown_is_exit_4_with_a_hint(invoke, config_file):
    write_config(config_file, TWO_PROFILES)
    before = config_file.read_bytes()
    result = invoke("profile", "use", "nope")
    assert result.exit_code == 4
    assert "no profile named 'nope'" in result.stderr and "idcctl profile list" in result.stderr
    assert config_file.read_bytes() == before


def test_profile_delete_refuses_without_terminal_or_yes(invoke, config_file):
    write_config(config_file, TWO_PROFILES)
    before = config_file.read_bytes()
    result = invoke("profile", "delete", "work")
    assert result.exit_code == 2 and "--yes" in result.stderr
    assert config_file.read_bytes() == before


def test_profile_delete_with_yes_clears_the_active_profile(invoke, config_file):
    write_config(config_file, TWO_PROFILES)
    result = invoke("profile", "delete", "work", "--yes")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "Deleted profile 'work'.\n"
    assert stored(config_file) == {"profiles": {"home": {"api_key": "short", "billing_account": 42}}}


def test_profile_delete_asks_on_a_terminal(invoke, config_file):
    write_config(config_file, TWO_PROFILES)
    declined = invoke("profile", "delete", "home", input="n\n", tty=True)
    assert declined.exit_code == 1 and "home" in stored(config_file)["profiles"]
    accepted = invoke("profile", "delete", "home", input="y\n", tty=True)
    assert accepted.exit_code == 0
    assert accepted.stderr.startswith("Delete profile 'home' with its API key and settings? [y/N]: ")
    doc = stored(config_file)
    assert list(doc["profiles"]) == ["work"] and doc["active_profile"] == "work"


def test_profile_delete_unknown_is_exit_4(invoke, config_file):
    write_config(config_file, TWO_PROFILES)
    result = invoke("profile", "delete", "nope", "--yes")
    assert result.exit_code == 4 and "no profile named 'nope'" in result.stderr
