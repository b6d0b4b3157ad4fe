"""The exception tree of idcctl and its SDK; each class carries the exit code of the contract.

    IdcctlError (1)
    ├── RequestError            a request to the API did not succeed (never raised itself)
    │   ├── ApiError (1)        the API answered, with an error or with something that is no answer
    │   │   ├── AuthError (3)   401/403, or no key at all
    │   │   └── NotFoundError (4)  404, 400 "No such ... exists", a name resolving to nothing
    │   ├── NetworkError (5)    connection refused, DNS failure, timeout, no (complete) answer
    │   └── InvalidRequest (2)  cannot be sent as asked (a URL over 8 KB, control characters): nothing sent
    ├── UsageError (2)          bad input or a refused confirmation: nothing was sent
    ├── ConfigError (2)         unreadable or corrupt config file
    ├── WaitTimeout (6)         --wait gave up
    └── Aborted (1)             the operator declined a confirmation

The SDK (`idcctl.api`) raises the `RequestError` branch with facts only:
the message, the HTTP status and correlation id, and a machine-readable
`reason` (one of `Reason`) with the request's method and path. It never
words advice for a command line: `hint` stays None on everything it raises,
and the CLI adds its hints at its boundary (`idcctl.shell.hints`). The
CLI's own errors may carry a `hint` directly.

Only `idcctl.__main__.run()` turns these into a message and an exit code;
nothing below it calls sys.exit. Stdlib only: TAB and help import it early.
"""

from __future__ import annotations


class Reason:
    """Why a request failed when it is not simply the API's error answer (`error.reason`).

    Plain strings, stable across releases; None on an error answer of the
    API itself (its status and message say what is wrong).
    """

    TIMEOUT = "timeout"  # NetworkError: no (complete) answer within the client's timeout
    UNREACHABLE = "unreachable"  # NetworkError: no connection (refused, DNS, TLS)
    CONNECTION_BROKE = "connection_broke"  # NetworkError: a read's answer was cut off
    UNKNOWN_OUTCOME = "unknown_outcome"  # NetworkError: a write was sent, no answer: it may have happened
    REDIRECT = "redirect"  # ApiError: a 3xx, which is never followed (the key stays with base_url)
    NOT_JSON = "not_json"  # ApiError: a 2xx answer that is not JSON (a captive portal's page)
    EMPTY_ANSWER = "empty_answer"  # ApiError: a 2xx without a body where data was expected
    TOO_LARGE = "too_large"  # ApiError: the answer is larger than the client's max_body
    UNKNOWN_LOCATION = "unknown_location"  # NotFoundError: the client's location does not exist
    NO_ENDPOINT = "no_endpoint"  # NotFoundError: the API has no such path
    RETRY_AFTER_TOO_LONG = "retry_after_too_long"  # ApiError: a 429/5xx asking a wait beyond the time left
    TOO_DEEP = "too_deep"  # ApiError: an answer nested deeper than any answer of the API
    URL_TOO_LONG = "url_too_long"  # InvalidRequest: the URL would be longer than servers accept
    BAD_REQUEST = "bad_request"  # InvalidRequest: a URL or body that cannot be encoded (control characters, inf)


class IdcctlError(Exception):
    exit_code = 1
    hint: str | None = None  # advice for the operator, set by the CLI only

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if hint is not None:
            self.hint = hint

    def __str__(self) -> str:
        return self.message


class RequestError(IdcctlError):
    """A request that did not succeed: what was asked (`method`, `path`) and why (`reason`).

    `path` is the URL path as sent (with the location prefix); `timeout` is
    the client's budget in seconds, set where it explains the failure
    (`Reason.TIMEOUT`, `Reason.RETRY_AFTER_TOO_LONG`). `attempts` is how many
    attempts were made, and `gave_up` why no further one was: ``"attempts"``
    (all the retry policy allows were made) or ``"time"`` (the next wait did
    not fit in what was left of the timeout); None when the request was not
    one to retry, or its failure not one retrying helps.
    """

    def __init__(self, message: str, *, reason: str | None = None, method: str | None = None,
                 path: str | None = None, timeout: float | None = None, hint: str | None = None,
                 attempts: int | None = None, gave_up: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.reason = reason
        self.method = method
        self.path = path
        self.timeout = timeout
        self.attempts = attempts
        self.gave_up = gave_up


class ApiError(RequestError):
    """An error answer from the API, with its HTTP status and correlation id.

    `retry_after` is the wait in seconds the API asked for (Retry-After), when it asked.
    """

    def __init__(self, message: str, *, status: int | None = None, request_id: str | None = None,
                 retry_after: float | None = None, reason: str | None = None, method: str | None = None,
                 path: str | None = None, timeout: float | None = None, hint: str | None = None,
                 attempts: int | None = None, gave_up: str | None = None) -> None:
        super().__init__(message, reason=reason, method=method, path=path, timeout=timeout, hint=hint,
                         attempts=attempts, gave_up=gave_up)
        self.status = status
        self.request_id = request_id
        self.retry_after = retry_after

    def __str__(self) -> str:
        extra = []
        if self.status is not None:
            extra.append(f"HTTP {self.status}")
        if self.request_id:
            extra.append(f"correlation id {self.request_id}")
        return f"{self.message} ({', '.join(extra)})" if extra else self.message


class AuthError(ApiError):
    exit_code = 3


class NotFoundError(ApiError):
    exit_code = 4


class NetworkError(RequestError):
    exit_code = 5


class InvalidRequest(RequestError, ValueError):
    """A request that cannot be sent as asked; nothing was sent (also a ValueError, as SDK bad arguments are)."""

    exit_code = 2


class UsageError(IdcctlError):
    exit_code = 2


class ConfigError(IdcctlError):
    exit_code = 2


class WaitTimeout(IdcctlError):
    exit_code = 6


class Aborted(IdcctlError):
    exit_code = 1


class DryRun(Exception):
    """Raised instead of sending a write (or writing the config) under --dry-run.

    Not an error: main() prints the request description and exits 0. The
    CLI raises it from the client's `before_send` hook (`idcctl.shell.state`);
    the SDK itself never does.
    """

    def __init__(self, request: dict, more: list[dict] | None = None) -> None:
        super().__init__(request.get("method", ""))
        self.request = request
        self.requests = [request, *(more or [])]  # a command acting on several targets: each request

    @classmethod
    def of(cls, requests: list[dict]) -> DryRun:
        return cls(requests[0], requests[1:])
