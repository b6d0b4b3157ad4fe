"""Every `billing` row of the contract against the in-process sandbox, with state checks.

The sandbox's account PUT wipes every field it is not sent, like the real API:
`billing account update` passing here proves the merge guard against it.
"""

from __future__ import annotations

import pytest

VM = "Ubuntu-3-16-04"  # a seeded VM billed to account 6


def test_account_rows(sb):
    accounts = sb("billing", "account", "list")
    assert {a["id"] for a in accounts} == {6, 129072}
    before = sb("billing", "account", "show", "6")
    assert before["title"] == "konto" and before["unpaid_amount"] == pytest.approx(59.96)

    sb("billing", "account", "update", "6", "--title", "X")
    after = sb("billing", "account", "show", "6")
    assert after["title"] == "X"
    for field in ("email", "company_name", "company_reg_code", "company_vat_number", "address_line1", "city",
                  "county", "country", "post_index", "send_invoice_email"):
        assert after[field] == before[field], field

    sb("billing", "account", "set-default", "6")
    assert {a["id"]: a["is_default"] for a in sb("billing", "account", "list")} == {6: True, 129072: False}

    result = sb("billing", "account", "recurring", "6", "--enable", "--amount", "20", "--threshold", "5", "--yes")
    assert result["account"]["is_recurring_payment_enabled"] is True
    assert result["account"]["recurring_payment_amount"] == 20
    sb("billing", "account", "recurring", "6", "--disable")
    shown = sb("billing", "account", "show", "6")
    assert shown["is_recurring_payment_enabled"] is False and shown["recurring_payment_threshold"] == 5

    assert sb("billing", "account", "unpaid", "6") == {"message": pytest.approx(59.96)}
    assert [vm["name"] for vm in sb("billing", "account", "resources", "6")].count(VM) == 1
    assert sb("billing", "account", "resources", "6", "-l", "bus02") == []

    sb("billing", "account", "delete", "129072", "--yes")
    assert [a["id"] for a in sb("billing", "account", "list")] == [6]
    assert {a["id"] for a in sb("billing", "account", "list", "--show-deleted")} == {6, 129072}


def test_the_sandbox_put_really_wipes_unsent_fields(sb, invoke):
    """The trap the guard exists for: a raw PUT with only the title loses the rest."""
    sb("api", "PUT", "/v1/payment/billing_account", "-f", "billing_account_id=6", "-f", "title=Y")
    account = sb("billing", "account", "show", "6")
    assert account["title"] == "Y" and account["city"] is None and account["email"] == "user@example.com"


def test_assign_moves_a_vm_between_accounts(sb, raw):
    sb("billing", "assign", VM, "--account", "129072")
    assert VM in [vm["name"] for vm in sb("billing", "account", "resources", "129072")]
    assert VM not in [vm["name"] for vm in sb("billing", "account", "resources", "6")]
    missing = raw("billing", "assign", "5aea1842-0000-4bd3-8bd6-e37b2282fb46", "--account", "6", "-o", "json")
    assert missing.exit_code == 4


def test_card_rows(sb):
    assert [c["id"] for c in sb("billing", "card", "list", "--account", "6")] == [6]
    card = sb("billing", "card", "add", "--account", "6", "--token", "tok_4242")
    assert card["is_primary"] is False
    assert sb("billing", "card", "show", str(card["id"]))["billing_account_id"] == 6
    sb("billing", "card", "set-primary", str(card["id"]), "--yes")
    primary = {c["id"]: c["is_primary"] for c in sb("billing", "card", "list", "--account", "6")}
    assert primary == {6: False, card["id"]: True}
    sb("billing", "card", "remove", "6", "--yes")
    assert [c["id"] for c in sb("billing", "card", "list", "--account", "6")] == [card["id"]]
    sb("billing", "card", "show", "6", expect=4)


def test_credit_rows(sb):
    assert [c["amount"] for c in sb("billing", "credit", "list", "--account", "6")] == [2.0]
    sb("billing", "credit", "buy", "--account", "6", "--card", "6", "--amount", "25.50", "--yes")
    assert sb("billing", "account", "show", "6")["credit_amount"] == pytest.approx(27.5)
    assert sb("billing", "credit", "list", "--account", "6")[0]["amount"] == 25.5
    assert sb("billing", "credit", "request-invoice", "--account", "6", "--amount", "100") == {"success": True}


def test_invoice_and_payment_rows(sb):
    invoices = {i["id"]: i["status"] for i in sb("billing", "invoice", "list", "--account", "6")}
    assert invoices == {1: 10, 3782543: 5, 3782544: 5}
    assert sb("billing", "invoice", "show", "3782543")["totals"]["total"] == 3.55
    sb("billing", "invoice", "pay", "3782543", "--yes")
    assert sb("billing", "invoice", "show", "3782543")["status"] == 10
    assert sb("billing", "account", "unpaid", "6") == {"message": pytest.approx(56.41)}
    paid = sb("billing", "pay", "--account", "6", "--amount", "6.41", "--yes")
    assert paid["amount_used"] == pytest.approx(6.41) and paid["paid_invoices"] == [3782544]
    assert sb("billing", "account", "unpaid", "6") == {"message": pytest.approx(50.0)}
    assert sb("billing", "pay-all", "--account", "6", "--yes")["paid_invoices"] == [3782544]
    assert sb("billing", "account", "unpaid", "6") == {"message": 0.0}
    sb("billing", "invoice", "show", "999", expect=4)


def test_other_rows(sb):
    applied = sb("billing", "apply-invoice-payment", "6")
    assert applied["is_verified"] is False and applied["billing_account_id"] == 6
    assert applied["id"] in [c["id"] for c in sb("billing", "card", "list", "--account", "6")]
    assert sb("billing", "campaigns") == {"success": True}
    assert {p["resourceType"] for p in sb("billing", "pricing")["policy"]} >= {"CPU", "RAM", "STORAGE"}
    assert sb("billing", "usage", "--account", "6")[0]["price_unit"] == "h"
    assert sb("billing", "estimate", "--vcpu", "2", "--ram", "2048", "--disk", "20")["monthly"] == pytest.approx(13.68)


def test_unknown_account_answers_the_api_error(raw):
    result = raw("billing", "account", "show", "999", "-o", "json")
    assert result.exit_code == 1 and "Provided billing account is incorrect." in result.stderr
