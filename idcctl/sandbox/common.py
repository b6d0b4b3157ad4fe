"""Shared plumbing for the sandbox handlers: errors, the request object, parameter parsing.

Handlers raise `ApiError` instead of building error responses themselves, so every
failure leaves the server in one of the few shapes the real API uses:
`{"errors": {"Error": ...}}`, field errors `{"errors": {field: ...}}` and
`{"message": ...}`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover - typing only
    from idcctl.sandbox.state import State

NO_ROUTE = {"message": "no route and no API found"}
# Every answer says which sandbox gave it (``pid=N uid=U detached=yes|no``), so `idcctl sandbox
# status|stop` can name one that another HOME, config or user started.
IDENTITY_HEADER = "X-Idcctl-Sandbox"
MISSING = "Missing data for required field."

# Handlers return this to answer 200 with an empty body (Delete Floating IP does).
EMPTY = object()


@dataclass(frozen=True)
class Answer:
    """A success other than 200: ``Answer(201, data)`` (Create SSH Key), ``Answer(204)`` (no body)."""

    status: int
    body: Any = EMPTY

_TRUE = {"true", "1", "yes", "on"}
_FALSE = {"false", "0", "no", "off", ""}


class ApiError(Exception):
    """An HTTP error answer; raised anywhere below the dispatcher."""

    def __init__(self, status: int, body: dict[str, Any]):
        super().__init__(body)
        self.status = status
        self.body = body


def error(message: str, status: int = 400) -> ApiError:
    """General failure in the API's `{"errors": {"Error": ...}}` shape."""
    return ApiError(status, {"errors": {"Error": message}})


def field_errors(errors: dict[str, str]) -> ApiError:
    """Validation failure naming the offending form fields."""
    return ApiError(400, {"errors": dict(errors)})


def no_such(thing: str, ident: Any) -> ApiError:
    """The real API answers "not found" with HTTP 400 and this wording."""
    return error(f"No such {thing} exists. {ident}")


def no_route() -> ApiError:
    return ApiError(404, dict(NO_ROUTE))


@dataclass
class Request:
    """What a handler needs: state, the resolved location, merged parameters."""

    state: "State"
    location: str
    method: str
    params: dict[str, Any]
    path_args: dict[str, str] = field(default_factory=dict)

    def has(self, name: str) -> bool:
        return name in self.params

    def text(self, name: str, default: str | None = None) -> str | None:
        value = self.params.get(name, default)
        return value if value is None else str(value)

    def required(self, name: str) -> str:
        value = self.params.get(name)
        if value is None or str(value).strip() == "":
            raise field_errors({name: MISSING})
        return str(value)

    def required_integer(self, name: str) -> int:
        value = self.integer(name)
        if value is None:
            raise field_errors({name: MISSING})
        return value

    def integer(self, name: str, default: int | None = None) -> int | None:
        """Whole number field; absent or blank means `default`."""
        value = self.params.get(name)
        if value is None or (isinstance(value, str) and value.strip() == ""):
            return default
        parsed = parse_int(value)
        if parsed is None:
            raise field_errors({name: "Not a valid integer."})
        return parsed

    def boolean(self, name: str, default: bool) -> bool:
        """Boolean field; the API's form examples write True/False."""
        if name not in self.params:
            return default
        parsed = parse_bool(self.params[name])
        if parsed is None:
            raise field_errors({name: "Not a valid boolean."})
        return parsed


def parse_int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and re.fullmatch(r"\s*[-+]?\d+\s*", value):
        return int(value)
    return None


def parse_bool(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return bool(value)
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    return None


def now_str() -> str:
    """Timestamp in the API's usual `YYYY-MM-DD HH:MM:SS` shape (UTC)."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S")


def now_str_micro() -> str:
    """Disk and replica timestamps carry microseconds in the reference."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f")


def now_iso_ms() -> str:
    """Block and object storage timestamps: ISO with milliseconds and +0000, as in the reference."""
    now = datetime.now(timezone.utc)
    return now.strftime("%Y-%m-%dT%H:%M:%S.") + f"{now.microsecond // 1000:03d}+0000"
