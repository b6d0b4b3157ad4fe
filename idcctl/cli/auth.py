"""`auth` commands: log in (check an API key with the API, then store it), status, log out.

The only requests made are key checks (`GET /v1/user-resource/user`): `auth
login`'s before anything is stored, and `auth status`'s; the key is never
printed, only masked (``abcd…wxyz``).
"""

from __future__ import annotations

from typing import Any

import typer

from idcctl.cli.shared.profiles import active_name, current_profile, no_profile
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


# Where a key came from, as `auth status` says it (Settings.api_key_origin -> words).
KEY_FROM = {"flag": "--api-key", "env": "IDCCTL_API_KEY", "profile": "config file", "none": "none"}


@app.command("status", examples=["idcctl auth status", "idcctl auth status --all",
                                 "idcctl auth status -o json | jq -r .user"])
def auth_status(
    ctx: typer.Context,
    all_profiles: bool = typer.Option(False, "--all", help="Check every stored profile, one row each."),
) -> None:
    """Show who you are: the profile, where its key comes from (masked), the API URL and
    location, whether the API accepts the key, how fast it answered, and the user's name.

    Exit 3 without a key or when the API refuses it (401/403), 5 when the API cannot be
    reached; with --all, the worst of every profile's.
    """
    from idcctl.cli.shared.concurrent import run_all

    state = state_of(ctx)
    if all_profiles:
        doc = state.config_doc()
        names = list(dict.fromkeys([state.settings.profile, *doc.get("profiles", {})]))
    else:
        names = [state.settings.profile]
    checked = run_all([lambda name=name: _check(state, name) for name in names])
    state.flags.setdefault("show_secrets", True)  # keys are masked already; the table would hide even that
    rows = [row for row, _ in checked]
    state.render(rows if all_profiles else rows[0], "auth_status" if all_profiles else None)
    failures = [(row["profile"], error) for row, error in checked if error is not None]
    for name, error in failures[:-1] if len(failures) > 1 else []:
        state.info(f"error: profile '{name}': {error}")
    if failures:
        worst = max(failures, key=lambda failure: failure[1].exit_code)[1]
        if all_profiles:
            worst.message = f"{len(failures)} of {len(rows)} profiles failed the check; worst: {worst.message}"
        raise worst


def _check(state: State, name: str) -> tuple[dict[str, Any], Any]:
    """One profile's status row, and the error it ends with (None when the API accepted its key)."""
    import time

    from idcctl.api import account
    from idcctl.api.client import Client
    from idcctl.config import mask, resolve
    from idcctl.errors import IdcctlError

    active = active_name(state.config_doc())  # as `profile list` says it: the one `profile use` chose
    row: dict[str, Any] = {"profile": name, "active": name == active, "api_key": None, "key_from": "none",
                           "api_url": None, "location": None, "api": "not checked", "http_status": None,
                           "response_ms": None, "user": None}
    try:
        settings = resolve({**state.flags, "profile": name}, state.env, state.config_doc(), state.config_path)
    except IdcctlError as exc:
        return {**row, "api": "unreadable settings"}, exc
    row.update(api_key=mask(settings.api_key) or None, key_from=KEY_FROM[settings.api_key_origin],
               api_url=settings["api_url"], location=settings["location"])
    if not settings.api_key:
        return row, AuthError(f"no API key for profile '{name}'",
                              hint=f"'idcctl auth login -p {name}' stores one (or set IDCCTL_API_KEY)")
    clock = state.clock or time.monotonic
    # No retries: the time shown is one request's, and an unreachable API is said at once.
    client = Client(settings.api_key, base_url=settings["api_url"], location=settings["location"],
                    timeout=settings["timeout"], max_retries=0, hooks=state.client_hooks())
    started = clock()
    try:
        user = account.get_user(client)
    except IdcctlError as exc:
        if exc.exit_code == 5:
            return {**row, "api": "unreachable"}, exc
        return {**row, "api": "refused the key" if isinstance(exc, AuthError) else "error",  # it answered
                "http_status": getattr(exc, "status", None), "response_ms": round((clock() - started) * 1000)}, exc
    finally:
        client.close()
    return {**row, "api": "ok", "http_status": 200, "response_ms": round((clock() - started) * 1000),
            "user": _who(user)}, None


def _who(user: Any) -> str | None:
    """``First Last <email>`` from `user show`'s answer, as far as it has them."""
    if not isinstance(user, dict):
        return None
    data = user.get("profile_data") if isinstance(user.get("profile_data"), dict) else {}
    full = " ".join(str(data[k]) for k in ("first_name", "last_name") if data.get(k))
    email = data.get("email") or user.get("name")
    if full and email:
        return f"{full} <{email}>"
    return full or (str(email) if email else None)


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
