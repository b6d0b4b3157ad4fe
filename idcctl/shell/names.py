"""Resource names for TAB completion: a per-profile, per-location cache with a hard time bound.

A TAB must answer at once, so names come from small JSON files in idcctl's
cache directory (``$IDCCTL_CACHE_DIR``, else the one of idcctl.cache), one
per kind, profile, location and API URL, that live `FRESH` seconds.
When it is missing or older, a detached child (``python -m idcctl`` with
`REFRESH_VAR` naming the kind) asks the API and writes it; the TAB waits for that
child at most `BOUND` seconds and otherwise answers from the older entry (if
any, up to `STALE_LIMIT` old) while the child finishes for the next TAB.
Nothing here prompts, prints or raises: a failure is simply no names.

The cache is not trusted with anything that routes the key. The child
resolves profile, location, API URL and key exactly as a foreground command
does (config file and environment, plus the global options typed on the TAB
line), never from a cached view; the `view-*.json` memo only spares a warm
TAB the TOML parse to find which names file to read. A cache directory
that is not the user's own or that others may write to is not used (no
names, silently); files over `tabfiles.MAX_FILE` are ignored (and rewritten by the
next refresh), symlinks are not followed, the refresh marker is made with
O_EXCL: whatever the cache holds, a TAB stays within its time bound.

What is cached for each kind, and how it is listed, comes from the table of
resource kinds (`idcctl.resources`).
"""

from __future__ import annotations

import os
import sys
import time

