"""`billing pricing`, `billing usage` and `billing estimate`: what things cost.

Policy prices are per hour (see idcctl.cli.shared.estimate for the formula and the
unit assumption); tables add the price per 30-day month (720 h).
"""

from __future__ import annotations

from typing import Any, Optional

import typer

from idcctl.cli.billing.common import account_id, acct_option, is_table, money, render_as
from idcctl.cli.shared.estimate import FORMULA, HOURS_PER_MONTH
from idcctl.cli.shared.inputs import MAX_DISK_GB, MAX_RAM_MB, MAX_VCPU
from idcctl.shell.core import App, state_of

_UNITS = {"CPU": "per {numCpus} CPU", "RAM": "per {megsRam} MB", "STORAGE": "per GB",
          "LICENSE": "per core", "OBJECT_STORAGE": "per GB"}


app = App()
def policy_rows(data: Any) -> Any:
    from idcctl.cli.shared import estimate as e

    lines = data.get("policy") if isinstance(data, dict) else data
    if not isinstance(lines, list):
        return data
    rows = []
    for line in lines:
        if not isinstance(line, dict):
            continue
        unit = _UNITS.get(str(line.get("resourceType")), "")
        try:
            unit = unit.format(**line)
        except (KeyError, IndexError):
            unit = unit.split(" {")[0]
        price = line.get("price")
        priced = isinstance(price, (int, float)) and not isinstance(price, bool)
        rows.append({**line, "unit": unit,
                     "per_hour": e._short(price) if priced else "-",
                     "per_month": e.money(e.monthly(price), 2) if priced else "-"})
    return rows


@app.command("pricing", examples=["idcctl billing pricing", "idcctl billing pricing -o json"])
def pricing(ctx: typer.Context) -> None:
    """Show the pricing policy: each line per hour and per 30-day month (720 h)."""
    from idcctl.api import pricing as api

    state = state_of(ctx)
    data = api.policy(state.client)
    render_as(state, data, policy_rows(data), "pricing")


BAR_WIDTH = 20  # cells of the largest cost's bar
_EIGHTHS = " ▏▎▍▌▋▊▉"


def usage_rows(data: Any) -> tuple[Any, Any]:
    """Readable rows, largest cost first, each with a bar scaled to the largest; and the API's rows
    in the same order (what --filter, --sort and the total read)."""
    if not isinstance(data, list):
        return data, None
    ordered = sorted(data, key=lambda u: -_cost(u))  # stable: equal costs keep the API's order
    largest = max((_cost(u) for u in ordered), default=0.0)
    rows = [{**u, "hours": u.get("hours"), "price": f"{u.get('price')}/{u.get('price_unit') or 'h'}",
             "cost": money(u.get("cost")), "share": _bar(_cost(u), largest)} if isinstance(u, dict) else u
            for u in ordered]
    return rows, ordered


def _cost(row: Any) -> float:
    """A usage row's cost as a number; 0 for anything that is not one (it sorts last, has no bar)."""
    value = row.get("cost") if isinstance(row, dict) else None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
        return 0.0
    return float(value) if abs(value) != float("inf") else 0.0


def _bar(cost: float, largest: float) -> str:
    if cost <= 0 or largest <= 0:
        return ""
    eighths = max(1, round(cost / largest * BAR_WIDTH * 8))  # a cost too small to see still shows
    return "█" * (eighths // 8) + _EIGHTHS[eighths % 8].strip()


def usage_total(rows: list[Any]) -> dict[str, Any]:
    """The TOTAL row of the usage table: the shown rows' costs added up (the API's figures)."""
    from decimal import Decimal

    total = sum((Decimal(str(_cost(r))) for r in rows), Decimal(0))
    return {"description": f"TOTAL ({len(rows)} resource{'' if len(rows) == 1 else 's'})", "cost": money(total)}


@app.command("usage", examples=["idcctl billing usage --account 6",
                                "idcctl billing usage --filter 'cost>=1' -o json"])
def usage(ctx: typer.Context, acct: Optional[int] = acct_option()) -> None:
    """Show this month's resources, hours, prices and costs for a billing account.

    Tables put the largest cost first, with a bar scaled to it, and a total; -o json
    and -o yaml print the API's data unchanged (plain numbers, in its order).
    """
    from idcctl.api import pricing as api

    state = state_of(ctx)
    data = api.usage(state.client, account_id(state, acct))
    if not is_table(state):
        state.render(data, "usage")
        return
    rows, ordered = usage_rows(data)
    state.table_footer = usage_total if isinstance(data, list) else None
    state.render(rows, "usage", basis=ordered)


@app.command("estimate", examples=["idcctl billing estimate --vcpu 2 --ram 2048 --disk 20",
                                  "idcctl billing estimate --vcpu 4 --ram 8192 --disk 80 --backup --windows"])
def estimate(
    ctx: typer.Context,
    vcpu: int = typer.Option(..., "--vcpu", metavar="N", min=1, max=MAX_VCPU, help="Virtual CPUs."),
    ram: int = typer.Option(..., "--ram", metavar="MB", min=1, max=MAX_RAM_MB, help="Memory in MB."),
    disk: int = typer.Option(..., "--disk", metavar="GB", min=0, max=MAX_DISK_GB, help="Disk size in GB."),
    backup: bool = typer.Option(False, "--backup", help="Add automatic backups (per GB of disk)."),
    windows: bool = typer.Option(False, "--windows", help="Add the Windows licence (per core)."),
) -> None:
    """Estimate what a VM costs per hour and per 30-day month, from the pricing policy."""
    from idcctl.cli.shared import estimate as e
    from idcctl.errors import ApiError

    state = state_of(ctx)
    try:
        result = e.estimate(e.load_policy(state), vcpu=vcpu, ram=ram, disk=disk, backup=backup,
                            windows=windows)
    except e.PolicyError as exc:
        raise ApiError(f"cannot estimate: {exc}") from None
    render_as(state, result, e.rows(result), "estimate")
    state.info(f"Per 30-day month = per hour x {HOURS_PER_MONTH}; public IPv4 not included.")


estimate.__doc__ = (estimate.__doc__ or "") + "\n\n" + FORMULA
