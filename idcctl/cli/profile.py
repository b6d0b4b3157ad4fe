"""`profile` commands: the stored profiles (keys shown masked)."""

from __future__ import annotations

from typing import Any, Optional

import typer

from idcctl.cli.shared.profiles import (
    active_name,
    current_profile,
    no_profile,
    profile_row,
    render_profiles,
)
from idcctl.shell.core import App, state_of

app = App(help="Manage stored profiles.", examples=["idcctl profile list", "idcctl profile use staging"])


@app.command("list", examples=["idcctl profile list"])
def profile_list(ctx: typer.Context) -> None:
    """List stored profiles (keys masked)."""
    from idcctl.config import profiles_of

    state = state_of(ctx)
    doc = state.config_doc()
    active = active_name(doc)
    rows = [profile_row(name, profile, active) for name, profile in profiles_of(doc).items()]
    render_profiles(state, rows)


@app.command("show", examples=["idcctl profile show", "idcctl profile show staging -o json"])
def profile_show(
    ctx: typer.Context,
    name: Optional[str] = typer.Argument(None, metavar="[NAME]", help="Profile [default: the current one]."),
) -> None:
    """Show one profile's stored settings (key masked)."""
    from idcctl.config import profiles_of

    state = state_of(ctx)
    name = name or current_profile(state)[0]
    doc = state.config_doc()
    profiles = profiles_of(doc)
    if name not in profiles:
        raise no_profile(name)
    render_profiles(state, profile_row(name, profiles[name], active_name(doc)))


@app.command("use", examples=["idcctl profile use staging"])
def profile_use(
    ctx: typer.Context,
    name: str = typer.Argument(..., metavar="NAME", help="Profile to make the default."),
) -> None:
    """Make a profile the one used when neither -p nor IDCCTL_PROFILE is given."""
    state = state_of(ctx)

    def use(doc: dict[str, Any]) -> None:
        if name not in doc.get("profiles", {}):
            raise no_profile(name)
        doc["active_profile"] = name

    state.update_config(use)
    state.info(f"Now using profile '{name}'.")
    if state.env.get("IDCCTL_PROFILE") and state.env["IDCCTL_PROFILE"] != name:
        state.warn(f"IDCCTL_PROFILE={state.env['IDCCTL_PROFILE']} still overrides it in this shell")


@app.command("delete", examples=["idcctl profile delete staging"])
def profile_delete(
    ctx: typer.Context,
    name: str = typer.Argument(..., metavar="NAME", help="Profile to delete, key and settings."),
) -> None:
    """Delete a profile with its stored key and settings."""
    from idcctl.config import profiles_of

    state = state_of(ctx)
    if name not in profiles_of(state.config_doc()):
        raise no_profile(name)
    state.confirm(f"Delete profile '{name}' with its API key and settings?", action=f"delete profile '{name}'")

    def delete(doc: dict[str, Any]) -> None:
        if name not in doc.get("profiles", {}):
            raise no_profile(name)  # deleted by another process meanwhile
        del doc["profiles"][name]
        if doc.get("active_profile") == name:
            del doc["active_profile"]

    state.update_config(delete)
    state.info(f"Deleted profile '{name}'.")
