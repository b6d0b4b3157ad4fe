"""End to end: the installed `idcctl` as a real subprocess against `idcctl sandbox serve`.

Nothing here reaches the internet: the sandbox and the failing test servers
listen on 127.0.0.1 on free ports.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e
KEY = "e2e-secret-key-0123456789"


def idcctl_executable() -> list[str]:
    script = Path(sys.executable).with_name("idcctl")
    assert script.exists(), f"idcctl is not installed beside {sys.executable}"
    return [str(script)]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


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


def test_account_commands_against_the_sandbox(env, sandbox):
    user = run(env, "user", "show", "-o", "json")
    assert user.returncode == 0, user.stderr
    assert json.loads(user.stdout)["name"] == "user@example.com"

    created = run(env, "token", "create", "--description", "e2e", "-o", "json")
    assert created.returncode == 0, created.stderr
    token = json.loads(created.stdout)
    assert token["description"] == "e2e"

    listed = run(env, "token", "list", "-o", "json")
    assert token["id"] in [t["id"] for t in json.loads(listed.stdout)]
    table = run(env, "token", "list")
    assert "e2e" in table.stdout and token["token"] not in table.stdout  # masked in tables

    refused = run(env, "token", "delete", str(token["id"]))
    assert refused.returncode == 2 and "--yes" in refused.stderr
    deleted = run(env, "token", "delete", str(token["id"]), "--yes")
    assert deleted.returncode == 0, deleted.stderr
    after = json.loads(run(env, "-o", "json", "token", "list").stdout)
    assert token["id"] not in [t["id"] for t in after]

    slugs = run(env, "location", "list", "-q")
    assert slugs.stdout.split() == ["cyc01", "bus02"]


def test_login_profiles_and_config_against_the_sandbox(env, sandbox):
    login = run(env, "auth", "login", "-p", "e2e", "--api-url", f"http://127.0.0.1:{sandbox}",
                "--api-key-stdin", input=KEY + "\n")
    assert login.returncode == 0, login.stderr
    assert KEY not in login.stdout + login.stderr
    assert run(env, "config", "set", "api_url", f"http://127.0.0.1:{sandbox}", "-p", "e2e").returncode == 0
    shown = run(env, "-p", "e2e", "user", "show", "-o", "json", "--debug")
    assert shown.returncode == 0, shown.stderr
    assert KEY not in shown.stdout + shown.stderr and "apikey: ***" in shown.stderr
    profiles = run(env, "profile", "list", "-o", "json")
    assert KEY not in profiles.stdout
    assert {p["name"] for p in json.loads(profiles.stdout)} >= {"sandbox", "e2e"}
    mode = os.stat(env["IDCCTL_CONFIG"]).st_mode & 0o777
    assert mode == 0o600


def test_raw_api_and_unknown_location(env, sandbox):
    raw = run(env, "api", "GET", "/v1/{location}/user-resource/vm/list", "-l", "bus02")
    assert raw.returncode == 0, raw.stderr
    assert len(json.loads(raw.stdout)) == 1
    unknown = run(env, "vm", "list", "-l", "nowhere")
    assert unknown.returncode == 4 and "unknown location 'nowhere'" in unknown.stderr


def test_vm_scenario_against_the_sandbox(env, sandbox):
    create = run(env, "vm", "create", "--name", "e2e-web", "--os", "ubuntu", "--os-version", "22.04-lts",
                 "--disk-size", "20", "--vcpu", "2", "--ram", "2048", "--username", "ops",
                 "--password-stdin", "--wait", "-o", "json", input="Secret123\n")
    assert create.returncode == 0, create.stderr
    vm = json.loads(create.stdout)
    assert vm["status"] == "running" and vm["name"] == "e2e-web"

    listed = run(env, "vm", "list")
    assert "e2e-web" in listed.stdout
    shown = run(env, "vm", "show", "e2e-web", "-o", "json")
    assert json.loads(shown.stdout)["uuid"] == vm["uuid"]

    stopped = run(env, "vm", "stop", "e2e-web", "--wait", "-o", "json")
    assert stopped.returncode == 0, stopped.stderr
    assert json.loads(stopped.stdout)["status"] == "stopped"

    disk = run(env, "vm", "disk", "add", "e2e-web", "--size", "30", "-o", "json")
    assert disk.returncode == 0, disk.stderr
    disk_uuid = json.loads(disk.stdout)["uuid"]
    resized = run(env, "vm", "disk", "resize", "e2e-web", disk_uuid, "--size", "40", "-o", "json")
    assert resized.returncode == 0, resized.stderr
    assert json.loads(resized.stdout)["size"] == 40

    snap = run(env, "vm", "snapshot", "create", "e2e-web")
    assert snap.returncode == 0, snap.stderr
    snaps = run(env, "vm", "snapshot", "list", "e2e-web", "-o", "json")
    assert len(json.loads(snaps.stdout)) == 1

    refused = run(env, "vm", "delete", "e2e-web")
    assert refused.returncode == 2
    deleted = run(env, "vm", "delete", "e2e-web", "--yes")
    assert deleted.returncode == 0, deleted.stderr
    assert "idcctl ip delete" in deleted.stderr  # its floating IP stays reserved and billed
    gone = run(env, "vm", "show", "e2e-web")
    assert gone.returncode == 4


def test_invalid_vm_create_sends_nothing(env, sandbox):
    bad = run(env, "vm", "create", "--name", "x", "--os", "ubuntu", "--os-version", "22.04",
              "--disk-size", "20", "--vcpu", "2", "--ram", "2048", "--username", "ops",
              "--password-stdin", input="Secret123\n")
    assert bad.returncode == 2
    listed = json.loads(run(env, "vm", "list", "-o", "json").stdout)
    assert "x" not in [v["name"] for v in listed]


def test_all_locations_equals_the_sum(env, sandbox):
    merged = json.loads(run(env, "vm", "list", "--all-locations", "-o", "json").stdout)
    per_location = sum(len(json.loads(run(env, "vm", "list", "-l", slug, "-o", "json").stdout))
                       for slug in ("cyc01", "bus02"))
    assert len(merged) == per_location == 6
    assert {v["location"] for v in merged} == {"cyc01", "bus02"}


class _Failing(BaseHTTPRequestHandler):
    calls = 0

    def do_GET(self):  # noqa: N802 - http.server's naming
        type(self).calls += 1
        body = b'{"errors": {"Error": "database is on fire"}}'
        self.send_response(500)
        self.send_header("Content-Type", "application/json")
        self.send_header("X-Warren-Correlation-Id", "corr-e2e")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def test_errors_are_one_line_with_the_contract_exit_code(env):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Failing)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}"
        # The key through the environment: --api-key on the command line adds a warning line.
        failing = run({**env, "IDCCTL_API_KEY": KEY}, "user", "show", "--api-url", url)
    finally:
        server.shutdown()
    assert failing.returncode == 1
    # One error line; a jittered retry wait over a second is announced on a line of its own.
    lines = [line for line in failing.stderr.splitlines() if ", retrying in " not in line]
    assert len(lines) == 1 and lines[0].startswith("error: ") and "database is on fire" in lines[0]
    assert "corr-e2e" in failing.stderr and "Traceback" not in failing.stderr
    assert _Failing.calls == 3  # a GET is retried, then given up

    closed = run({**env, "IDCCTL_API_KEY": KEY}, "user", "show", "--api-url", f"http://127.0.0.1:{free_port()}")
    closed_lines = [line for line in closed.stderr.splitlines() if ", retrying in " not in line]
    assert closed.returncode == 5 and len(closed_lines) == 1 and closed_lines[0].startswith("error: cannot reach")

    no_key = run(env, "user", "show", "--api-url", "http://127.0.0.1:9")
    assert no_key.returncode == 3 and "idcctl auth login" in no_key.stderr
    for result in (failing, closed, no_key):
        assert KEY not in result.stdout + result.stderr
