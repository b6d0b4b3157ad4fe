"""`billing account ...` and `billing assign`: billing accounts and the resources billed to them.

`account update` is the dangerous one: ``PUT /v1/payment/billing_account``
deletes every field that is not sent. So it reads the account, merges the
changed fields into ALL its editable fields (``billing.ACCOUNT_FIELDS``) and
sends the whole set; what changes is shown old -> new first (and under
--dry-run). Nothing the operator did not name changes.
"""

from __future__ import annotations

from typing import Any, Optional

import typer

from idcctl.cli.billing.common import (
    account_id,
    account_label,
    acct_argument,
    acct_option,
    ask_on_terminal,
    day,
    money,
    parse_amount,
    render_as,
)
from idcctl.errors import UsageError
from idcctl.shell.core import App, state_of

app = App()
account_app = App(help="Billing accounts: list, show, update, delete, defaults, recurring payments.",
                  examples=["idcctl billing account list", "idcctl billing account unpaid 6"])

# Command-line option -> API field of the account, for `account update`.
UPDATE_OPTIONS = {
    "title": "title", "email": "email", "company_name": "company_name",
    "company_reg_code": "company_reg_code", "vat_number": "company_vat_number",
    "address": "address_line1", "city": "city", "county": "county", "country": "country",
    "post_index": "post_index", "send_invoice_email": "send_invoice_email",
}


def account_rows(accounts: Any) -> Any:
    """Readable rows for `account list`: amounts with two decimals, flags as yes/no."""
    if not isinstance(accounts, list):
        return accounts
    return [{**a, "credit_amount": money(a.get("credit_amount")),
             "unpaid_amount": money(a.get("unpaid_amount")),
             "ongoing": money((a.get("running_totals") or {}).get("ongoing")),
             "created": day(a.get("created"))} if isinstance(a, dict) else a for a in accounts]


_MONEY_FIELDS = ("credit_amount", "unpaid_amount", "recurring_payment_amount", "recurring_payment_threshold")


def account_view(account: Any) -> Any:
    """`account show` for a table: amounts with two decimals, the creation date readable."""
    if not isinstance(account, dict):
        return account
    view = {**account, **{k: money(account[k]) for k in _MONEY_FIELDS if k in account},
            "created": day(account.get("created"))}
    if isinstance(account.get("running_totals"), dict):
        view["running_totals"] = {k: money(v) for k, v in account["running_totals"].items()}
    return view


@account_app.command("list", examples=["idcctl billing account list",
                                       "idcctl billing account list --show-deleted -o json"])
def account_list(ctx: typer.Context,
                 show_deleted: bool = typer.Option(False, "--show-deleted",
                                                   help="Include deleted accounts (show_shadow).")) -> None:
    """List your billing accounts with their credit and unpaid amounts."""
    from idcctl.api import billing

    state = state_of(ctx)
    data = billing.list_accounts(state.client, show_deleted=show_deleted)
    render_as(state, data, account_rows(data), "billing_account")


@account_app.command("show", examples=["idcctl billing account show 6"])
def account_show(ctx: typer.Context, acct: Optional[int] = acct_argument()) -> None:
    """Show one billing account in full."""
    from idcctl.api import billing

    state = state_of(ctx)
    data = billing.get_account(state.client, account_id(state, acct))
    render_as(state, data, account_view(data))


@account_app.command("update", examples=[
    "idcctl billing account update 6 --title 'Main account'",
    "idcctl billing account update 6 --city Tallinn --post-index 10111 --dry-run"])
