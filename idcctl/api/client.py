"""The one place that speaks HTTP to the idcloudhost API.

`Client.request()` builds every URL (adding the ``/v1/SLUG/`` location
prefix for location-scoped endpoints), sends the ``apikey`` header, retries
what is safe to repeat, and turns every error answer into a typed
exception from `idcctl.errors`. It never prints: the debug trace goes to a
callable the caller supplies, with the API key replaced by ``***``.

Retry policy: only requests that are safe to repeat (GET, or a call the SDK
marks ``idempotent=True``) are retried, on connection failures, 429, 500,
502, 503 and 504, at most ``max_attempts`` times, with capped exponential
backoff and full jitter, honouring ``Retry-After``. A POST that creates
something is never retried: a duplicate VM costs the operator money.
"""

from __future__ import annotations

import random
import re
import time
from collections.abc import Callable, Mapping
from typing import Any

import httpx

from idcctl import __version__
from idcctl.api.responses import (
    error_text,
    is_error_body,
    masked_body,
    masked_response_text,
    parse_body,
    retry_after_seconds,
    status_text,
)
from idcctl.errors import ApiError, AuthError, DryRun, NetworkError, NotFoundError

DEFAULT_BASE_URL = "https://api.idcloudhost.com"
# VM create/start/stop/clone/reinstall block for 30 s or more before answering.
DEFAULT_TIMEOUT = 120.0
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
CORRELATION_HEADER = "X-Warren-Correlation-Id"
_RETRYABLE_TRANSPORT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.ReadError,
                        httpx.RemoteProtocolError, httpx.WriteError)
_NOT_FOUND = re.compile(r"\bno such\b", re.IGNORECASE)
_NO_ROUTE = "no route and no api found"


def encode_form(form: Mapping[str, Any]) -> dict[str, str]:
    """Form values as the reference writes them: booleans True/False, None left out."""
    out: dict[str, str] = {}
    for key, value in form.items():
        if value is None:
            continue
        if isinstance(value, bool):
            out[key] = "True" if value else "False"
        else:
            out[key] = str(value)
    return out


