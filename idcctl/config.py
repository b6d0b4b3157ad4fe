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
concurrent writers never lose each other's profiles.
"""

from __future__ import annotations

import os
import re
import stat
import sys
from collections.abc import Callable, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from idcctl.errors import ConfigError, UsageError

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
OUTPUT_FORMATS = ("table", "json", "yaml")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_PROFILE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


def config_path(env: Mapping[str, str] | None = None) -> Path:
    env = os.environ if env is None else env
    if env.get("IDCCTL_CONFIG"):
        return Path(env["IDCCTL_CONFIG"]).expanduser()
    import platformdirs

    return Path(platformdirs.user_config_dir("idcctl")) / "config.toml"


def validate_setting(key: str, value: Any, origin: str = "value") -> Any:
    """Check and normalise one setting; raise UsageError naming where it came from."""
    if key not in SETTINGS:
        known = ", ".join(SETTINGS)
        raise UsageError(f"unknown setting '{key}'; known settings: {known}")
    if value is None:
        return None
    text = str(value).strip()
    if key == "output":
        if text not in OUTPUT_FORMATS:
            raise UsageError(f"{origin}: output must be one of {', '.join(OUTPUT_FORMATS)}, not '{text}'")
        return text
    if key == "timeout":
        try:
            number = float(text)
        except ValueError:
            number = -1.0
        if not number > 0:
            raise UsageError(f"{origin}: timeout must be a positive number of seconds, not '{text}'")
        return number
    if key == "api_url":
        if not re.match(r"^https?://[^\s/]+", text):
            raise UsageError(f"{origin}: api_url must start with http:// or https://, not '{text}'")
        return text.rstrip("/")
    if key == "billing_account":
        if not text.isdigit():
            raise UsageError(f"{origin}: billing_account must be a whole number, not '{text}'")
        return int(text)
    if not _SLUG.match(text):
        raise UsageError(f"{origin}: location must be a slug such as 'bus02', not '{text}'")
    return text


def validate_profile_name(name: str) -> str:
    if not _PROFILE_NAME.match(name or ""):
        raise UsageError(f"invalid profile name '{name}': use letters, digits, '-', '_' or '.'")
    return name


def _warn(message: str) -> None:
    print(f"warning: {message}", file=sys.stderr)


def read_config(path: Path, warn: Callable[[str], None] = _warn) -> dict[str, Any]:
    """Read the config file; a missing file is an empty config, a corrupt one an error."""
    import tomllib

    _tighten_modes(path, warn)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise ConfigError(f"cannot read config file {path}: {exc.strerror}") from None
    try:
        doc = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(f"config file {path} is not UTF-8 text; fix or move it") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"config file {path} is not valid TOML: {exc}; fix or move it") from None
    profiles = doc.get("profiles", {})
    if not isinstance(profiles, dict) or not all(isinstance(p, dict) for p in profiles.values()):
        raise ConfigError(f"config file {path}: [profiles] must hold one table per profile; fix or move it")
    return doc


def _tighten_modes(path: Path, warn: Callable[[str], None]) -> None:
    """The file holds keys: 0600 in a 0700 directory. Fix looser modes and say so.

    The directory is changed only when it holds nothing but this config's own
    files: IDCCTL_CONFIG may point into /tmp or $HOME, which are not ours to chmod.
    """
    targets = [(path, 0o600)]
    if _dedicated(path):
        targets.insert(0, (path.parent, 0o700))
    for target, wanted in targets:
        try:
            mode = stat.S_IMODE(target.stat().st_mode)
            if mode & 0o077:
                os.chmod(target, wanted)
                warn(f"{target} was readable by others (mode {mode:o}); changed to {wanted:o}")
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

    ensure_private_dir(path.parent)
    fd = os.open(str(path) + ".lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _write_atomic(path: Path, doc: dict[str, Any]) -> None:
    import tomli_w

    from idcctl.fileio import write_private_atomic

    write_private_atomic(path, tomli_w.dumps(_drop_none(doc)).encode("utf-8"))


def _drop_none(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _drop_none(v) for k, v in value.items() if v is not None}
    return value


def update_config(path: Path, mutate: Callable[[dict[str, Any]], Any]) -> Any:
    """Read-modify-write the config under an exclusive lock; return what `mutate` returns."""
    with _locked(path):
        doc = read_config(path)
        result = mutate(doc)
        _write_atomic(path, doc)
        return result


def profiles_of(doc: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    return dict(doc.get("profiles", {}))


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


def resolve(flags: Mapping[str, Any], env: Mapping[str, str], doc: Mapping[str, Any]) -> Settings:
    """Apply flag > environment > profile > built-in default to every setting."""
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
            value, origin = validate_setting(key, profile[key], f"profile '{name}'"), "profile"
        else:
            value, origin = DEFAULTS[key], "default"
        settings.values[key], settings.origins[key] = value, origin
    if flags.get("api_key"):
        settings.api_key, settings.api_key_origin = flags["api_key"], "flag"
    elif env.get("IDCCTL_API_KEY"):
        settings.api_key, settings.api_key_origin = env["IDCCTL_API_KEY"], "env"
    elif profile.get("api_key"):
        settings.api_key, settings.api_key_origin = str(profile["api_key"]), "profile"
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
