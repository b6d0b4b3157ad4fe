"""Waiting for a VM's status: the progress shown on a terminal."""

from __future__ import annotations

import io

import httpx
import respx

from tests.conftest import BASE, KEY

UUID = "0f1e2d3c-4b5a-4968-8776-655443322110"
VM_URL = f"{BASE}/v1/user-resource/vm"


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
