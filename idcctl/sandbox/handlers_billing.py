"""Billing, payment, pricing and charging endpoints, with state.

Seeded from the reference's examples (billing account 6 "konto" with card 6,
a paid invoice 1 and unpaid invoices that add up to the reference's unpaid
amount 59.96; a second account 129072 that is the default). The state lives
under ``data["billing"]`` and is created on first use, so state files written
before billing existed keep working.

Like the real API, ``PUT /payment/billing_account`` DELETES every editable
field that is not sent (the e-mail excepted): this is what `billing account
update` must guard against. Unknown accounts answer "Provided billing account
is incorrect."; unknown cards and invoices "No such ... exists." (HTTP 400).
"""

from __future__ import annotations

import copy
import time
from decimal import Decimal, InvalidOperation
from typing import Any

from idcctl.sandbox.common import EMPTY, Request, error, field_errors, no_such
from idcctl.sandbox.seed.billing import CARD_DATA, PAID, initial
from idcctl.sandbox.seed.pricing import POLICY

EDITABLE = ("title", "email", "company_name", "company_reg_code", "company_vat_number",
            "address_line1", "city", "county", "country", "post_index", "send_invoice_email")
BAD_ACCOUNT = "Provided billing account is incorrect."


def billing(req: Request) -> dict[str, Any]:
    return req.state.data.setdefault("billing", initial())


# -- lookups ------------------------------------------------------------------------------


def _int(req: Request, name: str) -> int:
    value = req.integer(name)
    if value is None:
        raise field_errors({name: "Missing data for required field."})
    return value


def _find_account(req: Request, ident: int | None = None, *, deleted_ok: bool = False) -> dict[str, Any]:
    ident = _int(req, "billing_account_id") if ident is None else ident
    for account in billing(req)["accounts"]:
        if account["id"] == ident and (deleted_ok or not account["is_deleted"]):
            return account
    raise error(BAD_ACCOUNT)


def _find(req: Request, kind: str, key: str, thing: str) -> dict[str, Any]:
    ident = _int(req, key)
    for item in billing(req)[kind]:
        if item["id"] == ident and not item.get("_deleted"):
            return item
    raise no_such(thing, ident)


def _amount(req: Request, name: str = "amount", *, allow_zero: bool = False) -> Decimal:
    try:
        value = Decimal(req.required(name))
    except InvalidOperation:
        raise field_errors({name: "Not a valid number."}) from None
    if not value.is_finite() or value < 0 or (value == 0 and not allow_zero):
        raise field_errors({name: "Must be greater than 0."})
    return value


def _unpaid_of(invoice: dict[str, Any]) -> Decimal:
    if invoice["status"] == PAID:
        return Decimal(0)
    return Decimal(str(invoice["totals"]["total"])) - Decimal(str(invoice.get("_paid", 0)))


def _unpaid_total(req: Request, account_id: int) -> Decimal:
    return sum((_unpaid_of(i) for i in billing(req)["invoices"] if i["billing_account_id"] == account_id),
               Decimal(0))


def _view(req: Request, account: dict[str, Any]) -> dict[str, Any]:
    """The account as answered: unpaid amount and primary card follow the other state."""
    out = req.state.view(account)
    out["unpaid_amount"] = float(_unpaid_total(req, account["id"]))
    primary = [c for c in billing(req)["cards"] if c["billing_account_id"] == account["id"]
               and c["is_primary"] and not c.get("_deleted")]
    out["primary_card"] = req.state.view(primary[0]) if primary else None
    return out


# -- accounts -------------------------------------------------------------------------------


def list_accounts(req: Request) -> Any:
    shadow = req.has("show_shadow")
    return [_view(req, a) for a in billing(req)["accounts"] if shadow or not a["is_deleted"]]


def get_account(req: Request) -> Any:
    return _view(req, _find_account(req))


def update_account(req: Request) -> Any:
    """The trap: every editable field not sent is deleted (the e-mail cannot be)."""
    account = _find_account(req)
    for name in EDITABLE:
        if name == "send_invoice_email":
            account[name] = req.boolean(name, False)
        elif req.has(name):
            account[name] = req.text(name)
        elif name != "email":
            account[name] = None
    return _view(req, account)


def delete_account(req: Request) -> Any:
    account = _find_account(req)
    account["is_deleted"] = True
    account["is_default"] = False
    return EMPTY


def set_default(req: Request) -> Any:
    chosen = _find_account(req)
    for account in billing(req)["accounts"]:
        account["is_default"] = account is chosen
    return {"success": True}


