"""The error boundary: one line on stderr, the contract's exit code, never a traceback; Ctrl-C is 130."""

from __future__ import annotations

import io
import signal

import httpx
import pytest
import respx

import idcctl.cli.user as account_cli
from idcctl import __version__
from tests.conftest import BASE, KEY


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


UUID = "0f1e2d3c-4b5a-4968-8776-655443322110"
VM_URL = f"{BASE}/v1/user-resource/vm"


def ctrl_c(*_args, **_kwargs):
    """What pressing Ctrl-C does: SIGINT to this (the main) thread."""
    signal.raise_signal(signal.SIGINT)
    raise AssertionError("SIGINT did not interrupt")


# -- interrupts ----------------------------------------------------------------


def sigterm(*_args, **_kwargs):
    """What `kill PID`, a cancelled CI job or `docker stop` does: SIGTERM to the process."""
    signal.raise_signal(signal.SIGTERM)
    raise AssertionError("SIGTERM did not terminate")


SIGNALS = pytest.mark.parametrize(("press", "code", "word"), [(ctrl_c, 130, "interrupted"),
                                                               (sigterm, 143, "terminated")],
                                  ids=["ctrl-c", "sigterm"])


@SIGNALS
def test_a_signal_during_a_read_is_one_line_and_its_code(invoke, press, code, word):
    with respx.mock(assert_all_called=False) as mock:  # a call that raised is not counted
        mock.get(f"{VM_URL}/list").mock(side_effect=press)
        result = invoke("vm", "list")
    assert (result.exit_code, result.stderr) == (code, f"{word}\n")


def _keyboard_interrupt(request):
    raise KeyboardInterrupt  # as if raised outside the main thread: click turns it into Abort


def test_a_keyboard_interrupt_click_turned_into_abort_is_still_130(invoke):
    with respx.mock(assert_all_called=False) as mock:
        mock.get(f"{VM_URL}/list").mock(side_effect=_keyboard_interrupt)
        result = invoke("vm", "list")
    assert result.exit_code == 130 and result.stderr.strip() == "interrupted"


@SIGNALS
def test_a_signal_during_a_sent_write_says_the_change_may_have_happened(invoke, press, code, word):
    with respx.mock(assert_all_called=False) as mock:
        mock.get(f"{BASE}/v1/user-resource/token/list").mock(return_value=httpx.Response(200, json=[]))
        mock.post(f"{BASE}/v1/user-resource/token").mock(side_effect=press)
        result = invoke("token", "create", "--description", "ci")
    assert result.exit_code == code
    assert result.stderr == (f"{word}; the request was already sent; the token may have been created: "
                             "check with `idcctl token list` before retrying\n")


def test_ctrl_c_during_wait_names_the_follow_up(config_file):
    from idcctl.__main__ import run
    from idcctl.shell.state import State

    env = {"IDCCTL_CONFIG": str(config_file), "IDCCTL_API_URL": BASE, "IDCCTL_API_KEY": KEY, "NO_COLOR": "1"}
    err = io.StringIO()
    state = State(env=env, stdout=io.StringIO(), stderr=err, stdin=io.StringIO(), sleep=ctrl_c,
                  clock=lambda: 0.0)
    with respx.mock() as mock:
        mock.post(f"{VM_URL}/start").mock(return_value=httpx.Response(200, json={"uuid": UUID}))
        mock.get(VM_URL).mock(return_value=httpx.Response(200, json={"uuid": UUID, "status": "starting"}))
        code = run(["vm", "start", UUID, "--wait"], state=state)
    assert code == 130
    assert err.getvalue() == f"interrupted; the VM carries on without us: follow it with `idcctl vm show {UUID}`\n"


def test_the_previous_sigterm_handler_is_back_after_a_command(invoke):
    before = signal.getsignal(signal.SIGTERM)
    with respx.mock() as mock:
        mock.get(f"{VM_URL}/list").mock(return_value=httpx.Response(200, json=[]))
        invoke("vm", "list", "-o", "json")
    assert signal.getsignal(signal.SIGTERM) is before


class _CtrlCAtPrompt(io.StringIO):
    def isatty(self) -> bool:
        return True

    def readline(self, *args):
        ctrl_c()


def test_ctrl_c_at_a_prompt_ends_the_prompt_line_first(config_file):
    from idcctl.__main__ import run
    from idcctl.shell.state import State

    env = {"IDCCTL_CONFIG": str(config_file), "IDCCTL_API_URL": BASE, "IDCCTL_API_KEY": KEY, "NO_COLOR": "1"}
    err = io.StringIO()
    state = State(env=env, stdout=io.StringIO(), stderr=err, stdin=_CtrlCAtPrompt())
    with respx.mock(assert_all_called=False) as mock:
        delete = mock.delete(f"{BASE}/v1/user-resource/token").mock(return_value=httpx.Response(200, json={}))
        code = run(["token", "delete", "7"], state=state)
    assert code == 130 and not delete.called
    assert err.getvalue().endswith("[y/N]: \ninterrupted\n"), err.getvalue()


def test_a_typo_suggests_once_and_no_message_ends_in_dot_semicolon(invoke):
    result = invoke("vm", "lsit")
    assert result.exit_code == 2 and result.stderr.count("Did you mean") == 1
    assert ".;" not in result.stderr


def test_error_and_hint_join_without_dot_semicolon():
    from idcctl.__main__ import _join

    assert _join("the thing failed.", "do this") == "the thing failed; do this"
    assert _join("x. Did you mean 'a'? Did you mean 'a'?", None) == "x. Did you mean 'a'?"