def account_update(
    ctx: typer.Context,
    acct: Optional[int] = acct_argument(),
    title: Optional[str] = typer.Option(None, "--title", help="Account title."),
    email: Optional[str] = typer.Option(None, "--email", help="Invoice e-mail address."),
    company_name: Optional[str] = typer.Option(None, "--company-name"),
    company_reg_code: Optional[str] = typer.Option(None, "--company-reg-code"),
    vat_number: Optional[str] = typer.Option(None, "--vat-number", help="Company VAT number."),
    address: Optional[str] = typer.Option(None, "--address", help="Address line."),
    city: Optional[str] = typer.Option(None, "--city"),
    county: Optional[str] = typer.Option(None, "--county"),
    country: Optional[str] = typer.Option(None, "--country", help="Country code, e.g. ID."),
    post_index: Optional[str] = typer.Option(None, "--post-index"),
    send_invoice_email: Optional[bool] = typer.Option(None, "--send-invoice-email/--no-send-invoice-email",
                                                      help="E-mail invoices to the account's address."),
) -> None:
    """Change some fields of a billing account; every other field is sent back unchanged.

    The API deletes any field a PUT leaves out, so the account is read first and
    all its editable fields are sent with your changes merged in.
    """
    from idcctl.api import billing

    state = state_of(ctx)
    given = {"title": title, "email": email, "company_name": company_name,
             "company_reg_code": company_reg_code, "vat_number": vat_number, "address": address,
             "city": city, "county": county, "country": country, "post_index": post_index,
             "send_invoice_email": send_invoice_email}
    changes = {UPDATE_OPTIONS[k]: v for k, v in given.items() if v is not None}
    if not changes:
        raise UsageError("nothing to change", hint="name at least one field, e.g. --title")
    ident = account_id(state, acct)
    current = billing.get_account(state.client, ident)
    fields, diff = merge_update(current, changes)
    if not diff:
        state.info(f"{account_label(current, ident)} already has these values; nothing sent.")
        return
    lines = [f"  {name}: {_shown(old)} -> {_shown(new)}" for name, old, new in diff]
    state.info(f"Changes to {account_label(current, ident)} (all other fields are sent unchanged):")
    for line in lines:
        state.info(line)
    ask_on_terminal(state, f"Update {account_label(current, ident)}?")
    result = billing.update_account(state.client, ident, **fields)
    render_as(state, result, account_view(result))


def merge_update(current: Any, changes: dict[str, Any]) -> tuple[dict[str, Any], list[tuple[str, Any, Any]]]:
    """Every editable field of the account with the changes merged in, and what differs."""
    from idcctl.api.billing import ACCOUNT_FIELDS

    if not isinstance(current, dict):
        raise UsageError("the API answered the account read with something that is not an account; "
                         "nothing sent")
    fields = {name: current.get(name) for name in ACCOUNT_FIELDS if current.get(name) is not None}
    fields.update(changes)
    diff = [(name, current.get(name), new) for name, new in changes.items() if current.get(name) != new]
    return fields, diff


def _shown(value: Any) -> str:
    if value is None or value == "":
        return "(empty)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return repr(value) if isinstance(value, str) else str(value)


@account_app.command("delete", examples=["idcctl billing account delete 129072"])
def account_delete(ctx: typer.Context,
                   acct: int = typer.Argument(..., metavar="ACCT", min=1, help="Billing account id.")) -> None:
    """Delete a billing account (asks first, naming its credit and unpaid amount)."""
    from idcctl.api import billing

    state = state_of(ctx)
    account = billing.get_account(state.client, acct)
    what = account_label(account, acct)
    money_left = ""
    if isinstance(account, dict):
        money_left = (f" It has {money(account.get('credit_amount'))} credit and "
                      f"{money(account.get('unpaid_amount'))} unpaid.")
    state.confirm(f"Delete {what}?{money_left}", action=f"delete {what}")
    result = billing.delete_account(state.client, acct)
    state.info(f"Deleted {what}.")
    state.render(result)


@account_app.command("set-default", examples=["idcctl billing account set-default 6"])
def account_set_default(ctx: typer.Context, acct: Optional[int] = acct_argument()) -> None:
    """Make a billing account the default for new resources."""
    from idcctl.api import billing

    state = state_of(ctx)
    state.render(billing.set_default_account(state.client, account_id(state, acct)))


@account_app.command("recurring", examples=[
    "idcctl billing account recurring 6 --enable --amount 50 --threshold 10",
    "idcctl billing account recurring 6 --disable"])
