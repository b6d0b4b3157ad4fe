"""`image list`: OS images for new VMs."""

from __future__ import annotations

from idcctl.cli.core import App

app = App(help="OS images available for new VMs.")
