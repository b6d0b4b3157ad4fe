"""`sandbox serve|status|stop|profile`: a local, stateful emulator of the API.

The emulator itself (idcctl/sandbox/) uses only the standard library. `serve
--detach` starts it in the background and returns once it answers, so one
shell line can install idcctl, start the sandbox and use it. Without
--port it takes 8765, or a free port when 8765 is taken (and says so);
`profile`, `status` and `stop` then follow the sandbox that runs, so the
README's first line works beside whatever holds 8765. `--port N` is always
exact. Which sandbox runs where is `running.py`'s business.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Optional

import typer

from idcctl.cli.sandbox import running
from idcctl.cli.sandbox.running import SANDBOX_KEY, url
from idcctl.errors import IdcctlError, UsageError
from idcctl.shell.core import App, state_of

if TYPE_CHECKING:
    from idcctl.shell.state import State

app = App(help="A local emulator of the API for trying idcctl safely.", examples=[
    "idcctl sandbox serve --detach && idcctl sandbox profile --activate",
    "idcctl sandbox status",
    "idcctl sandbox stop",
])

SANDBOX_PROFILE = "sandbox"
FOLLOWS = "[default: the sandbox 'serve --detach' started, else 8765]"


def _port_option(help_text: str, low: int = 1) -> Any:
    return typer.Option(None, "--port", min=low, max=65535, help=help_text, show_default=False)


@app.command("serve", examples=["idcctl sandbox serve --detach",
                                 "idcctl sandbox serve --port 0 --latency 0.2 --transition 5 --state sandbox.json"])
def serve(
    ctx: typer.Context,
    port: Optional[int] = _port_option("Port on 127.0.0.1, exactly (0: any free port) [default: 8765, "
                                       "or a free one when 8765 is taken].", low=0),
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
    detached: bool = typer.Option(False, "--detached", hidden=True),  # set by --detach for its child
) -> None:
    """Run the sandbox API on 127.0.0.1 (any non-empty apikey is accepted)."""
    state = state_of(ctx)
    slugs = [s.strip() for s in locations.split(",") if s.strip()] if locations else None
    if detach:
        _detach(state, port, state_file, latency, transition, locations)
        return
    from idcctl.sandbox.server import make_server

    chosen = port if port is not None else _free_or_default(state)
    try:
        server = make_server(port=chosen, state_file=state_file, latency=latency, locations=slugs,
                             transition=transition, detached=detached)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    except OSError as exc:
        raise UsageError(f"cannot listen on 127.0.0.1:{chosen}: {exc.strerror}",
                         hint="choose another --port") from None
    bound = server.server_address[1]
    state.info(f"Sandbox API listening on {url(bound)} (Ctrl-C to stop).")
    state.info(f"Use it with: idcctl sandbox profile --port {bound} && idcctl -p sandbox vm list")
    _stop_on_sigterm()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        state.info("Sandbox stopped.")
    finally:
        server.server_close()


def _free_or_default(state: State) -> int:
    """The default port, or (saying why) a free one when something holds it."""
    default = running.default_port(state.env)
    if running.port_is_free(default):
        return default
    found = running.probe(default)
    taken = running.stranger(found, default) if found else f"127.0.0.1:{default} is taken by another program"
    chosen = running.free_port()
    state.info(_sentence(f"{taken}; using port {chosen} instead."))
    return chosen


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


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


def _already(state: State, port: int | None) -> bool:
    """Say so and return True when the sandbox asked for answers already (nothing is started then)."""
    chosen, record = running.follow(state, port)
    if record is not None:
        again = "" if chosen == running.default_port(state.env) else f" --port {chosen}"
        state.info(f"A sandbox already answers on {url(chosen)} "
                   f"(pid {record['pid']}, stop it with: idcctl sandbox stop{again}).")
        return True
    found = running.probe(chosen) if port is not None else None
    if found is not None:  # --port N is exact: the one answering there is the one asked for
        state.info(_sentence(f"{running.stranger(found, chosen)}."))
        return True
    return False


def _detach(state: State, port: int | None, state_file: str | None, latency: float, transition: float,
            locations: str | None) -> None:
    running.records(state)  # a sandbox whose record cannot be kept could not be stopped with 'sandbox stop'
    _check_state_file(state_file)  # here, where the error can be seen, not in the detached child
    if _already(state, port or None):
        return
    if port:
        if not running.port_is_free(port):
            raise UsageError(f"127.0.0.1:{port} is taken by another program",
                             hint="choose another --port, or leave --port out for a free one")
        chosen = port
    else:
        chosen = running.free_port() if port == 0 else _free_or_default(state)
    args = [sys.executable, "-m", "idcctl", "sandbox", "serve", "--port", str(chosen), "--detached",
            "--latency", str(latency), "--transition", str(transition)]
    if state_file:
        args += ["--state", state_file]
    if locations:
        args += ["--locations", locations]
    child = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, start_new_session=True,
                             env=scrubbed_env(os.environ))
    _await(state, child, chosen, state_file)


def _check_state_file(state_file: str | None) -> None:
    """UsageError (exit 2) for a --state the sandbox would refuse: not a regular file, or not its state."""
    from idcctl.sandbox import persist

    try:
        persist.load(persist.resolve(state_file))
    except persist.StateFileError as exc:
        raise UsageError(str(exc)) from None


def _await(state: State, child: subprocess.Popen, port: int, state_file: str | None) -> None:
    """Wait for the background sandbox to answer, then record it (for status, stop and profile)."""
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if child.poll() is not None:
            raise IdcctlError(f"the sandbox exited at once (port {port} in use?)",
                              hint="run 'idcctl sandbox serve' in the foreground to see why")
        if running.probe(port) is not None:
            running.write_record(state, {"pid": child.pid, "port": port, "url": url(port),
                                         "state_file": os.path.abspath(state_file) if state_file else None,
                                         "started_at": int(time.time())})
            again = "" if port == running.default_port(state.env) else f" --port {port}"
            state.info(f"Sandbox API running on {url(port)} (pid {child.pid}); "
                       f"stop it with: idcctl sandbox stop{again}")
            return
        time.sleep(0.1)
    child.kill()
    raise IdcctlError(f"the sandbox did not answer on port {port} within 15 s")


@app.command("status", examples=["idcctl sandbox status", "idcctl sandbox status --port 9000 -o json"])
def status(ctx: typer.Context, port: Optional[int] = _port_option(f"Port the sandbox listens on {FOLLOWS}.")) -> None:
    """Show the background sandbox's pid, port and state file; exit 1 if none answers."""
    state = state_of(ctx)
    port, record = running.follow(state, port)
    found = running.probe(port)
    if found is None:
        raise IdcctlError(f"no sandbox answers on {url(port)}",
                          hint="start one with: idcctl sandbox serve --detach"
                          + (f" --port {port}" if port != running.default_port(state.env) else ""))
    state.render({"url": url(port), "port": port, "pid": record["pid"] if record else found["pid"],
                  "state_file": record.get("state_file") if record else None,
                  "detached": record is not None or bool(found["detached"]),
                  "record": str(running.record_path(state, port)) if record else None}, "sandbox")