from idcctl.shell.namelist import MAX_NAMES, extract, offered, pairs
from idcctl.shell.tabfiles import (
    cache_root,
    config_file,
    file_for,
    read_config,
    read_entry,
    trusted,
    write_entry,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping
    from typing import Any

FRESH = 60.0
BOUND = 0.4  # plus start-up, a cold TAB stays near half a second
STALE_LIMIT = 86400.0
REFRESH_TIMEOUT = 10.0

# Set in the environment of the detached child that refreshes one kind of names:
# it runs through idcctl's own entry point (python -m idcctl), the one process boundary.
REFRESH_VAR = "_IDCCTL_REFRESH_NAMES"


def view(flags: Mapping[str, Any], env: Mapping[str, str]) -> dict[str, Any]:
    """Profile, location, API URL and profile names, as a command with these flags sees them.

    Remembered per config file version (path, mtime, size) and per flag and
    environment values, so a warm TAB reads one small file instead of
    parsing TOML.
    """
    path = config_file(env)
    try:
        stat = os.stat(path)
        version = [stat.st_mtime_ns, stat.st_size]
    except OSError:
        version = None
    key = [path, version] + [flags.get(f) or env.get(v) or None for f, v in
                             (("profile", "IDCCTL_PROFILE"), ("location", "IDCCTL_LOCATION"),
                              ("api_url", "IDCCTL_API_URL"))]
    memo = file_for(env, "view", key)
    usable = trusted(env)
    entry = read_entry(memo, key) if usable else None
    if entry is not None and _is_view(entry.get("view")):
        return entry["view"]
    doc = read_config(env)
    profiles = doc.get("profiles") if isinstance(doc.get("profiles"), dict) else {}
    profile = str(key[2] or doc.get("active_profile") or "default")
    stored = profiles.get(profile) if isinstance(profiles.get(profile), dict) else {}
    location = key[3] or stored.get("location")
    api_url = key[4] or stored.get("api_url") or "https://api.idcloudhost.com"
    result = {"profile": profile, "location": str(location) if location else None,
              "api_url": str(api_url).rstrip("/"), "profiles": [str(p) for p in profiles]}
    if usable:
        _prune(cache_root(env), "view-")
        write_entry(memo, {"key": key, "view": result})
    return result


def _is_view(value: Any) -> bool:
    """A remembered view of the shape `view` makes (a planted one of another shape is recomputed)."""
    return (isinstance(value, dict) and isinstance(value.get("profile"), str)
            and isinstance(value.get("location"), (str, type(None))) and isinstance(value.get("api_url"), str)
            and isinstance(value.get("profiles"), list) and all(isinstance(p, str) for p in value["profiles"]))


def _prune(directory: str, prefix: str) -> None:
    """Forget entries for old config versions (each `config set` makes a new one)."""
    try:
        for entry in os.scandir(directory):
            if entry.name.startswith(prefix) and time.time() - entry.stat().st_mtime > STALE_LIMIT:
                os.unlink(entry.path)
    except OSError:
        pass


def profile_names(env: Mapping[str, str], flags: Mapping[str, Any] | None = None) -> list[str]:
    try:
        return list(view(flags or {}, env)["profiles"])
    except Exception:  # noqa: BLE001 - completion never fails
        return []


def _scope(v: dict[str, Any]) -> list[Any]:
    return [v["profile"], v["location"], v["api_url"]]


def names_file(env: Mapping[str, str], kind: str, scope: list[Any]) -> str:
    return file_for(env, f"names-{kind}", scope)


def entries(kind: str, flags: Mapping[str, Any], env: Mapping[str, str], *,
            bound: float = BOUND) -> list[Any]:
    """The cached entries of `kind` (`pairs`), refreshed within `bound` seconds when older than FRESH."""
    try:
        if not trusted(env):
            return []
        v = view(flags, env)
        scope = _scope(v)
        path = names_file(env, kind, scope)
        entry = read_entry(path, [kind, *scope])
        age = _age(entry)
        if age is not None and 0 <= age < FRESH:
            return entry["value"]
        if _refresh(kind, v, flags, env, bound):
            entry = read_entry(path, [kind, *scope]) or entry
        age = _age(entry)
        return entry["value"] if age is not None and age < STALE_LIMIT else []
    except Exception:  # noqa: BLE001 - completion never fails
        return []


def names(kind: str, flags: Mapping[str, Any], env: Mapping[str, str], *,
          bound: float = BOUND) -> list[Any]:
    """The cached names of `kind`, each once ([os_name, [versions]] pairs for images)."""
    value = entries(kind, flags, env, bound=bound)
    return value if kind == "image" else list(dict.fromkeys(name for name, _ in pairs(value)))


def choices(kind: str, flags: Mapping[str, Any], env: Mapping[str, str], incomplete: str) -> list[tuple[str, str]]:
    """TAB candidates (value, help) of `kind` starting with `incomplete` (`namelist.offered`)."""
    return offered(entries(kind, flags, env), incomplete)


def _age(entry: dict[str, Any] | None) -> float | None:
    """Seconds since the entry was stored; None for no entry or one of another shape."""
    if entry is None or not isinstance(entry.get("value"), list):
        return None
    return time.time() - float(entry["stored_at"])


# The global options a TAB line may carry that choose the account the child lists, as idcctl
# reads them: passed on as their environment variables (a flag beats the environment anyway).
_ROUTING = (("profile", "IDCCTL_PROFILE"), ("location", "IDCCTL_LOCATION"), ("api_url", "IDCCTL_API_URL"),
            ("api_key", "IDCCTL_API_KEY"))


def _refresh(kind: str, v: dict[str, Any], flags: Mapping[str, Any], env: Mapping[str, str],
             bound: float) -> bool:
    """Start the refresher child and wait for it at most `bound` seconds; True if it finished."""
    from idcctl.fileio import create_marker

    marker = names_file(env, kind, _scope(v)) + ".refreshing"
    try:
        if time.time() - os.lstat(marker).st_mtime < REFRESH_TIMEOUT + 2:
            return False  # another TAB's child is on it
        os.unlink(marker)  # left by a child that died: removed (a symlink is never followed)
    except FileNotFoundError:
        pass
    except OSError:
        return False
    if not create_marker(marker):
        return False  # another TAB made it first
    import subprocess

    child_env = {k: val for k, val in env.items() if k != "_IDCCTL_COMPLETE"}
    child_env.update({var: str(flags[flag]) for flag, var in _ROUTING if flags.get(flag)})
    child_env[REFRESH_VAR] = kind
    child = subprocess.Popen([sys.executable, "-m", "idcctl"], env=child_env,
                             stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        child.wait(timeout=bound)
    except subprocess.TimeoutExpired:
        return False
    return True


def store(kind: str, env: Mapping[str, str], profile: str, location: str | None, api_url: str,
          data: Any) -> None:
    """Write the names in a list answer a command read anyway (per location: `vm list -l bus02`,
    `--all-locations`), so the next TAB, and "it exists in bus02" hints, need no request."""
    if not trusted(env):
        return
    scope = [profile, location, str(api_url).rstrip("/")]
    write_entry(names_file(env, kind, scope),
                {"key": [kind, *scope], "stored_at": time.time(), "value": extract(kind, data)})


def stored(kind: str, env: Mapping[str, str], profile: str, location: str | None, api_url: str) -> list[Any]:
    """The cached names and ids of `kind` in `location` (up to STALE_LIMIT old), never asking the API."""
    if not trusted(env):
        return []
    scope = [profile, location, str(api_url).rstrip("/")]
    entry = read_entry(names_file(env, kind, scope), [kind, *scope])
    age = _age(entry)
    if age is None or age >= STALE_LIMIT:
        return []
    found = pairs(entry["value"])
    return list(dict.fromkeys([name for name, _ in found] + [ident for _, ident in found if ident]))


def edit(kind: str, env: Mapping[str, str], profile: str, locations: Iterable[str | None], api_url: str,
         change: Callable[[list[Any]], list[Any] | None]) -> None:
    """Apply `change` to the cached entries of `kind` in each of `locations` that has some.

    `change(entries)` returns the new entries (the entry keeps its age), or
    None to forget them all, so that the next TAB asks the API. Nothing else
    is written: a location without cached names stays without.
    """
    if not trusted(env):
        return
    for location in dict.fromkeys(locations):
        scope = [profile, location, str(api_url).rstrip("/")]
        path = names_file(env, kind, scope)
        entry = read_entry(path, [kind, *scope])
        if _age(entry) is None:
            continue
        value = change(list(entry["value"]))
        if value is None:
            try:
                os.unlink(path)
            except OSError:
                pass
        elif value != entry["value"]:
            write_entry(path, {**entry, "value": value[:MAX_NAMES]})
