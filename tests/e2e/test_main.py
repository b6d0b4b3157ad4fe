"""End to end: the error boundary of the installed `idcctl`: one line, the contract's exit code."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from tests.conftest import free_port
from tests.e2e.conftest import KEY, run


class _Failing(BaseHTTPRequestHandler):
    calls = 0

    def do_GET(self):  # noqa: N802 - http.server's naming
        type(self).calls += 1
        body = b'{"errors": {"Error": "database is on fire"}}'
        self.send_response(500)
        self.send_header("Content-Type", "application/json")
        self.send_header("X-Warren-Correlation-Id", "corr-e2e")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def test_errors_are_one_line_with_the_contract_exit_code(env):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Failing)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}"
        # The key through the environment: --api-key on the command line adds a warning line.
        failing = run({**env, "IDCCTL_API_KEY": KEY}, "user", "show", "--api-url", url)
    finally:
        server.shutdown()
    assert failing.returncode == 1
    # One error line; a jittered retry wait over a second is announced on a line of its own.
    lines = [line for line in failing.stderr.splitlines() if ", retrying in " not in line]
    assert len(lines) == 1 and lines[0].startswith("error: ") and "database is on fire" in lines[0]
    assert "corr-e2e" in failing.stderr and "Traceback" not in failing.stderr
    assert _Failing.calls == 3  # a GET is retried, then given up

    closed = run({**env, "IDCCTL_API_KEY": KEY}, "user", "show", "--api-url", f"http://127.0.0.1:{free_port()}")
    closed_lines = [line for line in closed.stderr.splitlines() if ", retrying in " not in line]
    assert closed.returncode == 5 and len(closed_lines) == 1 and closed_lines[0].startswith("error: cannot reach")

    no_key = run(env, "user", "show", "--api-url", "http://127.0.0.1:9")
    assert no_key.returncode == 3 and "idcctl auth login" in no_key.stderr
    for result in (failing, closed, no_key):
        assert KEY not in result.stdout + result.stderr
