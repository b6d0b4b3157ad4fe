"""Fault injection: a misbehaving server against a read, a create and a delete.

Each run must end in the contract's exit code, exactly one stderr line, no
traceback, and no more requests than the retry policy allows (a create is
never repeated). The CLI runs in-process with the real clock (deadlines are
real) and a recorded sleep (retry waits cost nothing); the last test presses
a real Ctrl-C on `python -m idcctl` while the answer drips in.
"""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time

import pytest

from idcctl.__main__ import run
from idcctl.shell.state import State
from tests.api.conftest import FaultServer

KEY = "sk-fault-0123456789abcdef"
COMMANDS = {
    "read": (("vm", "list", "-o", "json"), ("GET",)),  # json: no PUBLIC IP side read
    "create": (("token", "create", "--description", "ci"), ("POST",)),
    "delete": (("token", "delete", "5", "--yes"), ("DELETE",)),
}
CHECK = {"create": "the token may have been created: check with `idcctl token list`",
         "delete": "the token may have been deleted: check with `idcctl token list`"}

# fault -> {kind: (exit code, text in the one stderr line, requests the server saw)}
EXPECTED = {
    "redirect": {k: (1, "307 Temporary Redirect, a redirect to evil.example.net, which idcctl never", 1)
                 for k in COMMANDS},
    "html": {k: (1, "the API answered with text/html, not JSON", 1) for k in COMMANDS},
    # Several deletes answer an empty body (the reference's quirks): success, said on stderr.
    "empty": {"read": (1, "empty body where data was expected", 1),
              "create": (1, "empty body where data was expected", 1), "delete": (0, "Deleted token 5", 1)},
    "retry_after": {k: (1, "the API asks to retry in 3600 s", 1) for k in COMMANDS},
    "huge": {k: (1, "larger than 512 MiB", 1) for k in COMMANDS},
    "drip": {"read": (5, "no answer from", 1), "create": (5, CHECK["create"], 1),
             "delete": (5, CHECK["delete"], 1)},
    # The deadline covers the status line and headers too, not only the body.
    "drip_head": {"read": (5, "no answer from", 1), "create": (5, CHECK["create"], 1),
                  "delete": (5, CHECK["delete"], 1)},
    # 429 with Retry-After: 1 on every attempt: the attempts ran out, not the time (the waits are recorded).
    "busy": {"read": (1, "slow down (HTTP 429); it answered 429 to all 3 attempts; the API asks to retry in 1 s",
                      3),
             "create": (1, "slow down (HTTP 429); the API asks to retry in 1 s", 1),
             "delete": (1, "slow down (HTTP 429); the API asks to retry in 1 s", 1)},
    "reset": {"read": (5, "broke before the answer was complete", 3),
              "create": (5, CHECK["create"], 1), "delete": (5, CHECK["delete"], 1)},
    "truncated": {"read": (5, "broke before the answer was complete", 3),
                  "create": (5, CHECK["create"], 1), "delete": (5, CHECK["delete"], 1)},
}


def run_against(url: str, *args: str, timeout: float, tmp_path,
                stdin: str = "") -> tuple[int, str, str, list[float]]:
    sleeps: list[float] = []
    env = {"IDCCTL_CONFIG": str(tmp_path / "config.toml"), "NO_COLOR": "1", "IDCCTL_API_URL": url,
           "IDCCTL_API_KEY": KEY, "IDCCTL_CACHE_DIR": str(tmp_path / "cache"),
           "IDCCTL_TIMEOUT": str(timeout)}
    out, err = io.StringIO(), io.StringIO()
    state = State(env=env, stdin=io.StringIO(stdin), stdout=out, stderr=err, sleep=sleeps.append)
    code = run(list(args), state=state)
    return code, out.getvalue(), err.getvalue(), sleeps


