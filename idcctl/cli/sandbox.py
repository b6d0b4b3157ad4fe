"""`sandbox serve|status|stop|profile`: a local, stateful emulator of the API.

The emulator itself (idcctl/sandbox/) uses only the standard library. `serve
--detach` starts it in the background and returns once it answers, so one
shell line can install idcctl, start the sandbox and use it. It records the
background server (pid, port, state file) in ``sandbox-PORT.json`` in the
cache directory, which `status` and `stop` read; a record whose process is
gone or no longer answers is stale and is removed.
"""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
import sys
import time
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Optional

import typer

from idcctl.errors import IdcctlError, UsageError
from idcctl.shell.core import App, state_of

if TYPE_CHECKING:
    from pathlib import Path

    from idcctl.shell.state import State

app = App(help="A local emulator of the API for trying idcctl safely.")

DEFAULT_PORT = 8765
SANDBOX_PROFILE = "sandbox"
SANDBOX_KEY = "sandbox-key"


def _url(port: int) -> str:
    return f"http://127.0.0.1:{port}"


def _is_sandbox(port: int) -> bool:
    """Whether something answering like the sandbox already listens on the port."""
    import json
    import urllib.request

    request = urllib.request.Request(_url(port) + "/v1/config/locations", headers={"apikey": SANDBOX_KEY})
    try:
        with urllib.request.urlopen(request, timeout=1) as response:  # noqa: S310 - loopback only
            return isinstance(json.loads(response.read()), list)
    except (OSError, ValueError):
        return False


@app.command("serve", examples=["idcctl sandbox serve --detach",
                                 "idcctl sandbox serve --port 0 --latency 0.2 --state sandbox.json"])
def serve(
    ctx: typer.Context,
    port: int = typer.Option(DEFAULT_PORT, "--port", min=0, max=65535, help="Port on 127.0.0.1 (0: any free port)."),
    state_file: Optional[str] = typer.Option(None, "--state", metavar="FILE",
                                             help="Keep state in this JSON file across restarts."),
    latency: float = typer.Option(0.0, "--latency", min=0, metavar="SECONDS",
                                  help="Delay every answer, to see --wait and concurrency at work."),
    transition: float = typer.Option(0.0, "--transition", min=0, metavar="SECONDS",
                                     help="How long VMs stay starting/stopping."),
    locations: Optional[str] = typer.Option(None, "--locations", metavar="SLUGS",
                                            help="Comma-separated location slugs, the first the default "
                                            "[default: cyc01,bus02]."),
    detach: bool = typer.Option(False, "--detach", help="Run in the background; return once it answers."),
) -> None:
    """Run the sandbox API on 127.0.0.1 (any non-empty apikey is accepted)."""
    state = state_of(ctx)
    slugs = [s.strip() for s in locations.split(",") if s.strip()] if locations else None
    if detach:
        _detach(state, port, state_file, latency, transition, locations)
        return
    from idcctl.sandbox.server import make_server

    try:
        server = make_server(port=port, state_file=state_file, latency=latency, locations=slugs,
                             transition=transition)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    except OSError as exc:
        raise UsageError(f"cannot listen on 127.0.0.1:{port}: {exc.strerror}",
                         hint="choose another --port") from None
    bound = server.server_address[1]
    state.info(f"Sandbox API listening on {_url(bound)} (Ctrl-C to stop).")
    state.info(f"Use it with: idcctl sandbox profile --port {bound} && idcctl -p sandbox vm list")
    _stop_on_sigterm()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        state.info("Sandbox stopped.")
    finally:
        server.server_close()


def _stop_on_sigterm() -> None:
    """`sandbox stop` (SIGTERM) ends the server like Ctrl-C: the socket is closed, the state is saved."""
    import signal
    import threading

    def interrupt(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, interrupt)


# The detached sandbox outlives this shell: it gets no keys, tokens or passwords.
_SECRET_ENV = re.compile(r"(KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|AUTH|SESSION)", re.IGNORECASE)


