"""`billing`: accounts, resource billing, cards, credit, invoices, payments, pricing, usage.

The group is a package of three modules (contract section "billing"):
``accounts`` (billing accounts and `assign`), ``payments`` (cards, credit,
invoices, payments, campaigns) and ``pricing`` (policy, usage, estimates).
This file holds the Typer app and registers them, so the whole tree reads
from here. ACCT defaults to the profile's ``billing_account`` setting
wherever an account is asked for, except `account delete`, which must name it.
"""

from __future__ import annotations

from idcctl.cli.billing import accounts, payments, pricing
from idcctl.cli.core import App

app = App(help="Billing accounts, cards, credit, invoices, payments, pricing and usage.")

app.add_typer(accounts.account_app, name="account",
              help="Billing accounts: list, show, update, delete, defaults, recurring payments.")
app.add_typer(payments.card_app, name="card", help="Payment cards of a billing account.")
app.add_typer(payments.credit_app, name="credit", help="Prepaid credit: history, buying, top-up invoices.")
app.add_typer(payments.invoice_app, name="invoice", help="Invoices: list, show, pay.")

app.command("assign", examples=["idcctl billing assign web-1 --account 6",
                                "idcctl billing assign web-1 --account 6 -l jkt02"])(accounts.assign)
app.command("apply-invoice-payment", examples=["idcctl billing apply-invoice-payment 6"])(
    payments.apply_invoice_payment)
app.command("pay-all", examples=["idcctl billing pay-all --account 6"])(payments.pay_all)
app.command("pay", examples=["idcctl billing pay --account 6 --amount 10"])(payments.pay)
app.command("campaigns", examples=["idcctl billing campaigns"])(payments.campaigns)
app.command("pricing", examples=["idcctl billing pricing", "idcctl billing pricing -o json"])(pricing.pricing)
app.command("usage", examples=["idcctl billing usage --account 6"])(pricing.usage)
app.command("estimate", examples=["idcctl billing estimate --vcpu 2 --ram 2048 --disk 20",
                                  "idcctl billing estimate --vcpu 4 --ram 8192 --disk 80 --backup --windows"])(
    pricing.estimate)
