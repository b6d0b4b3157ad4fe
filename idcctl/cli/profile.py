"""`auth`, `profile` and `config` commands: client-side profile management.

Everything here reads or writes the config file through `idcctl.config`
(locked, atomic, 0600); nothing prints an API key except masked. The only
request made is the key check of `auth login`, before anything is stored.
"""

from __future__ import annotations

from typing import Any, Optional

import typer

from idcctl.cli.core import App, state_of
from idcctl.cli.state import State
from idcctl.errors import AuthError, NotFoundError, UsageError

auth_app = App(help="Log in and out.")
profile_app = App(help="Manage stored profiles.")
config_app = App(help="Per-profile settings.")

_PROFILE_FIELDS = ("location", "api_url", "output", "billing_account", "timeout")


# -- helpers ----------------------------------------------------------------


def _current_profile(state: State) -> tuple[str, str]:
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
    return _active_name(doc), "profile" if doc.get("active_profile") else "default"


def _active_name(doc: dict[str, Any]) -> str:
    """The profile `profile use` chose; "default" when none was chosen."""
    from idcctl.config import DEFAULT_PROFILE

    return str(doc.get("active_profile") or DEFAULT_PROFILE)


def _write(state: State, mutate) -> Any:
    """Locked read-modify-write of the config file; later reads in this process see it."""
    return state.update_config(mutate)


def _profile_row(name: str, profile: dict[str, Any], active: str) -> dict[str, Any]:
    from idcctl.config import mask

    row: dict[str, Any] = {"name": name, "active": name == active,
                           "api_key": mask(profile.get("api_key")) or None}
    row.update({key: profile.get(key) for key in _PROFILE_FIELDS})
    return row


def _no_profile(name: str) -> NotFoundError:
    return NotFoundError(f"no profile named '{name}'",
                         hint="'idcctl profile list' shows them; 'idcctl auth login -p NAME' makes one")


def _render_profiles(state: State, data: Any) -> None:
    # Keys are already masked here; the table's own masking would turn them into "****".
    state.flags.setdefault("show_secrets", True)
    state.render(data, "profile")


# -- auth -------------------------------------------------------------------


def _read_key(state: State, from_stdin: bool) -> str:
    """The key to log in with: stdin, else --api-key/IDCCTL_API_KEY, else a hidden prompt."""
    from idcctl.config import validate_api_key

    if from_stdin:
        key = state.read_line("API key")
    elif state.settings.api_key_origin in ("flag", "env"):
        key = state.settings.api_key or ""
    else:
        if not state.stdin_is_terminal():
            raise UsageError("no terminal to ask for the API key on",
                             hint="pipe it in with --api-key-stdin")
        key = state.prompt_hidden("API key: ")
    key = key.strip()
    if not key:
        raise UsageError("the API key is empty; nothing was stored")
    return validate_api_key(key, "auth login")


@auth_app.command("login", examples=["idcctl auth login", "idcctl auth login -p staging",
                                      "pass show idcloudhost | idcctl auth login --api-key-stdin"])
def auth_login(
    ctx: typer.Context,
    api_key_stdin: bool = typer.Option(False, "--api-key-stdin",
                                       help="Read the API key from the first line of stdin."),
) -> None:
    """Check an API key with the API and store it in the profile (-p NAME, default: the current one)."""
    from idcctl.api import account
    from idcctl.config import validate_profile_name

    state = state_of(ctx)
    name = validate_profile_name(state.settings.profile)
    key = _read_key(state, api_key_stdin)
    client = state.make_client(key)
    try:
        user = account.get_user(client)
    except AuthError as exc:
        raise AuthError(f"the API refused the key: {exc.message}; nothing was stored",
                        status=exc.status, request_id=exc.request_id,
                        hint="check the key in the idcloudhost.com console (API access)") from None
    finally:
        client.close()

    def store(doc: dict[str, Any]) -> None:
        profile = doc.setdefault("profiles", {}).setdefault(name, {})
        profile["api_key"] = key
        if state.settings.origins.get("api_url") == "flag":
            # The key was checked against this URL: it belongs with it.
            profile["api_url"] = state.settings["api_url"]
        doc.setdefault("active_profile", name)

    _write(state, store)
    who = (user.get("name") or user.get("id")) if isinstance(user, dict) else None
    state.info(f"Logged in as {who or 'unknown user'} (profile '{name}')")


@auth_app.command("logout", examples=["idcctl auth logout", "idcctl auth logout -p staging"])
def auth_logout(ctx: typer.Context) -> None:
    """Forget the stored API key of the profile (-p NAME, default: the current one); keep its settings."""
    state = state_of(ctx)
    name, _ = _current_profile(state)

    def forget(doc: dict[str, Any]) -> bool:
        profile = doc.get("profiles", {}).get(name)
        if profile is None:
            raise _no_profile(name)
        return profile.pop("api_key", None) is not None

    if _write(state, forget):
        state.info(f"Forgot the API key of profile '{name}'.")
    else:
        state.info(f"Profile '{name}' had no stored API key.")
    if state.env.get("IDCCTL_API_KEY"):
        state.warn("IDCCTL_API_KEY is still set in the environment and is used instead")


# -- profile ----------------------------------------------------------------


@profile_app.command("list", examples=["idcctl profile list"])
def profile_list(ctx: typer.Context) -> None:
    """List stored profiles (keys masked)."""
    from idcctl.config import profiles_of

    state = state_of(ctx)
    doc = state.config_doc()
    active = _active_name(doc)
    rows = [_profile_row(name, profile, active) for name, profile in profiles_of(doc).items()]
    _render_profiles(state, rows)