def recurring_payment(req: Request) -> Any:
    account = _find_account(req, int(req.path_args["billing_account_id"])
                            if req.path_args["billing_account_id"].isdigit() else -1)
    enabled = req.boolean("is_recurring_payment_enabled", account["is_recurring_payment_enabled"])
    has_card = any(c["billing_account_id"] == account["id"] and c["is_verified"] and not c.get("_deleted")
                   for c in billing(req)["cards"])
    if enabled and not has_card:
        raise error("Billing account has no payment method capable of automated payments.")
    account["is_recurring_payment_enabled"] = enabled
    for name in ("recurring_payment_amount", "recurring_payment_threshold"):
        if req.has(name):
            account[name] = float(_amount(req, name, allow_zero=name.endswith("threshold")))
    return {"payment_report": {"triggered": False, "errors": []}, "account": _view(req, account)}


def unpaid_amount(req: Request) -> Any:
    return {"message": float(_unpaid_total(req, _find_account(req)["id"]))}


def apply_for_invoice_payment(req: Request) -> Any:
    account = _find_account(req)
    card = {"is_verified": False, "billing_account_id": account["id"], "identifier": "N/A",
            "additional_data": "{'type': 'paying_by_invoice', 'card_type': 'By invoice'}",
            "billing_account_processor_identifier_id": 1, "is_primary": False,
            "valid_thru": 4102358400, "id": _next_id(req, "cards"), "created": int(time.time()),
            "is_deleted": False}
    billing(req)["cards"].append(card)
    return req.state.view(card)


# -- resources ------------------------------------------------------------------------------


def billing_resources(req: Request) -> Any:
    account = _find_account(req, _int(req, "id"))
    kind = req.text("resource_type", "vm") or "vm"
    if kind != "vm":
        return []
    return [req.state.view(vm) for vm in req.state.vms(req.location) if vm.get("billing_account") == account["id"]]


def resource_billing(req: Request) -> Any:
    account = _find_account(req)
    vm = req.state.find_vm(req.location, req.required("uuid"))
    vm["billing_account"] = account["id"]
    return req.state.view(vm)


# -- cards ----------------------------------------------------------------------------------


def _next_id(req: Request, kind: str) -> int:
    return max((item["id"] for item in billing(req)[kind]), default=0) + 1


def list_cards(req: Request) -> Any:
    account = _find_account(req)
    return [req.state.view(c) for c in billing(req)["cards"]
            if c["billing_account_id"] == account["id"] and not c.get("_deleted")]


def get_card(req: Request) -> Any:
    return req.state.view(_find(req, "cards", "payment_object_id", "payment object"))


def add_card(req: Request) -> Any:
    account = _find_account(req)
    token = req.required("token")
    cards = billing(req)["cards"]
    first = not any(c["billing_account_id"] == account["id"] and not c.get("_deleted") for c in cards)
    card = {"additional_data": CARD_DATA.replace("1111", token[-4:].rjust(4, "0")),
            "billing_account_id": account["id"], "billing_account_processor_identifier_id": 6,
            "created": int(time.time()), "id": _next_id(req, "cards"), "identifier": f"pay_{token}",
            "is_primary": first, "is_verified": True, "valid_thru": 1893369600}
    cards.append(card)
    return req.state.view(card)


def remove_card(req: Request) -> Any:
    card = _find(req, "cards", "payment_object_id", "payment object")
    card["_deleted"] = True
    card["is_primary"] = False
    return {"success": True}


def set_primary(req: Request) -> Any:
    card = _find(req, "cards", "payment_object_id", "payment object")
    if not card["is_verified"]:
        raise error("Payment method is not verified.")
    for other in billing(req)["cards"]:
        if other["billing_account_id"] == card["billing_account_id"]:
            other["is_primary"] = other is card
    return {"success": True}


# -- credit ---------------------------------------------------------------------------------


def list_credit(req: Request) -> Any:
    account = _find_account(req)
    records = [c for c in billing(req)["credit"] if c["billing_account_id"] == account["id"]]
    return req.state.view(sorted(records, key=lambda c: -c["id"]))


def _add_credit(req: Request, account: dict[str, Any], amount: Decimal, description: str) -> None:
    billing(req)["credit"].append({"amount": float(amount), "billing_account_id": account["id"],
                                   "created": int(time.time()), "description": description,
                                   "id": _next_id(req, "credit")})
    total = Decimal(str(account["credit_amount"])) + amount
    account["credit_amount"] = float(total)
    account["running_totals"]["credit_available"] = float(total)


def buy_credit(req: Request) -> Any:
    account = _find_account(req)
    card = _find(req, "cards", "payment_object_id", "payment object")
    if card["billing_account_id"] != account["id"]:
        raise error("Payment object does not belong to this billing account.")
    _add_credit(req, account, _amount(req), "Credit top up")
    return {"success": True}


