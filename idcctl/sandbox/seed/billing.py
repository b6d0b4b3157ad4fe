"""Seed billing: accounts, cards, credit, invoices and usage from the reference's examples.

Account 6 "konto" (not default) with card 6 and 2.00 credit; account 129072
"Main" (the default); invoice 1 paid, invoices 3782543 (3.55) and 3782544
(56.41) unpaid, adding up to the reference's unpaid amount 59.96; one
usage line.
"""

from __future__ import annotations

from typing import Any

PAID, UNPAID = 10, 5

CARD_DATA = ('{"id": "pay_e566cf1e776c91857c5d55c0", "type": "creditcard", "card_type": "visa", '
              '"country": "DE", "expire_month": "12", "expire_year": "2029", "card_holder": "Inimene", '
              '"last4": "1111", "is_recurring": true}')
_SNAPSHOT = ('{"address_line1": "Puiestee", "city": "K\\u00fcla", "company_name": "Firma", '
             '"country": "EE", "id": 6, "post_index": "314243123", "title": "konto", "user_id": 8}')

def _account(ident: int, title: str, *, default: bool, credit: float) -> dict[str, Any]:
    return {
        "additional_data": "{\"link_methods\": [\"duitku::FT\", \"duitku::M1\"]}",
        "address_line1": "Puiestee", "allow_debt": False, "can_pay": True, "city": "K\u00fcla",
        "company_name": "Firma", "company_reg_code": "232", "company_vat_number": "235235",
        "country": "EE", "county": "Moldaavia", "created": 1519219377, "credit_amount": credit,
        "discount_percentage": 0, "eligible_promotions": [], "email": "user@example.com", "id": ident,
        "is_active": True, "is_default": default, "is_deleted": False,
        "is_recurring_payment_enabled": False, "paying_by_invoice": False, "post_index": "314243123",
        "recurring_payment_amount": 52, "recurring_payment_threshold": 55,
        "referral_share_code": "yfsx0q", "reseller": "Warren", "restriction_level": None,
        "running_totals": {"credit_amount": 0, "credit_available": credit, "discount_amount": 0,
                           "ongoing": 0, "subtotal": 0, "total": 0, "vat_tax": 0},
        "send_invoice_email": True, "site": "warren", "suspend_reason": "", "title": title,
        "unpaid_amount": 0, "user_id": 8, "vat_percentage": 20,
    }


def _invoice(ident: int, status: int, created: int, totals: tuple[float, float, float]) -> dict[str, Any]:
    subtotal, vat, total = totals
    return {
        "account_snapshot": _SNAPSHOT, "billing_account_id": 6, "created": created,
        "discount_percentage": 0, "due_date": created + 1200000, "id": ident,
        "padded_id": f"{ident:09d}", "period_end": created, "period_start": created - 2678400,
        "records_list": [{"amount": subtotal, "created": created, "descr": "TODO", "id": ident * 10,
                          "invoice_id": ident, "item_price": 0.02882, "location_slug": "tll",
                          "name": "Ubuntu-16-04, 2 CPUs, 2 GB RAM, 20 GB disk", "qty": 1, "qty_unit": "h"}],
        "status": status,
        "totals": {"subtotal": subtotal, "discount_amount": 0.0, "credit": 0.0, "vat_tax": vat, "total": total},
        "transaction_list": [], "vat_percentage": 20,
    }


def invoices(position: int = 0) -> list[dict[str, Any]]:
    if position:
        return []
    return [_invoice(1, PAID, 1519309247, (1.23, 0.25, 1.48)),
            _invoice(3782543, UNPAID, 1520341071, (2.96, 0.59, 3.55)),
            _invoice(3782544, UNPAID, 1522540800, (47.01, 9.40, 56.41))]


def accounts(position: int = 0) -> list[dict[str, Any]]:
    if position:
        return []
    return [_account(6, "konto", default=False, credit=2.0), _account(129072, "Main", default=True, credit=10.0)]


def cards(position: int = 0) -> list[dict[str, Any]]:
    if position:
        return []
    return [{"additional_data": CARD_DATA, "billing_account_id": 6,
             "billing_account_processor_identifier_id": 6, "created": 1519219380, "id": 6,
             "identifier": "pay_e566cf1e776c91857c5d55c0", "is_primary": True, "is_verified": True,
             "valid_thru": 1893369600}]


def credit(position: int = 0) -> list[dict[str, Any]]:
    if position:
        return []
    return [{"amount": 10.0, "billing_account_id": 129072, "created": 1537363992,
             "description": "First billing account", "id": 1},
            {"amount": 2.0, "billing_account_id": 6, "created": 1519219377,
             "description": "First billing account", "id": 2}]


def usage(position: int = 0) -> list[dict[str, Any]]:
    if position:
        return []
    return [{"billing_account_id": 6, "configurations": [
        {"cpus": 2, "disk_size_GB": 20, "os_name": "ubuntu", "ram_MB": 2048, "vm_name": "Ubuntu-16-04"}],
        "cost": 0.08646, "description": "Ubuntu-16-04, 2 CPUs, 2 GB RAM, 20 GB disk", "hours": 3.0,
        "owner_uuid": "f80b1d62-ffe4-43ef-9210-60f05445456a", "price": 0.02882, "price_unit": "h",
        "uptime_types": ["VM_COMPUTE", "VM_RUNNING", "MAIN_STORAGE"], "user_id": 8}]


def invoice_requests(position: int = 0) -> list[dict[str, Any]]:
    """Requests for a credit top-up invoice: none yet."""
    return []
