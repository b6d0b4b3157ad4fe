"""`vm params` and `vm pool list`: what `vm create` accepts and where a VM can run."""

from __future__ import annotations

import typer

from idcctl.cli.core import App, state_of


def register(app: App, pool_app: App) -> None:
    """Add these commands to the `vm` group."""
    pool_app.command("list", examples=["idcctl vm pool list", "idcctl vm pool list -q"])(pool_list)
    app.command("params", examples=["idcctl vm params", "idcctl vm params -o json"])(vm_params)


def pool_list(ctx: typer.Context) -> None:
    """List resource pools; pass one to 'vm create --pool'."""
    from idcctl.api import vms

    state = state_of(ctx)
    state.render(vms.list_pools(state.client), "pool")


def vm_params(ctx: typer.Context) -> None:
    """Show the parameters 'vm create' takes and the values the API allows."""
    from idcctl.api import vms

    state = state_of(ctx)
    state.render(vms.parameters(state.client), "param")
