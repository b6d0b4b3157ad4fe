"""Cards, credit, invoices and payments: the commands that move money.

Every one that charges or can charge (`pay`, `pay-all`, `invoice pay`,
`credit buy`, `card remove`, `card set-primary`) states the amount and the
account and asks on a terminal; without one it refuses unless --yes (exit 2,
nothing sent). Amounts are checked locally first (positive, at most two
decimals). `pay-all` reads the unpaid amount first so the question can name
it; `invoice pay` reads the invoice for its total.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Optional

import typer

from idcctl.cli.billing.common import (
    account_id,
    acct_argument,
    acct_option,
    day,
    money,
    parse_amount,
    render_as,
)
from idcctl.cli.shared.inputs import non_empty
from idcctl.errors import UsageError
from idcctl.shell.core import App, state_of

if TYPE_CHECKING:
    from idcctl.shell.state import State

app = App()
card_app = App(help="Payment cards of a billing account.", examples=["idcctl billing card list --account 6"])
credit_app = App(help="Prepaid credit: history, buying, top-up invoices.",
                 examples=["idcctl billing credit list --account 6",
                           "idcctl billing credit buy --account 6 --card 6 --amount 25 --yes"])
invoice_app = App(help="Invoices: list, show, pay.",
                  examples=["idcctl billing invoice list", "idcctl billing invoice pay 3782543 --yes"])

PAID, UNPAID = 10, 5


def _id_argument(metavar: str, what: str) -> Any:
    return typer.Argument(..., metavar=metavar, min=1, help=what)


# -- cards ------------------------------------------------------------------------------


def _card_details(card: dict[str, Any]) -> dict[str, Any]:
    try:
        extra = json.loads(card.get("additional_data") or "{}")
    except (TypeError, ValueError):
        extra = {}
    return extra if isinstance(extra, dict) else {}


def card_label(card: Any, card_id: int) -> str:
    if not isinstance(card, dict):
        return f"card {card_id}"
    extra = _card_details(card)
    brand = extra.get("card_type") or extra.get("type") or "card"
    last4 = f" ending {extra['last4']}" if extra.get("last4") else ""
    return f"{brand}{last4} (payment object {card_id}) of billing account {card.get('billing_account_id')}"


def card_rows(cards: Any) -> Any:
    if not isinstance(cards, list):
        return cards
    rows = []
    for card in cards:
        if isinstance(card, dict):
            extra = _card_details(card)
            rows.append({**card, "card": " ".join(str(extra[k]) for k in ("card_type", "last4") if extra.get(k)),
                         "holder": extra.get("card_holder"), "valid_thru": day(card.get("valid_thru"))})
    return rows


@card_app.command("list", examples=["idcctl billing card list --account 6"])
def card_list(ctx: typer.Context, acct: Optional[int] = acct_option()) -> None:
    """List the payment cards of a billing account."""
    from idcctl.api import billing

    state = state_of(ctx)
    data = billing.list_cards(state.client, account_id(state, acct))
    render_as(state, data, card_rows(data), "card")


@card_app.command("show", examples=["idcctl billing card show 6"])
def card_show(ctx: typer.Context, card_id: int = _id_argument("ID", "Payment object (card) id.")) -> None:
    """Show one payment card."""
    from idcctl.api import billing

    state = state_of(ctx)
    state.render(billing.get_card(state.client, card_id))


@card_app.command("add", examples=["idcctl billing card add --account 6 --token tok_visa"])
def card_add(ctx: typer.Context, acct: Optional[int] = acct_option(),
             token: str = typer.Option(..., "--token", metavar="T", callback=non_empty,
                                       help="Card token from the payment processor.")) -> None:
    """Attach a card (by its processor token) to a billing account."""
    from idcctl.api import billing

    state = state_of(ctx)
    state.render(billing.add_card(state.client, account_id(state, acct), token))


@card_app.command("remove", examples=["idcctl billing card remove 7 --yes"])
def card_remove(ctx: typer.Context, card_id: int = _id_argument("ID", "Payment object (card) id.")) -> None:
    """Remove a payment card (asks first)."""
    from idcctl.api import billing

    state = state_of(ctx)
    what = card_label(billing.get_card(state.client, card_id), card_id)
    state.confirm(f"Remove {what}? Automatic payments with it stop.", action=f"remove {what}")
    result = billing.remove_card(state.client, card_id)
    state.info(f"Removed {what}.")
    state.render(result)


@card_app.command("set-primary", examples=["idcctl billing card set-primary 7 --yes"])
def card_set_primary(ctx: typer.Context,
                     card_id: int = _id_argument("ID", "Payment object (card) id.")) -> None:
    """Make a card the one charged for payments and top-ups (asks first)."""
    from idcctl.api import billing

    state = state_of(ctx)
    what = card_label(billing.get_card(state.client, card_id), card_id)
    state.confirm(f"Charge {what} for all future payments of that account?",
                  action=f"make {what} primary")
    state.render(billing.set_primary_card(state.client, card_id))


# -- credit ------------------------------------------------------------------------------


def credit_rows(records: Any) -> Any:
    if not isinstance(records, list):
        return records
    return [{**r, "created": day(r.get("created")), "amount": money(r.get("amount"))}
            if isinstance(r, dict) else r for r in records]


@credit_app.command("list", examples=["idcctl billing credit list --account 6"])
def credit_list(ctx: typer.Context, acct: Optional[int] = acct_option()) -> None:
    """List the credit records of a billing account (top-ups and what was paid with credit)."""
    from idcctl.api import billing

    state = state_of(ctx)
    data = billing.list_credit(state.client, account_id(state, acct))
    render_as(state, data, credit_rows(data), "credit")


@credit_app.command("buy", examples=["idcctl billing credit buy --account 6 --card 6 --amount 25"])
def credit_buy(ctx: typer.Context, acct: Optional[int] = acct_option(),
               card_id: int = typer.Option(..., "--card", metavar="ID", min=1,
                                           help="Card (payment object) to charge."),
               amount: str = typer.Option(..., "--amount", metavar="N",
                                          help="Amount, at most two decimals.")) -> None:
    """Buy prepaid credit, charging a card (asks first, stating amount and account)."""
    from idcctl.api import billing

    state = state_of(ctx)
    value = parse_amount(amount)
    ident = account_id(state, acct)
    state.confirm(f"Charge {money(value)} to card {card_id} to buy credit for billing account {ident}?",
                  action=f"charge {money(value)} to card {card_id}")
    result = billing.buy_credit(state.client, ident, card_id, str(value))
    state.info(f"Bought {money(value)} of credit for billing account {ident}.")
    state.render(result)


@credit_app.command("request-invoice", examples=[
    "idcctl billing credit request-invoice --account 6 --amount 100"])
def credit_request_invoice(ctx: typer.Context, acct: Optional[int] = acct_option(),
                           amount: str = typer.Option(..., "--amount", metavar="N",
                                                      help="Amount, at most two decimals.")) -> None:
    """Ask for an invoice to top up credit by bank transfer (e-mailed to the account)."""
    from idcctl.api import billing

    state = state_of(ctx)
    value = parse_amount(amount)
    state.render(billing.request_credit_invoice(state.client, account_id(state, acct), str(value)))


# -- invoices and payments ----------------------------------------------------------------


def invoice_status(invoice: dict[str, Any]) -> str:
    status = invoice.get("status")
    return {PAID: "paid", UNPAID: "unpaid"}.get(status, str(status)) if isinstance(status, int) else "-"


def invoice_rows(invoices: Any) -> Any:
    if not isinstance(invoices, list):
        return invoices
    rows = []
    for inv in invoices:
        if isinstance(inv, dict):
            totals = inv.get("totals") or {}
            rows.append({**inv, "status": invoice_status(inv), "created": day(inv.get("created")),
                         "due_date": day(inv.get("due_date")),
                         "period": f"{day(inv.get('period_start'))} – {day(inv.get('period_end'))}",
                         "subtotal": money(totals.get("subtotal")), "vat": money(totals.get("vat_tax")),
                         "total": money(totals.get("total"))})
    return rows


@invoice_app.command("list", examples=["idcctl billing invoice list --account 6",
                                       "idcctl billing invoice list --account 6 -o json | jq '.[].totals'"])
def invoice_list(ctx: typer.Context, acct: Optional[int] = acct_option()) -> None:
    """List a billing account's invoices with their totals and status."""
    from idcctl.api import billing

    state = state_of(ctx)
    data = billing.list_invoices(state.client, account_id(state, acct))
    render_as(state, data, invoice_rows(data), "invoice")


