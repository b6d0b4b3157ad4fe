"""HTTP plumbing of the sandbox: server class, the request's way through, JSON answers.

Standard library only, so `idcctl sandbox serve` works wherever idcctl does.
Reading the body (and refusing a malformed or oversized one) is `body`'s
business, which handler answers `routing`'s. Every answer is JSON, http.server's
own refusals included, and nothing a client sends reaches stderr as a traceback.
Each request holds the state lock for the duration of its handler; the
optional latency is slept outside the lock so concurrent requests overlap the
way they would against a slow API.
"""

from __future__ import annotations

import json
import os
import socket
import sys
import time
import uuid
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from idcctl.sandbox import body, routing
from idcctl.sandbox.common import EMPTY, IDENTITY_HEADER, Answer, ApiError, Request
from idcctl.sandbox.seed import catalog
from idcctl.sandbox.state import State

_MUTATING = frozenset({"POST", "PUT", "PATCH", "DELETE"})
_LINGER = 2.0  # seconds a refused request's remaining body is drained before the socket closes


class SandboxServer(ThreadingHTTPServer):
    """A bound (not yet serving) emulator; `serve_forever()` / `shutdown()` as usual."""

    daemon_threads = True
    allow_reuse_address = True
    # The listen backlog. Python's default of 5 reset 5-19 % of 100-200 concurrent connects.
    request_queue_size = 256

    def __init__(self, address: tuple[str, int], state: State, latency: float = 0.0, detached: bool = False):
        super().__init__(address, SandboxRequestHandler)
        self.state = state
        self.latency = latency
        uid = os.getuid() if hasattr(os, "getuid") else -1
        self.identity = f"pid={os.getpid()} uid={uid} detached={'yes' if detached else 'no'}"

    def serve_forever(self, poll_interval: float = 0.05) -> None:
        """A short poll interval so `shutdown()` returns promptly (tests start many servers)."""
        super().serve_forever(poll_interval)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Clients hanging up mid-answer are normal; only real bugs reach stderr."""
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


class SandboxRequestHandler(BaseHTTPRequestHandler):
    """Answers every request with JSON; the heavy lifting is in `_dispatch`."""

    server: SandboxServer
    protocol_version = "HTTP/1.1"  # keep-alive, as httpx clients expect
    timeout = 60  # idle keep-alive connections must not pin threads forever
    server_version = "idcctl-sandbox"
    disable_nagle_algorithm = True  # headers and body go out as separate writes: avoid ~40 ms stalls

    def do_GET(self) -> None:
        self._serve()

    do_POST = do_PUT = do_PATCH = do_DELETE = do_OPTIONS = do_HEAD = do_GET

    def version_string(self) -> str:
        return self.server_version

    def log_message(self, format: str, *args: Any) -> None:
        """Silent: a per-request line on stderr would drown the CLI's own output."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """http.server's own refusals (bad request line, headers too long...) in JSON too."""
        if self.request_version == "HTTP/0.9":  # the request line did not parse: no version to go by
            self.request_version = self.protocol_version
        self._refuse(code, message or HTTPStatus(code).phrase)

    def handle_expect_100(self) -> bool:
        """Refuse a bad or oversized Content-Length before the client sends the body."""
        try:
            body.content_length(self.headers)
        except body.BadRequest as exc:
            self._refuse(exc.status, exc.message)
            return False
        return super().handle_expect_100()

    def _serve(self) -> None:
        try:
            raw = body.read(self.headers, self.rfile)
        except body.BadRequest as exc:
            self._refuse(exc.status, exc.message)
            return
        if self.server.latency > 0:
            time.sleep(self.server.latency)
        try:
            answer = self._dispatch(raw)
            status = 200
            if isinstance(answer, Answer):
                status, answer = answer.status, answer.body
        except ApiError as exc:
            status, answer = exc.status, exc.body
        except body.BadRequest as exc:  # the body was read whole: the connection stays usable
            status, answer = exc.status, {"message": exc.message}
        except Exception as exc:  # a sandbox bug: answer like a server would, keep serving
            status, answer = 500, {"message": f"sandbox internal error: {exc!r}"}
        self._respond(status, answer)

    def _dispatch(self, raw: bytes) -> Any:
        if not self.headers.get("apikey", "").strip():
            raise ApiError(401, {"message": "No API key found in request"})
        try:
            split = urlsplit(self.path)
        except ValueError:
            raise body.BadRequest(400, "The request path is not a valid URL path.") from None
        state = self.server.state
        location, route_path = routing.split_location(split.path, state.slugs)
        handler, path_args = routing.match(self.command, route_path)
        params = dict(parse_qsl(split.query, keep_blank_values=True, max_num_fields=body.MAX_FIELDS))
        params.update(body.parameters(raw, self.headers.get("Content-Type", "")))
        request = Request(state, location, self.command, params, path_args)
        with state.lock:
            try:
                return handler(request)
            finally:  # even a failed handler may have changed something: keep file == memory
                if self.command in _MUTATING:
                    state.save()

    def _respond(self, status: int, answer: Any, *, close: bool = False) -> None:
        payload = b"" if answer is EMPTY else json.dumps(answer).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.send_header("X-Warren-Correlation-Id", uuid.uuid4().hex)
        self.send_header(IDENTITY_HEADER, self.server.identity)
        if close:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(payload)

    def _refuse(self, status: int, message: str) -> None:
        """Answer a request whose framing cannot be trusted, then close the connection.

        Whatever the client still sends is read and dropped for a moment
        first: closing a socket with unread data resets it, and the client
        would see the reset instead of this answer.
        """
        self.close_connection = True
        self._respond(status, {"message": message}, close=True)
        try:
            self.wfile.flush()
            self.connection.shutdown(socket.SHUT_WR)
            self.connection.settimeout(_LINGER)
            deadline = time.monotonic() + _LINGER
            while time.monotonic() < deadline and self.connection.recv(65536):
                pass
        except OSError:
            pass


def make_server(host: str = "127.0.0.1", port: int = 0, *, state_file: str | None = None,
                latency: float = 0.0, locations: list[str] | None = None,
                transition: float = 0.0, detached: bool = False) -> SandboxServer:
    """Build a bound sandbox server (port 0 picks a free port; see `server_address`).

    `state_file` (a regular file or a path to make one at) is loaded when it
    exists and rewritten after every mutating request; `latency` delays every answer; `transition` is how long VMs stay
    "starting"/"stopping"; `locations` are the slugs served, the first being
    the default; `detached` is what the identity header says about how it was started.
    """
    slugs = list(locations) if locations else list(catalog.DEFAULT_LOCATIONS)
    routing.check_slugs(slugs)
    if latency < 0 or transition < 0:
        raise ValueError("latency and transition must not be negative")
    state = State(slugs, state_file=state_file, transition=transition)
    return SandboxServer((host, port), state, latency=latency, detached=detached)

