"""`vm` commands (contract section "vm"): the group, and the modules that hold its commands.

One module per part of the group, named after its commands: ``create.py``
(vm create), ``list.py`` (list, show), ``manage.py`` (update, delete),
``power.py`` (start, stop, rescue, reinstall, clone, rebuild), ``access.py``
(auto-backup, password, public-ip), ``ssh.py``, ``disk.py`` (vm disk),
``snapshot.py`` (vm snapshot), ``params.py`` (params, pool list); shared
pieces in ``common.py``. The root imports this package only when `vm` is
invoked.
"""

from __future__ import annotations

from idcctl.cli.core import App
from idcctl.cli.vm import access, disk, manage, params, power, snapshot, ssh
from idcctl.cli.vm import list as listing
from idcctl.cli.vm.create import create as _create

app = App(help="Virtual machines.")
app.command("create", examples=[
    "idcctl vm create --name web-1 --os ubuntu --os-version 22.04-lts --disk-size 20 --vcpu 2 "
    "--ram 2048 --username deploy --password-stdin < pw.txt",
    "idcctl vm create --name web-2 --os debian --os-version 12 --disk-size 40 --vcpu 4 --ram 4096 "
    "--username deploy --public-key @~/.ssh/id_ed25519.pub --cloud-init init.yaml --wait",
])(_create)
pool_app = App(help="Resource pools (server classes) a VM can run on.")

# In the order `vm --help` lists them: create, list, show, update, delete first.
listing.register(app)
manage.register(app)
params.register(app, pool_app)
power.register(app)
access.register(app)
ssh.register(app)
app.add_typer(disk.app, name="disk", help="Disks attached to a VM: add, resize, remove.")
app.add_typer(snapshot.app, name="snapshot", help="Snapshots and backups (replicas) of a VM.")
app.add_typer(pool_app, name="pool", help="Resource pools (server classes) a VM can run on.")
