"""Private files: atomic writes (the config and the cache), and a cache directory that can be trusted.

A cache file can steer idcctl (which names TAB offers, which locations a
listing asks), so a cache directory is used only when it is a directory of
this user that nobody else may write to (`private_dir`), its files are read
without following symlinks and only up to a size (`read_private`), and
markers are made with O_EXCL (`create_marker`). Stdlib only: TAB uses it.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

MAX_INPUT = 2**20  # what idcctl reads from a file or stdin: cloud-init, a public key, a JSON body
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)


class UnsafeDirectory(OSError):
    """A directory idcctl will not keep a cache in; the message says why and how to fix it."""


def ensure_private_dir(directory: Path) -> None:
    """Create `directory` (and parents) as 0700 if it does not exist yet."""
    if directory.is_dir():
        return
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(directory, 0o700)  # mkdir's mode is filtered by the umask


def private_dir(directory: Path) -> Path:
    """`directory`, made 0700 when missing; UnsafeDirectory unless it is ours and writable by us only.

    Ours: owned by this user, and so is a symlink standing for it; a directory
    others may write to (group or world) could hold anything they planted.
    """
    directory = Path(directory)
    try:
        link = os.lstat(directory)
    except FileNotFoundError:
        ensure_private_dir(directory)
        link = os.lstat(directory)
    info = os.stat(directory) if stat.S_ISLNK(link.st_mode) else link
    me = os.geteuid()
    if not stat.S_ISDIR(info.st_mode):
        raise UnsafeDirectory(f"{directory} is not a directory")
    owner = link.st_uid if link.st_uid != me else info.st_uid
    if owner != me:
        raise UnsafeDirectory(f"{directory} belongs to another user (uid {owner})")
    mode = stat.S_IMODE(info.st_mode)
    if mode & 0o022:
        raise UnsafeDirectory(f"{directory} is writable by others (mode {mode:o}); chmod 700 {directory}")
    return directory


def read_private(path: str | Path, *, limit: int) -> bytes | None:
    """The bytes of a regular file of at most `limit` bytes, read without following a symlink; else None.

    A symlink, a FIFO, a device or an oversized file is not read at all.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | _NOFOLLOW)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return None
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read(limit + 1)
    except OSError:
        return None
    finally:
        os.close(fd)
    return data if len(data) <= limit else None


def create_marker(path: str | Path) -> bool:
    """Make an empty 0600 file at `path` if nothing is there (not even a symlink); True if made."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o600))
    except OSError:
        return False
    return True


def write_private_atomic(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Replace `path` with `data`, mode 0600, so a reader sees the old or the new file, never half.

    A temp file in the same directory is renamed over the target; `durable`
    fsyncs it first, so a crash cannot leave an empty file behind the rename.
    """
    import tempfile

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
