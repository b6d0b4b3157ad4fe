"""The one place that speaks HTTP to the idcloudhost API.

`Client.request()` builds every URL (adding the ``/v1/SLUG/`` location
prefix to the paths `idcctl.resources.LOCATION_SCOPED` names: the one place
that decides, for SDK calls and raw requests alike), sends the ``apikey`` header, retries
what is safe to repeat, and turns every failure into a typed exception from
`idcctl.errors` carrying facts (status, correlation id, ``reason``, method,
path), never advice for a command line. It never prints: what a program
wants to see or change (the debug trace, retry waits, a last look before
sending, the clock) comes in through one `ClientHooks`; the API key is
``***`` in all of it.

Retry policy: only requests that are safe to repeat (GET, or a call the SDK
marks ``idempotent=True``) are retried, on connection failures, 429, 500,
502, 503 and 504, at most ``max_retries`` times, with capped exponential
backoff and full jitter, honouring ``Retry-After``. ``timeout`` is one
deadline for the whole request: every attempt (connect, status line,
headers, body: `idcctl.api.deadline`) and the waits between them share it,
and a wait that would not fit in what is left ends the request with the
API's answer instead; the error says whether the time or the attempts ran
out (``gave_up``). A POST that creates something is
never retried: a duplicate VM costs the operator money. When a write was
sent and no answer came, the NetworkError's reason is ``unknown_outcome``:
the change may have happened, and the caller should look before retrying.
"""

from __future__ import annotations

import copy
import random
from collections.abc import Iterable, Mapping
from typing import Any

from idcctl import __version__
from idcctl.api import deadline, failures, redact
from idcctl.api._httpx import httpx
from idcctl.api.hooks import Answered, ClientHooks, RetryWait
from idcctl.api.responses import RETRY_STATUSES, answer_of, retry_after_seconds
from idcctl.api.sections import Sections
from idcctl.errors import ApiError, InvalidRequest, Reason
from idcctl.resources import is_slug, location_scoped

DEFAULT_BASE_URL = "https://api.idcloudhost.com"
# VM create/start/stop/clone/reinstall block for 30 s or more before answering.
DEFAULT_TIMEOUT = 120.0
# 100,000 VMs answer about 72 MB: room for the biggest accounts, not for an endless stream.
MAX_BODY = 512 * 2**20
# Servers and proxies commonly refuse longer request lines (414); the API's own URLs are short.
MAX_URL = 8192


def encode_form(form: Mapping[str, Any]) -> dict[str, Any]:
    """Form (and query) values as the live API takes them: booleans true/false, None left out.

    The reference's tables write ``True``/``False``; its curl examples and
    the clients tested against the live API send lowercase. A list or tuple
    is a repeated field (``public_keys``: one value per key), sent as
    ``k=a&k=b``; an empty one is left out like None.
    """
    out: dict[str, Any] = {}
    for key, value in form.items():
        if isinstance(value, (list, tuple)):
            if value:
                out[key] = [_form_value(v) for v in value]
        elif value is not None:
            out[key] = _form_value(value)
    return out


