"""What the SDK tests share: the exact-request check, and a server that misbehaves on purpose.

`assert_exact_request`: a case is (call, method, path, scoped, query, body): `path` after ``/v1``;
with a location and ``scoped`` the path gains ``/v1/SLUG``. `body` is None
for no body, else the fields sent, form-encoded or (``encoding="json"``) as
JSON. A form field is sent exactly once, unless `body` gives it a list: then
it must be repeated with exactly those values, in that order (``public_keys``).
The answer must come back unchanged.

`FaultServer`: a raw-socket HTTP server for the fault-injection tests.
Requests whose method is in `fault_methods` get the chosen fault; every
other request gets a plain JSON answer (`[]`), so lookups before a write
work. Every answer closes its connection. `seen` records (method, path).
"""

from __future__ import annotations

import json
import socket
import struct
import threading
import time
from typing import Any
from urllib.parse import parse_qs

import httpx
import pytest
import respx

from idcctl.api.client import Client
from idcctl.api.hooks import ClientHooks
from idcctl.errors import ApiError
from tests.conftest import BASE, KEY

ANSWER = {"answer": "returned unchanged", "n": [1, 2]}


def client_for(location: str | None) -> Client:
    return Client(KEY, base_url=BASE, location=location, hooks=ClientHooks(sleep=lambda seconds: None))


def assert_exact_request(call: Any, method: str, path: str, scoped: bool, query: dict[str, str],
                         body: dict[str, Any] | None, location: str | None, *, encoding: str = "form") -> None:
    prefix = f"/v1/{location}" if location and scoped else "/v1"
    with respx.mock(assert_all_called=True) as mock:
        route = mock.route(method=method, url__startswith=f"{BASE}{prefix}{path}").mock(
            return_value=httpx.Response(200, json=ANSWER))
        answer = call(client_for(location))
    assert answer == ANSWER
    assert route.call_count == 1
    request = route.calls.last.request
    assert request.url.path == f"{prefix}{path}"
    assert {k: v[0] for k, v in parse_qs(request.url.query.decode()).items()} == query
    assert request.headers["apikey"] == KEY
    if body is None:
        assert request.content == b""
    elif encoding == "json":
        assert request.headers["content-type"] == "application/json"
        assert json.loads(request.content) == body
    else:
        assert request.headers["content-type"] == "application/x-www-form-urlencoded"
        sent = parse_qs(request.content.decode(), keep_blank_values=True)
        repeated = {k for k, v in body.items() if isinstance(v, list)}
        assert all(len(values) == 1 for k, values in sent.items() if k not in repeated)
        assert {k: v if k in repeated else v[0] for k, v in sent.items()} == body


def exact_request_test(cases: list[tuple[Any, ...]], *, encoding: str = "form") -> Any:
    """The test of a module's CASES, each (id, call, method, path, scoped, query, body), with and without a location.

    A module says `test_exact_request = exact_request_test(CASES)`.
    """
    @pytest.mark.parametrize("location", [None, "bus02"], ids=["default-location", "bus02"])
    @pytest.mark.parametrize("case", [case[1:] for case in cases], ids=[case[0] for case in cases])
    def test_exact_request(case: tuple[Any, ...], location: str | None) -> None:
        assert_exact_request(*case, location, encoding=encoding)

    return test_exact_request


def public_functions(module: Any) -> set[str]:
    """The names of the functions a module defines (the SDK's endpoints)."""
    return {name for name, value in vars(module).items()
            if callable(value) and not name.startswith("_")
            and getattr(value, "__module__", "") == module.__name__}


def covered(cases: list[tuple[Any, ...]]) -> set[str]:
    """The functions the cases call: each case's id up to its first '-'."""
    return {case[0].split("-")[0] for case in cases}


def assert_sent_once(call: Any, method: str, url: str) -> None:
    """A 503 to `call` is raised at once: a create (or a payment) is never retried."""
    with respx.mock(assert_all_called=True) as mock:
        route = mock.route(method=method, url__startswith=url).mock(
            return_value=httpx.Response(503, json={"message": "try later"}))
        with pytest.raises(ApiError, match="try later"):
            call(client_for(None))
    assert route.call_count == 1