@profile_app.command("show", examples=["idcctl profile show", "idcctl profile show staging -o json"])
def profile_show(
    ctx: typer.Context,
    name: Optional[str] = typer.Argument(None, metavar="[NAME]", help="Profile [default: the current one]."),
) -> None:
    """Show one profile's stored settings (key masked)."""
    from idcctl.config import profiles_of

    state = state_of(ctx)
    name = name or _current_profile(state)[0]
    doc = state.config_doc()
    profiles = profiles_of(doc)
    if name not in profiles:
        raise _no_profile(name)
    _render_profiles(state, _profile_row(name, profiles[name], _active_name(doc)))


@profile_app.command("use", examples=["idcctl profile use staging"])
def profile_use(
    ctx: typer.Context,
    name: str = typer.Argument(..., metavar="NAME", help="Profile to make the default."),
) -> None:
    """Make a profile the one used when neither -p nor IDCCTL_PROFILE is given."""
    state = state_of(ctx)

    def use(doc: dict[str, Any]) -> None:
        if name not in doc.get("profiles", {}):
            raise _no_profile(name)
        doc["active_profile"] = name

    _write(state, use)
    state.info(f"Now using profile '{name}'.")
    if state.env.get("IDCCTL_PROFILE") and state.env["IDCCTL_PROFILE"] != name:
        state.warn(f"IDCCTL_PROFILE={state.env['IDCCTL_PROFILE']} still overrides it in this shell")


@profile_app.command("delete", examples=["idcctl profile delete staging"])
def profile_delete(
    ctx: typer.Context,
    name: str = typer.Argument(..., metavar="NAME", help="Profile to delete, key and settings."),
) -> None:
    """Delete a profile with its stored key and settings."""
    from idcctl.config import profiles_of

    state = state_of(ctx)
    if name not in profiles_of(state.config_doc()):
        raise _no_profile(name)
    state.confirm(f"Delete profile '{name}' with its API key and settings?", action=f"delete profile '{name}'")

    def delete(doc: dict[str, Any]) -> None:
        if name not in doc.get("profiles", {}):
            raise _no_profile(name)  # deleted by another process meanwhile
        del doc["profiles"][name]
        if doc.get("active_profile") == name:
            del doc["active_profile"]

    _write(state, delete)
    state.info(f"Deleted profile '{name}'.")


# -- config -----------------------------------------------------------------


@config_app.command("set", examples=["idcctl config set location bus02", "idcctl -p staging config set output json"])
def config_set(
    ctx: typer.Context,
    key: str = typer.Argument(..., metavar="KEY", help="location, output, billing_account, api_url or timeout."),
    value: str = typer.Argument(..., metavar="VALUE"),
) -> None:
    """Store a setting in the current profile (created if missing)."""
    from idcctl.config import validate_profile_name, validate_setting

    state = state_of(ctx)
    checked = validate_setting(key, value, f"config set {key}")
    name = validate_profile_name(_current_profile(state)[0])

    def put(doc: dict[str, Any]) -> None:
        doc.setdefault("profiles", {}).setdefault(name, {})[key] = checked

    _write(state, put)
    state.info(f"Set {key} in profile '{name}'.")


@config_app.command("get", examples=["idcctl config get location", "idcctl -p staging config get timeout"])
def config_get(
    ctx: typer.Context,
    key: str = typer.Argument(..., metavar="KEY", help="location, output, billing_account, api_url or timeout."),
) -> None:
    """Print a setting's effective value (flag > env > profile > default); nothing if unset."""
    from idcctl.config import validate_setting

    validate_setting(key, None)
    state = state_of(ctx)
    value = state.settings[key]
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # timeout 30, not 30.0
    if value is not None:
        # Plain text whatever the output format, so `$(idcctl config get location)` just works.
        state.out.write(f"{value}\n")


@config_app.command("unset", examples=["idcctl config unset location"])
def config_unset(
    ctx: typer.Context,
    key: str = typer.Argument(..., metavar="KEY", help="location, output, billing_account, api_url or timeout."),
) -> None:
    """Remove a setting from the current profile (it falls back to env or default)."""
    from idcctl.config import validate_setting

    validate_setting(key, None)
    state = state_of(ctx)
    name, _ = _current_profile(state)

    def drop(doc: dict[str, Any]) -> bool:
        profile = doc.get("profiles", {}).get(name)
        return profile is not None and profile.pop(key, None) is not None

    if _write(state, drop):
        state.info(f"Unset {key} in profile '{name}'.")
    else:
        state.info(f"{key} was not set in profile '{name}'.")


@config_app.command("list", examples=["idcctl config list", "idcctl config list --show-origin"])
def config_list(
    ctx: typer.Context,
    show_origin: bool = typer.Option(False, "--show-origin",
                                     help="Say where each value came from: flag, env, profile or default."),
) -> None:
    """Every effective setting, the profile in use and its key (masked)."""
    from idcctl.config import SETTINGS, mask

    state = state_of(ctx)
    settings = state.settings
    profile, profile_origin = _current_profile(state)
    rows = [{"key": "profile", "value": profile, "origin": profile_origin}]
    rows += [{"key": key, "value": settings[key], "origin": settings.origins[key]} for key in SETTINGS]
    key_origin = settings.api_key_origin if settings.api_key else "default"
    rows.append({"key": "api_key", "value": mask(settings.api_key) or None, "origin": key_origin})
    if state.output_options().format != "table":
        if show_origin:
            data = {r["key"]: {"value": r["value"], "origin": r["origin"]} for r in rows}
        else:
            data = {r["key"]: r["value"] for r in rows}
        state.render(data)
        return
    if not show_origin:
        state.flags.setdefault("columns", "key,value")
    state.render(rows, "setting")
