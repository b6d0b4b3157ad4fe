"""Example billing data the billing command tests share."""

from __future__ import annotations

ACCT = "/v1/payment/billing_account"
ACCOUNT = {
    "address_line1": "Puiestee", "allow_debt": False, "can_pay": True, "city": "Küla", "company_name": "Firma",
    "company_reg_code": "232", "company_vat_number": "235235", "country": "EE", "county": "Moldaavia",
    "created": 1519219377, "credit_amount": 2.0, "email": "user@example.com", "id": 6, "is_default": False,
    "is_deleted": False, "is_recurring_payment_enabled": False, "post_index": "314243123",
    "recurring_payment_amount": 52, "recurring_payment_threshold": 55,
    "running_totals": {"ongoing": 0, "credit_available": 2.0}, "send_invoice_email": True, "title": "konto",
    "unpaid_amount": 59.96, "user_id": 8, "vat_percentage": 20,
}
CARD = {"additional_data": '{"card_type": "visa", "last4": "1111", "card_holder": "Inimene"}',
        "billing_account_id": 6, "created": 1519219380, "id": 6, "is_primary": True, "is_verified": True,
        "valid_thru": 1893369600}
INVOICE = {"billing_account_id": 6, "created": 1520341071, "due_date": 1521541071, "id": 3782543,
           "padded_id": "003782543", "period_end": 1522540800, "period_start": 1519862400, "status": 5,
           "totals": {"subtotal": 2.96, "discount_amount": 0.0, "credit": 0.0, "vat_tax": 0.59, "total": 3.55}}
