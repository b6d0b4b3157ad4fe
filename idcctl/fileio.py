"""Writing private files atomically: the config (API keys) and the cache share this."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def ensure_private_dir(directory: Path) -> None:
    """Create `directory` (and parents) as 0700 if it does not exist yet."""
    if directory.is_dir():
        return
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(directory, 0o700)  # mkdir's mode is filtered by the umask


def write_private_atomic(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Replace `path` with `data`, mode 0600, so a reader sees the old or the new file, never half.

    A temp file in the same directory is renamed over the target; `durable`
    fsyncs it first, so a crash cannot leave an empty file behind the rename.
    """
    ensure_private_dir(path.parent)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)  # still there only when something failed before the rename
