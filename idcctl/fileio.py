"""Writing private files atomically: the config (API keys) and the cache share this."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

MAX_INPUT = 2**20  # what idcctl reads from a file or stdin: cloud-init, a public key, a JSON body


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


def remove_stale_temp(path: Path) -> None:
    """Remove temp copies of `path` a crash left behind (call it holding the file's lock).

    They may hold keys: `auth logout` must leave no copy of one anywhere.
    """
    try:
        names = os.listdir(path.parent)
    except FileNotFoundError:
        return
    for name in names:
        if name.startswith(f".{path.name}.") and name.endswith(".tmp"):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(path.parent / name)


def read_capped(path: str | Path, *, limit: int, what: str) -> str:
    """Text of a file (or '-' for stdin is the caller's business), at most `limit` bytes, UTF-8.

    Raises UsageError naming the file and the cap: /dev/zero must not fill memory.
    """
    from idcctl.errors import UsageError

    shown = str(path)
    try:
        with open(Path(path).expanduser(), "rb") as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        raise UsageError(f"{what}: cannot read {shown}: {exc.strerror or exc}") from None
    return _decoded(data, limit=limit, what=f"{what} {shown}")


def read_capped_stream(stream, *, limit: int, what: str) -> str:
    """Text from a stream (stdin), at most `limit` characters."""
    data = stream.read(limit + 1)
    if isinstance(data, bytes):
        return _decoded(data, limit=limit, what=what)
    if len(data) > limit:
        from idcctl.errors import UsageError

        raise UsageError(f"{what} is larger than {_size(limit)}; idcctl reads at most that much")
    return data


def _decoded(data: bytes, *, limit: int, what: str) -> str:
    from idcctl.errors import UsageError

    if len(data) > limit:
        raise UsageError(f"{what} is larger than {_size(limit)}; idcctl reads at most that much")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise UsageError(f"{what} is not UTF-8 text") from None


def _size(limit: int) -> str:
    return f"{limit // 2**20} MiB" if limit >= 2**20 else f"{limit // 1024} KiB"
