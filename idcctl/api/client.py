"""The one place that speaks HTTP to the idcloudhost API.

`Client.request()` builds every URL (adding the ``/v1/SLUG/`` location
prefix for location-scoped endpoints), sends the ``apikey`` header, retries
what is safe to repeat, and turns every error answer into a typed
exception from `idcctl.errors`. It never prints: the debug trace goes to a
callable the caller supplies, with the API key replaced by ``***``.

Retry policy: only requests that are safe to repeat (GET, or a call the SDK
marks ``idempotent=True``) are retried, on connection failures, 429, 500,
502, 503 and 504, at most ``max_attempts`` times, with capped exponential
backoff and full jitter, honouring ``Retry-After``; all waits of one
request together stay within ``timeout`` (a longer Retry-After ends the
request with the API's answer instead). A POST that creates something is
never retried: a duplicate VM costs the operator money. When a write was
sent and no answer came, the NetworkError's reason is ``unknown_outcome``:
the change may have happened, and the caller should look before retrying.
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
    refuse_redirect,
    retry_after_seconds,
    status_text,
    success_body,
)
from idcctl.errors import ApiError, AuthError, DryRun, NetworkError, NotFoundError, Reason

DEFAULT_BASE_URL = "https://api.idcloudhost.com"
# VM create/start/stop/clone/reinstall block for 30 s or more before answering.
DEFAULT_TIMEOUT = 120.0
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
CORRELATION_HEADER = "X-Warren-Correlation-Id"
_RETRYABLE_TRANSPORT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.ReadError,
                        httpx.RemoteProtocolError, httpx.WriteError)
# Failures after which the request (or part of it) had left: a write may have happened.
_SENT = (httpx.ReadError, httpx.ReadTimeout, httpx.RemoteProtocolError, httpx.WriteError,
         httpx.WriteTimeout)
# 100,000 VMs answer about 72 MB: room for the biggest accounts, not for an endless stream.
MAX_BODY = 512 * 2**20
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


def _facts(request: httpx.Request) -> dict[str, str]:
    """What every error of a request says about it: its method and path (as sent)."""
    return {"method": request.method, "path": request.url.path}


class _Overtime(Exception):
    """The answer was still arriving when --timeout ran out (a server dripping its body)."""


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
        notice: Callable[[str], None] | None = None,
        clock: Callable[[], float] = time.monotonic,
        max_body: int = MAX_BODY,
        _http: httpx.Client | None = None,
        _pending: list[tuple[str, str]] | None = None,
    ) -> None:
        self.api_key = api_key
        self.base_url = base_url.rstrip("/")
        self.location = location
        self.timeout = timeout
        self.trace = trace
        self.dry_run = dry_run
        self.sleep = sleep
        self.max_attempts = max(1, max_attempts)
        self.notice = notice  # announces waits longer than a second (the CLI: on stderr)
        self.clock = clock
        self.max_body = max_body
        self._waited = 0.0
        # Writes sent and not yet answered, shared with with_location() copies: an interrupt
        # now means the change may have happened (see pending_write).
        self._pending = [] if _pending is None else _pending
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
            max_attempts=self.max_attempts, notice=self.notice, clock=self.clock,
            max_body=self.max_body, _http=self._http, _pending=self._pending,
        )

    @property
    def pending_write(self) -> tuple[str, str] | None:
        """(method, path) of a write sent and not yet answered, else None.

        Read it after an interrupt (KeyboardInterrupt): such a write may have happened.
        """
        return self._pending[-1] if self._pending else None

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
        204 or an empty body; every DELETE is one (the reference's known quirks:
        several deletes answer 204 or an empty 200 even where an example shows
        a body), so there an empty answer is success;
        elsewhere an empty 2xx answer (204 aside) is an ApiError, and so is a
        2xx answer that is not JSON (a captive portal's HTML page). A 3xx is
        never followed and never success. ``self.timeout`` bounds each attempt
        whole, body included, and the waits between attempts together.
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
        return self._send(request, attempts=self.max_attempts if safe else 1,
                          empty_ok=empty_ok or method == "DELETE")

    def _send(self, request: httpx.Request, *, attempts: int, empty_ok: bool) -> Any:
        mutating = request.method not in ("GET", "HEAD")
        self._waited = 0.0
        for attempt in range(1, attempts + 1):
            self._trace_request(request, attempt)
            try:
                response = self._tracked(request, mutating)
            except (httpx.TimeoutException, _Overtime) as exc:
                sent = not isinstance(exc, (httpx.ConnectTimeout, httpx.PoolTimeout))
                if not sent and attempt < attempts and self._pause(attempt, None, "connection timed out"):
                    continue
                if sent and mutating:
                    raise self._no_answer(request) from None
                raise NetworkError(f"no answer from {self._where(request)} within {self.timeout:g} s",
                                   reason=Reason.TIMEOUT, timeout=self.timeout,
                                   **_facts(request)) from None
            except httpx.TransportError as exc:
                sent = isinstance(exc, _SENT)
                if (attempt < attempts and isinstance(exc, _RETRYABLE_TRANSPORT)
                        and self._pause(attempt, None, "connection failed")):
                    self._trace(f"* {type(exc).__name__}: {exc}; retried")
                    continue
                if sent and mutating:
                    raise self._no_answer(request) from None
                if sent:
                    raise NetworkError(
                        f"the connection to {self._where(request)} broke before the answer was complete",
                        reason=Reason.CONNECTION_BROKE, **_facts(request)) from None
                raise NetworkError(
                    f"cannot reach {self._where(request)}: {self._redact(str(exc)) or type(exc).__name__}",
                    reason=Reason.UNREACHABLE, **_facts(request)) from None
            self._trace_response(response)
            if (response.status_code in RETRY_STATUSES and attempt < attempts
                    and self._pause(attempt, response.headers.get("Retry-After"),
                                    str(response.status_code))):
                continue
            return self._handle(response, empty_ok=empty_ok)
        raise AssertionError("unreachable")  # pragma: no cover

    @staticmethod
    def _no_answer(request: httpx.Request) -> NetworkError:
        return NetworkError("the request was sent but no answer came", reason=Reason.UNKNOWN_OUTCOME,
                            **_facts(request))

    def _tracked(self, request: httpx.Request, mutating: bool) -> httpx.Response:
        """`_receive`, remembering a write while it is on its way; an interrupt leaves it noted."""
        if not mutating:
            return self._receive(request)
        self._pending.append((request.method, request.url.path))
        try:
            response = self._receive(request)
        except Exception:
            self._pending.pop()
            raise
        self._pending.pop()
        return response

    def _receive(self, request: httpx.Request) -> httpx.Response:
        """Send and read the whole answer within --timeout, body included, at most max_body bytes."""
        deadline = self.clock() + self.timeout
        request.extensions["timeout"] = httpx.Timeout(
            self.timeout, connect=min(self.timeout, 15.0)).as_dict()
        response = self._http.send(request, stream=True)
        try:
            declared = response.headers.get("Content-Length", "")
            announced = int(declared) if declared.isdigit() else 0
            chunks, size = [], 0
            for chunk in [b""] if announced > self.max_body else response.iter_bytes():
                size += len(chunk)
                if max(size, announced) > self.max_body:  # announced or read: not read further
                    raise ApiError(f"the answer is larger than {self.max_body // 2**20} MiB; "
                                   "not reading the rest", status=response.status_code,
                                   reason=Reason.TOO_LARGE, **_facts(request))
                chunks.append(chunk)
                if self.clock() > deadline:
                    raise _Overtime()
        finally:
            response.close()
        headers = [(k, v) for k, v in response.headers.multi_items()
                   if k.lower() not in ("content-encoding", "content-length", "transfer-encoding")]
        return httpx.Response(response.status_code, headers=headers, content=b"".join(chunks),
                              request=request,
                              extensions={"reason_phrase": response.reason_phrase.encode()})

    def _pause(self, attempt: int, retry_after: str | None, reason: str) -> bool:
        """Wait before the next attempt; False when the wait would break the budget (--timeout)."""
        delay = retry_after_seconds(retry_after, cap=None)
        if delay is None:
            # Capped exponential backoff with full jitter (0.5 s, 1 s, 2 s ... at most 8 s).
            delay = random.uniform(0, min(8.0, 0.5 * 2 ** (attempt - 1))) + 0.1
        if self._waited + delay > self.timeout:
            self._trace(f"* not retrying: a {delay:.1f} s wait would exceed the {self.timeout:g} s budget")
            return False
        self._trace(f"* waiting {delay:.1f} s before attempt {attempt + 1}")
        if delay > 1 and self.notice is not None:
            self.notice(f"{reason}, retrying in {delay:.0f} s" if delay >= 2
                        else f"{reason}, retrying in {delay:.1f} s")
        self._waited += delay
        self.sleep(delay)
        return True

    # -- responses ----------------------------------------------------------

    def _handle(self, response: httpx.Response, *, empty_ok: bool = False) -> Any:
        status = response.status_code
        if 300 <= status < 400:
            refuse_redirect(response)
        if status < 300:
            body = success_body(response, empty_ok=empty_ok)
            if not is_error_body(body):
                return body
        else:
            body = parse_body(response)
        request = response.request
        facts: dict[str, Any] = {"status": status, "request_id": response.headers.get(CORRELATION_HEADER),
                                 **_facts(request)}
        text = self._redact(error_text(body) or status_text(response))
        if status in (401, 403):
            raise AuthError(text, **facts)
        if status == 404 and text.lower().strip(". ") == _NO_ROUTE:
            if self.location and f"/v1/{self.location}/" in request.url.path:
                raise NotFoundError(f"unknown location '{self.location}'",
                                    reason=Reason.UNKNOWN_LOCATION, **facts)
            raise NotFoundError(f"the API has no such endpoint: {request.method} {request.url.path}",
                                reason=Reason.NO_ENDPOINT, **facts)
        if status == 404 or _NOT_FOUND.search(text):
            raise NotFoundError(text, **facts)
        retry_after = retry_after_seconds(response.headers.get("Retry-After"), cap=None)
        if status in RETRY_STATUSES and retry_after:
            raise ApiError(text, reason=Reason.RETRY_AFTER_TOO_LONG, retry_after=retry_after,
                           timeout=self.timeout, **facts)
        raise ApiError(text, retry_after=retry_after, **facts)

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
