"""Request bodies: framing (Content-Length or chunked), a size cap, and decoding to parameters.

Anything malformed raises `BadRequest`, which the server answers with its
status and ``{"message": ...}`` and then closes the connection (after a
framing error the rest of the stream cannot be trusted). The cap is checked
before a byte of the body is read: an announced Content-Length over it is
refused at once, and a chunked body is refused as soon as a chunk size
would take it over, so an oversized body is never held in memory.
"""

from __future__ import annotations

import json
import re
from email.message import Message
from typing import Any, BinaryIO
from urllib.parse import parse_qsl

MAX_BODY = 16 * 1024 * 1024
MAX_FIELDS = 10_000  # form fields; more is no request the API takes, and a cheap way to eat memory
_MAX_LINE = 4096  # a chunk-size line or a trailer line
_MAX_TRAILERS = 100
_TOO_LARGE = f"Request body is larger than the sandbox accepts ({MAX_BODY // (1024 * 1024)} MiB)."


class BadRequest(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


def content_length(headers: Message) -> int | None:
    """The announced body size (None when there is none); refuses a bad or oversized one."""
    values = {v.strip() for value in headers.get_all("Content-Length") or [] for v in value.split(",")}
    if not values:
        return None
    if len(values) > 1:
        raise BadRequest(400, "Conflicting Content-Length values.")
    text = values.pop()
    if not re.fullmatch(r"[0-9]{1,20}", text):
        raise BadRequest(400, f"Content-Length must be a whole number of bytes, not {text[:40]!r}.")
    if int(text) > MAX_BODY:
        raise BadRequest(413, _TOO_LARGE)
    return int(text)


def read(headers: Message, stream: BinaryIO) -> bytes:
    """The whole body of the request, at most `MAX_BODY` bytes."""
    coding = headers.get("Transfer-Encoding")
    if coding is not None:
        if [c.strip().lower() for c in coding.split(",") if c.strip()] != ["chunked"]:
            raise BadRequest(400, f"Unsupported Transfer-Encoding {coding[:40]!r}: only chunked is.")
        return _read_chunked(stream)
    length = content_length(headers) or 0
    data = stream.read(length) if length else b""
    if len(data) < length:
        raise BadRequest(400, "The request body ended before its Content-Length.")
    return data


def _read_chunked(stream: BinaryIO) -> bytes:
    chunks, total = [], 0
    while True:
        size = _chunk_size(_line(stream))
        if size == 0:
            for _ in range(_MAX_TRAILERS):
                if not _line(stream).strip():
                    return b"".join(chunks)
            raise BadRequest(400, "Too many trailer lines after a chunked body.")
        total += size
        if total > MAX_BODY:
            raise BadRequest(413, _TOO_LARGE)
        data = stream.read(size)
        if len(data) < size or _line(stream).strip():
            raise BadRequest(400, "A chunk of the request body is cut short or not followed by CRLF.")
        chunks.append(data)


def _line(stream: BinaryIO) -> bytes:
    line = stream.readline(_MAX_LINE + 1)
    if not line.endswith(b"\n"):
        raise BadRequest(400, "A chunk-size line of the request body is too long or cut short.")
    return line


def _chunk_size(line: bytes) -> int:
    text = line.split(b";", 1)[0].strip()
    if not re.fullmatch(rb"[0-9A-Fa-f]{1,15}", text):
        raise BadRequest(400, f"Bad chunk size {text[:40]!r} in a chunked request body.")
    return int(text, 16)


def parameters(raw: bytes, content_type: str) -> dict[str, Any]:
    """JSON bodies (floating IPs, networks, load balancers, services) or form bodies (everything else)."""
    if not raw.strip():
        return {}
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise BadRequest(400, "Request body is not valid UTF-8.") from None
    if "json" in content_type.lower():
        return _json_object(text)
    try:
        pairs = parse_qsl(text, keep_blank_values=True, max_num_fields=MAX_FIELDS)
    except ValueError:
        raise BadRequest(400, f"Request body has more than {MAX_FIELDS} form fields.") from None
    return form_fields(pairs)


def form_fields(pairs: list[tuple[str, str]]) -> dict[str, Any]:
    """Form pairs as parameters: a field given once is a string, a repeated one (public_keys) a list."""
    fields: dict[str, Any] = {}
    for key, value in pairs:
        if key not in fields:
            fields[key] = value
        elif isinstance(fields[key], list):
            fields[key].append(value)
        else:
            fields[key] = [fields[key], value]
    return fields


def _json_object(text: str) -> dict[str, Any]:
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        raise BadRequest(400, "Request body is not valid JSON.") from None
    if not isinstance(data, dict):
        raise BadRequest(400, "Request body must be a JSON object.")
    return data
