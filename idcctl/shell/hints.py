"""The CLI's words for what the SDK reports: error hints, what a lost write may have done, retry waits.

The SDK (`idcctl.api`) raises errors with facts only (status, message,
`reason`, method and path); the advice an operator needs (which option to
change, which command checks) is worded here, once, for the error boundary
in `idcctl.__main__` and the few commands that report an error and go on.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from idcctl.errors import ApiError, AuthError, IdcctlError, NetworkError, Reason, RequestError

if TYPE_CHECKING:
    from typing import Any

    from idcctl.api.hooks import RetryWait

LOGIN = "run 'idcctl auth login' or set IDCCTL_API_KEY"
FORBIDDEN = "check the key is valid and allowed to do this; 'idcctl auth login' stores a new one"
BY_REASON = {
    Reason.TIMEOUT: "check the network, or raise --timeout",
    Reason.UNREACHABLE: "check the address (--api-url) and your network",
    Reason.CONNECTION_BROKE: "try again; check the network or a proxy in between",
    Reason.TOO_LARGE: "check --api-url points at the API",
    Reason.REDIRECT: "check --api-url (the key is sent to that host only)",
    Reason.NOT_JSON: "a proxy or captive portal may be in the way; check --api-url",
    Reason.UNKNOWN_LOCATION: "'idcctl location list' shows the valid slugs",
    Reason.TOO_DEEP: "that is not an answer of the API; check --api-url",
    Reason.URL_TOO_LONG: "shorten the names or values given; nothing was sent",
    Reason.BAD_REQUEST: "nothing was sent",
}
# Path endings that create the thing named (POST/PUT to the collection itself).
_CREATES = ("/vm", "/clone", "/token", "/replica", "/storage", "/disks", "/bucket", "/keys", "/network",
            "/ip_addresses", "/load_balancers", "/packages", "/package", "/targets",
            "/forwarding_rules", "/firewalls", "/ssh_keys")
_SECTIONS = "user-resource|network|storage|payment|config|api|charging|pricing"
# A location slug right after /v1 (`/v1/bus02/user-resource/...`), typed or added by the client.
_LOCATION = re.compile(rf"^/v1/(?!(?:{_SECTIONS})/)[a-z0-9_-]+(?=/(?:{_SECTIONS})/)")


def message(exc: IdcctlError, subject: str | None = None) -> str:
    """The error as one line without advice; a write that got no answer says what may have happened.

    `subject` is what the command acts on as the operator typed it (a VM,
    a bucket name), for the answers that are about it (`conflict`). A
    request that was retried says how often, and whether the time (not the
    attempts) ran out.
    """
    if isinstance(exc, RequestError) and exc.reason == Reason.UNKNOWN_OUTCOME and exc.method:
        return f"{exc}; {outcome(exc.method, exc.path or '')}"
    if isinstance(exc, ApiError) and exc.status == 409:
        known = conflict(exc, subject)
        if known is not None:
            return known[0] + str(exc)[len(exc.message):]  # keeps "(HTTP 409, correlation id ...)"
    if isinstance(exc, NetworkError) and exc.attempts and exc.attempts > 1:
        if exc.gave_up == "time":
            return f"{exc} ({exc.attempts} attempts; --timeout {exc.timeout or 0:g} left no time for another)"
        return f"{exc} (all {exc.attempts} attempts)"
    return str(exc)


def conflict(exc: ApiError, subject: str | None = None) -> tuple[str, str] | None:
    """(message, advice) for a 409 the live API is known to give, else None (its own text stands).

    Bucket names are shared by every customer of the platform, and a VM busy
    with another operation (one of those that take 30 s and more) answers
    "Server is locked".
    """
    bare = _LOCATION.sub("/v1", "/" + (exc.path or "").strip("/"))
    if exc.method == "PUT" and bare == "/v1/storage/bucket":
        taken = f"{subject} is taken" if subject else "the name is taken"
        return f"bucket names are shared by all customers: {taken}", "choose another"
    if bare.startswith("/v1/user-resource/vm") and "locked" in exc.message.lower():
        vm = f"VM {subject}" if subject else "the VM"
        return f"{vm} is busy with another operation", "retry when it finishes (or use --wait)"
    return None


def hint(exc: IdcctlError) -> str | None:
    """The advice shown after the message: the error's own (raised by the CLI), else by its facts."""
    if exc.hint is not None:
        return exc.hint
    if isinstance(exc, AuthError):
        return FORBIDDEN if exc.status == 403 else LOGIN
    if not isinstance(exc, RequestError):
        return None
    if isinstance(exc, ApiError) and exc.status == 409 and (known := conflict(exc)) is not None:
        return known[1]
    if exc.reason == Reason.EMPTY_ANSWER:
        writes = exc.method not in (None, "GET", "HEAD")
        return "the change may still have been made: check before retrying" if writes else "try again later"
    if isinstance(exc, ApiError) and (exc.retry_after or exc.gave_up):
        return _retry_hint(exc)
    return BY_REASON.get(exc.reason or "")


