"""Reading the API's answers: bodies, its several error shapes, Retry-After, the typed errors.

Pure functions over httpx objects, used by `idcctl.api.client.Client`.
"""

from __future__ import annotations

import json as jsonlib
import re
import time
from collections.abc import Callable
from email.utils import parsedate_to_datetime
from typing import Any

from idcctl.api._httpx import httpx
from idcctl.api.failures import facts as request_facts
from idcctl.errors import ApiError, AuthError, NotFoundError, Reason

MAX_RETRY_AFTER = 60.0


def loads(response: httpx.Response) -> Any:
    """The body's JSON; an answer nested deeper than Python can parse is an ApiError, not a crash."""
    try:
        return jsonlib.loads(response.content)
    except RecursionError:
        raise ApiError("the answer is nested too deeply to read", reason=Reason.TOO_DEEP,
                       **facts(response)) from None


def parse_body(response: httpx.Response) -> Any:
    if response.status_code == 204 or not response.content.strip():
        return None
    try:
        return loads(response)
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


# -- answers that are not what they seem, and the typed errors ------------------

CORRELATION = "X-Warren-Correlation-Id"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
_NOT_FOUND = re.compile(r"\bno such\b", re.IGNORECASE)
_NO_ROUTE = "no route and no api found"


def facts(response: httpx.Response) -> dict[str, Any]:
    """What every error about an answer says: status, correlation id, the request's method and path."""
    return {"status": response.status_code, "request_id": response.headers.get(CORRELATION),
            **request_facts(response.request)}


def answer_of(response: httpx.Response, *, empty_ok: bool, location: str | None, timeout: float,
              redact: Callable[[str], str], attempts: int = 1, gave_up: str | None = None) -> Any:
    """The parsed JSON of a successful answer; any other answer raised as its typed error.

    `attempts` and `gave_up` (`idcctl.errors.RequestError`) say why a 429 or
    5xx is the end of the request: all attempts made, or no time left to wait.
    """
    status = response.status_code
    if 300 <= status < 400:
        refuse_redirect(response)
    if status < 300:
        body = success_body(response, empty_ok=empty_ok)
        if not is_error_body(body):
            return body
    else:
        body = parse_body(response)
    known, path = {**facts(response), "attempts": attempts, "gave_up": gave_up}, response.request.url.path
    text = redact(error_text(body) or status_text(response))
    if status in (401, 403):
        raise AuthError(text, **known)
    if status == 404 and text.lower().strip(". ") == _NO_ROUTE:
        if location and f"/v1/{location}/" in path:
            raise NotFoundError(f"unknown location '{location}'", reason=Reason.UNKNOWN_LOCATION, **known)
        raise NotFoundError(f"the API has no such endpoint: {response.request.method} {path}",
                            reason=Reason.NO_ENDPOINT, **known)
    if status == 404 or _NOT_FOUND.search(text):
        raise NotFoundError(text, **known)
    retry_after = retry_after_seconds(response.headers.get("Retry-After"), cap=None)
    if gave_up == "time" and retry_after:
        raise ApiError(text, reason=Reason.RETRY_AFTER_TOO_LONG, retry_after=retry_after, timeout=timeout,
                       **known)
    raise ApiError(text, retry_after=retry_after, timeout=timeout if gave_up else None, **known)


def refuse_redirect(response: httpx.Response) -> None:
    """A 3xx is never success and never followed: the key goes to the configured host only."""
    raise ApiError(
        f"the API answered {response.status_code} {response.reason_phrase}, a redirect to "
        f"{location_host(response)}, which idcctl never follows", reason=Reason.REDIRECT, **facts(response))


def success_body(response: httpx.Response, *, empty_ok: bool) -> Any:
    """The JSON of a 2xx answer; an empty or non-JSON body where JSON belongs is an ApiError."""
    status = response.status_code
    if status == 204 or not response.content.strip():
        if status == 204 or empty_ok:
            return None
        # A write answered so may still have been carried out: the caller should look first.
        raise ApiError("the API answered with an empty body where data was expected",
                       reason=Reason.EMPTY_ANSWER, **facts(response))
    try:
        return loads(response)
    except ValueError:
        kind = response.headers.get("content-type", "").split(";")[0].strip()
        what = "JSON that is cut short or broken" if "json" in kind else (kind or "an untyped body")
        raise ApiError(f"the API answered with {what}, not JSON", reason=Reason.NOT_JSON,
                       **facts(response)) from None
