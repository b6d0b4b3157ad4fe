"""What `auth`, `profile` and `config` share: which profile is in use, and how profiles are shown.

The key is only ever shown masked. Writes go through `State.update_config` (locked, atomic, 0600).
"""

from __future__ import annotations

from typing import Any

from idcctl.errors import NotFoundError
from idcctl.shell.state import State

PROFILE_FIELDS = ("location", "api_url", "output", "billing_account", "timeout")


def current_profile(state: State) -> tuple[str, str]:
    """The profile in use and where that choice came from (flag, env, profile, default).

    The same order as `config.resolve`, but without validating the profile's
    settings: `config set` and `config unset` must still work on a profile
    whose stored value is broken, since they are how it gets fixed.
    """
    if state.flags.get("profile"):
        return state.flags["profile"], "flag"
    if state.env.get("IDCCTL_PROFILE"):
        return state.env["IDCCTL_PROFILE"], "env"
    doc = state.config_doc()
    return active_name(doc), "profile" if doc.get("active_profile") else "default"


def active_name(doc: dict[str, Any]) -> str:
    """The profile `profile use` chose; "default" when none was chosen."""
    from idcctl.config import DEFAULT_PROFILE

    return str(doc.get("active_profile") or DEFAULT_PROFILE)


def profile_row(name: str, profile: dict[str, Any], active: str) -> dict[str, Any]:
    from idcctl.config import mask

    row: dict[str, Any] = {"name": name, "active": name == active,
                           "api_key": mask(profile.get("api_key")) or None}
    row.update({key: profile.get(key) for key in PROFILE_FIELDS})
    return row


def no_profile(name: str) -> NotFoundError:
    from idcctl.config import no_profile as missing  # the same error -p NAME gives

    return missing(name)


def render_profiles(state: State, data: Any) -> None:
    # Keys are already masked here; the table's own masking would turn them into "****".
    state.flags.setdefault("show_secrets", True)
    state.render(data, "profile")
