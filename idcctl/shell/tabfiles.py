"""The files of the TAB cache: where they are, and reading and writing them within bounds.

Stdlib only, for TAB. Where: the config file and the cache directory by
platformdirs' rule on Linux (without importing it), each entry named by a
checksum of its key. Reading: only in a cache directory that is this
user's own (`trusted`), at most `MAX_FILE` bytes, never through a symlink;
an entry whose stored key differs is someone else's (a checksum collision)
and is not used. The config is read at most `MAX_CONFIG` bytes. Nothing
here raises: what cannot be read is None or {}.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Any

MAX_FILE = 4 * 2**20  # about 100,000 names; parsing this much stays well inside a TAB's bound
MAX_CONFIG = 2**20  # idcctl.config.MAX_CONFIG_BYTES: a bigger config is not idcctl's


def config_file(env: Mapping[str, str]) -> str:
    """idcctl.config.config_path without importing it (platformdirs' rule on Linux)."""
    if env.get("IDCCTL_CONFIG"):
        return os.path.expanduser(env["IDCCTL_CONFIG"])
    if sys.platform.startswith("linux"):
        base = env.get("XDG_CONFIG_HOME", "").strip() or os.path.expanduser("~/.config")
        return os.path.join(base, "idcctl", "config.toml")
    from idcctl.config import config_path

    return str(config_path(env))


def cache_root(env: Mapping[str, str]) -> str:
    """idcctl.cache.cache_dir without importing it (platformdirs' rule on Linux)."""
    if env.get("IDCCTL_CACHE_DIR"):
        return os.path.expanduser(env["IDCCTL_CACHE_DIR"])
    if sys.platform.startswith("linux"):
        base = env.get("XDG_CACHE_HOME", "").strip() or os.path.expanduser("~/.cache")
        return os.path.join(base, "idcctl")
    from idcctl.cache import cache_dir

    return str(cache_dir(env))


def file_for(env: Mapping[str, str], prefix: str, key: Any) -> str:
    """The cache file of an entry: `prefix` and a checksum of its key."""
    import json
    import zlib

    digest = zlib.crc32(json.dumps(key).encode()) & 0xFFFFFFFF
    return os.path.join(cache_root(env), f"{prefix}-{digest:08x}.json")


def trusted(env: Mapping[str, str]) -> bool:
    """Whether the cache directory is this user's own and writable by nobody else (made if missing)."""
    from idcctl.fileio import private_dir

    try:
        private_dir(cache_root(env))
    except OSError:
        return False
    return True


def read_entry(path: str, key: Any) -> dict[str, Any] | None:
    import json

    from idcctl.fileio import read_private

    data = read_private(path, limit=MAX_FILE)
    if data is None:
        return None
    try:
        entry = json.loads(data)
    except (ValueError, RecursionError):
        return None
    return entry if isinstance(entry, dict) and entry.get("key") == key else None


def write_entry(path: str, entry: dict[str, Any]) -> None:
    import json
    from pathlib import Path

    from idcctl.fileio import write_private_atomic

    try:
        data = json.dumps(entry).encode("utf-8")
        if len(data) <= MAX_FILE:
            write_private_atomic(Path(path), data, durable=False)
    except (OSError, TypeError, ValueError):
        pass


def read_config(env: Mapping[str, str]) -> dict[str, Any]:
    """The config document, or {} when it cannot be read (never an error here)."""
    try:
        import tomllib

        with open(config_file(env), "rb") as fh:
            raw = fh.read(MAX_CONFIG + 1)
        doc = tomllib.loads(raw.decode("utf-8")) if len(raw) <= MAX_CONFIG else {}
        return doc if isinstance(doc, dict) else {}
    except Exception:  # noqa: BLE001 - completion never fails
        return {}
