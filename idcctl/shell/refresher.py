"""The TAB names' refresher: the child process a TAB starts (`idcctl.shell.names`) to list a kind.

It runs as any command does (a `State` from the config file and the
environment, never a cached view), so it lives apart from the cache it fills:
the command state reports its writes back to that cache (`idcctl.shell.freshen`).
"""

from __future__ import annotations

import os
import time

from idcctl.shell.namelist import extract
from idcctl.shell.names import REFRESH_TIMEOUT, names_file
from idcctl.shell.tabfiles import trusted, write_entry

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping


def refresh_main(kind: str, env: Mapping[str, str]) -> int:
    """The child: resolve the settings as any command does, list, store; silent whatever happens."""
    import importlib

    from idcctl.resources import KINDS
    from idcctl.shell.state import State

    state = State(env=env, flags={"timeout": REFRESH_TIMEOUT})
    try:
        settings = state.settings  # config file and environment: never a cached view
        scope = [settings.profile, settings["location"], settings["api_url"]]
        row = KINDS[kind]
        lister = getattr(importlib.import_module(f"idcctl.api.{row.sdk}"), row.lister)
        value = extract(kind, lister(state.client))
    except Exception:  # noqa: BLE001 - nobody reads this child's output
        return 1  # the marker stays: TABs answer from what they have until it ages out
    finally:
        state.close()
    if not trusted(env):
        return 1
    path = names_file(env, kind, scope)
    write_entry(path, {"key": [kind, *scope], "stored_at": time.time(), "value": value})
    try:
        os.unlink(path + ".refreshing")
    except OSError:
        pass
    return 0


def refresh_child(kind: str, env: Mapping[str, str]) -> int:
    """Entry of the refresh child, which idcctl's main() starts when REFRESH_VAR names a kind."""
    from idcctl.resources import KINDS

    return refresh_main(kind, env) if kind in KINDS else 2
