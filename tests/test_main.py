"""The error boundary: one line on stderr, the contract's exit code, never a traceback."""

from __future__ import annotations

import pytest

import idcctl.cli.user as account_cli
from idcctl import __version__


@pytest.fixture
def failing_user_show(monkeypatch):
    def explode(*args, **kwargs):
        raise RuntimeError("kaboom")

    monkeypatch.setattr("idcctl.api.account.get_user", explode)


def test_unexpected_exception_is_one_line_without_traceback(invoke, failing_user_show):
    result = invoke("user", "show")
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert "internal error: RuntimeError: kaboom" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_debug_shows_the_traceback(invoke, failing_user_show):
    result = invoke("user", "show", "--debug")
    assert result.exit_code == 1 and "Traceback" in result.stderr


def test_ctrl_c_exits_130_quietly(invoke, monkeypatch):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("idcctl.api.account.get_user", interrupted)
    result = invoke("user", "show")
    assert result.exit_code == 130 and "Traceback" not in result.stderr


def test_unknown_option_is_a_usage_error(invoke):
    result = invoke("user", "show", "--bogus")
    assert result.exit_code == 2
    assert "No such option" in result.stderr and "idcctl user show --help" in result.stderr


def test_missing_key_is_exit_3_with_a_hint(invoke):
    result = invoke("user", "show", key=None)
    assert result.exit_code == 3
    assert "idcctl auth login" in result.stderr


def test_bad_output_format_from_env_is_exit_2(invoke):
    result = invoke("user", "show", env={"IDCCTL_OUTPUT": "xml"})
    assert result.exit_code == 2 and "IDCCTL_OUTPUT" in result.stderr


def test_version(invoke):
    result = invoke("--version")
    assert result.exit_code == 0 and result.stdout == f"idcctl {__version__}\n"


def test_no_arguments_prints_help(invoke):
    result = invoke()
    assert result.exit_code == 0 and "Usage: idcctl" in result.stdout


def test_commands_module_is_importable_without_side_effects():
    assert account_cli.app is not None
