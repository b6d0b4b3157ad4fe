"""`billing ...` commands: requests, the merge-on-PUT guard, confirmed money, validation, readable money."""

from __future__ import annotations

import copy

import httpx
import pytest
from tests.cli.vm.test_list import U1, WEB, api, form_of, ok

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
EDITABLE = {"title": "konto", "email": "user@example.com", "company_name": "Firma", "company_reg_code": "232",
            "company_vat_number": "235235", "address_line1": "Puiestee", "city": "Küla", "county": "Moldaavia",
            "country": "EE", "post_index": "314243123", "send_invoice_email": "True"}
CARD = {"additional_data": '{"card_type": "visa", "last4": "1111", "card_holder": "Inimene"}',
        "billing_account_id": 6, "created": 1519219380, "id": 6, "is_primary": True, "is_verified": True,
        "valid_thru": 1893369600}
INVOICE = {"billing_account_id": 6, "created": 1520341071, "due_date": 1521541071, "id": 3782543,
           "padded_id": "003782543", "period_end": 1522540800, "period_start": 1519862400, "status": 5,
           "totals": {"subtotal": 2.96, "discount_amount": 0.0, "credit": 0.0, "vat_tax": 0.59, "total": 3.55}}
POLICY = {"policy": [
    {"numCpus": 1, "policyId": 1001, "price": 0.00521, "resourceType": "CPU", "serviceNameUserFriendly": "1 CPU"},
    {"megsRam": 1024, "policyId": 1011, "price": 0.00329, "resourceType": "RAM",
     "serviceNameUserFriendly": "1 GB RAM"},
    {"policyId": 1021, "price": 3.42e-05, "resourceType": "STORAGE", "serviceNameInUptime": "backup",
     "serviceNameUserFriendly": "Backup"},
    {"policyId": 1023, "price": 0.0001, "resourceType": "STORAGE", "serviceNameInUptime": "main",
     "serviceNameUserFriendly": "Storage"},
    {"policyId": 1030, "price": 0.00548, "resourceType": "LICENSE", "serviceNameInUptime": "windows",
     "serviceNameUserFriendly": "Windows license per core per hour"},
]}

# -- accounts ---------------------------------------------------------------------------------


def test_account_list_table_is_readable_money(invoke):
    other = {**ACCOUNT, "id": 129072, "title": "Main", "credit_amount": 10, "unpaid_amount": 0, "is_default": True}
    with api() as mock:
        mock.get(f"{ACCT}/list").mock(return_value=ok([ACCOUNT, other]))
        result = invoke("billing", "account", "list")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "ID      TITLE  COMPANY  EMAIL             DEFAULT  CREDIT  UNPAID  ONGOING  VAT %  RECURRING  DELETED\n"
        "6       konto  Firma    user@example.com  no       2.00    59.96   0.00     20     no         no\n"
        "129072  Main   Firma    user@example.com  yes      10.00   0.00    0.00     20     no         no\n")


def test_account_list_json_is_unchanged_and_show_deleted_sends_show_shadow(invoke):
    with api() as mock:
        route = mock.get(f"{ACCT}/list").mock(return_value=ok([ACCOUNT]))
        result = invoke("billing", "account", "list", "--show-deleted", "-o", "json")
    assert result.json() == [ACCOUNT]
    assert "show_shadow" in dict(route.calls.last.request.url.params)


def test_account_show_defaults_to_the_profile_billing_account(invoke):
    with api() as mock:
        route = mock.get(ACCT, params={"billing_account_id": "6"}).mock(return_value=ok(ACCOUNT))
        result = invoke("billing", "account", "show", "-o", "json", env={"IDCCTL_BILLING_ACCOUNT": "6"})
    assert result.exit_code == 0, result.stderr
    assert route.call_count == 1 and result.json() == ACCOUNT


def test_no_account_anywhere_is_exit_2_and_nothing_sent(invoke):
    with api(assert_all_called=False) as mock:
        result = invoke("billing", "invoice", "list")
        assert mock.calls.call_count == 0
    assert result.exit_code == 2
    assert "billing_account" in result.stderr


def _update(invoke, *options, account=ACCOUNT, extra=()):
    with api(assert_all_called=False) as mock:
        get = mock.get(ACCT, params={"billing_account_id": "6"}).mock(return_value=ok(account))
        put = mock.put(ACCT).mock(return_value=ok(account))
        result = invoke("billing", "account", "update", "6", *options, *extra)
    return result, get, put


