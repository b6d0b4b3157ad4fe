"""`vm pool list`: the resource pools (server classes) a VM can run on."""

from __future__ import annotations

import typer

from idcctl.shell.core import App, state_of

app = App(help="Resource pools (server classes) a VM can run on.", examples=["idcctl vm pool list"])


@app.command("list", examples=["idcctl vm pool list", "idcctl vm pool list -q"])
def pool_list(ctx: typer.Context) -> None:
    """List resource pools; pass one to 'vm create --pool'."""
    from idcctl.api import vms

    state = state_of(ctx)
    state.render(vms.list_pools(state.client), "pool")
