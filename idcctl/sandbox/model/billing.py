"""Billing as its handlers share it: finding accounts, cards and invoices, money, account views.

The billing, billing payments and pricing handlers all find accounts the
API's way: an unknown (or deleted) account answers "Provided billing
account is incorrect."; unknown cards and invoices "No such ... exists."
(HTTP 400). Money is Decimal while computed, float when answered.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from idcctl.sandbox.common import Request, error, field_errors, no_such
from idcctl.sandbox.seed.billing import PAID, initial

if TYPE_CHECKING:  # pragma: no cover - typing only
    from idcctl.sandbox.state import State

BAD_ACCOUNT = "Provided billing account is incorrect."


def billing(state: State) -> dict[str, Any]:
    return state.data.setdefault("billing", initial())


def find_account(req: Request, ident: int | None = None) -> dict[str, Any]:
    """The live account `ident` (default: the `billing_account_id` parameter)."""
    ident = req.required_integer("billing_account_id") if ident is None else ident
    for account in billing(req.state)["accounts"]:
        if account["id"] == ident and not account["is_deleted"]:
            return account
    raise error(BAD_ACCOUNT)


def find_item(req: Request, kind: str, key: str, thing: str) -> dict[str, Any]:
    """The live card or invoice whose id is the `key` parameter."""
    ident = req.required_integer(key)
    for item in billing(req.state)[kind]:
        if item["id"] == ident and not item.get("_deleted"):
            return item
    raise no_such(thing, ident)


def cards_of(state: State, account_id: int) -> list[dict[str, Any]]:
    return [c for c in billing(state)["cards"] if c["billing_account_id"] == account_id and not c.get("_deleted")]


def next_id(state: State, kind: str) -> int:
    return max((item["id"] for item in billing(state)[kind]), default=0) + 1


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


def unpaid_total(state: State, account_id: int) -> Decimal:
    return sum((unpaid_of(i) for i in billing(state)["invoices"] if i["billing_account_id"] == account_id),
               Decimal(0))


def account_view(state: State, account: dict[str, Any]) -> dict[str, Any]:
    """The account as answered: unpaid amount and primary card follow the other state."""
    out = state.view(account)
    out["unpaid_amount"] = float(unpaid_total(state, account["id"]))
    primary = [c for c in cards_of(state, account["id"]) if c["is_primary"]]
    out["primary_card"] = state.view(primary[0]) if primary else None
    return out
