"""`vm` and `image` commands (contract section "vm")."""

from __future__ import annotations

from idcctl.cli.core import App

app = App(help="Virtual machines.")
image_app = App(help="OS images available for new VMs.")