def _retry_hint(exc: ApiError) -> str | None:
    """Why a 429/5xx ended the request: the time budget, the attempts, or a request not to repeat."""
    asks = f"the API asks to retry in {exc.retry_after:.0f} s" if exc.retry_after else ""
    if exc.gave_up == "time":
        if asks:
            return f"{asks}, longer than --timeout {exc.timeout or 0:g} allows"
        return f"another attempt would not fit in --timeout {exc.timeout or 0:g}; try again later"
    if exc.gave_up == "attempts":
        tried = f"it answered {exc.status} to all {exc.attempts} attempts"
        return f"{tried}; {asks}" if asks else f"{tried}; try again later"
    return asks or None  # a request idcctl never repeats by itself (a create, a payment)


def outcome(method: str, path: str) -> str:
    """What a write sent without an answer may have done, and the command that shows whether it did."""
    from idcctl.resources import WRITE_TARGETS

    bare = _LOCATION.sub("/v1", "/" + path.strip("/"))
    noun, check = "change", ""
    for fragment, what, command in WRITE_TARGETS:
        if fragment in bare:
            noun, check = what, command
            break
    if method == "DELETE":
        verb = "deleted"
    elif method in ("POST", "PUT") and bare.endswith(_CREATES):
        verb = "created"
    else:
        verb = "changed"
    article = "an" if noun[:1].lower() in "aeiou" else "a"
    happened = (f"the {noun} may have been {verb}" if noun != "change"
                else f"{article} change may have been made")
    where = f": check with `{check}` before retrying" if check else ": check before retrying"
    return happened + where


def command(*words: object) -> str:
    """An idcctl command line to copy and run, every word shell-quoted (names may hold spaces, quotes, $)."""
    import shlex

    return shlex.join(["idcctl", *(str(word) for word in words)])


def interrupted_write(method: str, path: str) -> str:
    """For Ctrl-C while a write was on its way: it left, so it may have happened."""
    return f"the request was already sent; {outcome(method, path)}"


def retry_notice(wait: RetryWait) -> str | None:
    """A retry wait worth announcing on stderr (over a second), else None."""
    if wait.seconds <= 1:
        return None
    if wait.status is not None:
        cause = str(wait.status)
    else:
        cause = "connection timed out" if wait.reason == Reason.TIMEOUT else "connection failed"
    return (f"{cause}, retrying in {wait.seconds:.0f} s" if wait.seconds >= 2
            else f"{cause}, retrying in {wait.seconds:.1f} s")


# -- one error line, as the boundary prints it ---------------------------------------------------


def join(message: str, hint: str | None) -> str:
    """`message; hint` as one line: no '.;', no suggestion repeated (click and Typer both add one)."""
    message = re.sub(r"(\s*\(?Did you mean [^?]*\?\)?)(?:\s*\(?Did you mean [^?]*\?\)?)+", r"\1", message)
    if not hint:
        return message
    message = message.rstrip().rstrip(".")
    if message.endswith("?"):  # "Did you mean 'list'? See 'idcctl vm --help'"
        return f"{message} {hint[:1].upper()}{hint[1:]}"
    return f"{message}; {hint}"


def redact(text: str, state: Any) -> str:
    """`text` without the API key (every one this run may have used, however short) or URL passwords."""
    from idcctl.api.redact import scrub

    keys: list[str] = []
    try:
        keys = [state.flags.get("api_key"), state.env.get("IDCCTL_API_KEY")]
        if state._settings is not None:
            keys.append(state._settings.api_key)
    except Exception:  # redaction must never be the thing that fails
        pass
    for key in sorted({str(k) for k in keys if k}, key=len, reverse=True):
        text = scrub(text, key)
    return scrub(text, None)


def error_line(exc: IdcctlError, state: Any, subject: str | None = None) -> str:
    """The error as the boundary prints it after "error: ": message and hint on one line, no key in it."""
    from idcctl import terminal

    return redact(terminal.line(join(message(exc, subject), hint(exc))), state)
