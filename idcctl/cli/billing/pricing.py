"""`billing pricing`, `billing usage` and `billing estimate`: what things cost.

Policy prices are per hour (see idcctl.cli.shared.estimate for the formula and the
unit assumption); tables add the price per 30-day month (720 h).
"""

from __future__ import annotations

from typing import Any, Optional

import typer

from idcctl.cli.billing.common import account_id, acct_option, money, render_as
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


def usage_rows(data: Any) -> Any:
    if not isinstance(data, list):
        return data
    return [{**u, "hours": u.get("hours"), "price": f"{u.get('price')}/{u.get('price_unit') or 'h'}",
             "cost": money(u.get("cost"))} if isinstance(u, dict) else u for u in data]


@app.command("usage", examples=["idcctl billing usage --account 6"])
def usage(ctx: typer.Context, acct: Optional[int] = acct_option()) -> None:
    """Show this month's resources, hours, prices and costs for a billing account."""
    from idcctl.api import pricing as api

    state = state_of(ctx)
    data = api.usage(state.client, account_id(state, acct))
    render_as(state, data, usage_rows(data), "usage")


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
