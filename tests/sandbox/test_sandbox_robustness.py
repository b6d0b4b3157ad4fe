"""Malformed, oversized and many concurrent requests: answered in JSON, never a reset or a traceback.

Requests are written byte for byte on a raw socket where a client library
would refuse to send them. Every test also checks that nothing reached the
server's stderr (the threads of an in-process server write to this
process's stderr, which `capfd` captures).
"""

from __future__ import annotations

import http.client
import json
import socket
import threading
import time

import httpx
import pytest

from idcctl.sandbox.body import MAX_BODY

MiB = 1024 * 1024
TOKEN = "/v1/user-resource/token"


def exchange(sandbox, raw: bytes, *, half_close: bool = True) -> tuple[int, dict[str, str], bytes]:
    """Send `raw`, read one answer (status, headers, body); fails on a reset or a 5 s timeout.

    `half_close` ends the client's side of the stream after `raw`, so a server
    waiting for more body sees the end instead of waiting.
    """
    with _connect(sandbox) as sock:
        sock.sendall(raw)
        if half_close:
            sock.shutdown(socket.SHUT_WR)
        response = http.client.HTTPResponse(sock)
        response.begin()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()


def first_status(sandbox, raw: bytes) -> int:
    """The status of the first answer line, interim (100 Continue) ones included."""
    with _connect(sandbox) as sock:
        sock.sendall(raw)
        return int(sock.makefile("rb").readline().split()[1])


def _connect(sandbox) -> socket.socket:
    host, port = sandbox.server.server_address[:2]
    return socket.create_connection((host, port), timeout=5)


def post(headers: str, payload: bytes = b"", path: str = TOKEN) -> bytes:
    return (f"POST {path} HTTP/1.1\r\nHost: sandbox\r\napikey: k\r\n{headers}\r\n").encode("latin-1") + payload


@pytest.fixture
def quiet(capfd):
    """Yields; then asserts the server wrote nothing (no traceback) to stderr."""
    yield
    assert capfd.readouterr().err == ""


def assert_json_refusal(answer, status: int, words: str) -> None:
    code, headers, payload = answer
    assert code == status
    assert headers["content-type"] == "application/json"
    assert words in json.loads(payload)["message"]


@pytest.mark.parametrize("headers, payload, words", [
    ("Content-Length: abc\r\n", b"description=x", "whole number"),
    ("Content-Length: -5\r\n", b"description=x", "whole number"),
    ("Content-Length: 1e3\r\n", b"description=x", "whole number"),
    ("Content-Length: 4\r\nContent-Length: 5\r\n", b"descr", "Conflicting"),
    ("Content-Length: 20\r\n", b"description=x", "ended before"),
    ("Transfer-Encoding: chunked\r\n", b"zz\r\ndescription=x\r\n0\r\n\r\n", "Bad chunk size"),
    ("Transfer-Encoding: chunked\r\n", b"-1\r\n", "Bad chunk size"),
    ("Transfer-Encoding: chunked\r\n", b"\r\n", "Bad chunk size"),
    ("Transfer-Encoding: chunked\r\n", b"5\r\ndescription=x\r\n0\r\n\r\n", "not followed by CRLF"),
    ("Transfer-Encoding: chunked\r\n", b"f" * 5000, "too long or cut short"),
    ("Transfer-Encoding: gzip\r\n", b"", "only chunked"),
])
def test_bad_framing_is_400_json_and_the_connection_closes(sandbox, quiet, headers, payload, words):
    answer = exchange(sandbox, post(headers, payload))
    assert_json_refusal(answer, 400, words)
    assert answer[1]["connection"] == "close"
    assert sandbox.client.get("/v1/user-resource/user").status_code == 200  # and it keeps serving


