"""Resource names for TAB completion: a per-profile, per-location cache with a hard time bound.

A TAB must answer at once, so names come from small JSON files in idcctl's
cache directory (``$IDCCTL_CACHE_DIR``, else the one of idcctl.cache), one
per kind, profile, location and API URL, that live `FRESH` seconds.
When it is missing or older, a detached child (``python -m idcctl`` with
`REFRESH_VAR` naming the kind) asks the API and writes it; the TAB waits for that
child at most `BOUND` seconds and otherwise answers from the older entry (if
any, up to `STALE_LIMIT` old) while the child finishes for the next TAB.
Nothing here prompts, prints or raises: a failure is simply no names.

What is cached for each kind, and how it is listed, comes from the table of
resource kinds (`idcctl.resources`).
"""

from __future__ import annotations

import os
import sys
import time

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Any

FRESH = 60.0
BOUND = 0.4  # plus start-up, a cold TAB stays near half a second
STALE_LIMIT = 86400.0
REFRESH_TIMEOUT = 10.0

# Set in the environment of the detached child that refreshes one kind of names:
# it runs through idcctl's own entry point (python -m idcctl), the one process boundary.
REFRESH_VAR = "_IDCCTL_REFRESH_NAMES"

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


def _file(env: Mapping[str, str], prefix: str, key: Any) -> str:
    import json
    import zlib

    digest = zlib.crc32(json.dumps(key).encode()) & 0xFFFFFFFF
    return os.path.join(cache_root(env), f"{prefix}-{digest:08x}.json")


def _read(path: str, key: Any) -> dict[str, Any] | None:
    import json

    try:
        with open(path, encoding="utf-8") as fh:
            entry = json.load(fh)
    except (OSError, ValueError):
        return None
    return entry if isinstance(entry, dict) and entry.get("key") == key else None


def _write(path: str, entry: dict[str, Any]) -> None:
    import json
    from pathlib import Path

    from idcctl.fileio import write_private_atomic

    try:
        write_private_atomic(Path(path), json.dumps(entry).encode("utf-8"), durable=False)
    except (OSError, TypeError, ValueError):
        pass


def read_config(env: Mapping[str, str]) -> dict[str, Any]:
    """The config document, or {} when it cannot be read (never an error here)."""
    try:
        import tomllib

        with open(config_file(env), "rb") as fh:
            doc = tomllib.load(fh)
        return doc if isinstance(doc, dict) else {}
    except Exception:  # noqa: BLE001 - completion never fails
        return {}


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
    memo = _file(env, "view", key)
    entry = _read(memo, key)
    if entry is not None:
        return entry["view"]
    doc = read_config(env)
    profiles = doc.get("profiles") if isinstance(doc.get("profiles"), dict) else {}
    profile = str(key[2] or doc.get("active_profile") or "default")
    stored = profiles.get(profile) if isinstance(profiles.get(profile), dict) else {}
    location = key[3] or stored.get("location")
    api_url = key[4] or stored.get("api_url") or "https://api.idcloudhost.com"
    result = {"profile": profile, "location": str(location) if location else None,
              "api_url": str(api_url).rstrip("/"), "profiles": [str(p) for p in profiles]}
    _prune(cache_root(env), "view-")
    _write(memo, {"key": key, "view": result})
    return result


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


def _names_file(env: Mapping[str, str], kind: str, scope: list[Any]) -> str:
    return _file(env, f"names-{kind}", scope)


def names(kind: str, flags: Mapping[str, Any], env: Mapping[str, str], *,
          bound: float = BOUND) -> list[Any]:
    """The cached names of `kind`, refreshed within `bound` seconds when older than FRESH."""
    try:
        v = view(flags, env)
        scope = _scope(v)
        path = _names_file(env, kind, scope)
        entry = _read(path, [kind, *scope])
        age = time.time() - float(entry["stored_at"]) if entry else None
        if entry is not None and 0 <= age < FRESH:
            return entry["value"]
        if _refresh(kind, v, flags, env, bound):
            entry = _read(path, [kind, *scope]) or entry
        if entry is not None and time.time() - float(entry["stored_at"]) < STALE_LIMIT:
            return entry["value"]
        return []
    except Exception:  # noqa: BLE001 - completion never fails
        return []


