"""Help an operator reads, and the global options taken once from anywhere on the line."""

from __future__ import annotations

from urllib.parse import parse_qs

import httpx
import pytest
import respx
from tests.conftest import BASE

from idcctl.shell.globalopts import GLOBALS


def test_root_help_lists_groups_and_each_global_option_once(invoke):
    result = invoke("--help")
    assert result.exit_code == 0 and result.stderr == ""
    text = result.stdout
    assert text.startswith("Usage: idcctl [GLOBAL OPTIONS] COMMAND [ARGS]...\n")
    for _, opts, _, _, _ in GLOBALS:
        assert text.count(opts[-1]) == 1, opts
    # Summaries are whole: click would have cut this one at 45 characters.
    assert "(JSON unless -o says otherwise)." in " ".join(text.split())
    assert "idcctl help globals" in text and "Examples:" in text


def test_command_help_points_to_the_globals_instead_of_repeating_them(invoke):
    text = invoke("vm", "create", "--help").stdout
    assert "--api-key" not in text and "--show-secrets" not in text
    assert "'idcctl help globals'" in " ".join(text.split())
    assert "\\[" not in text and "[required]" in text
    assert "Examples:\n  idcctl vm create --name web-1" in text


def test_usage_names_repeatable_arguments_once_and_no_empty_default(invoke):
    assert invoke("vm", "ssh", "--help").stdout.startswith("Usage: idcctl vm ssh [OPTIONS] VM [-- SSH_ARGS...]\n")
    assert invoke("help", "help").stdout.startswith("Usage: idcctl help [OPTIONS] [COMMAND]...\n")
    text = invoke("service", "create", "--help").stdout
    assert "A package parameter" in text and "default: []" not in text


def test_help_command_is_the_same_as_dash_dash_help(invoke):
    assert invoke("help", "vm", "create").stdout == invoke("vm", "create", "--help").stdout
    assert invoke("help", "vm").stdout == invoke("vm", "--help").stdout
    assert invoke("help").stdout == invoke("--help").stdout


def test_help_globals_explains_every_global_option(invoke):
    text = invoke("help", "globals").stdout
    for _, opts, _, _, env in GLOBALS:
        assert ", ".join(opts) in text
        if env:
            assert f"env {env}" in text


def test_help_for_an_unknown_command_is_a_usage_error(invoke):
    result = invoke("help", "vm", "nosuch")
    assert result.exit_code == 2 and "no command 'idcctl vm nosuch'" in result.stderr


@pytest.mark.parametrize("args", [("vm",), ("-o", "json", "vm"), ("vm", "disk")])
def test_a_group_without_a_command_prints_its_help(invoke, args):
    result = invoke(*args)
    assert result.exit_code == 0 and result.stdout.startswith("Usage: idcctl vm ")


def test_help_without_the_table_reads_the_same(invoke, monkeypatch):
    """A stale table (an edited command) falls back to Click, with the same text."""
    from idcctl.shell import tree

    fast = [invoke(*args).stdout for args in (("vm", "create", "--help"), ("--help",), ("help", "vm", "stop"))]
    monkeypatch.setattr(tree, "is_fresh", lambda table: False)
    slow = [invoke(*args).stdout for args in (("vm", "create", "--help"), ("--help",), ("help", "vm", "stop"))]
    assert slow == fast


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
