"""`sandbox serve` and `sandbox profile`: a local, stateful emulator of the API.

The emulator itself (idcctl/sandbox/) uses only the standard library. `serve
--detach` starts it in the background and returns once it answers, so one
shell line can install idcctl, start the sandbox and use it.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Mapping
from typing import Optional

import typer

from idcctl.cli.core import App, state_of
from idcctl.errors import IdcctlError, UsageError

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


@app.command("serve")
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
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        state.info("Sandbox stopped.")
    finally:
        server.server_close()


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
    if _is_sandbox(port):
        state.info(f"A sandbox already answers on {_url(port)}.")
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
            state.info(f"Sandbox API running on {_url(port)} (pid {child.pid}); stop it with: kill {child.pid}")
            return
        time.sleep(0.1)
    child.kill()
    raise IdcctlError(f"the sandbox did not answer on port {port} within 15 s")


@app.command("profile")
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
