"""`firewall` commands (contract section "firewall", 2025 reference): rules and the VMs they protect.

Firewalls are location-scoped (``-l SLUG``), like the VMs they protect.
``manage.py`` (list, show, create, update, delete), ``rule.py`` (rule add,
rule remove), ``assign.py`` (assign, unassign); ``rules.py`` reads and
checks rules (``DIRECTION:PROTOCOL:PORTS:ADDRESSES`` and ``--rules @FILE``),
``common.py`` finds a firewall and builds the whole-firewall PUT.
"""

from __future__ import annotations

from idcctl.cli.firewall import assign, manage, rule
from idcctl.shell.core import App

app = App(help="Firewalls: rules and the VMs they protect.",
          examples=["idcctl firewall create --name web --rule inbound:tcp:22:any --rule inbound:tcp:443:any",
                    "idcctl firewall assign web --vm web-1", "idcctl firewall show web"])

for part in (manage, assign):
    app.add_typer(part.app)
app.add_typer(rule.app, name="rule", help="A firewall's rules (DIRECTION:PROTOCOL:PORTS:ADDRESSES): add, remove.")
