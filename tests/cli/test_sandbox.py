"""`sandbox serve --detach`, `sandbox status` and `sandbox stop`: the background sandbox is found by its record,
and gets no secrets."""

from __future__ import annotations

import json
import os
import threading

import pytest

from idcctl.sandbox.server import make_server
from tests.conftest import free_port


@pytest.fixture
def record_dir(config_file):
    return config_file.parent.parent / "cache"


@pytest.mark.e2e  # runs idcctl in a process of its own
def test_detach_status_second_detach_stop(invoke, record_dir, tmp_path):
    port = free_port()
    started = invoke("sandbox", "serve", "--detach", "--port", str(port), "--state", str(tmp_path / "st.json"))
    assert started.exit_code == 0, started.stderr
    record = json.loads((record_dir / f"sandbox-{port}.json").read_text())
    pid = record["pid"]
    try:
        assert f"(pid {pid}); stop it with: idcctl sandbox stop --port {port}" in started.stderr
        status = invoke("sandbox", "status", "--port", str(port), "-o", "json")
        assert status.exit_code == 0, status.stderr
        assert status.json() == {"url": f"http://127.0.0.1:{port}", "port": port, "pid": pid,
                                 "state_file": str(tmp_path / "st.json"), "detached": True,
                                 "record": str(record_dir / f"sandbox-{port}.json")}
        table = invoke("sandbox", "status", "--port", str(port)).stdout.splitlines()
        assert f"pid         {pid}" in table and f"state_file  {tmp_path / 'st.json'}" in table
        again = invoke("sandbox", "serve", "--detach", "--port", str(port))
        assert again.exit_code == 0
        assert again.stderr == (f"A sandbox already answers on http://127.0.0.1:{port} "
                                f"(pid {pid}, stop it with: idcctl sandbox stop --port {port}).\n")
        stopped = invoke("sandbox", "stop", "--port", str(port))
        assert stopped.exit_code == 0, stopped.stderr
        assert stopped.stderr == f"Stopped the sandbox on http://127.0.0.1:{port} (pid {pid}).\n"
    finally:
        try:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
    assert not (record_dir / f"sandbox-{port}.json").exists()
    gone = invoke("sandbox", "status", "--port", str(port))
    assert gone.exit_code == 1 and gone.stdout == ""
    assert gone.stderr.startswith(f"error: no sandbox answers on http://127.0.0.1:{port}")
    assert f"idcctl sandbox serve --detach --port {port}" in gone.stderr
    twice = invoke("sandbox", "stop", "--port", str(port))
    assert twice.exit_code == 0 and twice.stderr == f"No sandbox is running on http://127.0.0.1:{port}.\n"


def test_a_record_whose_pid_is_not_a_sandbox_is_stale_and_nothing_is_killed(invoke, record_dir):
    port = free_port()
    record_dir.mkdir(parents=True)
    path = record_dir / f"sandbox-{port}.json"
    path.write_text(json.dumps({"pid": os.getpid(), "port": port}))  # a pid reused by another process
    result = invoke("sandbox", "stop", "--port", str(port))
    assert result.exit_code == 0 and "No sandbox is running" in result.stderr
    assert not path.exists()  # and this test process is still alive to check it


def test_a_foreground_sandbox_is_shown_but_not_stopped(invoke):
    server = make_server(port=0)
    port = server.server_address[1]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        status = invoke("sandbox", "status", "--port", str(port), "-o", "json")
        assert status.exit_code == 0 and status.json()["detached"] is False and status.json()["pid"] is None
        stop = invoke("sandbox", "stop", "--port", str(port))
        assert stop.exit_code == 1
        assert stop.stderr.startswith(f"error: the sandbox on http://127.0.0.1:{port} was not started with --detach")
    finally:
        server.shutdown()
        server.server_close()


def test_the_detached_sandbox_gets_no_secrets():
    from idcctl.cli.sandbox import scrubbed_env

    env = {"PATH": "/bin", "HOME": "/root", "IDCCTL_API_KEY": "k", "IDCCTL_PROFILE": "p",
           "AWS_SECRET_ACCESS_KEY": "s", "GITHUB_TOKEN": "t", "PGPASSWORD": "p", "LANG": "C"}
    assert scrubbed_env(env) == {"PATH": "/bin", "HOME": "/root", "LANG": "C"}


@pytest.mark.parametrize("command", ["status", "stop"])
def test_a_cache_path_that_is_a_file_is_named_not_an_internal_error(invoke, record_dir, command):
    record_dir.parent.mkdir(parents=True, exist_ok=True)
    record_dir.write_text("not a directory")
    result = invoke("sandbox", command, "--port", str(free_port()))
    assert result.exit_code == 2, result.stderr
    assert result.stderr.splitlines() == [
        f"error: cannot keep sandbox records: {record_dir} is not a directory; "
        "fix that, or set IDCCTL_CACHE_DIR to a directory of your own"]


def test_detach_refuses_before_starting_a_sandbox_it_could_not_stop(invoke, record_dir):
    record_dir.mkdir(parents=True)
    record_dir.chmod(0o777)
    port = free_port()
    result = invoke("sandbox", "serve", "--detach", "--port", str(port))
    from idcctl.cli.sandbox import _is_sandbox

    assert result.exit_code == 2 and "is writable by others" in result.stderr
    assert not _is_sandbox(port)  # nothing was started


def test_a_record_planted_in_a_shared_directory_is_not_read(invoke, record_dir):
    record_dir.mkdir(parents=True)
    record_dir.chmod(0o777)
    port = free_port()
    (record_dir / f"sandbox-{port}.json").write_text(json.dumps({"pid": os.getpid(), "port": port}))
    result = invoke("sandbox", "stop", "--port", str(port))
    assert result.exit_code == 2 and "writable by others" in result.stderr


@pytest.mark.parametrize("state_file", ["/dev/null", "{fifo}", "{tmp}", "{garbage}"])
def test_detach_refuses_a_state_file_the_sandbox_would_refuse_before_starting(invoke, tmp_path, state_file):
    os.mkfifo(tmp_path / "fifo")
    (tmp_path / "garbage.json").write_text("[1, 2]")
    path = state_file.format(fifo=tmp_path / "fifo", tmp=tmp_path, garbage=tmp_path / "garbage.json")
    port = free_port()
    result = invoke("sandbox", "serve", "--detach", "--port", str(port), "--state", path)
    from idcctl.cli.sandbox import _is_sandbox

    assert result.exit_code == 2, result.stderr
    assert path in result.stderr and "port" not in result.stderr  # not "port in use?"
    assert not _is_sandbox(port)
