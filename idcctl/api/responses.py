"""Reading the API's answers: bodies, its several error shapes, Retry-After; masking request bodies.

Pure functions over httpx objects, used by `idcctl.api.client.Client`.
"""

from __future__ import annotations

import json as jsonlib
import time
from email.utils import parsedate_to_datetime
from typing import Any

import httpx

MAX_RETRY_AFTER = 60.0
# Request fields never shown by --debug or --dry-run, whatever the body encoding.
SECRET_FIELDS = frozenset({"password", "apikey", "api_key", "token", "secretKey", "sql_pass"})


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
        except ValueError:
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
    except ValueError:
        pass
    return text[:limit]


def parse_body(response: httpx.Response) -> Any:
    if response.status_code == 204 or not response.content.strip():
        return None
    try:
        return jsonlib.loads(response.content)
    except ValueError:
        if response.status_code >= 400:
            return None
        return response.text


def is_error_body(body: Any) -> bool:
    """A 2xx answer whose whole body is ``{"errors": {...}}`` is still an error."""
    return isinstance(body, dict) and set(body) == {"errors"} and bool(body["errors"])


def error_text(body: Any) -> str | None:
    """The API's own words from any of its error shapes."""
    if isinstance(body, str):
        return body.strip() or None
    if not isinstance(body, dict):
        return None
    errors = body.get("errors")
    if isinstance(errors, dict) and errors:
        parts = []
        for key, value in errors.items():
            text = _flatten(value)
            generic = key.lower() in ("error", "message", "msg") or "::" in key
            parts.append(text if generic else f"{key}: {text}")
        return "; ".join(parts)
    if isinstance(errors, (str, list)) and errors:
        return _flatten(errors)
    for key in ("message", "error", "detail", "msg"):
        if body.get(key) not in (None, "", {}):
            return _flatten(body[key])
    return None


def _flatten(value: Any) -> str:
    if isinstance(value, dict):
        for key in ("msg", "message", "error", "Error"):
            if key in value:
                return _flatten(value[key])
        return "; ".join(f"{k}: {_flatten(v)}" for k, v in value.items())
    if isinstance(value, list):
        return "; ".join(_flatten(v) for v in value)
    return " ".join(str(value).split())


def status_text(response: httpx.Response) -> str:
    kind = response.headers.get("content-type", "").split(";")[0].strip()
    reason = response.reason_phrase or "error"
    if kind == "text/html" or response.text.lstrip().lower().startswith(("<!doctype", "<html")):
        return f"{reason} (the server answered with an HTML page, not the API)"
    return f"{reason} (no error details in the answer)"


def retry_after_seconds(value: str | None, cap: float | None = MAX_RETRY_AFTER) -> float | None:
    if not value:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        seconds = when.timestamp() - time.time()
    if seconds != seconds:  # NaN
        return None
    seconds = max(seconds, 0.0)
    return seconds if cap is None else min(seconds, cap)


def location_host(response: httpx.Response) -> str:
    """The host a redirect points to (or 'no Location' when it names none)."""
    location = response.headers.get("location", "")
    if not location:
        return "no Location header"
    try:
        url = response.request.url.join(location)
    except (httpx.InvalidURL, ValueError):
        return "an unreadable Location"
    return url.host or "an unreadable Location"


# -- answers that are not what they seem -------------------------------------

CORRELATION = "X-Warren-Correlation-Id"


def refuse_redirect(response: httpx.Response) -> None:
    """A 3xx is never success and never followed: the key goes to the configured host only."""
    from idcctl.errors import ApiError, Reason

    raise ApiError(
        f"the API answered {response.status_code} {response.reason_phrase}, a redirect to "
        f"{location_host(response)}, which idcctl never follows",
        status=response.status_code, request_id=response.headers.get(CORRELATION),
        reason=Reason.REDIRECT, method=response.request.method, path=response.request.url.path)


def success_body(response: httpx.Response, *, empty_ok: bool) -> Any:
    """The JSON of a 2xx answer; an empty or non-JSON body where JSON belongs is an ApiError."""
    from idcctl.errors import ApiError, Reason

    status = response.status_code
    facts = {"status": status, "request_id": response.headers.get(CORRELATION),
             "method": response.request.method, "path": response.request.url.path}
    if status == 204 or not response.content.strip():
        if status == 204 or empty_ok:
            return None
        # A write answered so may still have been carried out: the caller should look first.
        raise ApiError("the API answered with an empty body where data was expected",
                       reason=Reason.EMPTY_ANSWER, **facts)
    try:
        return jsonlib.loads(response.content)
    except ValueError:
        kind = response.headers.get("content-type", "").split(";")[0].strip()
        what = "JSON that is cut short or broken" if "json" in kind else (kind or "an untyped body")
        raise ApiError(f"the API answered with {what}, not JSON", reason=Reason.NOT_JSON,
                       **facts) from None
