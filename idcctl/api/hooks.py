"""What a program embedding the client may plug into it: one `ClientHooks` object.

Every field is optional; the defaults send, wait and time requests as any
script wants. The idcctl CLI uses them for ``--dry-run`` (``before_send``
raises instead of sending a write), the announcement of long retry waits
(``on_retry_wait``), ``--debug`` (``trace``), keeping TAB names fresh after
its own writes (``after_response``) and its tests (``sleep`` and
``clock``, so retries and deadlines cost no real time). Stdlib only.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class RetryWait:
    """A pause before the next attempt of a request that is safe to repeat.

    ``attempt`` is the attempt that failed (1 for the first); ``status`` the
    HTTP status that asked for the retry (429, 5xx), or None when the
    connection failed, ``reason`` then saying how (`idcctl.errors.Reason`:
    TIMEOUT, UNREACHABLE or CONNECTION_BROKE).
    """

    seconds: float
    attempt: int
    status: int | None = None
    reason: str | None = None


@dataclass(frozen=True)
class Answered:
    """A request that the API answered with success, for `ClientHooks.after_response`.

    ``method`` and ``url`` are the request's (the URL with its location
    prefix and query, as sent); ``body`` is the request body as text, secret
    fields (password, token ...) and the key as ``***`` (None when empty);
    ``status`` is the 2xx status and ``data`` the parsed answer the caller
    gets (None for an empty one).
    """

    method: str
    url: str
    body: str | None
    status: int
    data: Any


@dataclass(frozen=True)
class ClientHooks:
    """Callbacks and clocks for `idcctl.api.Client(hooks=...)`.

    before_send(request): called once per request before its first attempt,
        with a description safe to show: ``{"method", "url", "headers",
        "body"}``, the ``apikey`` header and secret body fields (password,
        token, sql_pass ...) as ``***``. Raising stops the request: nothing
        is sent and the exception reaches the caller.
    on_retry_wait(wait): called with a `RetryWait` before each pause
        between attempts.
    trace(line): receives the request and answer line by line (``> GET
        ...``, ``< 200 OK``, headers, bodies), the API key replaced by ``***``.
    after_response(answered): called with an `Answered` once per request
        the API answered with success (2xx), after its last attempt and
        before the answer is returned; not for failures (they are raised).
        What it raises reaches the caller, so a hook that must never fail a
        request catches its own errors.
    sleep(seconds), clock(): how the client pauses between attempts and
        reads monotonic time for its deadlines.
    """

    before_send: Callable[[dict[str, Any]], None] | None = None
    on_retry_wait: Callable[[RetryWait], None] | None = None
    trace: Callable[[str], None] | None = None
    after_response: Callable[[Answered], None] | None = None
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
