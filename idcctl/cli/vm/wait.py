"""`--wait` and `vm wait`: poll VMs until they reach a status (or are gone), with backoff and a deadline.

One poller for every wait: `wait_for_status` for one VM, `wait_all` for
several at once (each polled on its own thread, through the client's shared
connection pool). Progress is one display on stderr for all of them (`Board`):
each VM's name, its status now, the time waited and the timeout.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from idcctl.errors import IdcctlError, NotFoundError, WaitTimeout

if TYPE_CHECKING:
    from idcctl.shell.state import State

DEFAULT_WAIT_TIMEOUT = 600.0
FIRST_INTERVAL = 1.0
MAX_INTERVAL = 10.0
MAX_WAIT_TIMEOUT = 86400.0
GONE = "deleted"  # the status `vm wait --for deleted` and `vm delete --wait` wait for: no such VM any more
STATUSES = ("running", "stopped", GONE)


def check_wait_timeout(value: float) -> float:
    """--wait-timeout: a finite number of seconds (nan and inf slip past click's min=1)."""
    import math

    if value is not None and not (math.isfinite(value) and value <= MAX_WAIT_TIMEOUT):
        import typer

        raise typer.BadParameter(f"must be a number of seconds from 1 to {MAX_WAIT_TIMEOUT:g}, "
                                 f"not {value}")
    return value


def check_status(value: str) -> str:
    """--for: one of `STATUSES`, any case."""
    if value is not None and value.strip().lower() not in STATUSES:
        import typer

        raise typer.BadParameter(f"must be one of {', '.join(STATUSES)}, not '{value}'")
    return value.strip().lower() if value is not None else value


def wait_for_status(state: State, uuid: str, want: str, *, timeout: float = DEFAULT_WAIT_TIMEOUT,
                    name: str | None = None, option: str = "--wait-timeout") -> dict[str, Any] | None:
    """Poll ``vm show`` until the VM's status is `want` (or, for "deleted", until it is gone); return it.

    Raises WaitTimeout (exit 6) naming the last status seen when the deadline passes.
    """
    [(vm, error)] = wait_all(state, [(uuid, name)], want, timeout=timeout, option=option)
    if error is not None:
        raise error
    return vm


def wait_all(state: State, vms: list[tuple[str, str | None]], want: str, *,
             timeout: float = DEFAULT_WAIT_TIMEOUT,
             option: str = "--wait-timeout") -> list[tuple[Any, IdcctlError | None]]:
    """For each (uuid, name): the VM once it is `want`, or the error that ended its wait; in order."""
    from idcctl.cli.shared.concurrent import captured, run_all

    clock = state.clock or time.monotonic
    board = Board(state, want, timeout, clock)
    for uuid, name in vms:
        board.add(uuid, name)
    state.waiting_for = " ".join(uuid for uuid, _ in vms)  # an interrupt names `vm show UUID...` to follow up
    with board.shown():
        outcomes = run_all([captured(lambda uuid=uuid: _poll(state, uuid, want, board, option))
                            for uuid, _ in vms], max_workers=len(vms) or 1)
    state.waiting_for = None
    return outcomes


def _poll(state: State, uuid: str, want: str, board: Board, option: str) -> dict[str, Any] | None:
    sleep = state.sleep or time.sleep
    clock, timeout = board.clock, board.timeout
    deadline = clock() + timeout
    interval = FIRST_INTERVAL
    while True:
        vm, last = _status(state, uuid, want)
        board.update(uuid, last)
        if last == want:
            return vm
        remaining = deadline - clock()
        if remaining <= 0:
            raise WaitTimeout(
                f"gave up waiting for VM {board.label(uuid)} to be {want} after {timeout:g} s; "
                f"last status seen: {last}",
                hint=f"raise {option}, or check with 'idcctl vm show'")
        sleep(min(interval, remaining))
        interval = min(interval * 1.5, MAX_INTERVAL)


def _status(state: State, uuid: str, want: str) -> tuple[Any, str]:
    """The VM and its status now; "deleted" when it is gone and that is what is waited for."""
    from idcctl.api import vms

    try:
        vm = vms.get(state.client, uuid)
    except NotFoundError:
        if want != GONE:
            raise
        return None, GONE
    return vm, str(vm.get("status", "unknown")) if isinstance(vm, dict) else "unknown"


class Board:
    """One progress display for every VM waited for: its name, status now, time waited, timeout.

    A live display on stderr when stderr and stdout are terminals and colour is
    on; without colour (NO_COLOR, --no-color) one plain line per change of a
    status; pipes and CI see nothing.
    """

    def __init__(self, state: State, want: str, timeout: float, clock: Callable[[], float]) -> None:
        self.state, self.want, self.timeout, self.clock = state, want, timeout, clock
        self.started = clock()
        self.rows: dict[str, list[str]] = {}  # uuid -> [label, status]
        self.finished: dict[str, float] = {}  # uuid -> when it reached the status
        self.lock = threading.Lock()
        self.live = state.stderr_is_terminal() and state.color
        self.plain = state.stderr_is_terminal() and not state.color

    def add(self, uuid: str, name: str | None) -> None:
        self.rows[uuid] = [f"{name} ({uuid})" if name and name != uuid else uuid, "…"]

    def label(self, uuid: str) -> str:
        return self.rows[uuid][0]

    def update(self, uuid: str, status: str) -> None:
        with self.lock:
            changed = self.rows[uuid][1] != status
            self.rows[uuid][1] = status
            if status == self.want:
                self.finished.setdefault(uuid, self.clock())
        if changed and self.plain and status != self.want:
            self.state.info(self.text(uuid))

    def text(self, uuid: str) -> str:
        label, status = self.rows[uuid]
        elapsed = max(0.0, self.finished.get(uuid, self.clock()) - self.started)
        if uuid in self.finished:
            return f"VM {label} is {self.want} (after {elapsed:.0f} s)"
        return (f"waiting for VM {label} to be {self.want}: {status}, "
                f"{elapsed:.0f} s of {self.timeout:g} s")

    @contextlib.contextmanager
    def shown(self) -> Iterator[None]:
        if not self.live:
            yield
            return
        from rich.console import Console, Group
        from rich.live import Live
        from rich.spinner import Spinner
        from rich.text import Text

        from idcctl import terminal

        spinners = {uuid: Spinner("dots") for uuid in self.rows}

        def renderable() -> Group:
            # Text, not markup: a status from the API holding '[bold]' is shown as typed.
            for uuid, spinner in spinners.items():
                spinner.update(text=Text(terminal.line(self.text(uuid))))
            return Group(*spinners.values())

        with Live(get_renderable=renderable, console=Console(file=self.state.err), transient=True,
                  refresh_per_second=8):
            yield
