"""`vm auto-backup`, `vm password`, `vm public-ip reserve|release`."""

from __future__ import annotations

import pytest

from tests.cli.conftest import DB, U1, U2, VM_PATH, WEB, api, form_of, ok
from tests.cli.vm.conftest import PARAMS

# -- auto-backup --------------------------------------------------------------------


def test_auto_backup_on_toggles_when_off(invoke):
    with api() as mock:
        mock.get(f"{VM_PATH}/list").mock(return_value=ok([WEB, DB]))
        toggle = mock.post(f"{VM_PATH}/backup").mock(return_value=ok({**WEB, "backup": True}))
        result = invoke("vm", "auto-backup", "web-1", "on", "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert form_of(toggle) == {"uuid": U1}
    assert result.json() == {**WEB, "backup": True}
    assert f"Turned automatic backups of VM web-1 ({U1}) on." in result.stderr


@pytest.mark.parametrize("backup, setting", [(True, "on"), (False, "off")])
def test_auto_backup_already_in_the_wanted_state_sends_no_toggle(invoke, backup, setting):
    vm = {**WEB, "backup": backup}
    with api(assert_all_called=False) as mock:
        show = mock.get(VM_PATH, params={"uuid": U1}).mock(return_value=ok(vm))
        toggle = mock.post(f"{VM_PATH}/backup").mock(return_value=ok(vm))
        result = invoke("vm", "auto-backup", U1, setting, "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert show.call_count == 1 and not toggle.called
    assert result.json() == vm
    assert f"already {setting}; nothing to change" in result.stderr


def test_auto_backup_off_toggles_when_on(invoke):
    with api() as mock:
        mock.get(VM_PATH, params={"uuid": U1}).mock(return_value=ok({**WEB, "backup": True}))
        toggle = mock.post(f"{VM_PATH}/backup").mock(return_value=ok(WEB))
        result = invoke("vm", "auto-backup", U1, "OFF", "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert toggle.call_count == 1


def test_auto_backup_rejects_anything_but_on_or_off_before_any_request(invoke):
    with api(assert_all_called=False) as mock:
        result = invoke("vm", "auto-backup", U1, "yes")
        assert mock.calls.call_count == 0
    assert result.exit_code == 2
    assert "expected on or off, not 'yes'" in result.stderr


# -- password -----------------------------------------------------------------------


def _password_routes(mock):
    mock.get("/v1/api/parameters/vm").mock(return_value=ok(PARAMS))  # vm create's rules, checked first
    mock.get(f"{VM_PATH}/list").mock(return_value=ok([WEB, DB]))
    return mock.patch(f"{VM_PATH}/user").mock(return_value=ok({"success": True}))


def test_password_from_stdin(invoke):
    with api() as mock:
        route = _password_routes(mock)
        result = invoke("vm", "password", "db-1", "--username", "example", "--password-stdin",
                        "-o", "json", input="S3cret pass\n")
    assert result.exit_code == 0, result.stderr
    assert form_of(route) == {"uuid": U2, "username": "example", "password": "S3cret pass"}
    assert result.json() == {"success": True}
    assert "S3cret" not in result.stderr


def test_password_option_works_but_warns_about_shell_history(invoke):
    with api() as mock:
        route = _password_routes(mock)
        result = invoke("vm", "password", "db-1", "--username", "example", "--password", "Pw123456")
    assert result.exit_code == 0, result.stderr
    assert form_of(route)["password"] == "Pw123456"
    assert "warning: a password on the command line lands in your shell history" in result.stderr


def test_password_prompt_on_terminal_asks_twice(invoke):
    with api() as mock:
        route = _password_routes(mock)
        result = invoke("vm", "password", "db-1", "--username", "example", tty=True,
                        input="Typed123\nTyped123\n")
    assert result.exit_code == 0, result.stderr
    assert form_of(route)["password"] == "Typed123"
    assert "Password: Repeat the password: " in result.stderr
    assert "Typed123" not in result.stderr + result.stdout


def test_password_prompt_mismatch_sends_nothing(invoke):
    with api(assert_all_called=False) as mock:
        route = _password_routes(mock)
        result = invoke("vm", "password", "db-1", "--username", "example", tty=True, input="one\ntwo\n")
        assert [c.request.url.path for c in mock.calls] == ["/v1/api/parameters/vm"]  # the rules, read
    assert result.exit_code == 2 and not route.called
    assert "differ" in result.stderr


@pytest.mark.parametrize("args, stdin, message, reads", [
    ((), "", "no password given and no terminal to ask on", 0),
    (("--password-stdin",), "\n", "the password is empty", 1),  # after reading the rules
    (("--password-stdin", "--password", "x"), "", "not both", 0),
    (("--password-stdin",), "short\n", "the password is not allowed (use at least 8 characters", 1),
    (("--password-stdin",), "alllowercase1\n", "the password is not allowed", 1),
])
def test_password_refused_before_anything_is_sent(invoke, args, stdin, message, reads):
    with api(assert_all_called=False) as mock:
        params = mock.get("/v1/api/parameters/vm").mock(return_value=ok(PARAMS))
        result = invoke("vm", "password", "db-1", "--username", "example", *args, input=stdin)
        assert mock.calls.call_count == params.call_count == reads
    assert result.exit_code == 2
    assert message in result.stderr
    assert not stdin.strip() or stdin.strip() not in result.stderr  # a password is never echoed


@pytest.mark.parametrize("username", ["-x y", "1abc", "a" * 31, "ops;id"])
def test_vm_password_applies_vm_creates_username_rule(invoke, username):
    with api(assert_all_called=False) as mock:
        mock.get("/v1/api/parameters/vm").mock(return_value=ok(PARAMS))
        change = mock.patch(f"{VM_PATH}/user").mock(return_value=ok({"success": True}))
        result = invoke("vm", "password", "db-1", "--username", username, "--password-stdin",
                        input="Secret123\n")
    assert result.exit_code == 2 and not change.called
    assert f"--username '{username}' is not allowed" in result.stderr


# -- public-ip (deprecated) -----------------------------------------------------------


def test_public_ip_reserve_and_release(invoke):
    with api() as mock:
        reserve = mock.post(f"{VM_PATH}/ip/public").mock(return_value=ok(WEB))
        release = mock.delete(f"{VM_PATH}/ip/public").mock(return_value=ok(WEB))
        reserved = invoke("vm", "public-ip", "reserve", U1, "-o", "json")
        released = invoke("vm", "public-ip", "release", U1, "-o", "json")
    assert (reserved.exit_code, released.exit_code) == (0, 0), reserved.stderr + released.stderr
    assert form_of(reserve) == {"uuid": U1} and form_of(release) == {"uuid": U1}
    assert reserved.json() == WEB and released.json() == WEB
    assert "deprecated" in reserved.stderr and f"idcctl ip list --vm {U1}" in reserved.stderr
    assert "stays reserved" in released.stderr


def test_public_ip_help_says_deprecated_and_points_to_ip(invoke):
    result = invoke("vm", "public-ip", "--help")
    assert result.exit_code == 0
    assert "Deprecated by the API (use 'idcctl ip'" in result.stdout