def _clean_params(params: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if not params:
        return None
    cleaned = encode_form(params)
    return cleaned or None


class Client:
    """A small SDK client. Share one instance (and its connection pool) per process."""

    def __init__(
        self,
        api_key: str | None,
        base_url: str = DEFAULT_BASE_URL,
        *,
        location: str | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        trace: Callable[[str], None] | None = None,
        dry_run: bool = False,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
        max_attempts: int = 3,
        _http: httpx.Client | None = None,
    ) -> None:
        self.api_key = api_key
        self.base_url = base_url.rstrip("/")
        self.location = location
        self.timeout = timeout
        self.trace = trace
        self.dry_run = dry_run
        self.sleep = sleep
        self.max_attempts = max(1, max_attempts)
        self._http = _http or httpx.Client(
            timeout=httpx.Timeout(timeout, connect=min(timeout, 15.0)),
            transport=transport,
            # Plain http (the sandbox) never uses TLS: skip loading the CA bundle (~15 ms).
            verify=not self.base_url.startswith("http://"),
            headers={"User-Agent": f"idcctl/{__version__}", "Accept": "application/json"},
            limits=httpx.Limits(max_connections=16, max_keepalive_connections=16),
        )

    def with_location(self, location: str | None) -> Client:
        """The same client (and connection pool) aimed at another location."""
        return Client(
            self.api_key, self.base_url, location=location, timeout=self.timeout,
            trace=self.trace, dry_run=self.dry_run, sleep=self.sleep,
            max_attempts=self.max_attempts, _http=self._http,
        )

    def close(self) -> None:
        self._http.close()

    # -- URLs ---------------------------------------------------------------

    def url_for(self, path: str, *, scoped: bool = False) -> str:
        """Full URL of an API path such as ``/v1/user-resource/vm``.

        Location-scoped endpoints get the location slug right after ``/v1``.
        """
        path = "/" + path.lstrip("/")
        if scoped and self.location and path.startswith("/v1/"):
            path = f"/v1/{self.location}/{path[4:]}"
        return self.base_url + path

    # -- requests -----------------------------------------------------------

    def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        form: Mapping[str, Any] | None = None,
        json: Any = None,
        scoped: bool = False,
        idempotent: bool | None = None,
        empty_ok: bool = False,
    ) -> Any:
        """Send one API request and return its parsed JSON (None for an empty body).

        ``empty_ok=True`` marks endpoints the reference documents as answering
        204 or an empty body (most deletes): there an empty answer is success.
        """
        method = method.upper()
        url = self.url_for(path, scoped=scoped)
        headers = {"apikey": self.api_key} if self.api_key else {}
        kwargs: dict[str, Any] = {"params": _clean_params(params), "headers": headers}
        if form is not None:
            kwargs["data"] = encode_form(form)
        elif json is not None:
            kwargs["json"] = json
        request = self._http.build_request(method, url, **kwargs)
        if self.dry_run and method not in ("GET", "HEAD"):
            raise DryRun(self._describe(request))
        safe = method in ("GET", "HEAD") if idempotent is None else idempotent
        return self._send(request, attempts=self.max_attempts if safe else 1)

    def _send(self, request: httpx.Request, *, attempts: int) -> Any:
        for attempt in range(1, attempts + 1):
            self._trace_request(request, attempt)
            try:
                response = self._http.send(request)
            except httpx.TimeoutException as exc:
                if attempt < attempts and isinstance(exc, httpx.ConnectTimeout):
                    self._pause(attempt, None)
                    continue
                raise NetworkError(
                    f"no answer from {self._where(request)} within {self.timeout:g} s",
                    hint="check the network, or raise --timeout",
                ) from None
            except httpx.TransportError as exc:
                if attempt < attempts and isinstance(exc, _RETRYABLE_TRANSPORT):
                    self._trace(f"* {type(exc).__name__}: {exc}; retrying")
                    self._pause(attempt, None)
                    continue
                raise NetworkError(
                    f"cannot reach {self._where(request)}: {self._redact(str(exc)) or type(exc).__name__}",
                    hint="check the address (--api-url) and your network",
                ) from None
            self._trace_response(response)
            if response.status_code in RETRY_STATUSES and attempt < attempts:
                self._pause(attempt, response.headers.get("Retry-After"))
                continue
            return self._handle(response)
        raise AssertionError("unreachable")  # pragma: no cover

    def _pause(self, attempt: int, retry_after: str | None) -> None:
        delay = retry_after_seconds(retry_after)
        if delay is None:
            # Capped exponential backoff with full jitter (0.5 s, 1 s, 2 s ... at most 8 s).
            delay = random.uniform(0, min(8.0, 0.5 * 2 ** (attempt - 1))) + 0.1
        self._trace(f"* waiting {delay:.1f} s before attempt {attempt + 1}")
        self.sleep(delay)

    # -- responses ----------------------------------------------------------

    def _handle(self, response: httpx.Response) -> Any:
        body = parse_body(response)
        status = response.status_code
        if status < 400 and not is_error_body(body):
            return body
        rid = response.headers.get(CORRELATION_HEADER)
        text = self._redact(error_text(body) or status_text(response))
        if status in (401, 403):
            hint = "run 'idcctl auth login' or set IDCCTL_API_KEY"
            if status == 403:
                hint = "check the key is valid and allowed to do this; 'idcctl auth login' stores a new one"
            raise AuthError(text, status=status, request_id=rid, hint=hint)
        if status == 404 and text.lower().strip(". ") == _NO_ROUTE:
            if self.location and f"/v1/{self.location}/" in response.request.url.path:
                raise NotFoundError(
                    f"unknown location '{self.location}'", status=status, request_id=rid,
                    hint="'idcctl location list' shows the valid slugs",
                )
            raise NotFoundError(f"the API has no such endpoint: {response.request.method} "
                                f"{response.request.url.path}", status=status, request_id=rid)
        if status == 404 or _NOT_FOUND.search(text):
            raise NotFoundError(text, status=status, request_id=rid)
        raise ApiError(text, status=status, request_id=rid)

    # -- tracing and redaction ---------------------------------------------

    def _redact(self, text: str) -> str:
        if self.api_key and len(self.api_key) >= 4:
            text = text.replace(self.api_key, "***")
        return text

    def _trace(self, line: str) -> None:
        if self.trace is not None:
            self.trace(self._redact(line))

    def _where(self, request: httpx.Request) -> str:
        return f"{request.url.scheme}://{request.url.netloc.decode()}"

    def _trace_request(self, request: httpx.Request, attempt: int) -> None:
        if self.trace is None:
            return
        suffix = f" (attempt {attempt})" if attempt > 1 else ""
        self._trace(f"> {request.method} {request.url}{suffix}")
        for name, value in request.headers.items():
            self._trace(f"> {name}: {'***' if name.lower() == 'apikey' else value}")
        if request.content:
            self._trace(f"> {masked_body(request)}")

    def _trace_response(self, response: httpx.Response) -> None:
        if self.trace is None:
            return
        self._trace(f"< {response.status_code} {response.reason_phrase}")
        for name, value in response.headers.items():
            self._trace(f"< {name}: {value}")
        if response.content:
            self._trace(f"< {masked_response_text(response)}")

    def _describe(self, request: httpx.Request) -> dict[str, Any]:
        headers = {k: ("***" if k.lower() == "apikey" else v) for k, v in request.headers.items()
                   if k.lower() in ("apikey", "content-type")}
        body = masked_body(request) if request.content else None
        return {"method": request.method, "url": str(request.url), "headers": headers,
                "body": self._redact(body) if body else None}
