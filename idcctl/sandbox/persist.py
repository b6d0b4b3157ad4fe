"""The --state file: read, migrate from older shapes, write atomically.

The file holds `State.data` as JSON. Version 1 (before one store per
section) kept some sections under other names and nested; `migrate` renames
them so a file written by any earlier sandbox loads. Sections a file lacks
are seeded by `State`, as the sandbox has always done for sections added
after the file was written.
"""

from __future__ import annotations

import json
import os
import tempfile
from typing import Any

VERSION = 2


class StateFileError(ValueError):
    """The --state file exists but does not hold sandbox state."""


def load(path: str | None) -> dict[str, Any] | None:
    """The stored state, or None for no file or an empty one (a freshly touched file: start from seed)."""
    if not path or not os.path.exists(path):
        return None
    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
        if not text.strip():
            return None
        data = json.loads(text)
    except (OSError, ValueError) as exc:
        raise StateFileError(f"cannot read sandbox state {path}: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("locations"), dict):
        raise StateFileError(f"{path} does not hold sandbox state")
    return migrate(data)


def save(path: str | None, data: dict[str, Any]) -> None:
    """Write the state atomically: temp file in the same directory, then os.replace."""
    if not path:
        return
    directory = os.path.dirname(os.path.abspath(path))
    os.makedirs(directory, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".sandbox-state-", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, indent=1, sort_keys=True)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


# Version 1 names: (old top-level key, old nested key or None) -> new top-level key.
_V1_SECTIONS = {
    ("block_storage", "disks"): "disks",
    ("object_storage", "buckets"): "buckets",
    ("object_storage", "user"): "s3_user",
    ("service_packages", None): "services",
    ("billing", "accounts"): "billing_accounts",
    ("billing", "cards"): "cards",
    ("billing", "credit"): "credit",
    ("billing", "invoices"): "invoices",
    ("billing", "usage"): "usage",
    ("billing", "invoice_requests"): "invoice_requests",
    ("billing", "campaigns"): "campaigns",
}


def migrate(data: dict[str, Any]) -> dict[str, Any]:
    """`data` in the current shape (changed in place and returned)."""
    if data.get("version", 1) >= VERSION:
        return data
    for location in data["locations"].values():
        if isinstance(location, dict) and "floating_ips" in location:
            location["ips"] = location.pop("floating_ips")
    old = {name: data.pop(name) for name in {o for o, _ in _V1_SECTIONS} if name in data}
    for (outer, inner), new in _V1_SECTIONS.items():
        section = old.get(outer)
        if inner is None and section is not None:
            data[new] = section
        elif isinstance(section, dict) and inner in section:
            data[new] = section[inner]
    data["version"] = VERSION
    return data
