"""The --state file: checked, read, migrated from older shapes, written atomically at 0600.

The file holds `State.data` as JSON. Version 1 (before one store per
section) kept some sections under other names and nested; `migrate` renames
them so a file written by any earlier sandbox loads. Sections a file lacks
are seeded by `State`, as the sandbox has always done for sections added
after the file was written.
"""

from __future__ import annotations

import json
import os
import stat
import tempfile
from typing import Any

VERSION = 2


class StateFileError(ValueError):
    """The --state file exists but does not hold sandbox state."""


def resolve(path: str | None) -> str | None:
    """The file the state is kept in: `path` with symlinks followed, refused unless a regular file or absent.

    A FIFO would hang the first read and a device (``--state /dev/null`` as
    root) would be replaced by the first write. Writing to the resolved
    path keeps a symlinked state file a symlink.
    """
    if not path:
        return None
    real = os.path.realpath(path)
    try:
        mode = os.stat(real).st_mode
    except FileNotFoundError:
        return real
    except OSError as exc:
        raise StateFileError(f"cannot use {path} as sandbox state: {exc.strerror}") from None
    if not stat.S_ISREG(mode):
        raise StateFileError(f"{path} is not a regular file; --state takes a file (or a path to make one at)")
    return real


def load(path: str | None) -> dict[str, Any] | None:
    """The stored state at the `resolve`d `path`, or None for no file or an empty one (start from seed)."""
    if not path or not os.path.exists(path):
        return None
    try:
        text = _read(path)
        data = json.loads(text) if text.strip() else None
    except (OSError, ValueError) as exc:
        raise StateFileError(f"cannot read sandbox state {path}: {exc}") from exc
    if data is None:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("locations"), dict):
        raise StateFileError(f"{path} does not hold sandbox state")
    return migrate(data)


def _read(path: str) -> str:
    """Non-blocking, and checked again once open: a FIFO swapped in after `resolve` must not hang."""
    with os.fdopen(os.open(path, os.O_RDONLY | os.O_NONBLOCK), encoding="utf-8") as fh:
        if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
            raise ValueError("not a regular file")
        return fh.read()


def save(path: str | None, data: dict[str, Any]) -> None:
    """Write the state atomically, readable by its owner only: a 0600 temp file beside it, then os.replace."""
    if not path:
        return
    directory = os.path.dirname(path)
    os.makedirs(directory, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".sandbox-state-", suffix=".tmp", dir=directory)
    try:
        os.fchmod(fd, 0o600)
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
