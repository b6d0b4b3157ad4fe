"""Profiles and settings: the TOML config file and the precedence flag > env > profile > default.

The file lives at ``platformdirs.user_config_dir("idcctl")/config.toml`` (or
``$IDCCTL_CONFIG``) and looks like::

    active_profile = "default"

    [profiles.default]
    api_key = "..."
    location = "bus02"

It holds API keys, so it is kept at 0600 in a 0700 directory. Every write
is a read-modify-write under an exclusive lock on a sibling lock file,
ending in an atomic rename: a crash leaves the old file whole, and two
concurrent writers never lose each other's profiles. A symlinked config is
written at its target (the link stays); anything that cannot be our file
(a directory, a device, /proc) is refused before any mode or byte changes;
temp copies a crash left behind are removed at the next write.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Callable, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from idcctl.errors import ConfigError, NotFoundError
from idcctl.values import (  # noqa: F401 - re-exported: the checks of settings and keys
    MAX_TIMEOUT,
    OUTPUT_FORMATS,
    from_file,
    validate_api_key,
    validate_profile_name,
    validate_setting,
)

DEFAULT_API_URL = "https://api.idcloudhost.com"
DEFAULT_PROFILE = "default"

# Settings a profile may hold (besides its api_key), with their environment variables.
SETTINGS: dict[str, str] = {
    "location": "IDCCTL_LOCATION",
    "output": "IDCCTL_OUTPUT",
    "billing_account": "IDCCTL_BILLING_ACCOUNT",
    "api_url": "IDCCTL_API_URL",
    "timeout": "IDCCTL_TIMEOUT",
}
DEFAULTS: dict[str, Any] = {
    "location": None,
    "output": "table",
    "billing_account": None,
    "api_url": DEFAULT_API_URL,
    "timeout": 120.0,
}
def config_path(env: Mapping[str, str] | None = None) -> Path:
    env = os.environ if env is None else env
    if env.get("IDCCTL_CONFIG"):
        return Path(env["IDCCTL_CONFIG"]).expanduser()
    import platformdirs

    return Path(platformdirs.user_config_dir("idcctl")) / "config.toml"


def _warn(message: str) -> None:
    print(f"warning: {message}", file=sys.stderr)


MAX_CONFIG_BYTES = 1 * 2**20  # a config of profiles is a few KiB; more is not ours


def check_config_path(path: Path) -> Path:
    """The file to read and write: `path`, or the target of a symlink at `path`.

    Refuses (ConfigError, exit 2, touching nothing) what cannot be our config:
    a directory, a device, a FIFO, anything under /proc, /sys or /dev.
    """
    real = Path(os.path.realpath(path))
    if real.parts[:2] in (("/", "proc"), ("/", "sys"), ("/", "dev")):
        raise ConfigError(f"{path} is a system file, not a config file",
                          hint="point IDCCTL_CONFIG at a file of your own")
    try:
        info = real.stat()
    except FileNotFoundError:
        return real
    except OSError as exc:
        raise ConfigError(f"cannot read config file {path}: {exc.strerror}") from None
    if stat.S_ISDIR(info.st_mode):
        raise ConfigError(f"{path} is a directory, not a config file",
                          hint="point IDCCTL_CONFIG at a file such as DIR/config.toml")
    if not stat.S_ISREG(info.st_mode):
        raise ConfigError(f"{path} is not a regular file, so it cannot be the config file",
                          hint="point IDCCTL_CONFIG at a file of your own")
    return real


def read_config(path: Path, warn: Callable[[str], None] = _warn) -> dict[str, Any]:
    """Read the config file; a missing file is an empty config, a corrupt one an error.

    Nothing is changed (no mode, no byte) unless the file parsed as our config.
    """
    import tomllib

    real = check_config_path(path)
    try:
        with open(real, "rb") as fh:
            raw = fh.read(MAX_CONFIG_BYTES + 1)
    except FileNotFoundError:
        _tighten_modes(real, warn)  # the directory a first write will use
        return {}
    except OSError as exc:
        raise ConfigError(f"cannot read config file {path}: {exc.strerror}") from None
    if len(raw) > MAX_CONFIG_BYTES:
        raise ConfigError(f"config file {path} is larger than 1 MiB, so it is not an idcctl config")
    try:
        doc = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(f"config file {path} is not UTF-8 text; fix or move it") from None
    except (tomllib.TOMLDecodeError, RecursionError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else "too deeply nested"
        raise ConfigError(f"config file {path} is not valid TOML: {first}; fix or move it") from None
    profiles = doc.get("profiles", {})
    if not isinstance(profiles, dict) or not all(isinstance(p, dict) for p in profiles.values()):
        raise ConfigError(f"config file {path}: [profiles] must hold one table per profile; fix or move it")
    _tighten_modes(real, warn)
    return doc


def _tighten_modes(path: Path, warn: Callable[[str], None]) -> None:
    """The file holds keys: 0600 in a 0700 directory. Fix looser modes and say so.

    Only a regular file of ours that parsed as our config is changed, and its
    directory only when it holds nothing but this config's own files and is
    ours: IDCCTL_CONFIG may point into /tmp or $HOME, which are not ours to chmod.
    """
    targets = [(path, 0o600, stat.S_ISREG)]
    if _dedicated(path):
        targets.insert(0, (path.parent, 0o700, stat.S_ISDIR))
    for target, wanted, kind in targets:
        try:
            info = os.stat(target, follow_symlinks=False)
            mode = stat.S_IMODE(info.st_mode)
            if kind(info.st_mode) and info.st_uid == os.getuid() and mode & 0o077:
                os.chmod(target, wanted & mode if kind is stat.S_ISREG else wanted)
                warn(f"{target} was readable by others (mode {mode:o}); changed to "
                     f"{stat.S_IMODE(os.stat(target).st_mode):o}")
        except OSError:
            pass  # not ours to fix (e.g. a shared directory); reading still works


def _dedicated(path: Path) -> bool:
    """Whether the config's directory holds only the config, its lock and its temp files."""
    try:
        names = os.listdir(path.parent)
    except OSError:
        return False
    own = {path.name, path.name + ".lock"}
    return all(n in own or (n.startswith(f".{path.name}.") and n.endswith(".tmp")) for n in names)


