"""`billing card|credit|invoice|pay|pay-all|campaigns`: money moves only when confirmed, readable tables."""

from __future__ import annotations

import pytest

from tests.cli.billing.conftest import ACCOUNT, ACCT, CARD, INVOICE
from tests.cli.conftest import api, form_of, ok

# -- money: confirmation, refusal, validation ---------------------------------------------------


def _money_routes(mock):
    """Every read a money command makes first, and every request that moves money."""
    mock.get(ACCT).mock(return_value=ok(ACCOUNT))
    mock.get(f"{ACCT}/unpaid_amount").mock(return_value=ok({"message": 59.96}))
    mock.get("/v1/payment/invoice").mock(return_value=ok(INVOICE))
    mock.get("/v1/payment/card").mock(return_value=ok(CARD))
    return [mock.post("/v1/payment/pay_amount"), mock.post("/v1/payment/pay_all"),
            mock.post("/v1/payment/pay_invoice"), mock.post("/v1/payment/credit/buy"),
            mock.delete("/v1/payment/card"), mock.put("/v1/payment/card/set_primary"),
            mock.delete(ACCT), mock.put(f"{ACCT}/6/recurring_payment")]


MONEY = [
    (("billing", "pay", "--account", "6", "--amount", "10"), "10.00", "billing account 6"),
    (("billing", "pay-all", "--account", "6"), "59.96", "billing account 6"),
    (("billing", "invoice", "pay", "3782543"), "3.55", "billing account 6"),
    (("billing", "credit", "buy", "--account", "6", "--card", "6", "--amount", "25.5"), "25.50",
     "billing account 6"),
    (("billing", "card", "remove", "6"), "visa ending 1111", "billing account 6"),
    (("billing", "card", "set-primary", "6"), "visa ending 1111", "billing account 6"),
    (("billing", "account", "delete", "6"), "59.96 unpaid", "billing account 6 (konto)"),
    (("billing", "account", "recurring", "6", "--enable", "--amount", "20", "--threshold", "5"), "20.00",
     "billing account 6 (konto)"),
]


@pytest.mark.parametrize("args, amount, account", MONEY, ids=[" ".join(m[0][1:3]) for m in MONEY])
def test_money_commands_refuse_without_a_terminal_and_send_nothing(invoke, args, amount, account):
    with api(assert_all_called=False) as mock:
        movers = _money_routes(mock)
        result = invoke(*args)
    assert result.exit_code == 2
    assert "--yes" in result.stderr
    assert [r.call_count for r in movers] == [0] * len(movers)


@pytest.mark.parametrize("args, amount, account", MONEY, ids=[" ".join(m[0][1:3]) for m in MONEY])
def test_money_commands_state_amount_and_account_and_go_on_yes(invoke, args, amount, account):
    with api(assert_all_called=False) as mock:
        movers = _money_routes(mock)
        for route in movers:
            route.mock(return_value=ok({"success": True}))
        answered = invoke(*args, tty=True, input="y\n")
        declined = invoke(*args, tty=True, input="n\n")
        calls_after_prompts = sum(r.call_count for r in movers)
        forced = invoke(*args, "--yes")
    assert answered.exit_code == 0, answered.stderr
    question = next(line for line in answered.stderr.splitlines() if "[y/N]: " in line).split("[y/N]: ")[0]
    assert amount in question and account in question
    assert declined.exit_code != 0
    assert calls_after_prompts == 1
    assert forced.exit_code == 0 and sum(r.call_count for r in movers) == 2


@pytest.mark.parametrize("amount", ["0", "-5", "1.234", "ten", "NaN", "Infinity"])
@pytest.mark.parametrize("args", [
    ("billing", "pay", "--account", "6", "--yes", "--amount"),
    ("billing", "credit", "buy", "--account", "6", "--card", "6", "--yes", "--amount"),
    ("billing", "credit", "request-invoice", "--account", "6", "--amount"),
    ("billing", "account", "recurring", "6", "--enable", "--yes", "--amount"),
], ids=["pay", "credit buy", "request-invoice", "recurring"])
def test_bad_amounts_are_exit_2_with_nothing_sent(invoke, args, amount):
    with api(assert_all_called=False) as mock:
        result = invoke(*args, amount)
        assert mock.calls.call_count == 0
    assert result.exit_code == 2
    assert "--amount" in result.stderr


