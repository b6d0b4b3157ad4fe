"""`billing`: accounts, resource billing, cards, credit, invoices, payments, pricing, usage.

The group is a package of three modules (contract section "billing"):
``accounts`` (billing accounts and `assign`), ``payments`` (cards, credit,
invoices, payments, campaigns) and ``pricing`` (policy, usage, estimates).
This file holds the Typer app and adds each module's app to it. ACCT defaults to the profile's ``billing_account`` setting
wherever an account is asked for, except `account delete`, which must name it.
"""

from __future__ import annotations

from idcctl.cli.billing import accounts, payments, pricing
from idcctl.shell.core import App

app = App(help="Billing accounts, cards, credit, invoices, payments, pricing and usage.", examples=[
    "idcctl billing account list",
    "idcctl billing invoice list",
    "idcctl billing estimate --vcpu 2 --ram 2048 --disk 20",
])

# Commands first (assign ... estimate), then the sub-groups (account, card, credit, invoice).
for part in (accounts, payments, pricing):
    app.add_typer(part.app)
