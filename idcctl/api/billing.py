"""Billing accounts, resource billing, cards, credit, invoices, payments and campaigns.

Reference sections "Billing" (the two ``user-resource`` billing endpoints,
location-scoped) and "Payment" (everything under ``/v1/payment``, not
scoped). Answers are returned unchanged, including bare numbers and
``{"message": 59.96}`` (unpaid amount).

Encoding follows each endpoint's parameter table, which wins over the curl
examples: form bodies where the table says "Form Parameters"; the query
string for the POSTs whose table says "Query Parameters" (apply for invoice
payment, buy credit, request a top-up invoice). "List credit" is a GET whose
table says "Form Parameters" but whose curl uses the query string; a GET has
no body, so the query it is. "Buy credit"'s curl omits ``/payment``; its
HTTP Request line ``/v1/payment/credit/buy`` is used.

Nothing that moves money is retried (``idempotent=False``): a repeated
payment would be a second payment. Amounts are passed through as given;
callers validate them (idcctl.cli.billing does, with Decimal).

``PUT /v1/payment/billing_account`` deletes every field that is not sent:
`update_account` sends exactly what it is given, so callers must pass the
account's whole editable set (``ACCOUNT_FIELDS``), changed fields merged in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from idcctl.api.client import Client

PAYMENT = "/v1/payment"
ACCOUNT = f"{PAYMENT}/billing_account"

# The fields of a billing account that PUT /v1/payment/billing_account rewrites (and wipes
# when left out); recurring payment settings have their own endpoint.
ACCOUNT_FIELDS = (
    "title", "email", "company_name", "company_reg_code", "company_vat_number",
    "address_line1", "city", "county", "country", "post_index", "send_invoice_email",
)


# -- billing accounts ------------------------------------------------------------------


def list_accounts(client: Client, *, show_deleted: bool = False) -> Any:
    """Billing accounts; ``show_deleted`` adds ``show_shadow`` (any value) for deleted ones."""
    params = {"show_shadow": True} if show_deleted else None
    return client.request("GET", f"{ACCOUNT}/list", params=params)


def get_account(client: Client, account_id: int) -> Any:
    return client.request("GET", ACCOUNT, params={"billing_account_id": account_id})


def update_account(client: Client, account_id: int, **fields: Any) -> Any:
    """PUT the account. Every editable field not passed is DELETED by the API."""
    unknown = set(fields) - set(ACCOUNT_FIELDS)
    if unknown:
        raise TypeError(f"unknown billing account fields: {', '.join(sorted(unknown))}")
    return client.request("PUT", ACCOUNT, form={"billing_account_id": account_id, **fields},
                          idempotent=True)


def delete_account(client: Client, account_id: int) -> Any:
    # Like the other deletes, it may answer with an empty body.
    return client.request("DELETE", ACCOUNT, form={"billing_account_id": account_id}, empty_ok=True)


def set_default_account(client: Client, account_id: int) -> Any:
    return client.request("POST", f"{ACCOUNT}/set_default", form={"billing_account_id": account_id},
                          idempotent=True)


def set_recurring_payment(client: Client, account_id: int, *, enabled: bool,
                          amount: Any = None, threshold: Any = None) -> Any:
    """Turn automatic top-ups on or off. Enabling may charge the card at once."""
    form = {"is_recurring_payment_enabled": enabled, "recurring_payment_amount": amount,
            "recurring_payment_threshold": threshold}
    return client.request("PUT", f"{ACCOUNT}/{account_id}/recurring_payment", form=form,
                          idempotent=False)


def unpaid_amount(client: Client, account_id: int) -> Any:
    """``{"message": <unpaid total with VAT>}``, as the API answers it."""
    return client.request("GET", f"{ACCOUNT}/unpaid_amount", params={"billing_account_id": account_id})


def apply_for_invoice_payment(client: Client, account_id: int) -> Any:
    return client.request("POST", f"{PAYMENT}/apply_for_invoice_payment",
                          params={"billing_account_id": account_id})


# -- resources billed to an account (location-scoped) -----------------------------------


def list_resources(client: Client, account_id: int, resource_type: str = "vm") -> Any:
    return client.request("GET", "/v1/user-resource/billing_resources",
                          params={"id": account_id, "resource_type": resource_type})


def assign_resource(client: Client, uuid: str, account_id: int, resource_type: str = "vm") -> Any:
    form = {"billing_account_id": account_id, "resource_type": resource_type, "uuid": uuid}
    return client.request("POST", "/v1/user-resource/resource_billing", form=form,
                          idempotent=True)


# -- cards --------------------------------------------------------------------------------


def list_cards(client: Client, account_id: int) -> Any:
    return client.request("GET", f"{PAYMENT}/card/list", params={"billing_account_id": account_id})


def get_card(client: Client, card_id: int) -> Any:
    return client.request("GET", f"{PAYMENT}/card", params={"payment_object_id": card_id})


def add_card(client: Client, account_id: int, token: str) -> Any:
    return client.request("POST", f"{PAYMENT}/card",
                          form={"billing_account_id": account_id, "token": token})


def remove_card(client: Client, card_id: int) -> Any:
    return client.request("DELETE", f"{PAYMENT}/card", form={"payment_object_id": card_id})


def set_primary_card(client: Client, card_id: int) -> Any:
    return client.request("PUT", f"{PAYMENT}/card/set_primary", form={"payment_object_id": card_id},
                          idempotent=True)


# -- credit ---------------------------------------------------------------------------------


def list_credit(client: Client, account_id: int) -> Any:
    return client.request("GET", f"{PAYMENT}/credit/list", params={"billing_account_id": account_id})


def buy_credit(client: Client, account_id: int, card_id: int, amount: Any) -> Any:
    """Charge the card and add credit. Never retried."""
    params = {"billing_account_id": account_id, "payment_object_id": card_id, "amount": amount}
    return client.request("POST", f"{PAYMENT}/credit/buy", params=params, idempotent=False)


def request_credit_invoice(client: Client, account_id: int, amount: Any) -> Any:
    return client.request("POST", f"{PAYMENT}/credit/request_invoice",
                          params={"billing_account_id": account_id, "amount": amount}, idempotent=False)


# -- invoices and payments ----------------------------------------------------------------


def list_invoices(client: Client, account_id: int) -> Any:
    return client.request("GET", f"{PAYMENT}/invoice/list", params={"billing_account_id": account_id})


def get_invoice(client: Client, invoice_id: int) -> Any:
    return client.request("GET", f"{PAYMENT}/invoice", params={"invoice_id": invoice_id})


def pay_invoice(client: Client, invoice_id: int) -> Any:
    return client.request("POST", f"{PAYMENT}/pay_invoice", form={"invoice_id": invoice_id},
                          idempotent=False)


def pay_all(client: Client, account_id: int) -> Any:
    """Pay every unpaid invoice of the account, oldest first. Never retried."""
    return client.request("POST", f"{PAYMENT}/pay_all", form={"billing_account_id": account_id},
                          idempotent=False)


def pay_amount(client: Client, account_id: int, amount: Any) -> Any:
    """Pay `amount` towards the oldest unpaid invoices. Never retried."""
    return client.request("POST", f"{PAYMENT}/pay_amount",
                          form={"amount": amount, "billing_account_id": account_id}, idempotent=False)


def has_active_campaigns(client: Client) -> Any:
    return client.request("GET", f"{PAYMENT}/has_active_campaigns")
