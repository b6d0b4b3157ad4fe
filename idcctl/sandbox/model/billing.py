"""Billing as its handlers share it: finding accounts, cards and invoices, money, account views.

The billing, billing payments and pricing handlers all find accounts the
API's way (the stores' declarations in `state` say how: an unknown or
deleted account answers "Provided billing account is incorrect."; unknown
cards and invoices "No such ... exists.", HTTP 400). Money is Decimal while
computed, float when answered.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from idcctl.sandbox.common import Request, field_errors
from idcctl.sandbox.seed.billing import PAID

if TYPE_CHECKING:  # pragma: no cover - typing only
    from idcctl.sandbox.state import State
    from idcctl.sandbox.store import Store


def find_account(req: Request, ident: int | None = None) -> dict[str, Any]:
    """The live account `ident` (default: the `billing_account_id` parameter)."""
    ident = req.required_integer("billing_account_id") if ident is None else ident
    return req.state.billing_accounts.find(req.location, ident)


def find_card(req: Request) -> dict[str, Any]:
    return req.state.cards.find(req.location, req.required_integer("payment_object_id"))


def find_invoice(req: Request) -> dict[str, Any]:
    return req.state.invoices.find(req.location, req.required_integer("invoice_id"))


def of_account(store: Store, location: str, account_id: int) -> list[dict[str, Any]]:
    """The live records of `store` that belong to the billing account."""
    gone = store.spec.gone
    return [r for r in store.items(location)
            if r["billing_account_id"] == account_id and not (gone and r.get(gone))]


def money(req: Request, name: str = "amount", *, allow_zero: bool = False) -> Decimal:
    try:
        value = Decimal(req.required(name))
    except InvalidOperation:
        raise field_errors({name: "Not a valid number."}) from None
    if not value.is_finite() or value < 0 or (value == 0 and not allow_zero):
        raise field_errors({name: "Must be greater than 0."})
    return value


def unpaid_of(invoice: dict[str, Any]) -> Decimal:
    if invoice["status"] == PAID:
        return Decimal(0)
    return Decimal(str(invoice["totals"]["total"])) - Decimal(str(invoice.get("_paid", 0)))


def unpaid_total(state: State, location: str, account_id: int) -> Decimal:
    return sum((unpaid_of(i) for i in of_account(state.invoices, location, account_id)), Decimal(0))


def account_view(req: Request, account: dict[str, Any]) -> dict[str, Any]:
    """The account as answered: unpaid amount and primary card follow the other state."""
    out = req.state.view(account)
    out["unpaid_amount"] = float(unpaid_total(req.state, req.location, account["id"]))
    primary = [c for c in of_account(req.state.cards, req.location, account["id"]) if c["is_primary"]]
    out["primary_card"] = req.state.view(primary[0]) if primary else None
    return out