def account_recurring(
    ctx: typer.Context,
    acct: Optional[int] = acct_argument(),
    enable: Optional[bool] = typer.Option(None, "--enable/--disable",
                                          help="Turn automatic top-ups on or off.", show_default=False),
    amount: Optional[str] = typer.Option(None, "--amount", metavar="N",
                                         help="Top-up amount [default: the account's current one]."),
    threshold: Optional[str] = typer.Option(None, "--threshold", metavar="N",
                                            help="Top up when the balance falls below this "
                                                 "[default: the account's current one]."),
) -> None:
    """Configure automatic top-ups: charge the primary card when the balance runs low (asks first when enabling)."""
    from idcctl.api import billing

    state = state_of(ctx)
    if enable is None:
        raise UsageError("say --enable or --disable")
    top_up = parse_amount(amount) if amount is not None else None
    below = parse_amount(threshold, "--threshold", allow_zero=True) if threshold is not None else None
    ident = account_id(state, acct)
    account = billing.get_account(state.client, ident)
    # Sent in full, like the account PUT: unsent settings must not be lost.
    current = account if isinstance(account, dict) else {}
    top_up = top_up if top_up is not None else current.get("recurring_payment_amount")
    below = below if below is not None else current.get("recurring_payment_threshold")
    what = account_label(account, ident)
    if enable:
        if top_up is None or below is None:
            raise UsageError(f"{what} has no recurring settings yet", hint="give --amount and --threshold")
        state.confirm(f"Enable automatic top-ups of {money(top_up)} on {what}, charged to its primary "
                      f"card whenever the balance falls below {money(below)} (possibly right now)?",
                      action=f"enable automatic payments on {what}")
    result = billing.set_recurring_payment(state.client, ident, enabled=enable, amount=top_up,
                                           threshold=below)
    state.render(result)


@account_app.command("unpaid", examples=["idcctl billing account unpaid 6",
                                         "idcctl billing account unpaid 6 -o json | jq .message"])
def account_unpaid(ctx: typer.Context, acct: Optional[int] = acct_argument()) -> None:
    """Show the account's unpaid total (VAT included) over all unpaid invoices."""
    from idcctl.api import billing

    state = state_of(ctx)
    ident = account_id(state, acct)
    data = billing.unpaid_amount(state.client, ident)
    amount = data.get("message") if isinstance(data, dict) else data
    render_as(state, data, {"billing_account_id": ident, "unpaid_amount": money(amount)})


@account_app.command("resources", examples=["idcctl billing account resources 6",
                                            "idcctl billing account resources 6 -l jkt02 -q"])
def account_resources(ctx: typer.Context, acct: Optional[int] = acct_argument(),
                      resource_type: str = typer.Option("vm", "--type", metavar="TYPE",
                                                        help="Resource type.")) -> None:
    """List the resources (VMs) billed to an account in the location."""
    from idcctl.api import billing

    state = state_of(ctx)
    state.render(billing.list_resources(state.client, account_id(state, acct), resource_type), "vm")


@app.command("assign", examples=["idcctl billing assign web-1 --account 6",
                                "idcctl billing assign web-1 --account 6 -l jkt02"])
def assign(ctx: typer.Context,
           vm: str = typer.Argument(..., metavar="VM", help="VM name or UUID."),
           acct: Optional[int] = acct_option(),
           resource_type: str = typer.Option("vm", "--type", metavar="TYPE", help="Resource type.")) -> None:
    """Bill a resource (a VM, by name or UUID) to a billing account from now on."""
    from idcctl.api import billing
    from idcctl.cli.shared.resolve import resolve_vm

    state = state_of(ctx)
    ident = account_id(state, acct)
    uuid = resolve_vm(state, vm) if resource_type == "vm" else vm
    result = billing.assign_resource(state.client, uuid, ident, resource_type)
    state.info(f"{resource_type} {vm} is now billed to billing account {ident}.")
    state.render(result)


app.add_typer(account_app, name="account",
              help="Billing accounts: list, show, update, delete, defaults, recurring payments.")
