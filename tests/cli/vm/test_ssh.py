"""`vm ssh`: the command it runs, whose user and which address."""

from __future__ import annotations

import pytest

from tests.cli.conftest import DB, U1, VM_PATH, WEB, api, ok

IPS = "/v1/network/ip_addresses"
WEB_USER = {**WEB, "username": "ops"}
ASSIGNED = {"address": "203.0.113.7", "assigned_to": U1, "assigned_to_resource_type": "virtual_machine"}


@pytest.fixture
def exec_calls(monkeypatch):
    """Stand-in for os.execvp: records the call instead of replacing the test process."""
    calls = []
    monkeypatch.setattr("shutil.which", lambda name: f"/usr/bin/{name}")
    monkeypatch.setattr("os.execvp", lambda program, argv: calls.append((program, argv)))
    return calls


def test_dry_run_prints_the_ssh_command_and_execs_nothing(invoke, exec_calls):
    with api() as mock:
        mock.get(f"{VM_PATH}/list").mock(return_value=ok([WEB_USER, DB]))
        ips = mock.get(IPS).mock(return_value=ok([ASSIGNED]))
        result = invoke("vm", "ssh", "web-1", "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "ssh -l ops -- 203.0.113.7\n"
    assert dict(ips.calls.last.request.url.params) == {"vm_uuid": U1}
    assert exec_calls == []


def test_execs_ssh_as_the_vms_user_with_the_extra_arguments(invoke, exec_calls):
    with api() as mock:
        mock.get("/v1/bus02/user-resource/vm", params={"uuid": U1}).mock(return_value=ok(WEB_USER))
        mock.get("/v1/bus02/network/ip_addresses").mock(return_value=ok([ASSIGNED]))
        result = invoke("vm", "ssh", U1, "-l", "bus02", "--", "-p", "2222", "uptime")
    assert result.exit_code == 0, result.stderr
    assert exec_calls == [("/usr/bin/ssh", ["ssh", "-l", "ops", "-p", "2222", "--", "203.0.113.7", "uptime"])]


def test_private_and_user_override(invoke, exec_calls):
    with api() as mock:
        mock.get(f"{VM_PATH}/list").mock(return_value=ok([WEB_USER]))
        result = invoke("vm", "ssh", "web-1", "--private", "-u", "root", "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "ssh -l root -- 10.1.29.54\n"


def test_no_public_address_exits_4_suggesting_ip_create_and_assign(invoke, exec_calls):
    with api() as mock:
        mock.get(f"{VM_PATH}/list").mock(return_value=ok([WEB_USER]))
        mock.get(IPS).mock(return_value=ok([]))
        result = invoke("vm", "ssh", "web-1")
    assert result.exit_code == 4 and exec_calls == []
    assert "VM web-1 has no public address" in result.stderr
    assert "idcctl ip create" in result.stderr and "idcctl ip assign ADDRESS --vm web-1" in result.stderr


def test_vm_without_username_needs_u(invoke, exec_calls):
    with api() as mock:
        mock.get(f"{VM_PATH}/list").mock(return_value=ok([WEB]))
        result = invoke("vm", "ssh", "web-1", "--dry-run")
    assert result.exit_code == 2 and "-u USER" in result.stderr


# -- nothing from the API or the command line becomes an ssh option (issue #17, item 2) ----------


@pytest.mark.parametrize("login", ["-oProxyCommand=touch /tmp/x", "ops user", "ops\nx", "ops;id", "$(id)",
                                   "`id`", "-", ""])
def test_a_hostile_username_from_the_vm_is_refused(invoke, exec_calls, login):
    with api(assert_all_called=False) as mock:
        mock.get(f"{VM_PATH}/list").mock(return_value=ok([{**WEB, "username": login}]))
        mock.get(IPS).mock(return_value=ok([ASSIGNED]))
        result = invoke("vm", "ssh", "web-1")
    assert exec_calls == []
    if login:
        assert result.exit_code == 2 and "refusing to ssh as" in result.stderr, result.stderr
        assert len(result.stderr.splitlines()) == 1
    else:
        assert result.exit_code == 2 and "-u USER" in result.stderr  # no username on record


def test_a_hostile_u_is_refused(invoke, exec_calls):
    with api(assert_all_called=False) as mock:
        mock.get(f"{VM_PATH}/list").mock(return_value=ok([WEB_USER]))
        mock.get(IPS).mock(return_value=ok([ASSIGNED]))
        result = invoke("vm", "ssh", "web-1", "-u", "-oProxyCommand=sh -c id")
    assert result.exit_code == 2 and "refusing to ssh as" in result.stderr and "(-u)" in result.stderr
    assert exec_calls == []


@pytest.mark.parametrize("address", ["-oProxyCommand=x", "ssh://root@evil:22", "1.2.3.4 -v", "a\tb", "x;y",
                                     "1.2.3.4\n", "db.example\n"])
def test_a_hostile_address_is_refused(invoke, exec_calls, address):
    with api() as mock:
        mock.get(f"{VM_PATH}/list").mock(return_value=ok([WEB_USER]))
        mock.get(IPS).mock(return_value=ok([{**ASSIGNED, "address": address}]))
        result = invoke("vm", "ssh", "web-1")
    assert result.exit_code == 2 and "refusing to ssh to" in result.stderr, result.stderr
    assert exec_calls == []


def test_the_username_is_an_options_value_and_the_address_comes_after_dashes(invoke, exec_calls):
    with api() as mock:
        mock.get(f"{VM_PATH}/list").mock(return_value=ok([WEB_USER]))
        mock.get(IPS).mock(return_value=ok([{**ASSIGNED, "address": "2001:db8::7"}]))
        result = invoke("vm", "ssh", "web-1", "--", "-vp2222", "-i", "key", "ls", "-l")
    assert result.exit_code == 0, result.stderr
    assert exec_calls == [("/usr/bin/ssh", ["ssh", "-l", "ops", "-vp2222", "-i", "key", "--", "2001:db8::7",
                                            "ls", "-l"])]


def test_the_dry_run_line_is_shell_quoted(invoke, exec_calls):
    with api() as mock:
        mock.get(f"{VM_PATH}/list").mock(return_value=ok([WEB_USER]))
        mock.get(IPS).mock(return_value=ok([ASSIGNED]))
        result = invoke("vm", "ssh", "web-1", "--dry-run", "--", "echo", "it's $HOME")
    assert result.stdout == "ssh -l ops -- 203.0.113.7 echo 'it'\"'\"'s $HOME'\n"


@pytest.mark.e2e  # a real ssh client, if there is one: ProxyCommand must never run
def test_a_real_ssh_never_runs_a_proxycommand_from_the_username(invoke, tmp_path, monkeypatch):
    import shutil
    import subprocess

    if shutil.which("ssh") is None:
        pytest.skip("no ssh client")
    marker = tmp_path / "pwned"
    seen = []
    monkeypatch.setattr("os.execvp", lambda program, argv: seen.append(argv))
    with api() as mock:
        mock.get(f"{VM_PATH}/list").mock(return_value=ok([WEB_USER]))
        mock.get(IPS).mock(return_value=ok([{**ASSIGNED, "address": "127.0.0.1"}]))
        invoke("vm", "ssh", "web-1", "-u", "ops", "--", "-oBatchMode=yes", "-oConnectTimeout=1")
    argv = seen[0]
    argv[2] = f"-oProxyCommand=touch {marker}"  # what a hostile username would have been
    subprocess.run(argv, capture_output=True, timeout=30)
    assert not marker.exists()
