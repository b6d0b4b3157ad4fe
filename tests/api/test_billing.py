"""The billing SDK (idcctl.api.billing): the exact request of all 24 endpoints, with and without a location."""

from __future__ import annotations

import httpx
import pytest
import respx

from idcctl.api import billing
from tests.api.conftest import assert_sent_once, client_for, covered, exact_request_test, public_functions
from tests.conftest import BASE

VM = "5aea1842-895f-4bd3-8bd6-e37b2282fb46"
EVERY_FIELD = {"title": "konto", "email": "user@example.com", "company_name": "Firma",
               "company_reg_code": "232", "company_vat_number": "235235", "address_line1": "Puiestee",
               "city": "Küla", "county": "Moldaavia", "country": "EE", "post_index": "314243123",
               "send_invoice_email": True}

# (id, call, method, path after /v1, location-scoped, query, form); form None means no body.
CASES = [
    ("list_accounts", lambda c: billing.list_accounts(c), "GET", "/payment/billing_account/list", False,
     {}, None),
    ("list_accounts-deleted", lambda c: billing.list_accounts(c, show_deleted=True), "GET",
     "/payment/billing_account/list", False, {"show_shadow": "true"}, None),
    ("get_account", lambda c: billing.get_account(c, 6), "GET", "/payment/billing_account", False,
     {"billing_account_id": "6"}, None),
    ("update_account", lambda c: billing.update_account(c, 6, **EVERY_FIELD), "PUT",
     "/payment/billing_account", False, {},
     {"billing_account_id": "6", **EVERY_FIELD, "send_invoice_email": "true"}),
    ("delete_account", lambda c: billing.delete_account(c, 6), "DELETE", "/payment/billing_account", False,
     {}, {"billing_account_id": "6"}),
    ("set_default_account", lambda c: billing.set_default_account(c, 129072), "POST",
     "/payment/billing_account/set_default", False, {}, {"billing_account_id": "129072"}),
    ("set_recurring_payment", lambda c: billing.set_recurring_payment(c, 6, enabled=True, amount=52,
                                                                      threshold=55),
     "PUT", "/payment/billing_account/6/recurring_payment", False, {},
     {"is_recurring_payment_enabled": "true", "recurring_payment_amount": "52",
      "recurring_payment_threshold": "55"}),
    ("unpaid_amount", lambda c: billing.unpaid_amount(c, 6), "GET", "/payment/billing_account/unpaid_amount",
     False, {"billing_account_id": "6"}, None),
    ("apply_for_invoice_payment", lambda c: billing.apply_for_invoice_payment(c, 6), "POST",
     "/payment/apply_for_invoice_payment", False, {"billing_account_id": "6"}, None),
    ("list_resources", lambda c: billing.list_resources(c, 6), "GET", "/user-resource/billing_resources", True,
     {"id": "6", "resource_type": "vm"}, None),
    ("assign_resource", lambda c: billing.assign_resource(c, VM, 6), "POST", "/user-resource/resource_billing",
     True, {}, {"billing_account_id": "6", "resource_type": "vm", "uuid": VM}),
    ("list_cards", lambda c: billing.list_cards(c, 6), "GET", "/payment/card/list", False,
     {"billing_account_id": "6"}, None),
    ("get_card", lambda c: billing.get_card(c, 6), "GET", "/payment/card", False, {"payment_object_id": "6"},
     None),
    ("add_card", lambda c: billing.add_card(c, 6, "tok_1"), "POST", "/payment/card", False, {},
     {"billing_account_id": "6", "token": "tok_1"}),
    ("remove_card", lambda c: billing.remove_card(c, 7), "DELETE", "/payment/card", False, {},
     {"payment_object_id": "7"}),
    ("set_primary_card", lambda c: billing.set_primary_card(c, 7), "PUT", "/payment/card/set_primary", False,
     {}, {"payment_object_id": "7"}),
    ("list_credit", lambda c: billing.list_credit(c, 6), "GET", "/payment/credit/list", False,
     {"billing_account_id": "6"}, None),
    # The HTTP Request line wins over the curl example, which omits /payment.
    ("buy_credit", lambda c: billing.buy_credit(c, 1, 5, "100.00"), "POST", "/payment/credit/buy", False,
     {"billing_account_id": "1", "payment_object_id": "5", "amount": "100.00"}, None),
    ("request_credit_invoice", lambda c: billing.request_credit_invoice(c, 1, "100.00"), "POST",
     "/payment/credit/request_invoice", False, {"billing_account_id": "1", "amount": "100.00"}, None),
    ("list_invoices", lambda c: billing.list_invoices(c, 6), "GET", "/payment/invoice/list", False,
     {"billing_account_id": "6"}, None),
    ("get_invoice", lambda c: billing.get_invoice(c, 1), "GET", "/payment/invoice", False, {"invoice_id": "1"},
     None),
    ("pay_invoice", lambda c: billing.pay_invoice(c, 1), "POST", "/payment/pay_invoice", False, {},
     {"invoice_id": "1"}),
    ("pay_all", lambda c: billing.pay_all(c, 6), "POST", "/payment/pay_all", False, {},
     {"billing_account_id": "6"}),
    ("pay_amount", lambda c: billing.pay_amount(c, 6, "10.00"), "POST", "/payment/pay_amount", False, {},
     {"amount": "10.00", "billing_account_id": "6"}),
    ("has_active_campaigns", lambda c: billing.has_active_campaigns(c), "GET", "/payment/has_active_campaigns",
     False, {}, None),
]


test_exact_request = exact_request_test(CASES)


def test_there_are_24_endpoints_and_every_public_function_is_covered():
    assert public_functions(billing) == covered(CASES)
    assert len(covered(CASES)) == 24


@pytest.mark.parametrize("answer", [{"message": 59.96}, 59.96, "59.96"])
def test_answers_come_back_unchanged(answer):
    with respx.mock(assert_all_called=True) as mock:
        mock.get(f"{BASE}/v1/payment/billing_account/unpaid_amount").mock(
            return_value=httpx.Response(200, json=answer))
        assert billing.unpaid_amount(client_for(None), 6) == answer


def test_account_delete_accepts_an_empty_answer():
    with respx.mock(assert_all_called=True) as mock:
        mock.delete(f"{BASE}/v1/payment/billing_account").mock(return_value=httpx.Response(204))
        assert billing.delete_account(client_for(None), 6) is None


@pytest.mark.parametrize("call, method, path", [
    (lambda c: billing.pay_all(c, 6), "POST", "/payment/pay_all"),
    (lambda c: billing.pay_amount(c, 6, "10.00"), "POST", "/payment/pay_amount"),
    (lambda c: billing.pay_invoice(c, 1), "POST", "/payment/pay_invoice"),
    (lambda c: billing.buy_credit(c, 6, 6, "10.00"), "POST", "/payment/credit/buy"),
    (lambda c: billing.set_recurring_payment(c, 6, enabled=True, amount=5, threshold=1), "PUT",
     "/payment/billing_account/6/recurring_payment"),
], ids=["pay_all", "pay_amount", "pay_invoice", "buy_credit", "recurring"])
def test_money_is_never_retried(call, method, path):
    assert_sent_once(call, method, f"{BASE}/v1{path}")


def test_update_rejects_unknown_fields_before_sending():
    with respx.mock(assert_all_called=True) as mock:
        with pytest.raises(TypeError, match="address"):
            billing.update_account(client_for(None), 6, address="Puiestee")
        assert mock.calls.call_count == 0