def _refresh(kind: str, v: dict[str, Any], flags: Mapping[str, Any], env: Mapping[str, str],
             bound: float) -> bool:
    """Start the refresher child and wait for it at most `bound` seconds; True if it finished."""
    marker = _names_file(env, kind, _scope(v)) + ".refreshing"
    try:
        if time.time() - os.stat(marker).st_mtime < REFRESH_TIMEOUT + 2:
            return False  # another TAB's child is on it
    except OSError:
        pass
    try:
        os.makedirs(os.path.dirname(marker), mode=0o700, exist_ok=True)
        with open(marker, "w"):
            pass
    except OSError:
        return False
    import subprocess

    child_env = dict(env)
    child_env.pop("_IDCCTL_COMPLETE", None)
    child_env.update({"IDCCTL_PROFILE": v["profile"], "IDCCTL_API_URL": v["api_url"]})
    if v["location"]:
        child_env["IDCCTL_LOCATION"] = v["location"]
    if flags.get("api_key"):
        child_env["IDCCTL_API_KEY"] = str(flags["api_key"])
    child_env[REFRESH_VAR] = kind
    child = subprocess.Popen([sys.executable, "-m", "idcctl"], env=child_env,
                             stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        child.wait(timeout=bound)
    except subprocess.TimeoutExpired:
        return False
    return True


def extract(kind: str, data: Any) -> list[Any]:
    """The names in a list answer: strings, or [os_name, [versions]] pairs for images."""
    from idcctl.resources import KINDS

    field = KINDS[kind].ref_field
    items = data if isinstance(data, list) else []
    if kind == "image":
        # What `vm create` accepts: published versions (as `image list` shows them), and only
        # images that have one, so a TAB never completes to an OS the create refuses.
        pairs = [[str(i["os_name"]), [str(v.get("os_version")) for v in i.get("versions") or []
                                       if isinstance(v, dict) and v.get("os_version") and v.get("published", True)]]
                 for i in items if isinstance(i, dict) and i.get("os_name")]
        return [pair for pair in pairs if pair[1]]
    # An unnamed one (a disk without display_name) is offered by its id, which works as well.
    ident = KINDS[kind].id_field
    return list(dict.fromkeys(str(i.get(field) or i[ident]) for i in items
                              if isinstance(i, dict) and (i.get(field) or i.get(ident))))


def fetch(kind: str, env: Mapping[str, str]) -> list[Any]:
    """Ask the API (as the settings in `env` say) and return the names."""
    import importlib

    from idcctl.resources import KINDS
    from idcctl.shell.state import State

    state = State(env=env, flags={"timeout": REFRESH_TIMEOUT})
    try:
        row = KINDS[kind]
        lister = getattr(importlib.import_module(f"idcctl.api.{row.sdk}"), row.lister)
        return extract(kind, lister(state.client))
    finally:
        state.close()


def store(kind: str, env: Mapping[str, str], profile: str, location: str | None, api_url: str,
          data: Any) -> None:
    """Write the names in a list answer a command read anyway (per location: `vm list -l bus02`,
    `--all-locations`), so the next TAB, and "it exists in bus02" hints, need no request."""
    scope = [profile, location, str(api_url).rstrip("/")]
    _write(_names_file(env, kind, scope),
           {"key": [kind, *scope], "stored_at": time.time(), "value": extract(kind, data)})


def stored(kind: str, env: Mapping[str, str], profile: str, location: str | None, api_url: str) -> list[Any]:
    """The cached names of `kind` in `location` (up to STALE_LIMIT old), never asking the API."""
    scope = [profile, location, str(api_url).rstrip("/")]
    entry = _read(_names_file(env, kind, scope), [kind, *scope])
    try:
        fresh = entry is not None and time.time() - float(entry["stored_at"]) < STALE_LIMIT
    except (TypeError, ValueError):
        return []
    return list(entry["value"]) if fresh and isinstance(entry.get("value"), list) else []


def refresh_main(kind: str, env: Mapping[str, str]) -> int:
    """The child: fetch and store; silent whatever happens."""
    v = view({}, env)
    scope = _scope(v)
    path = _names_file(env, kind, scope)
    try:
        value = fetch(kind, env)
    except Exception:  # noqa: BLE001 - nobody reads this child's output
        return 1  # the marker stays: TABs answer from what they have until it ages out
    _write(path, {"key": [kind, *scope], "stored_at": time.time(), "value": value})
    try:
        os.unlink(path + ".refreshing")
    except OSError:
        pass
    return 0



def refresh_child(kind: str, env: Mapping[str, str]) -> int:
    """Entry of the refresh child, which idcctl's main() starts when REFRESH_VAR names a kind."""
    from idcctl.resources import KINDS

    return refresh_main(kind, env) if kind in KINDS else 2
