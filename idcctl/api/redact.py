"""What the client shows of a request: the debug trace and the description for `before_send`.

Secrets never leave here: the ``apikey`` and ``Authorization`` headers are
always ``***``, and so are the values of secret fields (password, token,
sql_pass ...) in form and JSON bodies, in JSON text nested in JSON, and in
JSON answers, and the ``user:password@`` of a URL. The client also
replaces the key itself wherever it appears, whatever its length (`scrub`).
Stdlib only at import (httpx only in annotations): the error boundary
redacts with `scrub` too.
"""

from __future__ import annotations

import json as jsonlib
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from idcctl.api._httpx import httpx

# Request fields never shown by --debug or --dry-run, whatever the body encoding.
SECRET_FIELDS = frozenset({"password", "apikey", "api_key", "token", "secretKey", "sql_pass"})
SECRET_HEADERS = frozenset({"apikey", "authorization", "proxy-authorization"})
# scheme://user:password@host: what a URL may carry that is as secret as the key.
_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^/?#@\s]*@")


def masked_body(request: httpx.Request) -> str:
    """The request body as text, with the values of secret fields replaced by ***."""
    from urllib.parse import parse_qsl, urlencode

    text = request.content.decode("utf-8", "replace")
    kind = request.headers.get("content-type", "")
    if kind.startswith("application/x-www-form-urlencoded"):
        pairs = parse_qsl(text, keep_blank_values=True)
        return urlencode([(k, "***" if k in SECRET_FIELDS else v) for k, v in pairs], safe="*")
    if kind.startswith("application/json"):
        try:
            return jsonlib.dumps(_mask_json(jsonlib.loads(text)))
        except (ValueError, RecursionError):
            return text
    return text


def _mask_json(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: "***" if k in SECRET_FIELDS else _mask_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_mask_json(v) for v in value]
    if isinstance(value, str) and value.lstrip().startswith("{"):
        return _mask_json_text(value)  # JSON text inside JSON (package_parameters)
    return value


def _mask_json_text(text: str) -> str:
    try:
        inner = jsonlib.loads(text)
    except ValueError:
        return text
    masked = _mask_json(inner)
    return text if masked == inner else jsonlib.dumps(masked)


def masked_response_text(response: httpx.Response, limit: int = 4000) -> str:
    """A response body for --debug: JSON answers with secret fields (sql_pass, token ...) as ***."""
    text = response.text
    try:
        text = jsonlib.dumps(_mask_json(jsonlib.loads(text)))
    except (ValueError, RecursionError):  # not JSON, or too deep to be the API's: shown as it came
        pass
    return text[:limit]


def scrub(text: str, secret: str | None) -> str:
    """`text` with `secret` (the API key) replaced by ***, however short it is, and URLs' userinfo hidden.

    A key of a few characters is no real key, but if the server echoes it the
    operator asked for it to stay unshown; the cost is *** in odd places of
    that one message.
    """
    if secret:
        text = text.replace(secret, "***")
    return url_text(text)


def url_text(text: str) -> str:
    """`text` with the ``user:password@`` of every URL in it as ``***@``."""
    return _USERINFO.sub(r"\1***@", text) if "@" in text else text


def _header(name: str, value: str) -> str:
    return "***" if name.lower() in SECRET_HEADERS else value


def request_lines(request: httpx.Request, attempt: int) -> Iterator[str]:
    """The trace of one attempt: request line, headers, masked body."""
    suffix = f" (attempt {attempt})" if attempt > 1 else ""
    yield f"> {request.method} {url_text(str(request.url))}{suffix}"
    for name, value in request.headers.items():
        yield f"> {name}: {_header(name, value)}"
    if request.content:
        yield f"> {masked_body(request)}"


def response_lines(response: httpx.Response) -> Iterator[str]:
    """The trace of an answer: status line, headers, masked body."""
    yield f"< {response.status_code} {response.reason_phrase}"
    for name, value in response.headers.items():
        yield f"< {name}: {value}"
    if response.content:
        yield f"< {masked_response_text(response)}"


def describe(request: httpx.Request, secret: str | None) -> dict[str, Any]:
    """``{"method", "url", "headers", "body"}`` of a request, safe to print (body None when empty)."""
    headers = {name: _header(name, value) for name, value in request.headers.items()}
    body = scrub(masked_body(request), secret) if request.content else None
    return {"method": request.method, "url": scrub(str(request.url), secret), "headers": headers,
            "body": body or None}
