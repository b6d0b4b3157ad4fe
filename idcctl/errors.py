"""The exception tree of idcctl; each class carries the exit code of the contract.

    IdcctlError (1)
    ├── ApiError (1)            the API answered with an error
    │   ├── AuthError (3)       401/403, or no key at all
    │   └── NotFoundError (4)   404, 400 "No such ... exists", a name resolving to nothing
    ├── UsageError (2)          bad input or a refused confirmation: nothing was sent
    ├── ConfigError (2)         unreadable or corrupt config file
    ├── NetworkError (5)        connection refused, DNS failure, timeout
    ├── WaitTimeout (6)         --wait gave up
    └── Aborted (1)             the operator declined a confirmation

Only `idcctl.__main__.main()` turns these into a message and an exit code;
nothing below it calls sys.exit.
"""

from __future__ import annotations


class IdcctlError(Exception):
    exit_code = 1
    hint: str | None = None

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if hint is not None:
            self.hint = hint

    def __str__(self) -> str:
        return self.message


class ApiError(IdcctlError):
    """An error answer from the API, with its HTTP status and correlation id."""

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        request_id: str | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message, hint=hint)
        self.status = status
        self.request_id = request_id

    def __str__(self) -> str:
        extra = []
        if self.status is not None:
            extra.append(f"HTTP {self.status}")
        if self.request_id:
            extra.append(f"correlation id {self.request_id}")
        return f"{self.message} ({', '.join(extra)})" if extra else self.message


class AuthError(ApiError):
    exit_code = 3
    hint = "run 'idcctl auth login' or set IDCCTL_API_KEY"


class NotFoundError(ApiError):
    exit_code = 4


class UsageError(IdcctlError):
    exit_code = 2


class ConfigError(IdcctlError):
    exit_code = 2


class NetworkError(IdcctlError):
    exit_code = 5


class WaitTimeout(IdcctlError):
    exit_code = 6


class Aborted(IdcctlError):
    exit_code = 1


class DryRun(Exception):
    """Raised by the client instead of sending a mutating request under --dry-run.

    Not an error: main() prints the request description and exits 0.
    """

    def __init__(self, request: dict) -> None:
        super().__init__(request.get("method", ""))
        self.request = request