def test_amounts_are_sent_with_two_decimals(invoke):
    with api() as mock:
        pay = mock.post("/v1/payment/pay_amount").mock(return_value=ok({"success": True}))
        buy = mock.post("/v1/payment/credit/buy").mock(return_value=ok({"success": True}))
        invoice = mock.post("/v1/payment/credit/request_invoice").mock(return_value=ok({"success": True}))
        invoke("billing", "pay", "--account", "6", "--amount", "10.000", "--yes")  # trailing zeros are fine
        invoke("billing", "credit", "buy", "--account", "6", "--card", "6", "--amount", "100.5", "--yes")
        invoke("billing", "credit", "request-invoice", "--account", "6", "--amount", "100")
    assert form_of(pay) == {"amount": "10.00", "billing_account_id": "6"}
    assert dict(buy.calls.last.request.url.params) == {"billing_account_id": "6", "payment_object_id": "6",
                                                       "amount": "100.50"}
    assert dict(invoice.calls.last.request.url.params) == {"billing_account_id": "6", "amount": "100.00"}


def test_pay_all_with_nothing_unpaid_sends_nothing(invoke):
    with api(assert_all_called=False) as mock:
        mock.get(f"{ACCT}/unpaid_amount").mock(return_value=ok({"message": 0}))
        pay = mock.post("/v1/payment/pay_all")
        result = invoke("billing", "pay-all", "--account", "6", "--yes")
    assert result.exit_code == 0 and pay.call_count == 0
    assert "nothing unpaid" in result.stderr


def test_paying_a_paid_invoice_is_refused(invoke):
    with api(assert_all_called=False) as mock:
        mock.get("/v1/payment/invoice").mock(return_value=ok({**INVOICE, "status": 10}))
        pay = mock.post("/v1/payment/pay_invoice")
        result = invoke("billing", "invoice", "pay", "3782543", "--yes")
    assert result.exit_code == 2 and pay.call_count == 0

# -- cards, credit, invoices: readable tables ---------------------------------------------------


def test_card_commands(invoke):
    with api() as mock:
        mock.get("/v1/payment/card/list").mock(return_value=ok([CARD]))
        mock.get("/v1/payment/card").mock(return_value=ok(CARD))
        add = mock.post("/v1/payment/card").mock(return_value=ok({**CARD, "id": 7}))
        listed = invoke("billing", "card", "list", "--account", "6")
        shown = invoke("billing", "card", "show", "6", "-o", "json")
        added = invoke("billing", "card", "add", "--account", "6", "--token", "tok_visa", "-q")
    assert listed.stdout == ("ID  CARD       HOLDER   PRIMARY  VERIFIED  VALID THRU  BILLING ACCOUNT\n"
                             "6   visa 1111  Inimene  yes      yes       2029-12-31  6\n")
    assert shown.json() == CARD
    assert added.stdout == "7\n" and form_of(add) == {"billing_account_id": "6", "token": "tok_visa"}


def test_credit_and_invoice_tables(invoke):
    credit = [{"amount": -3.44, "billing_account_id": 6, "created": 1543627933, "description": "Invoice payment",
               "id": 32}]
    with api() as mock:
        mock.get("/v1/payment/credit/list").mock(return_value=ok(credit))
        mock.get("/v1/payment/invoice/list").mock(return_value=ok([INVOICE]))
        mock.get("/v1/payment/invoice").mock(return_value=ok(INVOICE))
        credits = invoke("billing", "credit", "list", "--account", "6")
        invoices = invoke("billing", "invoice", "list", "--account", "6")
        raw = invoke("billing", "invoice", "list", "--account", "6", "-o", "json")
        shown = invoke("billing", "invoice", "show", "3782543", "-o", "json")
    assert credits.stdout == ("ID  DATE        AMOUNT  DESCRIPTION\n"
                              "32  2018-12-01  -3.44   Invoice payment\n")
    assert invoices.stdout == (
        "ID       NUMBER     STATUS  PERIOD                   DUE         SUBTOTAL  VAT   TOTAL\n"
        "3782543  003782543  unpaid  2018-03-01 – 2018-04-01  2018-03-20  2.96      0.59  3.55\n")
    assert raw.json() == [INVOICE] and shown.json() == INVOICE


def test_campaigns(invoke):
    with api() as mock:
        mock.get("/v1/payment/has_active_campaigns").mock(return_value=ok({"success": True}))
        result = invoke("billing", "campaigns", "-o", "json")
    assert result.json() == {"success": True}


def test_money_dry_run_prints_the_payment_and_sends_nothing(invoke):
    with api(assert_all_called=False) as mock:
        mock.get(f"{ACCT}/unpaid_amount").mock(return_value=ok({"message": 59.96}))
        pay = mock.post("/v1/payment/pay_all")
        result = invoke("billing", "pay-all", "--account", "6", "--dry-run")
    assert result.exit_code == 0 and pay.call_count == 0
    assert result.stdout.startswith("POST https://api.idcloudhost.test/v1/payment/pay_all")
    assert "billing_account_id=6" in result.stdout