@pytest.mark.parametrize("content_type, payload, words", [
    ("application/json", b'{"name": "\xff"}', "not valid UTF-8"),
    ("application/x-www-form-urlencoded", b"description=\xff\xfe", "not valid UTF-8"),
    ("application/json", b"{nope", "not valid JSON"),
    ("application/json", b"[1, 2]", "must be a JSON object"),
    ("application/json", b"[" * 100_000 + b"]" * 100_000, "not valid JSON"),
    ("application/x-www-form-urlencoded", b"a=1&" * 20_000, "form fields"),
])
def test_a_body_that_does_not_decode_is_400_json_on_a_connection_that_stays_open(
        sandbox, quiet, content_type, payload, words):
    answer = exchange(sandbox, post(f"Content-Type: {content_type}\r\nContent-Length: {len(payload)}\r\n", payload,
                                    path="/v1/network/ip_addresses"))
    assert_json_refusal(answer, 400, words)
    assert "connection" not in answer[1]


@pytest.mark.parametrize("raw, status", [
    (b"GARBAGE\r\n\r\n", 400),
    (b"GET /v1/user-resource/user HTTP/1.1\r\nX-Long: " + b"a" * 70_000 + b"\r\n\r\n", 431),
    (b"GET http://[::1/v1/user-resource/user HTTP/1.1\r\napikey: k\r\n\r\n", 400),
])
def test_a_broken_request_line_or_header_is_answered_in_json(sandbox, quiet, raw, status):
    code, headers, payload = exchange(sandbox, raw)
    assert code == status and headers["content-type"] == "application/json"
    assert json.loads(payload)["message"]


def test_an_announced_body_over_the_cap_is_413_before_a_byte_of_it_is_read(sandbox, quiet):
    # No body follows the headers: a server that tried to read it would wait, and exchange() would time out.
    started = time.monotonic()
    answer = exchange(sandbox, post(f"Content-Length: {MAX_BODY + 1}\r\n"), half_close=False)
    assert_json_refusal(answer, 413, "16 MiB")
    assert time.monotonic() - started < 1
    # Expect: 100-continue is honoured within the cap and refused (never "go on") over it.
    assert first_status(sandbox, post("Content-Length: 20\r\nExpect: 100-continue\r\n")) == 100
    refused = exchange(sandbox, post(f"Content-Length: {MAX_BODY + 1}\r\nExpect: 100-continue\r\n"),
                       half_close=False)
    assert_json_refusal(refused, 413, "16 MiB")


def test_a_chunked_body_is_refused_at_the_chunk_that_passes_the_cap(sandbox, quiet):
    one = 0x800000  # 8 MiB chunks: the third would pass 16 MiB, and is refused from its size line alone
    chunk = f"{one:x}\r\n".encode() + b"a" * one + b"\r\n"
    answer = exchange(sandbox, post("Transfer-Encoding: chunked\r\n", chunk * 2 + f"{one:x}\r\n".encode()),
                      half_close=False)
    assert_json_refusal(answer, 413, "16 MiB")


def test_a_client_that_sends_an_oversized_body_anyway_reads_the_413(sandbox, quiet):
    response = httpx.post(sandbox.url + TOKEN, content=b"a" * (17 * MiB), headers={"apikey": "k"}, timeout=10)
    assert response.status_code == 413
    assert "16 MiB" in response.json()["message"]


def test_a_body_at_the_cap_is_read(sandbox, quiet):
    payload = b"description=" + b"x" * (MAX_BODY - len(b"description="))
    response = sandbox.client.post(TOKEN, content=payload,
                                   headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert response.status_code == 200
    assert len(response.json()[-1]["description"]) == MAX_BODY - len(b"description=")


def test_200_concurrent_posts_are_all_answered(sandbox, quiet):
    host, port = sandbox.server.server_address[:2]
    count = 200
    start = threading.Barrier(count)
    results: list[object] = []

    def client(i: int) -> None:
        conn = http.client.HTTPConnection(host, port, timeout=30)
        start.wait()
        try:
            conn.request("POST", TOKEN, body=f"description=c{i}",
                         headers={"apikey": "k", "Content-Type": "application/x-www-form-urlencoded"})
            results.append(conn.getresponse().status)
        except OSError as exc:  # a reset (ECONNRESET) or a refused connect
            results.append(exc)
        finally:
            conn.close()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert results == [200] * count
    assert len(sandbox.client.get(TOKEN + "/list").json()) == 2 + count
