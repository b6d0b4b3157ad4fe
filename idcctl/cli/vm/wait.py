"""`--wait`: poll a VM until it reaches a status, with backoff and a deadline."""

from __future__ import annotations

import contextlib
import time
from typing import TYPE_CHECKING, Any

from idcctl.errors import WaitTimeout

if TYPE_CHECKING:
    from idcctl.shell.state import State

DEFAULT_WAIT_TIMEOUT = 600.0
FIRST_INTERVAL = 1.0
MAX_INTERVAL = 10.0


MAX_WAIT_TIMEOUT = 86400.0


def check_wait_timeout(value: float) -> float:
    """--wait-timeout: a finite number of seconds (nan and inf slip past click's min=1)."""
    import math

    if value is not None and not (math.isfinite(value) and value <= MAX_WAIT_TIMEOUT):
        import typer

        raise typer.BadParameter(f"must be a number of seconds from 1 to {MAX_WAIT_TIMEOUT:g}, "
                                 f"not {value}")
    return value


def wait_for_status(state: State, uuid: str, want: str, *,
                    timeout: float = DEFAULT_WAIT_TIMEOUT) -> dict[str, Any]:
    """Poll ``vm show`` until the VM's status is `want`; return the VM.

    Raises WaitTimeout (exit 6) naming the last status seen when the deadline passes.
    """
    from idcctl.api import vms

    clock = state.clock or time.monotonic
    sleep = state.sleep or time.sleep
    deadline = clock() + timeout
    interval = FIRST_INTERVAL
    last = "unknown"
    state.waiting_for = uuid  # an interrupt names `vm show UUID` to follow up
    with _spinner(state, f"waiting for VM {uuid} to be {want}") as update:
        while True:
            vm = vms.get(state.client, uuid)
            last = str(vm.get("status", "unknown")) if isinstance(vm, dict) else "unknown"
            if last == want:
                state.waiting_for = None
                return vm
            update(f"waiting for VM {uuid} to be {want} (now {last})")
            remaining = deadline - clock()
            if remaining <= 0:
                state.waiting_for = None
                raise WaitTimeout(
                    f"gave up waiting for VM {uuid} to be {want} after {timeout:g} s; "
                    f"last status seen: {last}",
                    hint="raise --wait-timeout, or check with 'idcctl vm show'")
            sleep(min(interval, remaining))
            interval = min(interval * 1.5, MAX_INTERVAL)


@contextlib.contextmanager
def _spinner(state: State, message: str):
    """A spinner on stderr when both stderr and stdout are terminals and colour is on.

    Without colour (NO_COLOR, --no-color) a terminal still sees progress: one plain
    line per change of status. Pipes and CI see nothing.
    """
    if not state.stderr_is_terminal():
        yield lambda text: None
        return
    if not state.color:
        shown = [""]

        def plain(text: str) -> None:
            if text != shown[0]:
                shown[0] = text
                state.info(text)

        plain(message)
        yield plain
        return
    from rich.console import Console
    from rich.markup import escape

    from idcctl import terminal

    # A status from the API is text, not rich markup: '[bold]' in it is shown as typed.
    with Console(file=state.err).status(escape(terminal.line(message))) as status:
        yield lambda text: status.update(escape(terminal.line(text)))
