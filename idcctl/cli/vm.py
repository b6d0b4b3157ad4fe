"""`vm` commands (contract section "vm"), except `vm create`, which lives in vm_create.py."""

from __future__ import annotations

from idcctl.cli.core import App
from idcctl.cli.vm_create import create as _create

app = App(help="Virtual machines.")
app.command("create")(_create)