def assert_answers_none(call: Any, method: str, url: str, answer: httpx.Response) -> None:
    """An empty `answer` to `call` (a delete's 204 or empty 200) comes back as None."""
    with respx.mock(assert_all_called=True) as mock:
        mock.route(method=method, url__startswith=url).mock(return_value=answer)
        assert call(client_for(None)) is None


# -- the fault server ---------------------------------------------------------------

FAULTS = ("redirect", "html", "empty", "drip", "drip_head", "reset", "truncated", "retry_after", "huge",
          "busy")


class FaultServer:
    def __init__(self, fault: str, fault_methods: tuple[str, ...] = ("GET",), drip_every: float = 0.2):
        self.fault = fault
        self.fault_methods = fault_methods
        self.drip_every = drip_every
        self.seen: list[tuple[str, str]] = []
        self._sock = socket.socket()
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(16)
        self.url = f"http://127.0.0.1:{self._sock.getsockname()[1]}"
        self._stop = False
        threading.Thread(target=self._accept, daemon=True).start()

    def faulted(self) -> int:
        return sum(1 for method, _ in self.seen if method in self.fault_methods)

    def close(self) -> None:
        self._stop = True
        self._sock.close()

    def _accept(self) -> None:
        while not self._stop:
            try:
                conn, _ = self._sock.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        try:
            method, path = self._read_request(conn)
            self.seen.append((method, path))
            if method in self.fault_methods:
                getattr(self, f"_{self.fault}")(conn)
            else:
                self._send(conn, "200 OK", b"[]")
        except OSError:
            pass
        finally:
            try:
                conn.close()
            except OSError:
                pass

    def _read_request(self, conn: socket.socket) -> tuple[str, str]:
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = conn.recv(65536)
            if not chunk:
                break
            data += chunk
        head, _, body = data.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        method, path, _ = lines[0].split(" ", 2)
        length = 0
        for line in lines[1:]:
            if line.lower().startswith("content-length:"):
                length = int(line.split(":", 1)[1])
        while len(body) < length:
            body += conn.recv(65536)
        return method, path

    @staticmethod
    def _send(conn, status: str, body: bytes, kind: str = "application/json", extra: str = "") -> None:
        conn.sendall(f"HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {len(body)}\r\n"
                     f"Connection: close\r\n{extra}\r\n".encode() + body)

    # -- the faults ---------------------------------------------------------

    def _redirect(self, conn) -> None:
        self._send(conn, "307 Temporary Redirect", b"", extra="Location: https://evil.example.net/v1/x\r\n")

    def _html(self, conn) -> None:
        self._send(conn, "200 OK", b"<html><body>Log in to the Wi-Fi</body></html>", kind="text/html")

    def _empty(self, conn) -> None:
        self._send(conn, "200 OK", b"")

    def _retry_after(self, conn) -> None:
        self._send(conn, "503 Service Unavailable", b'{"message": "busy"}', extra="Retry-After: 3600\r\n")

    def _drip(self, conn) -> None:
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n[")
        for _ in range(999):
            time.sleep(self.drip_every)
            conn.sendall(b" ")

    def _drip_head(self, conn) -> None:
        """The status line and headers one byte at a time: each read is quick, the whole is not."""
        head = (b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n"
                b"X-Padding: " + b"x" * 60 + b"\r\n\r\n[]")
        for byte in head:
            time.sleep(self.drip_every)
            conn.sendall(bytes([byte]))

    def _busy(self, conn) -> None:
        self._send(conn, "429 Too Many Requests", b'{"message": "slow down"}', extra="Retry-After: 1\r\n")

    def _reset(self, conn) -> None:
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n[{\"uu")
        time.sleep(0.05)
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # RST on close

    def _truncated(self, conn) -> None:
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n[{\"uu")

    def _huge(self, conn) -> None:
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                     b"Content-Length: 1000000000\r\n\r\n[")
        block = b" " * 65536
        for _ in range(1000000000 // 65536):
            conn.sendall(block)
