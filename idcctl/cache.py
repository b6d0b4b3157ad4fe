"""A small on-disk cache for API answers that change rarely (VM parameters, the image list).

`vm create` checks its input against both before sending anything; caching
them for a few minutes keeps a script that creates ten VMs from asking the
same two questions ten times. Entries are JSON files named by a hash of
their scope (profile, location, API URL) and name, under
``platformdirs.user_cache_dir("idcctl")`` or ``$IDCCTL_CACHE_DIR``.

The cache is an optimisation, never a source of errors: a missing, expired,
corrupt or unreadable entry is a miss, and a failed write is ignored.
Files are 0600 in a 0700 directory and written atomically (temp file, then
``os.replace``), so a reader never sees half an entry.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

TTL = 600.0  # seconds: long enough for a batch of creates, short enough to see new images soon
_MISS = object()


def cache_dir(env: Mapping[str, str] | None = None) -> Path:
    env = os.environ if env is None else env
    if env.get("IDCCTL_CACHE_DIR"):
        return Path(env["IDCCTL_CACHE_DIR"]).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir("idcctl"))


class Cache:
    """JSON values under string keys, each scoped, each valid for `ttl` seconds."""

    def __init__(self, directory: Path, *, ttl: float = TTL,
                 clock: Callable[[], float] = time.time) -> None:
        # Wall-clock time, not monotonic: entries must age across processes.
        self.directory = Path(directory)
        self.ttl = ttl
        self.clock = clock

    def path_for(self, name: str, scope: Sequence[Any] = ()) -> Path:
        digest = hashlib.sha256(json.dumps([name, *scope], default=str).encode()).hexdigest()[:24]
        safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in name)
        return self.directory / f"{safe}-{digest}.json"

    def get(self, name: str, scope: Sequence[Any] = (), default: Any = None) -> Any:
        """The stored value, or `default` when missing, expired or unreadable."""
        try:
            entry = json.loads(self.path_for(name, scope).read_text(encoding="utf-8"))
            stored = float(entry["stored_at"])
            value = entry["value"]
        except (OSError, ValueError, TypeError, KeyError):
            return default
        age = self.clock() - stored
        if not 0 <= age < self.ttl:  # a future timestamp means a clock jump: do not trust it
            return default
        return value

    def put(self, name: str, scope: Sequence[Any], value: Any) -> None:
        try:
            self._write(self.path_for(name, scope), {"stored_at": self.clock(), "value": value})
        except (OSError, TypeError, ValueError):
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
        data = json.dumps(entry).encode("utf-8")
        self._ensure_directory()
        fd, tmp = tempfile.mkstemp(prefix=".cache.", suffix=".tmp", dir=self.directory)
        try:
            os.fchmod(fd, 0o600)
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)  # still there only when something failed before the rename

    def _ensure_directory(self) -> None:
        if self.directory.is_dir():
            return
        self.directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(self.directory, 0o700)  # mkdir's mode is filtered by the umask