@invoice_app.command("show", examples=["idcctl billing invoice show 1"])
def invoice_show(ctx: typer.Context, invoice_id: int = _id_argument("ID", "Invoice id.")) -> None:
    """Show one invoice with its records and transactions."""
    from idcctl.api import billing

    state = state_of(ctx)
    data = billing.get_invoice(state.client, invoice_id)
    render_as(state, data, invoice_view(data))


def invoice_view(invoice: Any) -> Any:
    """`invoice show` for a table: status in words, dates, totals with two decimals."""
    if not isinstance(invoice, dict):
        return invoice
    view = {**invoice, "status": invoice_status(invoice)}
    for key in ("created", "due_date", "period_start", "period_end"):
        view[key] = day(invoice.get(key))
    if isinstance(invoice.get("totals"), dict):
        view["totals"] = {k: money(v) for k, v in invoice["totals"].items()}
    return view


@invoice_app.command("pay", examples=["idcctl billing invoice pay 3782543 --yes"])
def invoice_pay(ctx: typer.Context, invoice_id: int = _id_argument("ID", "Invoice id.")) -> None:
    """Pay one invoice (reads it first; asks, stating its total and account)."""
    from idcctl.api import billing

    state = state_of(ctx)
    invoice = billing.get_invoice(state.client, invoice_id)
    invoice = invoice if isinstance(invoice, dict) else {}
    if invoice.get("status") == PAID:
        raise UsageError(f"invoice {invoice_id} is already paid; nothing sent")
    total = money((invoice.get("totals") or {}).get("total"))
    acct = invoice.get("billing_account_id")
    state.confirm(f"Pay invoice {invoice_id} of billing account {acct}: {total}?",
                  action=f"pay {total} for invoice {invoice_id}")
    result = billing.pay_invoice(state.client, invoice_id)
    state.info(f"Paid invoice {invoice_id} ({total}).")
    state.render(result)


