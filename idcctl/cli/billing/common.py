"""Helpers of the billing commands: the account to act on, amounts, readable money."""

from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any, Optional

import typer

from idcctl.errors import UsageError

if TYPE_CHECKING:
    from idcctl.shell.state import State

NO_ACCOUNT_HINT = "pass it, or set a default with 'idcctl config set billing_account ID'"
# Far above any payment (even in rupiah), far below where two-decimal arithmetic runs out of digits.
MAX_AMOUNT = Decimal(10) ** 15


def acct_argument() -> Any:
    return typer.Argument(None, metavar="ACCT", min=1, show_default=False,
                          help="Billing account id [default: profile's billing_account].")


def acct_option() -> Any:
    return typer.Option(None, "--account", metavar="ACCT", min=1, show_default=False,
                        help="Billing account id [default: profile's billing_account].")


def account_id(state: State, acct: Optional[int]) -> int:
    """The account named on the command line, else the profile's billing_account setting."""
    chosen = state.billing_account(acct)
    if chosen is None:
        raise UsageError("no billing account given", hint=NO_ACCOUNT_HINT)
    return int(chosen)


def parse_amount(text: str, option: str = "--amount", *, allow_zero: bool = False) -> Decimal:
    """A positive amount with at most two decimals, checked before anything is sent."""
    try:
        value = Decimal(text.strip())
    except (InvalidOperation, AttributeError):
        raise UsageError(f"{option} {text!r} is not a number (e.g. 25 or 25.50)") from None
    if not value.is_finite():
        raise UsageError(f"{option} {text!r} is not a number (e.g. 25 or 25.50)")
    shown = text.strip()[:40]
    if value < 0 or (value == 0 and not allow_zero):
        raise UsageError(f"{option} must be {'zero or more' if allow_zero else 'more than zero'}, not {shown}")
    if value > MAX_AMOUNT:
        raise UsageError(f"{option} {shown} is larger than any payment (at most {MAX_AMOUNT:,})")
    if value.normalize().as_tuple().exponent < -2:  # type: ignore[operator]  # 1.230 is 1.23
        raise UsageError(f"{option} {shown} has more than two decimals")
    return value.quantize(Decimal("0.01"))


def money(value: Any, currency: str | None = None) -> str:
    """Two decimals (and the currency when the data names one); '-' when there is no amount."""
    if value is None or isinstance(value, bool):
        return "-"
    try:
        text = str(Decimal(str(value)).quantize(Decimal("0.01")))
    except (InvalidOperation, ValueError):
        return str(value)
    return f"{text} {currency}" if currency else text


def day(epoch: Any) -> Any:
    """A Unix timestamp as a UTC date (the payment API's timestamps are epoch seconds)."""
    if isinstance(epoch, bool) or not isinstance(epoch, (int, float)):
        return epoch
    return datetime.fromtimestamp(epoch, timezone.utc).strftime("%Y-%m-%d")


def is_table(state: State) -> bool:
    opts = state.output_options()
    return opts.format == "table" and not opts.quiet


def render_as(state: State, data: Any, table_rows: Any, kind: str | None = None) -> None:
    """The API's data unchanged for json/yaml/-q; `table_rows` (readable) for tables.

    --filter and --sort read the API's data in both cases, so they choose the same rows.
    """
    if is_table(state):
        state.render(table_rows, kind, basis=data)
    else:
        state.render(data, kind)


def account_label(account: Any, account_id: int) -> str:
    title = account.get("title") if isinstance(account, dict) else None
    return f"billing account {account_id}" + (f" ({title})" if title else "")


def ask_on_terminal(state: State, question: str) -> None:
    """Ask on a terminal; without one (or with --yes/--dry-run) go on: for non-destructive changes."""
    from idcctl.errors import Aborted

    if state.flag("yes") or state.dry_run or not state.stdin_is_terminal():
        return
    from idcctl import terminal

    state.err.write(f"{terminal.line(question)} [y/N]: ")
    state.err.flush()
    if state.inp.readline().strip().lower() not in ("y", "yes"):
        raise Aborted("aborted; nothing was changed")
