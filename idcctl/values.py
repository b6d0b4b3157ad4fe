"""Checking setting values and API keys: on the way into the config file and on the way out.

Every check raises UsageError (exit 2) naming where the value came from; a
value read from the config file names the file, line and key (`from_file`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from idcctl.errors import ConfigError, UsageError
from idcctl.resources import is_slug

SETTING_NAMES = ("location", "output", "billing_account", "api_url", "timeout")  # config.SETTINGS
OUTPUT_FORMATS = ("table", "json", "yaml")
_PROFILE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


MAX_TIMEOUT = 86400.0  # a day: any longer is a typo, and inf/nan break every deadline
_URL_UNSAFE = re.compile(r"[\x00-\x20\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


# Used with fullmatch: `$` alone would let a trailing newline through.
_HOST_NAME = re.compile(r"(?=.{1,253}\Z)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                        r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?")


def is_host(text: str) -> bool:
    """Whether `text` is an IP address or a DNS host name: nothing a URL or a command line reads more into."""
    import ipaddress

    try:
        ipaddress.ip_address(text)
    except ValueError:
        return bool(_HOST_NAME.fullmatch(text))
    return True


def validate_setting(key: str, value: Any, origin: str = "value") -> Any:
    """Check and normalise one setting; raise UsageError naming where it came from."""
    if key not in SETTING_NAMES:
        known = ", ".join(SETTING_NAMES)
        raise UsageError(f"unknown setting '{key}'; known settings: {known}")
    if value is None:
        return None
    if isinstance(value, (dict, list)) or (isinstance(value, bool)):
        raise UsageError(f"{origin}: {key} must be a single value, not {type(value).__name__}")
    text = str(value).strip()
    shown = _shown(text)
    if key == "output":
        if text not in OUTPUT_FORMATS:
            raise UsageError(f"{origin}: output must be one of {', '.join(OUTPUT_FORMATS)}, not '{shown}'")
        return text
    if key == "timeout":
        return _timeout(text, origin)
    if key == "api_url":
        return _api_url(text, origin)
    if key == "billing_account":
        if not (text.isascii() and text.isdigit()) or len(text) > 18 or int(text) == 0:
            raise UsageError(f"{origin}: billing_account must be a whole number from 1, not '{shown}'")
        return int(text)
    if not is_slug(text):
        raise UsageError(f"{origin}: location must be a slug such as 'bus02', not '{shown}'")
    return text


def _shown(text: str) -> str:
    """A value as an error message may quote it: no control characters, not too long."""
    from idcctl.terminal import line

    text = line(text)
    return text if len(text) <= 60 else text[:57] + "..."


def _timeout(text: str, origin: str) -> float:
    import math

    try:
        number = float(text)
    except ValueError:
        number = -1.0
    if not (math.isfinite(number) and 0 < number <= MAX_TIMEOUT):
        raise UsageError(f"{origin}: timeout must be a number of seconds above 0 and at most "
                         f"{MAX_TIMEOUT:g}, not '{_shown(text)}'")
    return number


def _api_url(text: str, origin: str) -> str:
    problem = None
    if _URL_UNSAFE.search(text):
        problem = "has spaces or control characters"
    elif not re.match(r"^https?://[^/?#]+", text):
        problem = "must start with http:// or https:// and name a host"
    else:
        from idcctl.api._httpx import httpx  # without its command-line module (see there)

        try:
            url = httpx.URL(text)
            if not url.host:
                problem = "names no host"
        except (httpx.InvalidURL, ValueError, UnicodeError) as exc:
            problem = f"is not a valid URL ({str(exc).splitlines()[0] if str(exc) else 'unreadable'})"
    if problem:
        raise UsageError(f"{origin}: api_url {problem}: '{_shown(text)}'")
    return text.rstrip("/")


def validate_api_key(key: Any, origin: str) -> str:
    """An API key is printable ASCII without spaces: anything else cannot go in a header."""
    if not isinstance(key, str):
        raise UsageError(f"{origin}: the API key must be text in quotes, not {type(key).__name__}")
    key = key.strip()
    if not key.isascii() or not key.isprintable() or " " in key or len(key) > 1024:
        raise UsageError(f"{origin}: the API key has characters no API key has "
                         "(non-ASCII, spaces or control characters)",
                         hint="copy it again from the idcloudhost.com console")
    return key


def validate_profile_name(name: str) -> str:
    if not _PROFILE_NAME.match(name or ""):
        raise UsageError(f"invalid profile name '{name}': use letters, digits, '-', '_' or '.'")
    return name


def from_file(check: Callable[[str, Any, str], Any], key: str, value: Any, profile: str,
               source: Path | None) -> Any:
    """Check a value read from the config file; the error names the file and line."""
    where = f"profile '{profile}' {key}"
    try:
        return check(key, value, where)
    except UsageError as exc:
        if source is None:
            raise
        line = line_of(source, profile, key)
        at = f"{source}:{line}" if line else str(source)
        raise ConfigError(f"{at}: {exc.message}", hint="fix it with 'idcctl config set' or an editor") from None


def line_of(path: Path, profile: str, key: str) -> int | None:
    """The line of `key` in the [profiles.PROFILE] table of the file (best effort, for messages)."""
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    header = re.compile(r"^\s*\[\s*profiles\s*\.\s*[\"']?" + re.escape(profile) + r"[\"']?\s*\]")
    inside = False
    for number, text in enumerate(lines, 1):
        if text.lstrip().startswith("["):
            inside = bool(header.match(text))
        elif inside and re.match(r"^\s*[\"']?" + re.escape(key) + r"[\"']?\s*=", text):
            return number
    return None