def test_update_sends_every_editable_field_with_the_change_merged_in(invoke):
    result, get, put = _update(invoke, "--title", "X")
    assert result.exit_code == 0, result.stderr
    assert get.call_count == 1
    assert form_of(put) == {"billing_account_id": "6", **EDITABLE, "title": "X"}
    assert "title: 'konto' -> 'X'" in result.stderr


def test_no_unsent_field_is_ever_lost(invoke):
    """Fails if any field the account has (and the PUT would wipe) is missing from the request."""
    from idcctl.api.billing import ACCOUNT_FIELDS

    _, _, put = _update(invoke, "--city", "Tallinn")
    sent = form_of(put)
    for field in ACCOUNT_FIELDS:
        expected = "Tallinn" if field == "city" else str(ACCOUNT[field])
        assert sent.get(field) == expected, f"{field} would be wiped or changed"


@pytest.mark.parametrize("option, value, field", [
    ("--title", "T", "title"), ("--email", "a@b.example", "email"), ("--company-name", "C", "company_name"),
    ("--company-reg-code", "9", "company_reg_code"), ("--vat-number", "V1", "company_vat_number"),
    ("--address", "Main st 1", "address_line1"), ("--city", "Tartu", "city"), ("--county", "Harju", "county"),
    ("--country", "ID", "country"), ("--post-index", "10111", "post_index"),
    ("--no-send-invoice-email", None, "send_invoice_email"),
])
def test_each_option_changes_only_its_own_field(invoke, option, value, field):
    _, _, put = _update(invoke, option, *([value] if value else []))
    expected = {"billing_account_id": "6", **EDITABLE, field: value if value else "False"}
    assert form_of(put) == expected


def test_update_keeps_fields_an_older_account_lacks_out_of_the_request(invoke):
    sparse = {k: v for k, v in ACCOUNT.items() if k not in ("county", "company_vat_number")}
    sparse["company_reg_code"] = None
    _, _, put = _update(invoke, "--title", "X", account=sparse)
    sent = form_of(put)
    assert "county" not in sent and "company_reg_code" not in sent and sent["city"] == "Küla"


def test_update_dry_run_shows_old_and_new_and_sends_nothing(invoke):
    result, get, put = _update(invoke, "--title", "X", "--country", "ID", extra=("--dry-run",))
    assert result.exit_code == 0, result.stderr
    assert get.call_count == 1 and put.call_count == 0
    assert "title: 'konto' -> 'X'" in result.stderr and "country: 'EE' -> 'ID'" in result.stderr
    assert result.stdout.startswith("PUT https://api.idcloudhost.test/v1/payment/billing_account")
    assert "city=K%C3%BCla" in result.stdout  # the whole set, not only the change


def test_update_asks_on_a_terminal_and_no_sends_nothing(invoke):
    with api(assert_all_called=False) as mock:
        mock.get(ACCT).mock(return_value=ok(ACCOUNT))
        put = mock.put(ACCT).mock(return_value=ok(ACCOUNT))
        result = invoke("billing", "account", "update", "6", "--title", "X", tty=True, input="n\n")
    assert result.exit_code != 0 and put.call_count == 0


def test_update_without_options_is_exit_2_and_unchanged_values_send_nothing(invoke):
    result, get, put = _update(invoke)
    assert result.exit_code == 2 and get.call_count == 0 and put.call_count == 0
    result, get, put = _update(invoke, "--title", "konto")
    assert result.exit_code == 0 and put.call_count == 0
    assert "nothing sent" in result.stderr


def test_unpaid_table_and_json(invoke):
    with api() as mock:
        mock.get(f"{ACCT}/unpaid_amount").mock(return_value=ok({"message": 59.96}))
        table = invoke("billing", "account", "unpaid", "6")
        raw = invoke("billing", "account", "unpaid", "6", "-o", "json")
    assert table.stdout == "billing_account_id  6\nunpaid_amount       59.96\n"
    assert raw.json() == {"message": 59.96}


def test_set_default_and_apply_invoice_payment(invoke):
    with api() as mock:
        default = mock.post(f"{ACCT}/set_default").mock(return_value=ok({"success": True}))
        apply = mock.post("/v1/payment/apply_for_invoice_payment").mock(return_value=ok({"id": 1}))
        assert invoke("billing", "account", "set-default", "129072").exit_code == 0
        assert invoke("billing", "apply-invoice-payment", "6", "-o", "json").json() == {"id": 1}
    assert form_of(default) == {"billing_account_id": "129072"}
    assert dict(apply.calls.last.request.url.params) == {"billing_account_id": "6"}