def request_credit_invoice(req: Request) -> Any:
    account = _find_account(req)
    billing(req)["invoice_requests"].append({"billing_account_id": account["id"],
                                             "amount": float(_amount(req))})
    return {"success": True}


# -- invoices and payments ------------------------------------------------------------------


def list_invoices(req: Request) -> Any:
    account = _find_account(req)
    return [req.state.view(i) for i in billing(req)["invoices"] if i["billing_account_id"] == account["id"]]


def get_invoice(req: Request) -> Any:
    return req.state.view(_find(req, "invoices", "invoice_id", "invoice"))


def _settle(invoice: dict[str, Any], amount: Decimal) -> None:
    invoice["transaction_list"].append({"amount": float(amount), "created": int(time.time()),
                                        "id": len(invoice["transaction_list"]) + 1,
                                        "identifier": f"tran_sandbox_{invoice['id']}", "payment_object_id": 6})
    invoice["_paid"] = float(Decimal(str(invoice.get("_paid", 0))) + amount)
    if _unpaid_of(invoice) <= 0:
        invoice["status"] = PAID


def pay_invoice(req: Request) -> Any:
    invoice = _find(req, "invoices", "invoice_id", "invoice")
    if invoice["status"] == PAID:
        raise error("Invoice is already paid.")
    _settle(invoice, _unpaid_of(invoice))
    return {"success": True}


def _oldest_unpaid(req: Request, account_id: int) -> list[dict[str, Any]]:
    return sorted((i for i in billing(req)["invoices"]
                   if i["billing_account_id"] == account_id and i["status"] != PAID), key=lambda i: i["created"])


def pay_all(req: Request) -> Any:
    account = _find_account(req)
    paid = []
    for invoice in _oldest_unpaid(req, account["id"]):
        _settle(invoice, _unpaid_of(invoice))
        paid.append(invoice["id"])
    return {"success": True, "paid_invoices": paid}


def pay_amount(req: Request) -> Any:
    account = _find_account(req)
    left = _amount(req)
    used, paid = Decimal(0), []
    for invoice in _oldest_unpaid(req, account["id"]):
        if left <= 0:
            break
        part = min(left, _unpaid_of(invoice))
        _settle(invoice, part)
        left, used = left - part, used + part
        paid.append(invoice["id"])
    ids = ", ".join(f"#{i}" for i in paid)
    message = (f"All amount were used. Invoices ({ids}) were paid fully or partially." if left == 0
               else f"Invoices ({ids}) were paid; {left} was left over.")
    return {"amount_left": float(left), "amount_used": float(used), "error_log": "",
            "message": message, "paid_invoices": paid, "success": True}


def has_active_campaigns(req: Request) -> Any:
    return {"success": bool(billing(req)["campaigns"])}


# -- pricing and charging -------------------------------------------------------------------


def pricing_policy(req: Request) -> Any:
    return copy.deepcopy(POLICY)


def charging_usage(req: Request) -> Any:
    account = _find_account(req)
    return req.state.view([u for u in billing(req)["usage"] if u["billing_account_id"] == account["id"]])


ROUTES = [
    ("GET", "/payment/billing_account/list", list_accounts),
    ("GET", "/payment/billing_account", get_account),
    ("PUT", "/payment/billing_account", update_account),
    ("DELETE", "/payment/billing_account", delete_account),
    ("POST", "/payment/billing_account/set_default", set_default),
    ("PUT", "/payment/billing_account/{billing_account_id}/recurring_payment", recurring_payment),
    ("GET", "/payment/billing_account/unpaid_amount", unpaid_amount),
    ("POST", "/payment/apply_for_invoice_payment", apply_for_invoice_payment),
    ("GET", "/user-resource/billing_resources", billing_resources),
    ("POST", "/user-resource/resource_billing", resource_billing),
    ("GET", "/payment/card/list", list_cards),
    ("GET", "/payment/card", get_card),
    ("POST", "/payment/card", add_card),
    ("DELETE", "/payment/card", remove_card),
    ("PUT", "/payment/card/set_primary", set_primary),
    ("GET", "/payment/credit/list", list_credit),
    ("POST", "/payment/credit/buy", buy_credit),
    ("POST", "/payment/credit/request_invoice", request_credit_invoice),
    ("GET", "/payment/invoice/list", list_invoices),
    ("GET", "/payment/invoice", get_invoice),
    ("POST", "/payment/pay_invoice", pay_invoice),
    ("POST", "/payment/pay_all", pay_all),
    ("POST", "/payment/pay_amount", pay_amount),
    ("GET", "/payment/has_active_campaigns", has_active_campaigns),
    ("GET", "/pricing/policy", pricing_policy),
    ("GET", "/charging/usage", charging_usage),
]
