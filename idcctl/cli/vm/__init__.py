"""`vm` commands (contract section "vm"): the group, and the modules that hold its commands.

One module per part of the group, named after its commands: ``create.py``
(vm create), ``list.py`` (list, show), ``manage.py`` (update, delete),
``params.py`` (params), ``power.py`` (start, stop, reinstall, clone,
rebuild), ``boot.py`` (boot-iso, rescue), ``access.py`` (auto-backup, password, public-ip), ``ssh.py``,
``disk.py`` (vm disk), ``snapshot.py`` (vm snapshot), ``pool.py`` (vm pool).
Helpers only this group uses sit beside them: ``common.py`` (arguments,
--wait), ``wait.py`` (the poller), ``validation.py`` (create's local rules),
``secret.py`` (passwords), ``public_ips.py`` (the PUBLIC IP column).
The root imports this package only when `vm` is invoked.
"""

from __future__ import annotations

from idcctl.cli.vm import (
    access,
    boot,
    create,
    disk,
    manage,
    params,
    pool,
    power,
    snapshot,
    ssh,
)
from idcctl.cli.vm import list as listing
from idcctl.shell.core import App

app = App(help="Virtual machines.", examples=[
    "idcctl vm list",
    "idcctl vm show web-1 -o json",
    "idcctl vm stop web-1 --wait && idcctl vm snapshot create web-1",
])

# In the order `vm --help` lists them: create, list, show, update, delete first.
for part in (create, listing, manage, params, power, boot, access, ssh):
    app.add_typer(part.app)
app.add_typer(disk.app, name="disk", help="Disks attached to a VM: add, resize, remove.")
app.add_typer(snapshot.app, name="snapshot", help="Snapshots and backups (replicas) of a VM.")
app.add_typer(pool.app, name="pool", help="Resource pools (server classes) a VM can run on.")
