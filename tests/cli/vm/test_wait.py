"""Waiting for a VM's status: the progress shown on a terminal."""

from __future__ import annotations

import io

import httpx
import respx

from tests.conftest import BASE, KEY

UUID = "0f1e2d3c-4b5a-4968-8776-655443322110"
VM_URL = f"{BASE}/v1/user-resource/vm"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _state(config_file, err, clock):
    from idcctl.shell.state import State

    env = {"IDCCTL_CONFIG": str(config_file), "IDCCTL_API_URL": BASE, "IDCCTL_API_KEY": KEY, "NO_COLOR": "1"}
    seconds = [0.0]

    def sleep(s: float) -> None:
        seconds[0] += s

    return State(env=env, stdout=Terminal(), stderr=err, sleep=sleep, clock=clock or (lambda: seconds[0]))


def test_wait_shows_plain_progress_on_a_terminal_with_no_color(config_file):
    """Each change of status: the VM's name, its status, the time waited and the timeout (#19)."""
    from idcctl.cli.vm.wait import wait_for_status

    err = Terminal()
    state = _state(config_file, err, None)
    with respx.mock() as mock:
        mock.get(VM_URL).mock(side_effect=[httpx.Response(200, json={"uuid": UUID, "status": s})
                                           for s in ("stopped", "starting", "starting", "running")])
        assert wait_for_status(state, UUID, "running", name="web-1", timeout=60)["status"] == "running"
    assert err.getvalue() == (f"waiting for VM web-1 ({UUID}) to be running: stopped, 0 s of 60 s\n"
                              f"waiting for VM web-1 ({UUID}) to be running: starting, 1 s of 60 s\n")
    state.close()


def test_waiting_for_several_vms_shows_each_and_names_the_one_that_timed_out(config_file):
    from idcctl.cli.vm.wait import wait_all
    from idcctl.errors import WaitTimeout

    other = "11111111-2222-4333-8444-555555555555"
    err = Terminal()
    state = _state(config_file, err, None)
    with respx.mock() as mock:
        mock.get(VM_URL, params={"uuid": UUID}).mock(return_value=httpx.Response(
            200, json={"uuid": UUID, "status": "stopped"}))
        mock.get(VM_URL, params={"uuid": other}).mock(return_value=httpx.Response(
            200, json={"uuid": other, "status": "running"}))
        [(first, error), (second, fine)] = wait_all(state, [(UUID, "web-1"), (other, "web-2")], "running",
                                                    timeout=5)
    assert first is None and isinstance(error, WaitTimeout)
    assert str(error) == f"gave up waiting for VM web-1 ({UUID}) to be running after 5 s; last status seen: stopped"
    assert second["uuid"] == other and fine is None
    assert f"waiting for VM web-1 ({UUID}) to be running: stopped, 0 s of 5 s" in err.getvalue()
    assert "web-2" not in err.getvalue()  # running at the first look: nothing to show
    state.close()


def test_waiting_for_deleted_ends_when_the_vm_is_gone(config_file):
    from idcctl.cli.vm.wait import wait_for_status

    err = Terminal()
    state = _state(config_file, err, None)
    with respx.mock() as mock:
        route = mock.get(VM_URL).mock(side_effect=[
            httpx.Response(200, json={"uuid": UUID, "status": "running"}),
            httpx.Response(404, json={"errors": {"Error": "No such VM exists"}})])
        assert wait_for_status(state, UUID, "deleted") is None
    assert route.call_count == 2
    state.close()