@app.command("stop", examples=["idcctl sandbox stop", "idcctl sandbox stop --port 9000"])
def stop(ctx: typer.Context, port: Optional[int] = _port_option(f"Port the sandbox listens on {FOLLOWS}.")) -> None:
    """Stop the sandbox started with 'serve --detach' (its state file is kept)."""
    import signal

    state = state_of(ctx)
    port, record = running.follow(state, port)
    if record is None:
        found = running.probe(port)
        if found is not None:
            raise IdcctlError(running.stranger(found, port))
        state.info(f"No sandbox is running on {url(port)}.")
        return
    pid = record["pid"]
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + 10
    while running.alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    if running.alive(pid):
        raise IdcctlError(f"the sandbox (pid {pid}) did not stop within 10 s", hint=f"kill -9 {pid}")
    running.forget(state, port)
    state.info(f"Stopped the sandbox on {url(port)} (pid {pid}).")


@app.command("profile", examples=["idcctl sandbox profile --activate",
                                   "idcctl sandbox profile --port 9000 && idcctl -p sandbox vm list"])
def profile(
    ctx: typer.Context,
    port: Optional[int] = _port_option(f"Port the sandbox listens on {FOLLOWS}."),
    activate: bool = typer.Option(False, "--activate", help="Also make it the active profile."),
) -> None:
    """Store a profile named 'sandbox' pointing at a local sandbox (the running one, without --port)."""
    state = state_of(ctx)
    given = port is not None
    port, record = running.follow(state, port)

    def store(doc: dict) -> None:
        entry = doc.setdefault("profiles", {}).setdefault(SANDBOX_PROFILE, {})
        entry.update({"api_url": url(port), "api_key": SANDBOX_KEY})
        if activate:
            doc["active_profile"] = SANDBOX_PROFILE

    state.update_config(store)
    which = f" (the background sandbox, pid {record['pid']})" if record and not given else ""
    where = "and made it active" if activate else "; use it with -p sandbox"
    state.info(f"Stored profile 'sandbox' for {url(port)}{which} {where}".replace(" ;", ";"))
    if not given and record is None and running.probe(port) is None:
        state.warn(f"no sandbox answers on {url(port)} yet; start one with: idcctl sandbox serve --detach")
