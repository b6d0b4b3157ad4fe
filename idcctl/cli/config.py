"""`config` commands: per-profile settings (location, output, billing_account, api_url, timeout)."""

from __future__ import annotations

from typing import Any

import typer

from idcctl.cli.shared.profiles import current_profile
from idcctl.shell.core import App, state_of

app = App(help="Per-profile settings.", examples=["idcctl config set location bus02",
                                                 "idcctl config list --show-origin"])


@app.command("set", examples=["idcctl config set location bus02", "idcctl -p staging config set output json"])
def config_set(
    ctx: typer.Context,
    key: str = typer.Argument(..., metavar="KEY", help="location, output, billing_account, api_url or timeout."),
    value: str = typer.Argument(..., metavar="VALUE"),
) -> None:
    """Store a setting in the current profile (created if missing)."""
    from idcctl.config import validate_profile_name, validate_setting

    state = state_of(ctx)
    checked = validate_setting(key, value, f"config set {key}")
    name = validate_profile_name(current_profile(state)[0])

    def put(doc: dict[str, Any]) -> None:
        doc.setdefault("profiles", {}).setdefault(name, {})[key] = checked

    state.update_config(put)
    state.info(f"Set {key} in profile '{name}'.")


@app.command("get", examples=["idcctl config get location", "idcctl -p staging config get timeout"])
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


@app.command("unset", examples=["idcctl config unset location"])
def config_unset(
    ctx: typer.Context,
    key: str = typer.Argument(..., metavar="KEY", help="location, output, billing_account, api_url or timeout."),
) -> None:
    """Remove a setting from the current profile (it falls back to env or default)."""
    from idcctl.config import validate_setting

    validate_setting(key, None)
    state = state_of(ctx)
    name, _ = current_profile(state)

    def drop(doc: dict[str, Any]) -> bool:
        profile = doc.get("profiles", {}).get(name)
        return profile is not None and profile.pop(key, None) is not None

    if state.update_config(drop):
        state.info(f"Unset {key} in profile '{name}'.")
    else:
        state.info(f"{key} was not set in profile '{name}'.")


@app.command("list", examples=["idcctl config list", "idcctl config list --show-origin"])
def config_list(
    ctx: typer.Context,
    show_origin: bool = typer.Option(False, "--show-origin",
                                     help="Say where each value came from: flag, env, profile or default."),
) -> None:
    """Every effective setting, the profile in use and its key (masked)."""
    from idcctl.config import SETTINGS, mask

    state = state_of(ctx)
    settings = state.settings
    profile, profile_origin = current_profile(state)
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
