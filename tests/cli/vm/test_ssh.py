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
    assert result.stdout == "ssh ops@203.0.113.7\n"
    assert dict(ips.calls.last.request.url.params) == {"vm_uuid": U1}
    assert exec_calls == []


def test_execs_ssh_as_the_vms_user_with_the_extra_arguments(invoke, exec_calls):
    with api() as mock:
        mock.get("/v1/bus02/user-resource/vm", params={"uuid": U1}).mock(return_value=ok(WEB_USER))
        mock.get("/v1/bus02/network/ip_addresses").mock(return_value=ok([ASSIGNED]))
        result = invoke("vm", "ssh", U1, "-l", "bus02", "--", "-p", "2222", "uptime")
    assert result.exit_code == 0, result.stderr
    assert exec_calls == [("/usr/bin/ssh", ["ssh", "ops@203.0.113.7", "-p", "2222", "uptime"])]


def test_private_and_user_override(invoke, exec_calls):
    with api() as mock:
        mock.get(f"{VM_PATH}/list").mock(return_value=ok([WEB_USER]))
        result = invoke("vm", "ssh", "web-1", "--private", "-u", "root", "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "ssh root@10.1.29.54\n"


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
