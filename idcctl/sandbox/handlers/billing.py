"""Billing endpoints: billing accounts, the resources they pay for, and payment cards.

Like the real API, ``PUT /payment/billing_account`` DELETES every editable
field that is not sent (the e-mail excepted): this is what `billing account
update` must guard against. Lookups and money are shared with
`billing_payments` and `pricing`: see `model.billing`. Credit, invoices and
payments, also in `api/billing.py`, are in `billing_payments`.
"""

from __future__ import annotations

import time
from typing import Any

from idcctl.sandbox.common import EMPTY, Request, error
from idcctl.sandbox.model.billing import account_view, find_account, find_card, money, of_account, unpaid_total
from idcctl.sandbox.seed.billing import CARD_DATA

EDITABLE = ("title", "email", "company_name", "company_reg_code", "company_vat_number",
            "address_line1", "city", "county", "country", "post_index", "send_invoice_email")


def list_accounts(req: Request) -> Any:
    shadow = req.has("show_shadow")
    accounts = req.state.billing_accounts.items(req.location)
    return [account_view(req, a) for a in accounts if shadow or not a["is_deleted"]]


def get_account(req: Request) -> Any:
    return account_view(req, find_account(req))


def update_account(req: Request) -> Any:
    """The trap: every editable field not sent is deleted (the e-mail cannot be)."""
    account = find_account(req)
    for name in EDITABLE:
        if name == "send_invoice_email":
            account[name] = req.boolean(name, False)
        elif req.has(name):
            account[name] = req.text(name)
        elif name != "email":
            account[name] = None
    return account_view(req, account)


def delete_account(req: Request) -> Any:
    account = find_account(req)
    account["is_deleted"] = True
    account["is_default"] = False
    return EMPTY


def set_default(req: Request) -> Any:
    chosen = find_account(req)
    for account in req.state.billing_accounts.items(req.location):
        account["is_default"] = account is chosen
    return {"success": True}


def recurring_payment(req: Request) -> Any:
    account = find_account(req, int(req.path_args["billing_account_id"])
                            if req.path_args["billing_account_id"].isdigit() else -1)
    enabled = req.boolean("is_recurring_payment_enabled", account["is_recurring_payment_enabled"])
    has_card = any(c["is_verified"] for c in of_account(req.state.cards, req.location, account["id"]))
    if enabled and not has_card:
        raise error("Billing account has no payment method capable of automated payments.")
    account["is_recurring_payment_enabled"] = enabled
    for name in ("recurring_payment_amount", "recurring_payment_threshold"):
        if req.has(name):
            account[name] = float(money(req, name, allow_zero=name.endswith("threshold")))
    return {"payment_report": {"triggered": False, "errors": []}, "account": account_view(req, account)}


def unpaid_amount(req: Request) -> Any:
    return {"message": float(unpaid_total(req.state, req.location, find_account(req)["id"]))}


def apply_for_invoice_payment(req: Request) -> Any:
    account = find_account(req)
    card = {"is_verified": False, "billing_account_id": account["id"], "identifier": "N/A",
            "additional_data": "{'type': 'paying_by_invoice', 'card_type': 'By invoice'}",
            "billing_account_processor_identifier_id": 1, "is_primary": False,
            "valid_thru": 4102358400, "id": req.state.next_id("card"), "created": int(time.time()),
            "is_deleted": False}
    req.state.cards.items(req.location).append(card)
    return req.state.view(card)


# -- resources ------------------------------------------------------------------------------


def billing_resources(req: Request) -> Any:
    account = find_account(req, req.required_integer("id"))
    kind = req.text("resource_type", "vm") or "vm"
    if kind != "vm":
        return []
    vms = req.state.vms.items(req.location)
    return [req.state.view(vm) for vm in vms if vm.get("billing_account") == account["id"]]


def resource_billing(req: Request) -> Any:
    account = find_account(req)
    vm = req.state.vms.find(req.location, req.required("uuid"))
    vm["billing_account"] = account["id"]
    return req.state.view(vm)


# -- cards ----------------------------------------------------------------------------------


def list_cards(req: Request) -> Any:
    account = find_account(req)
    return req.state.view(of_account(req.state.cards, req.location, account["id"]))


def get_card(req: Request) -> Any:
    return req.state.view(find_card(req))


def add_card(req: Request) -> Any:
    account = find_account(req)
    token = req.required("token")
    cards = req.state.cards.items(req.location)
    first = not of_account(req.state.cards, req.location, account["id"])
    card = {"additional_data": CARD_DATA.replace("1111", token[-4:].rjust(4, "0")),
            "billing_account_id": account["id"], "billing_account_processor_identifier_id": 6,
            "created": int(time.time()), "id": req.state.next_id("card"), "identifier": f"pay_{token}",
            "is_primary": first, "is_verified": True, "valid_thru": 1893369600}
    cards.append(card)
    return req.state.view(card)


def remove_card(req: Request) -> Any:
    card = find_card(req)
    card["_deleted"] = True
    card["is_primary"] = False
    return {"success": True}


def set_primary(req: Request) -> Any:
    card = find_card(req)
    if not card["is_verified"]:
        raise error("Payment method is not verified.")
    for other in req.state.cards.items(req.location):
        if other["billing_account_id"] == card["billing_account_id"]:
            other["is_primary"] = other is card
    return {"success": True}


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
]
