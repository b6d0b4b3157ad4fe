"""A failed attempt to send: what kind of failure it was, whether to try again, its NetworkError.

Used by `idcctl.api.client.Client._send`. A failure after the request had
left (a read error, a read timeout) means a write may have happened: such a
write is never retried and ends as ``Reason.UNKNOWN_OUTCOME``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from idcctl.api._httpx import httpx
from idcctl.errors import NetworkError, Reason

# Worth another attempt of a request that is safe to repeat.
RETRYABLE = (httpx.ConnectError, httpx.ConnectTimeout, httpx.ReadError, httpx.RemoteProtocolError,
             httpx.WriteError)
# Failures after which the request (or part of it) had left: a write may have happened.
SENT = (httpx.ReadError, httpx.ReadTimeout, httpx.RemoteProtocolError, httpx.WriteError, httpx.WriteTimeout)


class Overtime(Exception):
    """The request's time budget ran out: before an attempt, or while its answer was arriving."""


def facts(request: httpx.Request) -> dict[str, Any]:
    """What every error of a request says about it: its method and path (as sent)."""
    return {"method": request.method, "path": request.url.path}


def classify(exc: Exception) -> tuple[str, bool, bool]:
    """(reason, whether the request had left, whether another attempt may help) of a failed attempt."""
    if isinstance(exc, (httpx.TimeoutException, Overtime)):
        sent = not isinstance(exc, (httpx.ConnectTimeout, httpx.PoolTimeout))
        return Reason.TIMEOUT, sent, not sent
    sent = isinstance(exc, SENT)
    return (Reason.CONNECTION_BROKE if sent else Reason.UNREACHABLE), sent, isinstance(exc, RETRYABLE)


def network_error(exc: Exception, request: httpx.Request, reason: str, *, lost_write: bool, timeout: float,
                  redact: Callable[[str], str], attempts: int = 1, gave_up: str | None = None) -> NetworkError:
    """The error a request ends in when its last attempt got no (complete) answer."""
    where = f"{request.url.scheme}://{request.url.netloc.decode()}"  # netloc holds no user:password
    known = {**facts(request), "attempts": attempts, "gave_up": gave_up}
    if lost_write:
        return NetworkError("the request was sent but no answer came", reason=Reason.UNKNOWN_OUTCOME, **known)
    if reason == Reason.TIMEOUT:
        return NetworkError(f"no answer from {where} within {timeout:g} s", reason=reason, timeout=timeout,
                            **known)
    if reason == Reason.CONNECTION_BROKE:
        return NetworkError(f"the connection to {where} broke before the answer was complete",
                            reason=reason, timeout=timeout, **known)
    return NetworkError(f"cannot reach {where}: {redact(str(exc)) or type(exc).__name__}", reason=reason,
                        timeout=timeout, **known)
