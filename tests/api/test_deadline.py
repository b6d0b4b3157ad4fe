"""--timeout is one deadline for a request: every read and write, and the waits between attempts (#17, item 4)."""

from __future__ import annotations

import httpcore
import httpx
import pytest
import respx

from idcctl.api import deadline
from idcctl.api.client import Client
from idcctl.api.hooks import ClientHooks
from idcctl.errors import ApiError, NetworkError, Reason
from idcctl.shell.hints import hint, message
from tests.conftest import BASE, KEY, FakeClock


class _Dripping(httpcore.NetworkStream):
    """One byte per read, each read taking 0.5 s of the fake clock; records the timeouts it was given."""

    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock
        self.timeouts: list[float | None] = []

    def read(self, max_bytes, timeout=None):
        self.timeouts.append(timeout)
        self.clock.time += 0.5
        return b"H"

    def write(self, buffer, timeout=None):
        self.timeouts.append(timeout)

    def close(self):
        pass


def test_every_read_gets_at_most_the_time_left_and_none_once_it_is_gone():
    clock = FakeClock()
    inner = _Dripping(clock)
    stream = deadline._Stream(inner)
    with deadline.until_deadline(clock.now() + 2, clock.now):
        with pytest.raises(httpcore.ReadTimeout):
            while True:
                stream.read(1, timeout=30)
        with pytest.raises(httpcore.WriteTimeout):
            stream.write(b"x", timeout=30)
    assert inner.timeouts == [2.0, 1.5, 1.0, 0.5]
    assert stream.read(1, timeout=30) == b"H" and inner.timeouts[-1] == 30  # outside a deadline: as given


def test_the_default_transport_sends_through_the_deadline_backend():
    client = Client(KEY, base_url="http://127.0.0.1:9")
    assert deadline.installed(client._http._transport)
    assert not deadline.installed(Client(KEY, transport=httpx.MockTransport(lambda r: None))._http._transport)


def _client(timeout: float, clock: FakeClock) -> Client:
    return Client(KEY, base_url=BASE, timeout=timeout, hooks=ClientHooks(sleep=clock.sleep, clock=clock.now))


@pytest.mark.parametrize(("status", "retry_after", "timeout", "sleeps", "facts", "said"), [
    # 429 with Retry-After: 1 on every attempt: the attempts ran out, not the time.
    (429, "1", 60, [1.0, 1.0], (None, 3, "attempts"),
     "it answered 429 to all 3 attempts; the API asks to retry in 1 s"),
    # The waits share the budget: a second 0.6 s wait would not fit in the 0.4 s left.
    (503, "0.6", 1, [0.6], (Reason.RETRY_AFTER_TOO_LONG, 2, "time"),
     "the API asks to retry in 1 s, longer than --timeout 1 allows"),
], ids=["attempts-ran-out", "time-ran-out"])
def test_the_error_says_truthfully_what_ran_out(status, retry_after, timeout, sleeps, facts, said):
    clock = FakeClock()
    with respx.mock() as mock:
        route = mock.get(f"{BASE}/v1/x").mock(
            return_value=httpx.Response(status, headers={"Retry-After": retry_after}, json={"message": "busy"}))
        with pytest.raises(ApiError) as info:
            _client(timeout, clock).request("GET", "/v1/x")
    error = info.value
    assert route.call_count == len(sleeps) + 1 and clock.sleeps == sleeps
    assert (error.reason, error.attempts, error.gave_up) == facts
    assert hint(error) == said


def test_connection_failures_say_how_many_attempts_were_made():
    clock = FakeClock()
    with respx.mock() as mock:
        mock.get(f"{BASE}/v1/x").mock(side_effect=httpx.ConnectError("refused"))
        with pytest.raises(NetworkError) as info:
            _client(60, clock).request("GET", "/v1/x")
    assert (info.value.attempts, info.value.gave_up) == (3, "attempts")
    assert message(info.value).endswith("refused (all 3 attempts)")


def test_no_attempt_starts_once_the_budget_is_spent():
    clock = FakeClock()

    def slow(request):
        clock.time += 5  # the first attempt took the whole budget
        raise httpx.ConnectError("refused")

    with respx.mock() as mock:
        route = mock.get(f"{BASE}/v1/x").mock(side_effect=slow)
        with pytest.raises(NetworkError) as info:
            _client(5, clock).request("GET", "/v1/x")
    assert route.call_count == 1 and clock.sleeps == []
    assert (info.value.attempts, info.value.gave_up) == (1, "time")
    assert "left no time for another" not in message(info.value)  # one attempt: nothing to count
