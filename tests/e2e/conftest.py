"""End to end: the installed `idcctl` as a real subprocess against `idcctl sandbox serve`.

Nothing here reaches the internet: the sandbox and the failing test servers
listen on 127.0.0.1 on free ports. Every test in this folder carries the `e2e`
marker, so `pytest -m "not e2e"` is the fast loop.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import free_port

HERE = Path(__file__).parent
KEY = "e2e-secret-key-0123456789"


def pytest_collection_modifyitems(items):
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.e2e)


def idcctl_executable() -> list[str]:
    script = Path(sys.executable).with_name("idcctl")
    assert script.exists(), f"idcctl is not installed beside {sys.executable}"
    return [str(script)]


@pytest.fixture
def env(tmp_path):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("IDCCTL_")}
    clean.update({"IDCCTL_CONFIG": str(tmp_path / "config.toml"), "NO_COLOR": "1", "COLUMNS": "120",
                  "IDCCTL_CACHE_DIR": str(tmp_path / "cache")})
    return clean


def run(env, *args: str, input: str | None = None, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([*idcctl_executable(), *args], env=env, input=input, capture_output=True,
                          text=True, timeout=timeout)


@pytest.fixture
def sandbox(env, tmp_path):
    """A sandbox server process on a free port, and a `sandbox` profile pointing at it."""
    port = free_port()
    proc = subprocess.Popen([*idcctl_executable(), "sandbox", "serve", "--port", str(port),
                             "--state", str(tmp_path / "state.json")],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 15
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            assert proc.poll() is None, proc.stderr.read()
            assert time.monotonic() < deadline, "sandbox did not start"
            time.sleep(0.05)
    stored = run(env, "sandbox", "profile", "--port", str(port), "--activate")
    assert stored.returncode == 0, stored.stderr
    yield port
    proc.terminate()
    proc.wait(timeout=10)
