"""The global options, taken once from anywhere on the line before '--'."""

from __future__ import annotations

from urllib.parse import parse_qs

import httpx
import pytest
import respx

from tests.conftest import BASE

# -- global options, taken from anywhere before '--' --------------------------

USER = {"id": 8, "name": "user@example.com"}


@pytest.mark.parametrize("args", [("-o", "json", "user", "show"), ("user", "-o", "json", "show"),
                                  ("user", "show", "-o", "json"), ("user", "show", "--output=json"),
                                  ("-ojson", "user", "show"), ("-o", "yaml", "user", "show", "-o", "json")])
def test_global_options_anywhere_and_the_later_wins(invoke, args):
    with respx.mock(assert_all_called=True) as mock:
        mock.get(f"{BASE}/v1/user-resource/user").mock(return_value=httpx.Response(200, json=USER))
        result = invoke(*args)
    assert result.exit_code == 0, result.stderr
    assert result.json() == USER


def test_a_commands_option_value_is_never_taken_for_a_global(invoke):
    with respx.mock(assert_all_called=True) as mock:
        mock.get(f"{BASE}/v1/user-resource/token/list").mock(return_value=httpx.Response(200, json=[]))
        route = mock.post(f"{BASE}/v1/user-resource/token").mock(return_value=httpx.Response(200, json=[]))
        result = invoke("token", "create", "--description", "-o", "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert parse_qs(route.calls.last.request.content.decode())["description"] == ["-o"]
    assert result.json() == []


def test_double_dash_stops_taking_globals(invoke):
    result = invoke("config", "get", "--", "-q")
    assert result.exit_code == 2 and "unknown setting '-q'" in result.stderr


@pytest.mark.parametrize("args, message", [(("user", "show", "-o"), "Option '-o' requires an argument"),
                                           (("--timeout", "soon", "user", "show"), "is not a valid float"),
                                           (("user", "show", "--quiet=yes"), "does not take a value")])
def test_a_bad_global_option_is_a_usage_error(invoke, args, message):
    result = invoke(*args)
    assert result.exit_code == 2 and message in result.stderr and result.stdout == ""


def test_flags_reach_the_state_as_before():
    from idcctl.shell.globalopts import take_globals

    rest, flags = take_globals(["list", "-qy", "--timeout", "5", "--columns", "a,b", "--", "-o"], {})
    assert rest == ["list", "--", "-o"]
    assert flags == {"quiet": True, "yes": True, "timeout": 5.0, "columns": "a,b"}


@pytest.mark.parametrize("args", [("--api-key", ""), ("--api-key=",), ("--api-key", "  "), ("-p", ""),
                                  ("--profile=",)])
def test_an_explicitly_empty_api_key_or_profile_is_exit_2_and_sends_nothing(invoke, args):
    with respx.mock() as mock:
        result = invoke("vm", "list", *args)
        assert mock.calls.call_count == 0
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith(f"error: Invalid value for '{args[0].partition('=')[0]}': ")
    assert "is empty; leave the option out" in result.stderr


def test_an_empty_environment_variable_counts_as_unset(invoke):
    invoke("config", "set", "location", "bus02")  # profile 'default' holds no key: that is the fallback
    with respx.mock() as mock:
        result = invoke("vm", "list", key=None, env={"IDCCTL_API_KEY": "", "IDCCTL_PROFILE": ""})
        assert mock.calls.call_count == 0
    assert result.exit_code == 3 and "no API key for profile 'default'" in result.stderr
def test_filter_and_sort_add_up_where_other_globals_take_the_last():
    from idcctl.shell.globalopts import merge_flags, take_globals

    rest, flags = take_globals(["list", "--filter", "a=1", "--sort", "-b", "--filter=c!=2", "-o", "json",
                                "-o", "yaml"], {})
    assert rest == ["list"]
    assert flags == {"filter": ["a=1", "c!=2"], "sort": ["-b"], "output": "yaml"}
    state_flags = {"filter": ["x=0"], "output": "json"}  # what the group's pass took
    merge_flags(state_flags, flags)
    assert state_flags == {"filter": ["x=0", "a=1", "c!=2"], "sort": ["-b"], "output": "yaml"}


def test_a_malformed_filter_is_refused_when_taken():
    import pytest

    from idcctl.shell.globalopts import GlobalOptionError, take_globals

    with pytest.raises(GlobalOptionError, match="is not FIELD=VALUE"):
        take_globals(["--filter", "name"], {})
