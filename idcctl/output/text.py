"""Turning single API values into safe, readable table cells."""

from __future__ import annotations

import re
from datetime import datetime, timezone
from typing import Any

from idcctl.terminal import line as terminal_line

_TIMESTAMP = re.compile(
    r"^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$"
)
SECRET_FIELDS = frozenset({"token", "secretKey", "sql_pass", "api_key"})
# Passwords are hidden whole: their ends identify nothing and would give away a third of them.
WHOLE_SECRETS = frozenset({"sql_pass"})


def strip_control(text: str) -> str:
    """Remove terminal control sequences so a hostile name cannot rewrite the screen (`idcctl.terminal`)."""
    return terminal_line(text)


def safe_text(value: Any) -> str:
    """Any text headed for a table (a cell, a header, a section title): no control sequences."""
    return terminal_line(value)


# What -o json escapes (DEL, C1, bidi) plus C0 controls: text that needs escaping in -o yaml too.
_DATA_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def needs_escapes(data: Any) -> bool:
    """Whether any key or string in `data` holds a control or bidirectional character.

    -o yaml then writes non-ASCII as escapes (allow_unicode=False): the same data,
    safe to cat, as -o json does.
    """
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            if _DATA_UNSAFE.search(value):
                return True
        elif isinstance(value, dict):
            stack.extend(value.keys())
            stack.extend(value.values())
        elif isinstance(value, (list, tuple)):
            stack.extend(value)
    return False


def format_timestamp(text: str) -> str | None:
    """Both timestamp shapes of the API as ``YYYY-MM-DD HH:MM:SS`` (UTC); None if not one."""
    match = _TIMESTAMP.match(text)
    if not match:
        return None
    date, clock, _fraction, zone = match.groups()
    if not zone:
        return f"{date} {clock}"
    zone = "+00:00" if zone == "Z" else zone
    if ":" not in zone:
        zone = f"{zone[:3]}:{zone[3:]}"
    try:
        moment = datetime.fromisoformat(f"{date}T{clock}{zone}")
    except ValueError:
        return f"{date} {clock}"
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S")


def mask_secret(value: str) -> str:
    if len(value) < 12:
        return "****"
    return f"{value[:4]}…{value[-4:]}"


def cell(value: Any, *, key: str = "", show_secrets: bool = False) -> str:
    """Text for one table cell."""
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, list):
        if all(not isinstance(v, (dict, list)) for v in value):
            return ", ".join(cell(v, key=key, show_secrets=show_secrets) for v in value) or "-"
        return f"({len(value)} items)"
    if isinstance(value, dict):
        return f"({len(value)} fields)" if value else "-"
    text = safe_text(value)
    if key.split(".")[-1] in SECRET_FIELDS and not show_secrets and text:
        return "****" if key.split(".")[-1] in WHOLE_SECRETS else mask_secret(text)
    return format_timestamp(text) or text


def get_path(row: Any, path: str) -> Any:
    """A dotted path into nested dicts (``profile_data.email``, ``storage.0.size``)."""
    value = row
    for part in path.split("."):
        if isinstance(value, dict):
            value = value.get(part)
        elif isinstance(value, list) and part.isdigit() and int(part) < len(value):
            value = value[int(part)]
        else:
            return None
    return value