def test_recurring_disable_sends_the_current_settings_without_asking(invoke):
    with api() as mock:
        mock.get(ACCT).mock(return_value=ok(ACCOUNT))
        route = mock.put(f"{ACCT}/6/recurring_payment").mock(return_value=ok({"account": ACCOUNT}))
        result = invoke("billing", "account", "recurring", "6", "--disable")
    assert result.exit_code == 0, result.stderr
    assert form_of(route) == {"is_recurring_payment_enabled": "False", "recurring_payment_amount": "52",
                              "recurring_payment_threshold": "55"}


def test_resources_and_assign_honour_the_location_and_resolve_vm_names(invoke):
    with api() as mock:
        listed = mock.get("/v1/bus02/user-resource/billing_resources").mock(return_value=ok([WEB]))
        mock.get("/v1/bus02/user-resource/vm/list").mock(return_value=ok([WEB]))
        assign = mock.post("/v1/bus02/user-resource/resource_billing").mock(return_value=ok(WEB))
        resources = invoke("billing", "account", "resources", "6", "-l", "bus02", "-q")
        assigned = invoke("billing", "assign", "web-1", "--account", "129072", "-l", "bus02")
    assert resources.stdout == f"{U1}\n"
    assert dict(listed.calls.last.request.url.params) == {"id": "6", "resource_type": "vm"}
    assert assigned.exit_code == 0, assigned.stderr
    assert form_of(assign) == {"billing_account_id": "129072", "resource_type": "vm", "uuid": U1}

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


def test_recurring_needs_enable_or_disable(invoke):
    with api(assert_all_called=False) as mock:
        result = invoke("billing", "account", "recurring", "6")
        assert mock.calls.call_count == 0
    assert result.exit_code == 2

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

# -- pricing, usage, estimates -------------------------------------------------------------------


def test_pricing_shows_each_line_per_hour_and_per_30_day_month(invoke):
    with api() as mock:
        mock.get("/v1/pricing/policy").mock(return_value=ok(POLICY))
        table = invoke("billing", "pricing")
        raw = invoke("billing", "pricing", "-o", "json")
    assert table.stdout == (
        "POLICY  RESOURCE  NAME                               UNIT         PER HOUR   PER MONTH (720 H)\n"
        "1001    CPU       1 CPU                              per 1 CPU    0.00521    3.75\n"
        "1011    RAM       1 GB RAM                           per 1024 MB  0.00329    2.37\n"
        "1021    STORAGE   Backup                             per GB       0.0000342  0.02\n"
        "1023    STORAGE   Storage                            per GB       0.0001     0.07\n"
        "1030    LICENSE   Windows license per core per hour  per core     0.00548    3.95\n")
    assert raw.json() == POLICY


def test_usage_table(invoke):
    usage = [{"billing_account_id": 6, "cost": 0.08646, "description": "Ubuntu-16-04, 2 CPUs, 2 GB RAM, 20 GB disk",
              "hours": 3.0, "owner_uuid": U1, "price": 0.02882, "price_unit": "h"}]
    with api() as mock:
        route = mock.get("/v1/charging/usage").mock(return_value=ok(usage))
        table = invoke("billing", "usage", "--account", "6")
    assert dict(route.calls.last.request.url.params) == {"billing_account_id": "6"}
    assert table.stdout == (
        "DESCRIPTION                                 HOURS  PRICE      COST  RESOURCE\n"
        f"Ubuntu-16-04, 2 CPUs, 2 GB RAM, 20 GB disk  3.0    0.02882/h  0.09  {U1}\n")


def test_estimate_arithmetic_against_the_reference_policy():
    from idcctl.cli.shared.estimate import estimate, money

    basic = estimate(POLICY, vcpu=2, ram=2048, disk=20)
    # 2 x 0.00521 + 2 GB x 0.00329 + 20 GB x 0.0001 = 0.019 per hour; x 720 = 13.68 a month
    assert money(basic["hourly"], 5) == "0.01900" and money(basic["monthly"]) == "13.68"
    assert [line["item"] for line in basic["lines"]] == ["vCPU", "RAM", "Disk"]
    full = estimate(POLICY, vcpu=2, ram=2048, disk=20, backup=True, windows=True)
    # + 20 x 0.0000342 backup + 2 x 0.00548 Windows = 0.030644 per hour; x 720 = 22.06368
    assert money(full["hourly"], 6) == "0.030644" and money(full["monthly"]) == "22.06"
    half = estimate({"policy": [{**line, "megsRam": 512, "price": 0.001645} if line["resourceType"] == "RAM"
                                else line for line in POLICY["policy"]]}, vcpu=1, ram=512, disk=0)
    assert money(half["hourly"], 6) == "0.006855"  # 0.00521 + 0.5 GB at 0.00329


