"""`sandbox serve --detach`, `sandbox status` and `sandbox stop`: the background sandbox is found by its record,
and gets no secrets."""

from __future__ import annotations

import json
import os
import socket
import threading
import tomllib

import pytest

from idcctl.sandbox.server import make_server
from tests.conftest import free_port


@pytest.fixture
def record_dir(config_file):
    return config_file.parent.parent / "cache"


def end(pid: int) -> None:
    """Make sure the background sandbox a test started is gone, whatever the test saw."""
    try:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
    except (ProcessLookupError, ChildProcessError):
        pass


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
        end(pid)
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


@pytest.fixture
def stranger():
    """A sandbox this config did not start (here, in the foreground of this very process)."""
    def start(**kwargs):
        server = make_server(port=0, **kwargs)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return server.server_address[1]

    servers = []
    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def test_a_foreground_sandbox_is_shown_and_described_but_not_stopped(invoke, stranger):
    port = stranger()
    status = invoke("sandbox", "status", "--port", str(port), "-o", "json")
    assert status.exit_code == 0 and status.json()["detached"] is False and status.json()["pid"] == os.getpid()
    stop = invoke("sandbox", "stop", "--port", str(port))
    assert stop.exit_code == 1
    assert stop.stderr == (f"error: a sandbox running in the foreground (Ctrl-C where it runs stops it) answers on "
                           f"http://127.0.0.1:{port}; stop it with its PID {os.getpid()}: kill {os.getpid()}\n")
    assert "not started with --detach" not in stop.stderr


def test_a_detached_sandbox_of_another_config_is_named_as_such_never_as_not_detached(invoke, stranger):
    port = stranger(detached=True)
    for args in (("stop", "--port", str(port)), ("serve", "--detach", "--port", str(port))):
        result = invoke("sandbox", *args)
        assert "andbox started with --detach from another config (another HOME or IDCCTL_CACHE_DIR) " \
               f"answers on http://127.0.0.1:{port}; stop it with its PID {os.getpid()}: kill {os.getpid()}" \
               in result.stderr
        assert "not started with --detach" not in result.stderr
    assert (result.exit_code, result.stdout) == (0, "")  # --port N is exact: that sandbox is the one asked for


def test_another_users_sandbox_is_named_by_its_uid():
    from idcctl.cli.sandbox.running import stranger

    said = stranger({"pid": 4242, "uid": os.getuid() + 1, "detached": True}, 8765)
    assert said == (f"a sandbox of another user (uid {os.getuid() + 1}) answers on http://127.0.0.1:8765; "
                    "stop it with its PID 4242: kill 4242")
    assert stranger({"pid": None, "uid": None, "detached": None}, 8765) == \
        "a sandbox from another user/config answers on http://127.0.0.1:8765"


def test_detach_on_an_exact_port_another_program_holds_is_exit_2(invoke):
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        result = invoke("sandbox", "serve", "--detach", "--port", str(port))
    assert result.exit_code == 2
    assert result.stderr == (f"error: 127.0.0.1:{port} is taken by another program; choose another --port, "
                             "or leave --port out for a free one\n")


def test_profile_follows_the_background_sandbox_and_port_stays_exact(invoke, record_dir, config_file):
    record_dir.mkdir(parents=True)
    pid = os.getpid()  # /proc says this is no `sandbox serve`: the record is stale, and is dropped
    (record_dir / "sandbox-40001.json").write_text(json.dumps({"pid": pid, "port": 40001, "started_at": 1}))
    stale = invoke("sandbox", "profile")
    assert "Stored profile 'sandbox' for http://127.0.0.1:8765; use it with -p sandbox" in stale.stderr
    assert not (record_dir / "sandbox-40001.json").exists()
    exact = invoke("sandbox", "profile", "--port", "9000", env={"IDCCTL_SANDBOX_PORT": "9001"})
    assert exact.stderr == "Stored profile 'sandbox' for http://127.0.0.1:9000; use it with -p sandbox\n"
    assert tomllib.loads(config_file.read_text())["profiles"]["sandbox"]["api_url"] == "http://127.0.0.1:9000"


def test_the_detached_sandbox_gets_no_secrets():
    from idcctl.cli.sandbox import scrubbed_env

    env = {"PATH": "/bin", "HOME": "/root", "IDCCTL_API_KEY": "k", "IDCCTL_PROFILE": "p",
           "AWS_SECRET_ACCESS_KEY": "s", "GITHUB_TOKEN": "t", "PGPASSWORD": "p", "LANG": "C"}
    assert scrubbed_env(env) == {"PATH": "/bin", "HOME": "/root", "LANG": "C"}


@pytest.mark.e2e  # runs idcctl in a process of its own
def test_a_busy_default_port_gets_a_free_one_which_profile_status_and_stop_follow(invoke, record_dir, config_file):
    with socket.socket() as holder:  # another program on the default port (IDCCTL_SANDBOX_PORT: not 8765 itself)
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        busy = holder.getsockname()[1]
        env = {"IDCCTL_SANDBOX_PORT": str(busy)}
        started = invoke("sandbox", "serve", "--detach", env=env)
        assert started.exit_code == 0, started.stderr
        (record,) = [json.loads(p.read_text()) for p in record_dir.glob("sandbox-*.json")]
        port, pid = record["port"], record["pid"]
        try:
            assert port != busy
            assert started.stderr == (f"127.0.0.1:{busy} is taken by another program; using port {port} instead.\n"
                                      f"Sandbox API running on http://127.0.0.1:{port} (pid {pid}); "
                                      f"stop it with: idcctl sandbox stop --port {port}\n")
            again = invoke("sandbox", "serve", "--detach", env=env)
            assert again.stderr == (f"A sandbox already answers on http://127.0.0.1:{port} "
                                    f"(pid {pid}, stop it with: idcctl sandbox stop --port {port}).\n")
            stored = invoke("sandbox", "profile", "--activate", env=env)
            assert stored.stderr == (f"Stored profile 'sandbox' for http://127.0.0.1:{port} (the background "
                                     f"sandbox, pid {pid}) and made it active\n")
            listed = invoke("vm", "list", "-q", env={**env, "IDCCTL_API_URL": None, "IDCCTL_API_KEY": None})
            assert listed.exit_code == 0 and len(listed.stdout.splitlines()) >= 2, listed.stderr
            status = invoke("sandbox", "status", "-o", "json", env=env)
            assert (status.json()["port"], status.json()["pid"], status.json()["detached"]) == (port, pid, True)
            stopped = invoke("sandbox", "stop", env=env)
            assert stopped.stderr == f"Stopped the sandbox on http://127.0.0.1:{port} (pid {pid}).\n"
        finally:
            end(pid)
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
    from idcctl.cli.sandbox.running import probe

    assert result.exit_code == 2 and "is writable by others" in result.stderr
    assert probe(port) is None  # nothing was started


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
    from idcctl.cli.sandbox.running import probe

    assert result.exit_code == 2, result.stderr
    assert path in result.stderr and "port" not in result.stderr  # not "port in use?"
    assert probe(port) is None