@contextmanager
def _locked(path: Path):
    import fcntl

    from idcctl.fileio import ensure_private_dir

    try:
        ensure_private_dir(path.parent)
        fd = os.open(str(path) + ".lock", os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as exc:
        raise ConfigError(f"cannot write config file {path}: {exc.strerror}",
                          hint="check the directory exists and is writable") from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _write_atomic(path: Path, doc: dict[str, Any]) -> None:
    """Replace the file (a symlink's target, the link stays) with `doc`; clear our stale temp files."""
    import tomli_w

    from idcctl.fileio import remove_stale_temp, write_private_atomic

    try:
        info = path.stat()
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise ConfigError(f"cannot write config file {path}: {exc.strerror}") from None
    if info is not None and not info.st_mode & stat.S_IWUSR:
        raise ConfigError(f"config file {path} is read-only (mode {stat.S_IMODE(info.st_mode):o}); "
                          "nothing was changed", hint=f"chmod u+w {path} to allow changes")
    try:
        remove_stale_temp(path)
        write_private_atomic(path, tomli_w.dumps(_drop_none(doc)).encode("utf-8"))
    except OSError as exc:
        raise ConfigError(f"cannot write config file {path}: {exc.strerror or exc}; nothing was changed",
                          hint="check the directory is writable") from None


def _drop_none(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _drop_none(v) for k, v in value.items() if v is not None}
    return value


def update_config(path: Path, mutate: Callable[[dict[str, Any]], Any]) -> Any:
    """Read-modify-write the config under an exclusive lock; return what `mutate` returns."""
    real = check_config_path(path)  # a symlink is written through: the link stays a link
    with _locked(real):
        doc = read_config(real)
        result = mutate(doc)
        _write_atomic(real, doc)
        return result


def profiles_of(doc: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    return dict(doc.get("profiles", {}))


def no_profile(name: str) -> NotFoundError:
    """The one error for a profile name the config file does not hold: exit 4 (not found),
    whether it was named by `profile use|show|delete`, `auth logout`, `-p` or IDCCTL_PROFILE."""
    return NotFoundError(f"no profile named '{name}'",
                         hint="'idcctl profile list' shows them; 'idcctl auth login -p NAME' makes one")


@dataclass
class Settings:
    """Effective settings after precedence, with where each came from."""

    profile: str
    profile_exists: bool
    values: dict[str, Any] = field(default_factory=dict)
    origins: dict[str, str] = field(default_factory=dict)
    api_key: str | None = None
    api_key_origin: str = "none"

    def __getitem__(self, key: str) -> Any:
        return self.values[key]


def resolve(flags: Mapping[str, Any], env: Mapping[str, str], doc: Mapping[str, Any],
            source: Path | None = None) -> Settings:
    """Apply flag > environment > profile > built-in default to every setting.

    `source` is the config file `doc` came from: errors in it name its path and line.
    """
    profiles = profiles_of(doc)
    if flags.get("profile"):
        name = flags["profile"]
    elif env.get("IDCCTL_PROFILE"):
        name = env["IDCCTL_PROFILE"]
    else:
        name = str(doc.get("active_profile") or DEFAULT_PROFILE)
    profile = profiles.get(name, {})
    settings = Settings(profile=name, profile_exists=name in profiles)
    for key, env_var in SETTINGS.items():
        if flags.get(key) is not None:
            value, origin = validate_setting(key, flags[key], f"--{key.replace('_', '-')}"), "flag"
        elif env.get(env_var):
            value, origin = validate_setting(key, env[env_var], env_var), "env"
        elif profile.get(key) is not None:
            value, origin = from_file(validate_setting, key, profile[key], name, source), "profile"
        else:
            value, origin = DEFAULTS[key], "default"
        settings.values[key], settings.origins[key] = value, origin
    if flags.get("api_key"):
        settings.api_key = validate_api_key(flags["api_key"], "--api-key")
        settings.api_key_origin = "flag"
    elif env.get("IDCCTL_API_KEY"):
        settings.api_key = validate_api_key(env["IDCCTL_API_KEY"], "IDCCTL_API_KEY")
        settings.api_key_origin = "env"
    elif profile.get("api_key") not in (None, ""):
        settings.api_key = from_file(lambda _k, v, o: validate_api_key(v, o), "api_key",
                                      profile["api_key"], name, source)
        settings.api_key_origin = "profile"
    return settings


def config_changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> str:
    """What a write would change, one ``key: old -> new`` line each, keys masked (for --dry-run)."""
    old, new = _flat(before), _flat(after)
    lines = []
    for key in sorted(set(old) | set(new)):
        if old.get(key) != new.get(key):
            show = (lambda v: mask(str(v))) if key.endswith("api_key") else repr
            was = show(old[key]) if key in old else "(unset)"
            now = show(new[key]) if key in new else "(unset)"
            lines.append(f"{key}: {was} -> {now}")
    return "\n".join(lines) or "(no change)"


def _flat(doc: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in doc.items():
        if isinstance(value, Mapping):
            out.update(_flat(value, f"{prefix}{key}."))
        else:
            out[f"{prefix}{key}"] = value
    return out


def mask(secret: str | None) -> str:
    """Show enough of a secret to recognise it, never enough to use it ("" for none)."""
    from idcctl.output.text import mask_secret

    return mask_secret(secret) if secret else ""