def scrubbed_env(env: Mapping[str, str]) -> dict[str, str]:
    """`env` without IDCCTL_* settings and anything named like a secret."""
    return {k: v for k, v in env.items()
            if not k.startswith("IDCCTL_") and not _SECRET_ENV.search(k)}


def _detach(state, port: int, state_file: str | None, latency: float, transition: float,
            locations: str | None) -> None:
    if port == 0:
        raise UsageError("--detach needs a fixed --port")
    _records(state)  # a sandbox whose record cannot be kept could not be stopped with 'sandbox stop'
    _check_state_file(state_file)  # here, where the error can be seen, not in the detached child
    if _is_sandbox(port):
        record = _running(state, port)
        who = (f"pid {record['pid']}, stop it with: idcctl sandbox stop --port {port}" if record
               else "not started with --detach: stop it where it runs")
        state.info(f"A sandbox already answers on {_url(port)} ({who}).")
        return
    args = [sys.executable, "-m", "idcctl", "sandbox", "serve", "--port", str(port),
            "--latency", str(latency), "--transition", str(transition)]
    if state_file:
        args += ["--state", state_file]
    if locations:
        args += ["--locations", locations]
    child = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, start_new_session=True,
                             env=scrubbed_env(os.environ))
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if child.poll() is not None:
            raise IdcctlError(f"the sandbox exited at once (port {port} in use?)",
                              hint="run 'idcctl sandbox serve' in the foreground to see why")
        if _is_sandbox(port):
            _write_record(state, {"pid": child.pid, "port": port, "url": _url(port),
                                  "state_file": _absolute(state_file), "started_at": int(time.time())})
            state.info(f"Sandbox API running on {_url(port)} (pid {child.pid}); "
                       f"stop it with: idcctl sandbox stop" + (f" --port {port}" if port != DEFAULT_PORT else ""))
            return
        time.sleep(0.1)
    child.kill()
    raise IdcctlError(f"the sandbox did not answer on port {port} within 15 s")


def _check_state_file(state_file: str | None) -> None:
    """UsageError (exit 2) for a --state the sandbox would refuse: not a regular file, or not its state."""
    from idcctl.sandbox import persist

    try:
        persist.load(persist.resolve(state_file))
    except persist.StateFileError as exc:
        raise UsageError(str(exc)) from None


def _records(state: State) -> Path:
    """The directory of the records (the cache's); UsageError naming it when it is no safe directory.

    A record says which pid `stop` signals: one planted in a directory others
    can write to must not be read.
    """
    from idcctl.cache import cache_dir
    from idcctl.fileio import UnsafeDirectory, private_dir

    directory = cache_dir(state.env)
    try:
        return private_dir(directory)
    except OSError as exc:
        why = exc if isinstance(exc, UnsafeDirectory) else f"{directory}: {exc.strerror or exc}"
        raise UsageError(f"cannot keep sandbox records: {why}",
                         hint="fix that, or set IDCCTL_CACHE_DIR to a directory of your own") from None


def _record_path(state: State, port: int) -> Path:
    return _records(state) / f"sandbox-{port}.json"


def _absolute(path: str | None) -> str | None:
    import os

    return os.path.abspath(path) if path else None


def _write_record(state: State, record: dict[str, Any]) -> None:
    import json

    from idcctl.fileio import write_private_atomic

    try:
        write_private_atomic(_record_path(state, record["port"]), json.dumps(record).encode(), durable=False)
    except (OSError, UsageError) as exc:
        why = exc.strerror if isinstance(exc, OSError) else str(exc)
        state.warn(f"cannot record the sandbox's pid ({why}); stop it with: kill {record['pid']}")


def _running(state: State, port: int) -> dict[str, Any] | None:
    """The record of the detached sandbox on `port` if its process is alive; a stale record is removed."""
    import json
    import os

    from idcctl.fileio import read_private

    path = _record_path(state, port)
    try:
        record = json.loads(read_private(path, limit=2**16) or b"null")
        pid = int(record["pid"])
        os.kill(pid, 0)
    except (OSError, ValueError, TypeError, KeyError):
        pid = None
    if pid is None or not _is_sandbox_process(pid, port):
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)
        return None
    return {**record, "pid": pid}


