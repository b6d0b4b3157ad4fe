"""One deadline for a whole request: connect, TLS, status line, headers and body together.

httpx's timeouts bound each connect, read and write on its own: a server
that drips its status line one byte every half second never trips a 2 s
read timeout and holds the request for minutes. So the client's default
transport sends through an httpcore network backend (httpcore's public
extension point) whose every connect, read and write gets
``min(its own timeout, the time left)`` and fails with httpcore's timeout
of that kind once no time is left; httpx maps those to its own, as for any
timeout. The deadline belongs to the sending thread (`until`), so the
concurrent requests of ``--all-locations`` each keep their own, and the
clock is the client's (`ClientHooks.clock`).

With a transport of the caller's (``Client(transport=...)``: respx, a
proxy set-up) this backend is not in the path; `receive` still checks the
deadline between the chunks of a body.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from typing import Any

import httpcore

from idcctl.api import failures
from idcctl.api._httpx import httpx
from idcctl.errors import ApiError, Reason

_window = threading.local()


@contextlib.contextmanager
def until_deadline(deadline: float, clock: Callable[[], float]) -> Iterator[None]:
    """Bound every network operation of this thread, inside the block, by `deadline` (on `clock`)."""
    previous = getattr(_window, "value", None)
    _window.value = (deadline, clock)
    try:
        yield
    finally:
        _window.value = previous


def _left(timeout: float | None, error: type[Exception]) -> float | None:
    """`timeout` cut to the time left; `error` when none is left. Outside `until`, `timeout` as given."""
    window = getattr(_window, "value", None)
    if window is None:
        return timeout
    deadline, clock = window
    left = deadline - clock()
    if left <= 0:
        raise error("the request's time budget ran out")
    return left if timeout is None else min(timeout, left)


class _Stream(httpcore.NetworkStream):
    def __init__(self, stream: httpcore.NetworkStream) -> None:
        self._stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, _left(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, _left(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(self, ssl_context: Any, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        tls = self._stream.start_tls(ssl_context, server_hostname, _left(timeout, httpcore.ConnectTimeout))
        return _Stream(tls)

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class Backend(httpcore.NetworkBackend):
    """httpcore's network backend (`inner`, the sync one by default) under the thread's deadline."""

    def __init__(self, inner: httpcore.NetworkBackend | None = None) -> None:
        self._inner = inner or httpcore.SyncBackend()

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: Any = None) -> httpcore.NetworkStream:
        return _Stream(self._inner.connect_tcp(host, port, _left(timeout, httpcore.ConnectTimeout),
                                               local_address, socket_options))

    def connect_unix_socket(self, path: str, timeout: float | None = None,
                            socket_options: Any = None) -> httpcore.NetworkStream:
        return _Stream(self._inner.connect_unix_socket(path, _left(timeout, httpcore.ConnectTimeout),
                                                       socket_options))

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


def transport(*, verify: bool, limits: httpx.Limits) -> httpx.HTTPTransport:
    """httpx's own transport (TLS, pooling, its exception mapping), its sockets under the deadline.

    httpx offers no parameter for the network backend, so the backend of the
    httpcore pool it built is wrapped; should a release rename those
    attributes, the transport stays httpx's (deadlines then hold between
    body chunks only) and `installed` says so (a test checks it).
    """
    made = httpx.HTTPTransport(verify=verify, limits=limits)
    pool = getattr(made, "_pool", None)
    if pool is not None and isinstance(getattr(pool, "_network_backend", None), httpcore.NetworkBackend):
        pool._network_backend = Backend(pool._network_backend)
    return made


def installed(made: httpx.BaseTransport) -> bool:
    """Whether `made` sends through the deadline backend."""
    return isinstance(getattr(getattr(made, "_pool", None), "_network_backend", None), Backend)


def receive(http: httpx.Client, request: httpx.Request, until: float, clock: Callable[[], float], *,
            max_body: int) -> httpx.Response:
    """Send `request` and read its whole answer by `until` (at most `max_body` bytes): one attempt.

    `failures.Overtime` when the time is up before it starts or between body
    chunks (where a transport of the caller's has no deadline of its own).
    """
    left = until - clock()
    if left <= 0:
        raise failures.Overtime()
    request.extensions["timeout"] = httpx.Timeout(left, connect=min(left, 15.0)).as_dict()
    with until_deadline(until, clock):
        response = http.send(request, stream=True)
        try:
            chunks = _body(request, response, until, clock, max_body)
        finally:
            response.close()
    headers = [(k, v) for k, v in response.headers.multi_items()
               if k.lower() not in ("content-encoding", "content-length", "transfer-encoding")]
    return httpx.Response(response.status_code, headers=headers, content=b"".join(chunks), request=request,
                          extensions={"reason_phrase": response.reason_phrase.encode()})


def _body(request: httpx.Request, response: httpx.Response, until: float, clock: Callable[[], float],
          max_body: int) -> list[bytes]:
    declared = response.headers.get("Content-Length", "")
    announced = int(declared) if declared.isdigit() else 0
    chunks, size = [], 0
    for chunk in [b""] if announced > max_body else response.iter_bytes():
        size += len(chunk)
        if max(size, announced) > max_body:  # announced or read: not read further
            raise ApiError(f"the answer is larger than {max_body // 2**20} MiB; not reading the rest",
                           status=response.status_code, reason=Reason.TOO_LARGE, **failures.facts(request))
        chunks.append(chunk)
        if clock() > until:
            raise failures.Overtime()
    return chunks
