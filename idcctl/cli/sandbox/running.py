"""Which sandbox runs where: the records of background sandboxes, what answers on a port, free ports.

`serve --detach` records the background server (pid, port, state file) in
``sandbox-PORT.json`` in the cache directory; a record whose process is gone
or no longer answers is stale and is removed. Every sandbox says who it is
in an ``X-Idcctl-Sandbox`` header (pid, uid, whether it was started with
--detach), so one started from another HOME, config or user, which left no
record here, is still described truthfully and can be stopped by its PID.
Without --port, `profile`, `status` and `stop` follow the sandbox this
config started (the default port when it started none).
"""

from __future__ import annotations

import contextlib

import os
import socket
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

    from idcctl.shell.state import State

DEFAULT_PORT = 8765
PORT_VAR = "IDCCTL_SANDBOX_PORT"  # another default port (tests hold it busy without touching 8765)
SANDBOX_KEY = "sandbox-key"


def default_port(env: Mapping[str, str]) -> int:
    value = env.get(PORT_VAR, "").strip()
    if value.isdigit() and 0 < int(value) < 65536:
        return int(value)
    if value:
        from idcctl.errors import UsageError

        raise UsageError(f"{PORT_VAR}={value!r} is not a port (1-65535)")
    return DEFAULT_PORT


def url(port: int) -> str:
    return f"http://127.0.0.1:{port}"


def probe(port: int) -> dict[str, Any] | None:
    """What answers like the sandbox on the port: {pid, uid, detached} (None where unsaid); None if nothing."""
    import json
    import urllib.request

    from idcctl.sandbox.common import IDENTITY_HEADER

    request = urllib.request.Request(url(port) + "/v1/config/locations", headers={"apikey": SANDBOX_KEY})
    try:
        with urllib.request.urlopen(request, timeout=1) as response:  # noqa: S310 - loopback only
            if not isinstance(json.loads(response.read()), list):
                return None
            said = dict(part.partition("=")[::2] for part in (response.headers.get(IDENTITY_HEADER) or "").split())
    except (OSError, ValueError):
        return None
    number = lambda key: int(said[key]) if said.get(key, "").lstrip("-").isdigit() else None  # noqa: E731
    detached = {"yes": True, "no": False}.get(said.get("detached", ""))
    return {"pid": number("pid"), "uid": number("uid"), "detached": detached}


def stranger(found: dict[str, Any], port: int) -> str:
    """A sandbox this config did not start, as it is: whose, where, and how to stop it."""
    uid = os.getuid() if hasattr(os, "getuid") else None
    if found.get("uid") is not None and uid is not None and found["uid"] != uid:
        who = f"a sandbox of another user (uid {found['uid']})"
    elif found.get("detached") is True:
        who = "a sandbox started with --detach from another config (another HOME or IDCCTL_CACHE_DIR)"
    elif found.get("detached") is False:
        who = "a sandbox running in the foreground (Ctrl-C where it runs stops it)"
    else:
        who = "a sandbox from another user/config"
    stop = f"; stop it with its PID {found['pid']}: kill {found['pid']}" if found.get("pid") else ""
    return f"{who} answers on {url(port)}{stop}"


def port_is_free(port: int) -> bool:
    """Whether the sandbox could listen on 127.0.0.1:port (with SO_REUSEADDR, as it does)."""
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# -- records of the background sandboxes this config started ------------------


def records(state: State) -> Path:
    """The directory of the records (the cache's); UsageError naming it when it is no safe directory.

    A record says which pid `stop` signals: one planted in a directory others
    can write to must not be read.
    """
    from idcctl.cache import cache_dir
    from idcctl.errors import UsageError
    from idcctl.fileio import UnsafeDirectory, private_dir

    directory = cache_dir(state.env)
    try:
        return private_dir(directory)
    except OSError as exc:
        why = exc if isinstance(exc, UnsafeDirectory) else f"{directory}: {exc.strerror or exc}"
        raise UsageError(f"cannot keep sandbox records: {why}",
                         hint="fix that, or set IDCCTL_CACHE_DIR to a directory of your own") from None


def record_path(state: State, port: int) -> Path:
    return records(state) / f"sandbox-{port}.json"


def forget(state: State, port: int) -> None:
    """Remove the record of the sandbox on `port` (a directory that cannot be written: left as it is)."""
    with contextlib.suppress(OSError):
        record_path(state, port).unlink(missing_ok=True)


def write_record(state: State, record: dict[str, Any]) -> None:
    import json

    from idcctl.fileio import write_private_atomic

    from idcctl.errors import UsageError

    try:
        write_private_atomic(record_path(state, record["port"]), json.dumps(record).encode(), durable=False)
    except (OSError, UsageError) as exc:
        why = exc.strerror if isinstance(exc, OSError) else str(exc)
        state.warn(f"cannot record the sandbox's pid ({why}); stop it with: kill {record['pid']}")


def running(state: State, port: int) -> dict[str, Any] | None:
    """The record of the detached sandbox on `port` if its process is alive; a stale record is removed."""
    import json

    from idcctl.fileio import read_private

    path = record_path(state, port)
    try:
        record = json.loads(read_private(path, limit=2**16) or b"null")
        pid = int(record["pid"])
        os.kill(pid, 0)
    except (OSError, ValueError, TypeError, KeyError):
        pid = None
    if pid is None or not is_sandbox_process(pid, port):
        forget(state, port)
        return None
    return {**record, "pid": pid}


def all_running(state: State) -> list[dict[str, Any]]:
    """The live records of this config's background sandboxes, newest first."""
    try:
        names = os.listdir(records(state))
    except OSError:
        return []
    ports = [n[len("sandbox-"):-len(".json")] for n in names if n.startswith("sandbox-") and n.endswith(".json")]
    live = [r for r in (running(state, int(p)) for p in ports if p.isdigit()) if r]
    return sorted(live, key=lambda r: -int(r.get("started_at") or 0))


def follow(state: State, port: int | None) -> tuple[int, dict[str, Any] | None]:
    """The port a command means and its record: --port as given, else the background sandbox this
    config runs (the one on the default port first), else the default port."""
    if port is not None:
        return port, running(state, port)
    live = all_running(state)
    default = default_port(state.env)
    chosen = next((r for r in live if r["port"] == default), live[0] if live else None)
    return (chosen["port"], chosen) if chosen else (default, None)


def is_sandbox_process(pid: int, port: int) -> bool:
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


def alive(pid: int) -> bool:
    """Whether the process still runs (a child of ours that exited is reaped, not counted)."""
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