@app.command("apply-invoice-payment", examples=["idcctl billing apply-invoice-payment 6"])
def apply_invoice_payment(ctx: typer.Context, acct: Optional[int] = acct_argument()) -> None:
    """Apply to pay a billing account by invoice (bank transfer); an admin verifies it."""
    from idcctl.api import billing

    state = state_of(ctx)
    state.render(billing.apply_for_invoice_payment(state.client, account_id(state, acct)))


@app.command("pay-all", examples=["idcctl billing pay-all --account 6"])
def pay_all(ctx: typer.Context, acct: Optional[int] = acct_option()) -> None:
    """Pay every unpaid invoice of a billing account, oldest first (reads the unpaid amount, then asks)."""
    from idcctl.api import billing

    state = state_of(ctx)
    ident = account_id(state, acct)
    unpaid = _unpaid(state, ident)
    if unpaid is not None and unpaid <= 0:
        state.info(f"billing account {ident} has nothing unpaid; nothing sent.")
        return
    amount = money(unpaid) if unpaid is not None else "the whole unpaid amount"
    state.confirm(f"Pay all unpaid invoices of billing account {ident}: {amount}?",
                  action=f"pay {amount} for billing account {ident}")
    result = billing.pay_all(state.client, ident)
    state.info(f"Paid the unpaid invoices of billing account {ident} ({amount}).")
    state.render(result)


def _unpaid(state: State, ident: int) -> Any:
    from decimal import Decimal, InvalidOperation

    from idcctl.api import billing

    data = billing.unpaid_amount(state.client, ident)
    value = data.get("message") if isinstance(data, dict) else data
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


@app.command("pay", examples=["idcctl billing pay --account 6 --amount 10"])
def pay(ctx: typer.Context, acct: Optional[int] = acct_option(),
        amount: str = typer.Option(..., "--amount", metavar="N", help="Amount, at most two decimals.")) -> None:
    """Pay an amount towards a billing account's oldest unpaid invoices (asks first)."""
    from idcctl.api import billing

    state = state_of(ctx)
    value = parse_amount(amount)
    ident = account_id(state, acct)
    state.confirm(f"Pay {money(value)} towards the unpaid invoices of billing account {ident}?",
                  action=f"pay {money(value)} for billing account {ident}")
    state.render(billing.pay_amount(state.client, ident, str(value)))


@app.command("campaigns", examples=["idcctl billing campaigns"])
def campaigns(ctx: typer.Context) -> None:
    """Say whether any promotional campaign is active."""
    from idcctl.api import billing

    state = state_of(ctx)
    state.render(billing.has_active_campaigns(state.client))


app.add_typer(card_app, name="card", help="Payment cards of a billing account.")
app.add_typer(credit_app, name="credit", help="Prepaid credit: history, buying, top-up invoices.")
app.add_typer(invoice_app, name="invoice", help="Invoices: list, show, pay.")
