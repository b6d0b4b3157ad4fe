"""A small on-disk cache for API answers that change rarely (VM parameters, the image list).

`vm create` checks its input against both before sending anything; caching
them for a few minutes keeps a script that creates ten VMs from asking the
same two questions ten times. Entries are JSON files named by a hash of
their scope (profile, location, API URL) and name, under
``platformdirs.user_cache_dir("idcctl")`` or ``$IDCCTL_CACHE_DIR``.

The cache is an optimisation, never a source of errors: a missing, expired,
corrupt, oversized (over `MAX_ENTRY`) or unreadable entry is a miss, and a
failed write is ignored. Files are 0600 in a 0700 directory and written
atomically (temp file, then ``os.replace``), so a reader never sees half an
entry. A directory that is not this user's own, or that others may write to,
is not used at all (`idcctl.fileio.private_dir`): its entries could have
been planted. `warn` hears why, once per Cache; `State.cache()` makes that
once per run. Entries are read without following symlinks.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

TTL = 600.0  # seconds: long enough for a batch of creates, short enough to see new images soon
LOCATIONS_TTL = 300.0  # the location list, read before every `vm list --all-locations`
MAX_ENTRY = 4 * 2**20  # the image list and VM parameters are a few KiB; a bigger entry is not ours
_MISS = object()


def cache_dir(env: Mapping[str, str] | None = None) -> Path:
    env = os.environ if env is None else env
    if env.get("IDCCTL_CACHE_DIR"):
        return Path(env["IDCCTL_CACHE_DIR"]).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir("idcctl"))


class Cache:
    """JSON values under string keys, each scoped, each valid for `ttl` seconds."""

    def __init__(self, directory: Path, *, ttl: float = TTL, clock: Callable[[], float] = time.time,
                 warn: Callable[[str], None] | None = None) -> None:
        # Wall-clock time, not monotonic: entries must age across processes.
        self.directory = Path(directory)
        self.ttl = ttl
        self.clock = clock
        self.warn = warn
        self._usable: bool | None = None

    def usable(self) -> bool:
        """Whether the directory is safe to read and write (made 0700 if missing); decided once."""
        if self._usable is None:
            from idcctl.fileio import UnsafeDirectory, private_dir

            try:
                private_dir(self.directory)
                self._usable = True
            except UnsafeDirectory as exc:
                self._usable = False
                if self.warn is not None:
                    self.warn(f"not using the cache: {exc}")
            except OSError:
                self._usable = False  # cannot be made (read-only disk): simply no cache
        return self._usable

    def path_for(self, name: str, scope: Sequence[Any] = ()) -> Path:
        digest = hashlib.sha256(json.dumps([name, *scope], default=str).encode()).hexdigest()[:24]
        safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in name)
        return self.directory / f"{safe}-{digest}.json"

    def get(self, name: str, scope: Sequence[Any] = (), default: Any = None) -> Any:
        """The stored value, or `default` when missing, expired, oversized or unreadable."""
        from idcctl.fileio import read_private

        if not self.usable():
            return default
        data = read_private(self.path_for(name, scope), limit=MAX_ENTRY)
        if data is None:
            return default
        try:
            entry = json.loads(data.decode("utf-8"))
            stored = float(entry["stored_at"])
            value = entry["value"]
        except (ValueError, TypeError, KeyError, RecursionError):
            return default
        age = self.clock() - stored
        if not 0 <= age < self.ttl:  # a future timestamp means a clock jump: do not trust it
            return default
        return value

    def put(self, name: str, scope: Sequence[Any], value: Any) -> None:
        if not self.usable():
            return
        try:
            self._write(self.path_for(name, scope), {"stored_at": self.clock(), "value": value})
        except (OSError, TypeError, ValueError, RecursionError):
            pass  # a read-only or full disk must not fail the command the cache serves

    def fetch(self, name: str, scope: Sequence[Any], load: Callable[[], Any]) -> Any:
        """The cached value, or `load()`'s result stored for next time.

        An exception from `load` propagates and nothing is stored, so a
        failed request is retried by the next run rather than remembered.
        """
        value = self.get(name, scope, _MISS)
        if value is _MISS:
            value = load()
            self.put(name, scope, value)
        return value

    def _write(self, path: Path, entry: dict[str, Any]) -> None:
        from idcctl.fileio import write_private_atomic

        data = json.dumps(entry).encode("utf-8")
        if len(data) > MAX_ENTRY:
            return  # it would be ignored when read
        # Not fsynced: losing a cache entry to a crash costs one request, not data.
        write_private_atomic(path, data, durable=False)
