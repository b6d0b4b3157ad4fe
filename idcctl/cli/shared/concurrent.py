"""Two reads at once: the one a command needs, and one that only adds detail to a table.

`ip list` names the VM each address is assigned to and `vm list` shows each
VM's public address: each needs a second list call, made beside the first
(not one call per row) through the client's shared connection pool. The
second call failing never fails the command: its detail is simply missing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from idcctl.errors import IdcctlError

T = TypeVar("T")


def with_detail(main: Callable[[], T], detail: Callable[[], Any] | None) -> tuple[T, Any]:
    """main()'s answer and detail()'s (None when it failed or there is no detail to fetch)."""
    if detail is None:
        return main(), None

    def quiet() -> Any:
        try:
            return detail()
        except IdcctlError:
            return None

    extra = _start(quiet)
    answer = main()
    return answer, extra()


def run_all(calls: list[Callable[[], T]], *, max_workers: int = 8) -> list[T]:
    """Every call's answer, in order, at most `max_workers` at a time (the first exception is raised)."""
    import queue

    pending: queue.SimpleQueue[int] = queue.SimpleQueue()
    for index in range(len(calls)):
        pending.put(index)

    def work() -> list[tuple[int, Any]]:
        done = []
        while True:
            try:
                index = pending.get_nowait()
            except queue.Empty:
                return done
            done.append((index, calls[index]()))

    workers = [_start(work) for _ in range(max(1, min(max_workers, len(calls))))]
    answers: list[Any] = [None] * len(calls)
    for wait in workers:
        for index, answer in wait():
            answers[index] = answer
    return answers


def captured(call: Callable[[], T]) -> Callable[[], tuple[T | None, IdcctlError | None]]:
    """`call` made to answer (its answer, None) or (None, the IdcctlError it raised), for `run_all`
    over many targets where one failing must not stop the others."""
    def run() -> tuple[T | None, IdcctlError | None]:
        try:
            return call(), None
        except IdcctlError as exc:
            return None, exc

    return run


def _start(call: Callable[[], T]) -> Callable[[], T]:
    """Run `call` on a daemon thread; the function returned waits for its answer (or exception).

    Daemon threads, not a ThreadPoolExecutor: its workers are joined at exit, so
    Ctrl-C during a slow answer would hang until the timeout instead of ending.
    The wait is an Event, which a signal interrupts.
    """
    import threading

    finished = threading.Event()
    outcome: list[Any] = [None, None]

    def run() -> None:
        try:
            outcome[0] = call()
        except BaseException as exc:  # handed to the waiting thread, which raises it
            outcome[1] = exc
        finally:
            finished.set()

    threading.Thread(target=run, daemon=True).start()

    def wait() -> T:
        finished.wait()
        if outcome[1] is not None:
            raise outcome[1]
        return outcome[0]

    return wait


def wants_table(state: Any) -> bool:
    """Whether the output is a table (json/yaml print the API's data unchanged; -q only ids)."""
    opts = state.output_options()
    return opts.format == "table" and not opts.quiet


def names_by_uuid(items: Any, key: str = "name") -> dict[str, str]:
    return {str(i.get("uuid")): str(i.get(key)) for i in items or [] if isinstance(i, dict) and i.get(key)}
