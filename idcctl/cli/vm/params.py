"""`vm params`: what `vm create` accepts and the values the API allows."""

from __future__ import annotations

import typer

from idcctl.shell.core import App, state_of

app = App()


@app.command("params", examples=["idcctl vm params", "idcctl vm params -o json"])
def vm_params(ctx: typer.Context) -> None:
    """Show the parameters 'vm create' takes and the values the API allows."""
    from idcctl.api import vms

    state = state_of(ctx)
    state.render(vms.parameters(state.client), "param")