def _form_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _clean_params(params: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if not params:
        return None
    cleaned = encode_form(params)
    return cleaned or None


class Client(Sections):
    """A client of the idcloudhost API. Share one (and its connection pool) per process.

    api_key: sent as the ``apikey`` header (None sends none: the API answers 401).
    location: the slug (``bus02``...) location-scoped endpoints go to, as
        ``/v1/SLUG/...``; None: the account's default location.
    base_url: the API's address. Redirects are never followed, so the key
        goes to this host only.
    timeout: seconds for the whole request: all its attempts, each answer
        whole (status line, headers, body), and the waits between them.
    max_retries: how often a request that is safe to repeat is tried again.
    max_body: the largest answer read, in bytes; a larger one is an ApiError.
    transport: an ``httpx`` transport to send through (``httpx.MockTransport``
        in tests, a proxy set-up).
    hooks: a `ClientHooks`: trace, retry-wait callback, a look before
        sending, a report of each successful answer, sleep and clock.

    The API's sections are namespaces (`Sections`): ``client.vms.list()``,
    ``client.disks.get(uuid)``, ``client.account.list_tokens()`` ...
    """

    def __init__(self, api_key: str | None, *, location: str | None = None,
                 base_url: str = DEFAULT_BASE_URL, timeout: float = DEFAULT_TIMEOUT, max_retries: int = 2,
                 max_body: int = MAX_BODY, transport: httpx.BaseTransport | None = None,
                 hooks: ClientHooks | None = None) -> None:
        self._api_key = api_key
        self.base_url = base_url.rstrip("/")
        self.location = location
        self.timeout = timeout
        self.max_retries = max(0, max_retries)
        self.max_body = max_body
        self.hooks = hooks or ClientHooks()
        # Writes sent and not yet answered, shared with with_location() copies: an interrupt
        # now means the change may have happened (see pending_write).
        self._pending: list[tuple[str, str]] = []
        # Plain http (the sandbox) never uses TLS: skip loading the CA bundle (~15 ms).
        verify = not self.base_url.startswith("http://")
        limits = httpx.Limits(max_connections=16, max_keepalive_connections=16)
        self._http = httpx.Client(
            timeout=httpx.Timeout(timeout, connect=min(timeout, 15.0)),
            transport=transport or deadline.transport(verify=verify, limits=limits),
            verify=verify,
            headers={"User-Agent": f"idcctl/{__version__}", "Accept": "application/json"},
            limits=limits,
        )

    def with_location(self, location: str | None) -> Client:
        """The same client aimed at another location: one connection pool, hooks and pending writes."""
        twin = copy.copy(self)  # shallow on purpose: the pool and the pending list are shared
        twin.location = location
        return twin

    @property
    def pending_write(self) -> tuple[str, str] | None:
        """(method, path) of a write sent and not yet answered, else None.

        Read it after an interrupt (KeyboardInterrupt): such a write may have happened.
        """
        return self._pending[-1] if self._pending else None

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Client(base_url={self.base_url!r}, location={self.location!r})"

    # -- URLs ---------------------------------------------------------------

    def url_for(self, path: str) -> str:
        """Full URL of an API path such as ``/v1/user-resource/vm``.

        With a location, a location-scoped path (`scoped`) gets its slug right after ``/v1``.
        """
        path = "/" + path.lstrip("/")
        if self.location and self.scoped(path):
            path = f"/v1/{self.location}/{path[4:]}"
        return self.base_url + path

    @staticmethod
    def scoped(path: str) -> bool:
        """Whether ``/v1/...`` `path` is location-scoped (`idcctl.resources.LOCATION_SCOPED`)."""
        return path.startswith("/v1/") and location_scoped(path[3:])

    # -- requests -----------------------------------------------------------

    def request(self, method: str, path: str, *, params: Mapping[str, Any] | None = None,
                form: Mapping[str, Any] | None = None, json: Any = None, scoped: bool | None = None,
                idempotent: bool | None = None, empty_ok: bool = False) -> Any:
        """Send one API request and return its parsed JSON (None for an empty body).

        Whether the path goes to the client's location is the table's
        decision (`scoped`); ``scoped=True/False``, still accepted from
        callers written before the table, must agree with it (ValueError).

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
        if scoped is not None and scoped != self.scoped("/" + path.lstrip("/")):
            raise ValueError(f"{path} is {'not ' if scoped else ''}location-scoped: "
                             "idcctl.resources.LOCATION_SCOPED decides")
        if self.location and self.scoped("/" + path.lstrip("/")) and not is_slug(self.location):
            # The slug goes into the URL's path: a hostile one (from a cache, an answer) is refused.
            raise InvalidRequest(f"'{self.location[:40]}' is not a location slug", reason=Reason.BAD_REQUEST,
                                 method=method, path=path)
        headers = {"apikey": self._api_key} if self._api_key else {}
        kwargs: dict[str, Any] = {"params": _clean_params(params), "headers": headers}
        if form is not None:
            kwargs["data"] = encode_form(form)
        elif json is not None:
            kwargs["json"] = json
        request = self._build(method, self.url_for(path), kwargs)
        if self.hooks.before_send is not None:
            self.hooks.before_send(redact.describe(request, self._api_key))
        safe = method in ("GET", "HEAD") if idempotent is None else idempotent
        return self._send(request, attempts=1 + self.max_retries if safe else 1,
                          empty_ok=empty_ok or method == "DELETE")

    def _build(self, method: str, url: str, kwargs: dict[str, Any]) -> httpx.Request:
        """The request, or InvalidRequest (nothing sent) for one that cannot be sent as asked."""
        where = {"method": method, "path": url[len(self.base_url):].split("?")[0][:200]}
        params = kwargs.get("params") or {}
        if len(url) + sum(len(k) + len(str(v)) + 2 for k, v in params.items()) > MAX_URL:  # httpx's own limit is 64 KB
            raise InvalidRequest(f"the request's URL would be longer than the {MAX_URL} characters servers "
                                 "accept", reason=Reason.URL_TOO_LONG, **where)
        try:
            request = self._http.build_request(method, url, **kwargs)
        except (httpx.InvalidURL, ValueError) as exc:  # control characters, a part too long, inf in JSON
            raise InvalidRequest(f"the request cannot be sent: {self._redact(str(exc))}",
                                 reason=Reason.BAD_REQUEST, **where) from None
        if len(str(request.url)) > MAX_URL:  # percent-encoding made it so
            raise InvalidRequest(f"the request's URL would be longer than the {MAX_URL} characters servers "
                                 "accept", reason=Reason.URL_TOO_LONG, **where)
        return request

    def _send(self, request: httpx.Request, *, attempts: int, empty_ok: bool) -> Any:
        mutating = request.method not in ("GET", "HEAD")
        until = self.hooks.clock() + self.timeout  # one deadline for every attempt and wait
        for attempt in range(1, attempts + 1):
            self._trace(redact.request_lines(request, attempt))
            try:
                response = self._tracked(request, mutating, until)
            except (httpx.TransportError, failures.Overtime) as exc:
                reason, sent, retryable = failures.classify(exc)
                retry = retryable and attempts > 1
                delay = self._pause(attempt, until, None, reason=reason) if retry and attempt < attempts else None
                if delay is None:
                    gave_up = ("attempts" if attempt == attempts else "time") if retry else None
                    raise failures.network_error(exc, request, reason, lost_write=sent and mutating,
                                                 timeout=self.timeout, redact=self._redact, attempts=attempt,
                                                 gave_up=gave_up) from None
                if reason != Reason.TIMEOUT:
                    self._trace([f"* {type(exc).__name__}: {exc}; retried"])
                continue
            self._trace(redact.response_lines(response))
            gave_up = None
            if response.status_code in RETRY_STATUSES and attempts > 1:
                gave_up = "attempts"
                if attempt < attempts:
                    if self._pause(attempt, until, response.headers.get("Retry-After"),
                                   status=response.status_code) is not None:
                        continue
                    gave_up = "time"
            data = answer_of(response, empty_ok=empty_ok, location=self.location, timeout=self.timeout,
                             redact=self._redact, attempts=attempt, gave_up=gave_up)
            self._answered(request, response.status_code, data)
            return data
        raise AssertionError("unreachable")  # pragma: no cover

    def _answered(self, request: httpx.Request, status: int, data: Any) -> None:
        """Report a successful answer to the after_response hook (described as for before_send)."""
        if self.hooks.after_response is not None:
            shown = redact.describe(request, self._api_key)
            self.hooks.after_response(Answered(request.method, shown["url"], shown["body"], status, data))

    def _tracked(self, request: httpx.Request, mutating: bool, until: float) -> httpx.Response:
        """`_receive`, remembering a write while it is on its way; an interrupt leaves it noted."""
        if not mutating:
            return self._receive(request, until)
        entry = (request.method, request.url.path)
        self._pending.append(entry)
        try:
            response = self._receive(request, until)
        except Exception:
            self._pending.remove(entry)
            raise
        self._pending.remove(entry)
        return response

    def _receive(self, request: httpx.Request, until: float) -> httpx.Response:
        """Send and read the whole answer by `until`, body included, at most max_body bytes."""
        return deadline.receive(self._http, request, until, self.hooks.clock, max_body=self.max_body)

    def _pause(self, attempt: int, until: float, retry_after: str | None, *, status: int | None = None,
               reason: str | None = None) -> float | None:
        """Wait before the next attempt and return how long; None when the wait would not fit before `until`."""
        delay = retry_after_seconds(retry_after, cap=None)
        if delay is None:
            # Capped exponential backoff with full jitter (0.5 s, 1 s, 2 s ... at most 8 s).
            delay = random.uniform(0, min(8.0, 0.5 * 2 ** (attempt - 1))) + 0.1
        left = until - self.hooks.clock()
        if delay >= left:
            self._trace([f"* not retrying: a {delay:.1f} s wait would not fit in the {max(left, 0):.1f} s left "
                         f"of the {self.timeout:g} s budget"])
            return None
        self._trace([f"* waiting {delay:.1f} s before attempt {attempt + 1}"])
        if self.hooks.on_retry_wait is not None:
            self.hooks.on_retry_wait(RetryWait(delay, attempt, status, reason))
        self.hooks.sleep(delay)
        return delay

    # -- redaction ----------------------------------------------------------

    def _redact(self, text: str) -> str:
        return redact.scrub(text, self._api_key)

    def _trace(self, lines: Iterable[str]) -> None:
        """Hand trace lines to the trace hook, the key replaced (lines are only made when traced)."""
        if self.hooks.trace is not None:
            for line in lines:
                self.hooks.trace(self._redact(line))