def test_estimate_without_the_needed_lines_is_a_clear_error():
    from idcctl.cli.shared.estimate import PolicyError, estimate

    with pytest.raises(PolicyError):
        estimate({"policy": POLICY["policy"][:1]}, vcpu=1, ram=1024, disk=20)


def test_estimate_command_table_and_cache(invoke):
    with api() as mock:
        route = mock.get("/v1/pricing/policy").mock(return_value=ok(POLICY))
        first = invoke("billing", "estimate", "--vcpu", "2", "--ram", "2048", "--disk", "20", "--backup")
        second = invoke("billing", "estimate", "--vcpu", "2", "--ram", "2048", "--disk", "20", "-o", "json")
    assert route.call_count == 1  # the second run reads the cached policy
    assert first.stdout == (
        "ITEM    QUANTITY  PRICE/H           PER HOUR  PER MONTH\n"
        "vCPU    2 core    0.00521 per core  0.01042   7.50\n"
        "RAM     2048 MB   0.00329 per GB    0.00658   4.74\n"
        "Disk    20 GB     0.0001 per GB     0.00200   1.44\n"
        "Backup  20 GB     0.0000342 per GB  0.00068   0.49\n"
        "TOTAL                               0.01968   14.17\n")
    assert second.json()["monthly"] == pytest.approx(13.68)


def test_vm_create_dry_run_shows_the_monthly_estimate_on_stderr(invoke):
    from tests.cli.vm.test_create import BASIC, PASSWORD, rules

    with api(assert_all_called=False) as mock:
        rules(mock)
        mock.get("/v1/pricing/policy").mock(return_value=ok(POLICY))
        create = mock.post("/v1/user-resource/vm")
        result = invoke(*BASIC, "--dry-run", input=PASSWORD + "\n")
    assert result.exit_code == 0, result.stderr
    assert create.call_count == 0
    assert "Estimated cost: 0.01900/h, 13.68 per 30-day month" in result.stderr
    assert "13.68" not in result.stdout


def test_vm_create_goes_on_without_the_policy_and_says_so(invoke):
    from tests.cli.vm.test_create import BASIC, CREATED, PASSWORD, rules

    with api() as mock:
        rules(mock)
        mock.get("/v1/pricing/policy").mock(return_value=httpx.Response(404, json={"message": "gone"}))
        create = mock.post("/v1/user-resource/vm").mock(return_value=ok(CREATED))
        result = invoke(*BASIC, "-o", "json", input=PASSWORD + "\n")
    assert result.exit_code == 0, result.stderr
    assert create.call_count == 1
    assert "no cost estimate" in result.stderr


def test_json_output_of_account_show_is_the_api_data(invoke):
    data = copy.deepcopy(ACCOUNT)
    with api() as mock:
        mock.get(ACCT).mock(return_value=ok(data))
        assert invoke("billing", "account", "show", "6", "-o", "yaml").stdout.startswith("address_line1: Puiestee")


def test_account_and_invoice_show_tables_have_readable_money(invoke):
    with api() as mock:
        mock.get(ACCT).mock(return_value=ok(ACCOUNT))
        mock.get("/v1/payment/invoice").mock(return_value=ok(INVOICE))
        account = invoke("billing", "account", "show", "6").stdout.splitlines()
        invoice = invoke("billing", "invoice", "show", "3782543").stdout.splitlines()
    for pair in (["credit_amount", "2.00"], ["unpaid_amount", "59.96"], ["created", "2018-02-21"],
                 ["running_totals.credit_available", "2.00"], ["recurring_payment_amount", "52.00"]):
        assert any(line.split() == pair for line in account), pair
    assert any(line.split() == ["status", "unpaid"] for line in invoice)
    assert any(line.split() == ["totals.total", "3.55"] for line in invoice)
    assert any(line.split() == ["due_date", "2018-03-20"] for line in invoice)


def test_money_dry_run_prints_the_payment_and_sends_nothing(invoke):
    with api(assert_all_called=False) as mock:
        mock.get(f"{ACCT}/unpaid_amount").mock(return_value=ok({"message": 59.96}))
        pay = mock.post("/v1/payment/pay_all")
        result = invoke("billing", "pay-all", "--account", "6", "--dry-run")
    assert result.exit_code == 0 and pay.call_count == 0
    assert result.stdout.startswith("POST https://api.idcloudhost.test/v1/payment/pay_all")
    assert "billing_account_id=6" in result.stdout
