"""Help an operator reads: root, group and command help, `help`, without the command table."""

from __future__ import annotations

import pytest

from idcctl.shell.globalopts import GLOBALS


def test_root_help_lists_groups_and_each_global_option_once(invoke):
    result = invoke("--help")
    assert result.exit_code == 0 and result.stderr == ""
    text = result.stdout
    assert text.startswith("Usage: idcctl [GLOBAL OPTIONS] COMMAND [ARGS]...\n")
    assert len(GLOBALS) > 5
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
    assert len(GLOBALS) > 5
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


HELP_CASES = (("vm", "create", "--help"), ("--help",), ("help", "vm", "stop"), ("vm", "--help"),
              ("billing",), ("vm", "snapshot", "--help"))


def test_help_without_the_table_reads_the_same(invoke, monkeypatch):
    """A stale table (an edited command) falls back to Click, with the same text."""
    from idcctl.shell import tree

    fast = [invoke(*args).stdout for args in HELP_CASES]
    monkeypatch.setattr(tree, "is_fresh", lambda table: False)
    slow = [invoke(*args).stdout for args in HELP_CASES]
    assert slow == fast


def test_group_help_ends_with_its_examples(invoke):
    text = invoke("vm", "--help").stdout
    assert "\nExamples:\n  idcctl vm list\n  idcctl vm show web-1 -o json\n" in text
    assert text.index("Commands:") < text.index("Examples:") < text.index("Global options")
    assert "\nExamples:\n  idcctl billing account list\n" in invoke("billing").stdout


# -- small truths --------------------------------------------------------------


def test_help_shows_no_escaped_brackets(invoke):
    result = invoke("vm", "create", "--help")
    assert "[required]" in result.stdout and "\\[" not in result.stdout
