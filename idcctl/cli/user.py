"""`user` commands (contract section "Account"): the user the API key belongs to."""

from __future__ import annotations

from typing import Optional

import typer

from idcctl.errors import UsageError
from idcctl.shell.core import App, state_of

app = App(help="Your user profile.", examples=["idcctl user show", "idcctl user update --first-name Ada"])


@app.command("show", examples=["idcctl user show", "idcctl user show -o json"])
def user_show(ctx: typer.Context) -> None:
    """Show the user the API key belongs to."""
    from idcctl.api import account

    state = state_of(ctx)
    state.render(account.get_user(state.client), "user")


@app.command("update", examples=["idcctl user update --phone '+372 555 0100'",
                                      "idcctl user update --first-name Ada --last-name Lovelace"])
def user_update(
    ctx: typer.Context,
    first_name: Optional[str] = typer.Option(None, "--first-name", help="First name."),
    last_name: Optional[str] = typer.Option(None, "--last-name", help="Last name."),
    phone: Optional[str] = typer.Option(None, "--phone", help="Phone number, any format."),
    personal_id: Optional[str] = typer.Option(None, "--personal-id", help="Personal identity number."),
) -> None:
    """Change your profile; only the fields given are sent."""
    from idcctl.api import account

    if all(v is None for v in (first_name, last_name, phone, personal_id)):
        raise UsageError("nothing to update", hint="give at least one of --first-name, --last-name, "
                         "--phone, --personal-id")
    state = state_of(ctx)
    result = account.update_profile(state.client, first_name=first_name, last_name=last_name,
                                    phone_number=phone, personal_id_number=personal_id)
    state.render(result, "user")
