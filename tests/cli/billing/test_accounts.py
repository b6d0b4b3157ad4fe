"""`billing account ...` and `billing assign`: requests, the merge-on-PUT guard, readable money."""

from __future__ import annotations

import copy

import pytest

from tests.cli.billing.conftest import ACCOUNT, ACCT, INVOICE
from tests.cli.conftest import U1, WEB, api, form_of, ok

EDITABLE = {"title": "konto", "email": "user@example.com", "company_name": "Firma", "company_reg_code": "232",
            "company_vat_number": "235235", "address_line1": "Puiestee", "city": "Küla", "county": "Moldaavia",
            "country": "EE", "post_index": "314243123", "send_invoice_email": "true"}

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
    assert len(ACCOUNT_FIELDS) >= 10  # the fields the PUT would wipe
    for field in ACCOUNT_FIELDS:
        value = ACCOUNT[field]
        expected = "Tallinn" if field == "city" else str(value).lower() if isinstance(value, bool) else str(value)
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
    expected = {"billing_account_id": "6", **EDITABLE, field: value if value else "false"}
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
    assert form_of(route) == {"is_recurring_payment_enabled": "false", "recurring_payment_amount": "52",
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


def test_recurring_needs_enable_or_disable(invoke):
    with api(assert_all_called=False) as mock:
        result = invoke("billing", "account", "recurring", "6")
        assert mock.calls.call_count == 0
    assert result.exit_code == 2


def test_json_output_of_account_show_is_the_api_data(invoke):
    data = copy.deepcopy(ACCOUNT)
    with api() as mock:
        mock.get(ACCT).mock(return_value=ok(data))
        assert invoke("billing", "account", "show", "6", "-o", "yaml").stdout.startswith("---\naddress_line1: Puiestee")


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