def _is_sandbox_process(pid: int, port: int) -> bool:
    """Whether the pid still runs `sandbox serve --port PORT` (not a process that reused the pid).

    Read from /proc where there is one; elsewhere the live pid is trusted.
    """
    from pathlib import Path

    try:
        args = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except FileNotFoundError:
        return not Path("/proc/self").exists()
    except OSError:
        return False
    return b"sandbox" in args and b"serve" in args and str(port).encode() in args


@app.command("status", examples=["idcctl sandbox status", "idcctl sandbox status --port 9000 -o json"])
def status(
    ctx: typer.Context,
    port: int = typer.Option(DEFAULT_PORT, "--port", min=1, max=65535, help="Port the sandbox listens on."),
) -> None:
    """Show the background sandbox's pid, port and state file; exit 1 if none answers."""
    state = state_of(ctx)
    record = _running(state, port)
    answers = _is_sandbox(port)
    if not answers:
        raise IdcctlError(f"no sandbox answers on {_url(port)}",
                          hint="start one with: idcctl sandbox serve --detach"
                          + (f" --port {port}" if port != DEFAULT_PORT else ""))
    state.render({"url": _url(port), "port": port, "pid": record["pid"] if record else None,
                  "state_file": record.get("state_file") if record else None,
                  "detached": record is not None,
                  "record": str(_record_path(state, port)) if record else None}, "sandbox")


@app.command("stop", examples=["idcctl sandbox stop", "idcctl sandbox stop --port 9000"])
def stop(
    ctx: typer.Context,
    port: int = typer.Option(DEFAULT_PORT, "--port", min=1, max=65535, help="Port the sandbox listens on."),
) -> None:
    """Stop the sandbox started with 'serve --detach' (its state file is kept)."""
    import os
    import signal

    state = state_of(ctx)
    record = _running(state, port)
    if record is None:
        if _is_sandbox(port):
            raise IdcctlError(f"the sandbox on {_url(port)} was not started with --detach",
                              hint="stop it where it runs (Ctrl-C)")
        state.info(f"No sandbox is running on {_url(port)}.")
        return
    pid = record["pid"]
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + 10
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    if _alive(pid):
        raise IdcctlError(f"the sandbox (pid {pid}) did not stop within 10 s", hint=f"kill -9 {pid}")
    with contextlib.suppress(OSError):
        _record_path(state, port).unlink(missing_ok=True)
    state.info(f"Stopped the sandbox on {_url(port)} (pid {pid}).")


def _alive(pid: int) -> bool:
    """Whether the process still runs (a child of ours that exited is reaped, not counted)."""
    import os

    try:
        if os.waitpid(pid, os.WNOHANG)[0] == pid:
            return False
    except ChildProcessError:
        pass  # not our child: the usual case, it was started by an earlier 'serve --detach'
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@app.command("profile", examples=["idcctl sandbox profile --activate",
                                   "idcctl sandbox profile --port 9000 && idcctl -p sandbox vm list"])
def profile(
    ctx: typer.Context,
    port: int = typer.Option(DEFAULT_PORT, "--port", min=1, max=65535, help="Port the sandbox listens on."),
    activate: bool = typer.Option(False, "--activate", help="Also make it the active profile."),
) -> None:
    """Store a profile named 'sandbox' pointing at a local sandbox."""
    state = state_of(ctx)

    def store(doc: dict) -> None:
        entry = doc.setdefault("profiles", {}).setdefault(SANDBOX_PROFILE, {})
        entry.update({"api_url": _url(port), "api_key": SANDBOX_KEY})
        if activate:
            doc["active_profile"] = SANDBOX_PROFILE

    state.update_config(store)
    where = "and made it active" if activate else "; use it with -p sandbox"
    state.info(f"Stored profile 'sandbox' for {_url(port)} {where}".replace(" ;", ";"))
