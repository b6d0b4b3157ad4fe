"""HTTP plumbing of the sandbox: server class, request parsing, responses.

Standard library only, so `idcctl sandbox serve` works wherever idcctl does.
Which handler answers is `routing`'s business. Each request holds the state
lock for the duration of its handler; the optional latency is slept outside
the lock so concurrent requests overlap the way they would against a slow API.
"""

from __future__ import annotations

import json
import sys
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from idcctl.sandbox import routing
from idcctl.sandbox.common import EMPTY, ApiError, Request, error
from idcctl.sandbox.seed import catalog
from idcctl.sandbox.state import State

_MUTATING = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class SandboxServer(ThreadingHTTPServer):
    """A bound (not yet serving) emulator; `serve_forever()` / `shutdown()` as usual."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], state: State, latency: float = 0.0):
        super().__init__(address, SandboxRequestHandler)
        self.state = state
        self.latency = latency

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

    def _serve(self) -> None:
        raw = self._read_body()
        if self.server.latency > 0:
            time.sleep(self.server.latency)
        try:
            body = self._dispatch(raw)
            status = 200
        except ApiError as exc:
            status, body = exc.status, exc.body
        except Exception as exc:  # a sandbox bug: answer like a server would, keep serving
            status, body = 500, {"message": f"sandbox internal error: {exc!r}"}
        self._respond(status, body)

    def _dispatch(self, raw: bytes) -> Any:
        if not self.headers.get("apikey", "").strip():
            raise ApiError(401, {"message": "No API key found in request"})
        split = urlsplit(self.path)
        state = self.server.state
        location, route_path = routing.split_location(split.path, state.slugs)
        handler, path_args = routing.match(self.command, route_path)
        params = dict(parse_qsl(split.query, keep_blank_values=True))
        params.update(self._parse_body(raw))
        request = Request(state, location, self.command, params, path_args)
        with state.lock:
            try:
                return handler(request)
            finally:  # even a failed handler may have changed something: keep file == memory
                if self.command in _MUTATING:
                    state.save()

    def _read_body(self) -> bytes:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            return self._read_chunked()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def _read_chunked(self) -> bytes:
        chunks = []
        while True:
            size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
            if size == 0:
                while self.rfile.readline().strip():  # trailers
                    pass
                return b"".join(chunks)
            chunks.append(self.rfile.read(size))
            self.rfile.readline()

    def _parse_body(self, raw: bytes) -> dict[str, Any]:
        """JSON bodies (floating IPs) or form bodies (everything else, DELETE too)."""
        if not raw.strip():
            return {}
        content_type = self.headers.get("Content-Type", "").lower()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise error("Request body is not valid UTF-8.") from None
        if "json" in content_type:
            try:
                data = json.loads(text)
            except ValueError:
                raise error("Request body is not valid JSON.") from None
            if not isinstance(data, dict):
                raise error("Request body must be a JSON object.")
            return data
        return dict(parse_qsl(text, keep_blank_values=True))

    def _respond(self, status: int, body: Any) -> None:
        payload = b"" if body is EMPTY else json.dumps(body).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.send_header("X-Warren-Correlation-Id", uuid.uuid4().hex)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(payload)


def make_server(host: str = "127.0.0.1", port: int = 0, *, state_file: str | None = None,
                latency: float = 0.0, locations: list[str] | None = None,
                transition: float = 0.0) -> SandboxServer:
    """Build a bound sandbox server (port 0 picks a free port; see `server_address`).

    `state_file` is loaded when it exists and rewritten after every mutating
    request; `latency` delays every answer; `transition` is how long VMs stay
    "starting"/"stopping"; `locations` are the slugs served, the first being
    the default.
    """
    slugs = list(locations) if locations else list(catalog.DEFAULT_LOCATIONS)
    routing.check_slugs(slugs)
    if latency < 0 or transition < 0:
        raise ValueError("latency and transition must not be negative")
    state = State(slugs, state_file=state_file, transition=transition)
    return SandboxServer((host, port), state, latency=latency)

