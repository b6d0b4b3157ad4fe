"""The side reads run on daemon threads: answers in order, errors raised, Ctrl-C never held up."""

from __future__ import annotations

import threading
import time

import pytest

from idcctl.cli.shared.concurrent import run_all, with_detail


def test_run_all_answers_in_call_order_whatever_finishes_first():
    calls = [lambda i=i: (time.sleep(0.05 * (3 - i)), i)[1] for i in range(3)]
    assert run_all(calls, max_workers=3) == [0, 1, 2]


def test_run_all_raises_the_first_failure():
    def boom() -> int:
        raise ValueError("boom")

    with pytest.raises(ValueError, match="boom"):
        run_all([lambda: 1, boom])


def test_side_reads_leave_no_thread_that_would_hold_the_process_at_exit():
    release = threading.Event()
    answer, detail = with_detail(lambda: release.set() or "main", lambda: release.wait(5) and "detail")
    assert (answer, detail) == ("main", "detail")
    run_all([lambda: release.wait(0)])
    workers = [t for t in threading.enumerate() if t is not threading.main_thread() and t.is_alive()]
    assert [t.name for t in workers if not t.daemon] == []
