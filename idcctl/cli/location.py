"""`location` commands (contract section "Account"): data centre locations."""

from __future__ import annotations

import typer

from idcctl.shell.core import App, state_of

app = App(help="Data centre locations.", examples=["idcctl location list", "idcctl vm list -l bus02"])


@app.command("list", examples=["idcctl location list", "idcctl location list -q"])
def location_list(ctx: typer.Context) -> None:
    """List locations; use a slug with --location or 'config set location'."""
    from idcctl.api import account

    state = state_of(ctx)
    state.render(account.list_locations(state.client), "location")
