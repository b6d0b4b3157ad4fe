"""End to end: the installed `idcctl service ...` as a subprocess against `idcctl sandbox serve`.

The second test hands a `--uri` connection string to the real `psql` and
checks, with a tiny fake PostgreSQL server on 127.0.0.1, that psql logs in
with exactly the user and password the API gave (odd characters included).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import struct
import subprocess
import threading

import pytest

from tests.e2e.conftest import run


def test_service_scenario_against_the_sandbox(env, sandbox):
    from urllib.parse import unquote, urlsplit

    created = run(env, "service", "create", "--service", "postgresql", "--version", "14.0", "--name", "e2e-db",
                  "--cpu", "1", "--ram", "1024", "--disk", "20", "--param", "location=jkt01",
                  "--billing-account", "12", "-o", "json")
    assert created.returncode == 0, created.stderr
    pkg = json.loads(created.stdout)
    assert pkg["display_name"] == "e2e-db" and pkg["billing_account_id"] == 12

    added = run(env, "service", "whitelist", "add", "e2e-db", "203.0.113.0/24", "-o", "json")
    assert added.returncode == 0, added.stderr
    assert json.loads(added.stdout) == ["203.0.113.0/24"]
    removed = run(env, "service", "whitelist", "remove", "e2e-db", "203.0.113.0/24", "--yes", "-o", "json")
    assert removed.returncode == 0, removed.stderr
    assert json.loads(removed.stdout) == [] and "reachable from every address" in removed.stderr

    uri = run(env, "service", "secrets", "e2e-db", "--uri")
    assert uri.returncode == 0, uri.stderr
    parts = urlsplit(uri.stdout.strip())
    assert (parts.scheme, parts.username, parts.hostname, parts.port, parts.path) == (
        "postgresql", "wadmin", pkg["properties"]["service_ip"], 5432, "/")
    password = unquote(parts.password or "")
    assert len(password) >= 12
    table = run(env, "service", "secrets", "e2e-db", "--debug")
    assert table.returncode == 0, table.stderr
    assert password not in table.stdout + table.stderr and "sql_pass  ****" in table.stdout

    deleted = run(env, "service", "delete", "e2e-db", "--yes", "-o", "json")
    assert deleted.returncode == 0, deleted.stderr
    assert json.loads(deleted.stdout)["status"] == "deleted"
    gone = run(env, "service", "show", "e2e-db")
    assert gone.returncode == 4 and "no service named 'e2e-db'" in gone.stderr


class FakePostgres:
    """Accepts one psql login: records user, database and the cleartext password, then refuses."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(1)
        self.sock.settimeout(20)
        self.port = self.sock.getsockname()[1]
        self.seen: dict[str, str] = {}
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _read(self, conn: socket.socket, n: int) -> bytes:
        data = b""
        while len(data) < n:
            chunk = conn.recv(n - len(data))
            if not chunk:
                raise ConnectionError("psql hung up")
            data += chunk
        return data

    def _serve(self) -> None:
        conn, _ = self.sock.accept()
        with conn:
            while True:
                length, code = struct.unpack("!ii", self._read(conn, 8))
                if code in (80877103, 80877104):  # SSLRequest, GSSENCRequest: not here
                    conn.sendall(b"N")
                    continue
                fields = self._read(conn, length - 8).split(b"\0")
                self.seen.update({k.decode(): v.decode() for k, v in zip(fields[::2], fields[1::2]) if k})
                break
            conn.sendall(b"R" + struct.pack("!ii", 8, 3))  # AuthenticationCleartextPassword
            kind, length = struct.unpack("!ci", self._read(conn, 5))
            self.seen["password"] = self._read(conn, length - 4).rstrip(b"\0").decode()
            message = b"SFATAL\0C28P01\0Mfake server: login recorded\0\0"
            conn.sendall(b"E" + struct.pack("!i", len(message) + 4) + message)


@pytest.mark.skipif(shutil.which("psql") is None, reason="psql is not installed")
def test_psql_accepts_the_uri(invoke):
    import httpx
    import respx

    from tests.conftest import BASE

    server = FakePostgres()
    pkg = {"display_name": "db", "uuid": "71cddf54-35ed-4f6e-bdf7-d344bbf0a546", "service": "postgresql",
           "status": "active", "properties": {"service_ip": "127.0.0.1", "port": server.port,
                                              "sql_user": "wad min@x", "location": "jkt01"}}
    password = "p@ss:w/rd#%&?= x"
    with respx.mock(base_url=BASE, assert_all_called=True) as mock:
        mock.get("/v1/user-resource/service/packages").mock(return_value=httpx.Response(200, json=[pkg]))
        mock.get(f"/v1/user-resource/service/package/{pkg['uuid']}/secrets").mock(
            return_value=httpx.Response(200, json={"sql_pass": password}))
        result = invoke("service", "secrets", "db", "--uri")
    assert result.exit_code == 0, result.stderr
    uri = result.stdout.strip()
    psql = shutil.which("psql")
    assert psql
    proc = subprocess.run([psql, uri, "-X", "-c", "select 1"], capture_output=True, text=True, timeout=30,
                          env={"PATH": os.environ.get("PATH", ""), "PGCONNECT_TIMEOUT": "10",
                               "PGSSLMODE": "disable"})
    server.thread.join(timeout=10)
    assert "login recorded" in proc.stderr, proc.stderr
    assert server.seen["user"] == "wad min@x"
    assert server.seen["password"] == password
