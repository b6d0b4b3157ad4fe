"""`auth` commands: log in (check an API key with the API, then store it) and log out.

The only request made is the key check of `auth login`, before anything is stored;
the key is never printed.
"""

from __future__ import annotations

from typing import Any

import typer

from idcctl.cli.shared.profiles import current_profile, no_profile
from idcctl.errors import AuthError, UsageError
from idcctl.shell.core import App, state_of
from idcctl.shell.state import State

app = App(help="Log in and out.", examples=["idcctl auth login", "idcctl -p staging auth login",
                                            "idcctl auth logout -p staging"])


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


@app.command("login", examples=["idcctl auth login", "idcctl auth login -p staging",
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

    state.update_config(store)
    who = (user.get("name") or user.get("id")) if isinstance(user, dict) else None
    state.info(f"Logged in as {who or 'unknown user'} (profile '{name}')")


@app.command("logout", examples=["idcctl auth logout", "idcctl auth logout -p staging"])
def auth_logout(ctx: typer.Context) -> None:
    """Forget the stored API key of the profile (-p NAME, default: the current one).

    The profile stays, with its settings, and 'profile list' shows it with key '-';
    'idcctl profile delete NAME' removes it altogether.
    """
    state = state_of(ctx)
    name, _ = current_profile(state)

    def forget(doc: dict[str, Any]) -> bool:
        profile = doc.get("profiles", {}).get(name)
        if profile is None:
            raise no_profile(name)
        return profile.pop("api_key", None) is not None

    # The profile itself stays (its settings are worth keeping for the next login): say so,
    # since `profile list` goes on showing it, with '-' for its key.
    stays = (f"the profile and its settings stay (key '-' in 'idcctl profile list'); "
             f"'idcctl profile delete {name}' removes it")
    if state.update_config(forget):
        state.info(f"Forgot the API key of profile '{name}'; {stays}.")
    else:
        state.info(f"Profile '{name}' had no stored API key; {stays}.")
    if state.env.get("IDCCTL_API_KEY"):
        state.warn("IDCCTL_API_KEY is still set in the environment and is used instead")
