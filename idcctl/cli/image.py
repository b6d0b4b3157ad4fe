"""`image list`: OS images for new VMs."""

from __future__ import annotations

import typer

from idcctl.errors import UsageError
from idcctl.shell.core import App, state_of

app = App(help="OS images available for new VMs.",
          examples=["idcctl image list --plain-os", "idcctl image list -o json | jq -r '.[].os_name'"])


@app.command("list", examples=["idcctl image list", "idcctl image list --plain-os -o json"])
def image_list(
    ctx: typer.Context,
    plain_os: bool = typer.Option(False, "--plain-os", help="Only plain operating systems."),
    app_catalog: bool = typer.Option(False, "--app-catalog", help="Only app catalog images."),
) -> None:
    """List OS images and their versions: the valid --os/--os-version pairs of 'vm create'."""
    from idcctl.api import vms

    if plain_os and app_catalog:
        raise UsageError("--plain-os and --app-catalog exclude each other",
                         hint="give one of them, or neither for every image")
    kind = "plain_os" if plain_os else "app_catalog" if app_catalog else None
    state = state_of(ctx)
    state.render(vms.list_images(state.client, kind), "image")
