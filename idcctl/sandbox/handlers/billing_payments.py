"""Billing payment endpoints: credit, invoices, paying them, campaigns.

Invoices are paid oldest first; a partly paid invoice keeps what was paid
in the internal ``_paid`` key and turns PAID when nothing is left. Lookups
and money are shared with `billing`: see `model.billing`.
"""

from __future__ import annotations

import time
from decimal import Decimal
from typing import Any

from idcctl.sandbox.common import Request, error
from idcctl.sandbox.model.billing import find_account, find_card, find_invoice, money, of_account, unpaid_of
from idcctl.sandbox.seed.billing import PAID


def list_credit(req: Request) -> Any:
    account = find_account(req)
    records = of_account(req.state.credit, req.location, account["id"])
    return req.state.view(sorted(records, key=lambda c: -c["id"]))


def _add_credit(req: Request, account: dict[str, Any], value: Decimal, description: str) -> None:
    req.state.credit.items(req.location).append({"amount": float(value), "billing_account_id": account["id"],
                                         "created": int(time.time()), "description": description,
                                         "id": req.state.next_id("credit")})
    total = Decimal(str(account["credit_amount"])) + value
    account["credit_amount"] = float(total)
    account["running_totals"]["credit_available"] = float(total)


def buy_credit(req: Request) -> Any:
    account = find_account(req)
    card = find_card(req)
    if card["billing_account_id"] != account["id"]:
        raise error("Payment object does not belong to this billing account.")
    _add_credit(req, account, money(req), "Credit top up")
    return {"success": True}


def request_credit_invoice(req: Request) -> Any:
    account = find_account(req)
    req.state.invoice_requests.items(req.location).append({"billing_account_id": account["id"],
                                                   "amount": float(money(req))})
    return {"success": True}


# -- invoices and payments ------------------------------------------------------------------


def list_invoices(req: Request) -> Any:
    account = find_account(req)
    return req.state.view(of_account(req.state.invoices, req.location, account["id"]))


def get_invoice(req: Request) -> Any:
    return req.state.view(find_invoice(req))


def _settle(invoice: dict[str, Any], amount: Decimal) -> None:
    invoice["transaction_list"].append({"amount": float(amount), "created": int(time.time()),
                                        "id": len(invoice["transaction_list"]) + 1,
                                        "identifier": f"tran_sandbox_{invoice['id']}", "payment_object_id": 6})
    invoice["_paid"] = float(Decimal(str(invoice.get("_paid", 0))) + amount)
    if unpaid_of(invoice) <= 0:
        invoice["status"] = PAID


def pay_invoice(req: Request) -> Any:
    invoice = find_invoice(req)
    if invoice["status"] == PAID:
        raise error("Invoice is already paid.")
    _settle(invoice, unpaid_of(invoice))
    return {"success": True}


def _oldest_unpaid(req: Request, account_id: int) -> list[dict[str, Any]]:
    return sorted((i for i in req.state.invoices.items(req.location)
                   if i["billing_account_id"] == account_id and i["status"] != PAID), key=lambda i: i["created"])


def pay_all(req: Request) -> Any:
    account = find_account(req)
    paid = []
    for invoice in _oldest_unpaid(req, account["id"]):
        _settle(invoice, unpaid_of(invoice))
        paid.append(invoice["id"])
    return {"success": True, "paid_invoices": paid}


def pay_amount(req: Request) -> Any:
    account = find_account(req)
    left = money(req)
    used, paid = Decimal(0), []
    for invoice in _oldest_unpaid(req, account["id"]):
        if left <= 0:
            break
        part = min(left, unpaid_of(invoice))
        _settle(invoice, part)
        left, used = left - part, used + part
        paid.append(invoice["id"])
    ids = ", ".join(f"#{i}" for i in paid)
    message = (f"All amount were used. Invoices ({ids}) were paid fully or partially." if left == 0
               else f"Invoices ({ids}) were paid; {left} was left over.")
    return {"amount_left": float(left), "amount_used": float(used), "error_log": "",
            "message": message, "paid_invoices": paid, "success": True}


def has_active_campaigns(req: Request) -> Any:
    return {"success": bool(req.state.campaigns.get())}


ROUTES = [
    ("GET", "/payment/credit/list", list_credit),
    ("POST", "/payment/credit/buy", buy_credit),
    ("POST", "/payment/credit/request_invoice", request_credit_invoice),
    ("GET", "/payment/invoice/list", list_invoices),
    ("GET", "/payment/invoice", get_invoice),
    ("POST", "/payment/pay_invoice", pay_invoice),
    ("POST", "/payment/pay_all", pay_all),
    ("POST", "/payment/pay_amount", pay_amount),
    ("GET", "/payment/has_active_campaigns", has_active_campaigns),
]