@pytest.mark.parametrize("kind", list(COMMANDS))
@pytest.mark.parametrize("fault", list(EXPECTED))
def test_fault_ends_in_one_line_and_the_right_code(fault, kind, tmp_path):
    args, methods = COMMANDS[kind]
    server = FaultServer(fault, methods, drip_every=0.2)
    timeout = 1.0 if fault.startswith("drip") else 5.0
    try:
        started = time.monotonic()
        code, out, err, _ = run_against(server.url, *args, timeout=timeout, tmp_path=tmp_path)
        elapsed = time.monotonic() - started
    finally:
        server.close()
    want_code, want_text, want_requests = EXPECTED[fault][kind]
    # Retry waits over a second are announced ("connection failed, retrying in 1.3 s"): not errors.
    lines = [line for line in err.strip().splitlines() if ", retrying in " not in line]
    assert (code, len(lines)) == (want_code, 1), err
    assert want_text in lines[0] and "Traceback" not in err and "internal error" not in err
    assert KEY not in err + out
    assert server.faulted() == want_requests, server.seen
    assert all(path.startswith("/v1/") for _, path in server.seen)  # never followed elsewhere
    assert elapsed < timeout + 4, "the timeout must bound the whole request"  # slack for a loaded CI


def test_a_dripping_body_is_cut_at_the_timeout(tmp_path):
    server = FaultServer("drip", ("GET",), drip_every=0.1)
    try:
        started = time.monotonic()
        code, _, err, _ = run_against(server.url, "vm", "list", timeout=0.5, tmp_path=tmp_path)
    finally:
        server.close()
    assert code == 5 and "within 0.5 s" in err
    # The whole body would take 100 s; a loaded machine may add a second or two of start-up.
    assert time.monotonic() - started < 5


VM_CREATE = ("vm", "create", "--name", "web-01", "--os", "ubuntu", "--os-version", "22.04-lts",
             "--disk-size", "20", "--vcpu", "2", "--ram", "2048", "--username", "deploy",
             "--password-stdin")


@pytest.mark.parametrize(("fault", "code", "text"), [
    ("redirect", 1, "307 Temporary Redirect, a redirect to evil.example.net"),
    ("reset", 5, "the VM may have been created: check with `idcctl vm list` before retrying"),
])
def test_vm_create_is_never_success_or_repeated_on_a_fault(fault, code, text, tmp_path):
    server = FaultServer(fault, ("POST",))
    try:
        result = run_against(server.url, *VM_CREATE, timeout=5, tmp_path=tmp_path, stdin="Secret123\n")
    finally:
        server.close()
    assert result[0] == code and result[1] == ""
    # The cost estimate's note (no pricing policy behind a faulty server) may precede the error.
    lines = [line for line in result[2].splitlines() if not line.startswith("note: no cost estimate")]
    assert len(lines) == 1 and text in lines[0]
    assert server.faulted() == 1


@pytest.mark.e2e  # runs idcctl in a process of its own
@pytest.mark.parametrize(("signum", "code", "line"), [(signal.SIGINT, 130, "interrupted\n"),
                                                     (signal.SIGTERM, 143, "terminated\n")],
                         ids=["ctrl-c", "sigterm"])
def test_a_real_signal_on_the_installed_command(tmp_path, signum, code, line):
    server = FaultServer("drip", ("GET",), drip_every=0.2)
    env = {**os.environ, "IDCCTL_CONFIG": str(tmp_path / "c.toml"), "IDCCTL_API_URL": server.url,
           "IDCCTL_API_KEY": KEY, "IDCCTL_TIMEOUT": "60", "IDCCTL_CACHE_DIR": str(tmp_path)}
    try:
        child = subprocess.Popen([sys.executable, "-m", "idcctl", "vm", "list"], env=env,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 15
        while not server.seen and time.monotonic() < deadline:
            time.sleep(0.05)
        child.send_signal(signum)  # Ctrl-C, or `kill` / a cancelled CI job
        _, err = child.communicate(timeout=15)
    finally:
        server.close()
    assert (child.returncode, err) == (code, line)
