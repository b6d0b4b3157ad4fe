"""Issue #10's interrupts, output safety and small truths, each pinned by a test."""

from __future__ import annotations

import io
import os
import re
import signal
import subprocess
import sys
import threading
import time
import tomllib

import httpx
import pytest
import respx
from tests.conftest import BASE, KEY, ROOT
from tests.faultserver import FaultServer

UUID = "0f1e2d3c-4b5a-4968-8776-655443322110"
VM_URL = f"{BASE}/v1/user-resource/vm"


def ctrl_c(*_args, **_kwargs):
    """What pressing Ctrl-C does: SIGINT to this (the main) thread."""
    signal.raise_signal(signal.SIGINT)
    raise AssertionError("SIGINT did not interrupt")


# -- interrupts ----------------------------------------------------------------


def test_ctrl_c_during_a_read_is_one_line_and_130(invoke):
    with respx.mock(assert_all_called=False) as mock:  # a call that raised is not counted
        mock.get(f"{VM_URL}/list").mock(side_effect=ctrl_c)
        result = invoke("vm", "list")
    assert (result.exit_code, result.stderr) == (130, "interrupted\n")


def _keyboard_interrupt(request):
    raise KeyboardInterrupt  # as if raised outside the main thread: click turns it into Abort


def test_a_keyboard_interrupt_click_turned_into_abort_is_still_130(invoke):
    with respx.mock(assert_all_called=False) as mock:
        mock.get(f"{VM_URL}/list").mock(side_effect=_keyboard_interrupt)
        result = invoke("vm", "list")
    assert result.exit_code == 130 and result.stderr.strip() == "interrupted"


