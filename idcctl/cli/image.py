"""`image list`: OS images for new VMs; `image boot-list`: the ISO images `vm boot-iso` boots."""

from __future__ import annotations

import typer

from idcctl.errors import UsageError
from idcctl.shell.core import App, state_of

app = App(help="OS images for new VMs, and ISO images to boot them from once.",
          examples=["idcctl image list --plain-os", "idcctl image boot-list",
                    "idcctl image list -o json | jq -r '.[].os_name'"])


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


@app.command("boot-list", examples=["idcctl image boot-list", "idcctl image boot-list -o json"])
def image_boot_list(ctx: typer.Context) -> None:
    """List the platform's bootable ISO images: rescue systems and OS installers for 'vm boot-iso'."""
    from idcctl.api import vms

    state = state_of(ctx)
    state.render(vms.list_boot_images(state.client), "boot_image")
