"""A raw-socket HTTP server that misbehaves on purpose, for the fault-injection tests.

Requests whose method is in `fault_methods` get the chosen fault; every
other request gets a plain JSON answer (`[]`), so lookups before a write
work. Every answer closes its connection. `seen` records (method, path).
"""

from __future__ import annotations

import socket
import struct
import threading
import time

FAULTS = ("redirect", "html", "empty", "drip", "reset", "truncated", "retry_after", "huge")


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