def test_ctrl_c_during_a_sent_write_says_the_change_may_have_happened(invoke):
    with respx.mock(assert_all_called=False) as mock:
        mock.get(f"{BASE}/v1/user-resource/token/list").mock(return_value=httpx.Response(200, json=[]))
        mock.post(f"{BASE}/v1/user-resource/token").mock(side_effect=ctrl_c)
        result = invoke("token", "create", "--description", "ci")
    assert result.exit_code == 130
    assert result.stderr == ("interrupted; the request was already sent; the token may have been created: "
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


def test_a_real_ctrl_c_on_the_installed_command(tmp_path):
    server = FaultServer("drip", ("GET",), drip_every=0.2)
    env = {**os.environ, "IDCCTL_CONFIG": str(tmp_path / "c.toml"), "IDCCTL_API_URL": server.url,
           "IDCCTL_API_KEY": KEY, "IDCCTL_TIMEOUT": "60", "IDCCTL_CACHE_DIR": str(tmp_path)}
    try:
        child = subprocess.Popen([sys.executable, "-m", "idcctl", "vm", "list"], env=env,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 15
        while not server.seen and time.monotonic() < deadline:
            time.sleep(0.05)
        child.send_signal(signal.SIGINT)
        _, err = child.communicate(timeout=15)
    finally:
        server.close()
    assert (child.returncode, err) == (130, "interrupted\n")


# -- output never carries an attack -------------------------------------------


def test_control_characters_never_reach_a_table_title_header_or_cell():
    from idcctl.output import OutputOptions, render

    vm = {"uuid": UUID, "name": "web\x1b]0;owned\x07", "storage": [
        {"name": "sda\x1b[2J\u202e", "uuid": "d1", "replica": [{"uuid": "r\x1b[31m1", "size": 1}]}],
        "odd": [{"k\x1b[1mey": "v\x9b"}]}
    out = io.StringIO()
    render(vm, OutputOptions(), kind="vm", stream=out)
    text = out.getvalue()
    assert "storage sda: replica:" in text and "web]0;owned" not in text
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", text)


def test_yaml_escapes_control_and_bidi_characters_like_json():
    import yaml

    from idcctl.output import to_json, to_yaml

    data = [{"name": "evil\u202etxt.exe", "note": "\x1b[31mred", "city": "Bandung é"}]
    text = to_yaml(data)
    assert "\u202e" not in text and "\x1b" not in text
    assert "\\u202E" in text and yaml.safe_load(text) == data
    assert "\u202e" not in to_json(data)
    assert to_yaml([{"city": "Bandung é"}]) == "- city: Bandung é\n"  # plain text stays readable


# -- small truths --------------------------------------------------------------


def test_help_shows_no_escaped_brackets(invoke):
    result = invoke("vm", "create", "--help")
    assert "[required]" in result.stdout and "\\[" not in result.stdout


def test_a_typo_suggests_once_and_no_message_ends_in_dot_semicolon(invoke):
    result = invoke("vm", "lsit")
    assert result.exit_code == 2 and result.stderr.count("Did you mean") == 1
    assert ".;" not in result.stderr


def test_error_and_hint_join_without_dot_semicolon():
    from idcctl.__main__ import _join

    assert _join("the thing failed.", "do this") == "the thing failed; do this"
    assert _join("x. Did you mean 'a'? Did you mean 'a'?", None) == "x. Did you mean 'a'?"


def test_an_unknown_profile_is_named(invoke):
    result = invoke("-p", "nosuch", "vm", "list", key=None)
    assert result.exit_code == 3 and "there is no profile named 'nosuch'" in result.stderr


def test_login_with_api_url_stores_the_url(invoke, config_file):
    other = "https://other.idcloudhost.test"
    with respx.mock() as mock:
        mock.get(f"{other}/v1/user-resource/user").mock(return_value=httpx.Response(200, json={"name": "Ada"}))
        result = invoke("auth", "login", "--api-key-stdin", "--api-url", other, input=f"{KEY}\n", key=None,
                        env={"IDCCTL_API_URL": None})
    assert result.exit_code == 0, result.stderr
    profile = tomllib.loads(config_file.read_text())["profiles"]["default"]
    assert profile == {"api_key": KEY, "api_url": other}


def test_debug_lines_of_concurrent_requests_never_interleave():
    from idcctl.shell.state import State

    class Chunky(io.StringIO):
        def write(self, text):  # a slow stream: every write yields the GIL midway
            for part in (text[: len(text) // 2], text[len(text) // 2:]):
                super().write(part)
                time.sleep(0)
            return len(text)

    err = Chunky()
    state = State(stderr=err)
    threads = [threading.Thread(target=lambda n=n: [state.trace(f"thread {n} " + "x" * 200) for _ in range(50)])
               for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    lines = err.getvalue().splitlines()
    assert len(lines) == 300 and all(re.fullmatch(r"debug: thread \d x{200}", line) for line in lines)


def test_wait_shows_plain_progress_on_a_terminal_with_no_color(config_file):
    from idcctl.cli.vm.wait import wait_for_status
    from idcctl.shell.state import State

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    err = Terminal()
    env = {"IDCCTL_CONFIG": str(config_file), "IDCCTL_API_URL": BASE, "IDCCTL_API_KEY": KEY, "NO_COLOR": "1"}
    state = State(env=env, stdout=Terminal(), stderr=err, sleep=lambda s: None, clock=lambda: 0.0)
    with respx.mock() as mock:
        mock.get(VM_URL).mock(side_effect=[httpx.Response(200, json={"uuid": UUID, "status": s})
                                           for s in ("starting", "starting", "running")])
        assert wait_for_status(state, UUID, "running")["status"] == "running"
    assert err.getvalue() == (f"waiting for VM {UUID} to be running\n"
                              f"waiting for VM {UUID} to be running (now starting)\n")
    state.close()


def test_api_key_on_the_command_line_warns(invoke):
    with respx.mock() as mock:
        mock.get(f"{VM_URL}/list").mock(return_value=httpx.Response(200, json=[]))
        result = invoke("vm", "list", "-o", "json", "--api-key", KEY, key=None)
    assert result.exit_code == 0
    assert "lands in your shell history" in result.stderr and "IDCCTL_API_KEY" in result.stderr


def test_the_detached_sandbox_gets_no_secrets():
    from idcctl.cli.sandbox import scrubbed_env

    env = {"PATH": "/bin", "HOME": "/root", "IDCCTL_API_KEY": "k", "IDCCTL_PROFILE": "p",
           "AWS_SECRET_ACCESS_KEY": "s", "GITHUB_TOKEN": "t", "PGPASSWORD": "p", "LANG": "C"}
    assert scrubbed_env(env) == {"PATH": "/bin", "HOME": "/root", "LANG": "C"}


def test_snapshot_create_quiet_prints_the_new_snapshot(invoke):
    disk = {"uuid": "disk-1", "replica": [
        {"uuid": "old-snap", "created_at": "2018-02-22 14:24:51"},
        {"uuid": "new-snap", "created_at": "2024-05-01 10:00:00"}]}
    with respx.mock() as mock:
        mock.post(f"{VM_URL}/replica").mock(return_value=httpx.Response(200, json=disk))
        result = invoke("vm", "snapshot", "create", UUID, "-q")
    assert (result.exit_code, result.stdout) == (0, "new-snap\n")


def test_declining_a_confirmation_has_one_documented_exit_code():
    from idcctl.errors import Aborted

    readme = (ROOT / "README.md").read_text()
    man = (ROOT / "man" / "idcctl.1").read_text()
    assert Aborted.exit_code == 1
    assert "| 1 | API or server error, or a confirmation declined at the prompt |" in readme
    assert ".B 1\nAPI or server error, or a confirmation declined at the prompt" in man


# -- the client's own promises -------------------------------------------------


def test_a_long_retry_wait_is_announced_and_stays_in_budget():
    from idcctl.api.client import Client
    from idcctl.api.hooks import ClientHooks
    from idcctl.shell.hints import retry_notice

    notes, sleeps = [], []
    with respx.mock() as mock:
        route = mock.get(f"{BASE}/v1/x").mock(side_effect=[
            httpx.Response(503, headers={"Retry-After": "4"}), httpx.Response(200, json=[1])])
        hooks = ClientHooks(sleep=sleeps.append, on_retry_wait=lambda wait: notes.append(retry_notice(wait)))
        client = Client(KEY, base_url=BASE, timeout=10, hooks=hooks)
        assert client.request("GET", "/v1/x") == [1]
    assert route.call_count == 2 and sleeps == [4.0] and notes == ["503, retrying in 4 s"]


def test_waits_beyond_the_budget_are_not_taken():
    from idcctl.api.client import Client
    from idcctl.api.hooks import ClientHooks
    from idcctl.errors import ApiError

    from idcctl.errors import Reason
    from idcctl.shell.hints import hint

    sleeps = []
    with respx.mock() as mock:
        route = mock.get(f"{BASE}/v1/x").mock(return_value=httpx.Response(503, headers={"Retry-After": "3600"}))
        client = Client(KEY, base_url=BASE, timeout=2, hooks=ClientHooks(sleep=sleeps.append))
        with pytest.raises(ApiError) as info:
            client.request("GET", "/v1/x")
    error = info.value
    assert (error.reason, error.retry_after, error.timeout, error.hint) == (Reason.RETRY_AFTER_TOO_LONG, 3600, 2, None)
    assert hint(error) == "the API asks to retry in 3600 s, longer than --timeout 2 allows"
    assert route.call_count == 1 and sleeps == []


@pytest.mark.parametrize(("method", "path", "expected"), [
    ("POST", "/v1/bus02/user-resource/vm", "the VM may have been created: check with `idcctl vm list`"),
    ("POST", "/v1/user-resource/vm/clone", "the VM clone may have been created: check with `idcctl vm list`"),
    ("POST", "/v1/user-resource/vm/start", "the VM may have been changed: check with `idcctl vm show VM`"),
    ("DELETE", "/v1/user-resource/vm/replica", "the snapshot may have been deleted"),
    ("POST", "/v1/storage/disks", "the disk may have been created: check with `idcctl disk list`"),
    ("PUT", "/v1/storage/bucket", "the bucket may have been created: check with `idcctl bucket list`"),
    ("DELETE", "/v1/network/network/abc", "the network may have been deleted: check with `idcctl net list`"),
    ("POST", "/v1/bus02/network/ip_addresses", "the IP address may have been created: check with `idcctl ip list`"),
    ("PATCH", "/v1/network/load_balancers/abc", "the load balancer may have been changed: check with `idcctl lb list`"),
    ("POST", "/v1/payment/pay_all", "the payment or billing change may have been changed"),
    ("POST", "/v1/user-resource/service/packages", "the service may have been created: check with `idcctl service list`"),
    ("DELETE", "/v1/user-resource/token", "the token may have been deleted: check with `idcctl token list`"),
    ("POST", "/v1/something/new", "a change may have been made: check before retrying"),
])
def test_unknown_outcome_names_the_resource_and_its_check(method, path, expected):
    from idcctl.errors import NetworkError, Reason
    from idcctl.shell.hints import message

    error = NetworkError("the request was sent but no answer came", reason=Reason.UNKNOWN_OUTCOME,
                         method=method, path=path)
    text = message(error)
    assert text.startswith("the request was sent but no answer came; ") and expected in text


def test_the_value_checks_know_every_setting():
    from idcctl.config import SETTINGS
    from idcctl.values import SETTING_NAMES

    assert tuple(SETTINGS) == SETTING_NAMES
