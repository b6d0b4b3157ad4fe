"""Cost estimates from the pricing policy (`billing estimate`, and `vm create` before it sends).

The formula, per hour, with every policy price read as "per hour" (the
reference's usage answer states ``price_unit: "h"``; the policy itself names
no unit):

    vCPU     vcpu            x CPU price / numCpus of the CPU line
    RAM      ram_MB          x RAM price / megsRam of the RAM line (1024 MB line preferred)
    disk     disk_GB         x STORAGE "main" price (per GB)
    backup   disk_GB         x STORAGE "backup" price (per GB)            with --backup
    Windows  vcpu            x LICENSE "windows" price (per core)          with --windows

and a month is 30 days = 720 hours. A public IPv4 has no policy line and is
not included. Arithmetic is Decimal; hourly amounts are shown with five
decimals (they are fractions of a cent), monthly ones with two.

Pure functions over the policy, plus `load_policy`, the one cached fetch
(idcctl.cache, like `vm create`'s parameters and images).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from idcctl.shell.state import State

HOURS_PER_MONTH = 720
FORMULA = ("hourly = vcpu x CPU price per core + RAM MB x RAM price per MB + disk GB x storage "
           "price per GB [+ disk GB x backup price per GB] [+ vcpu x Windows licence per core]; "
           "monthly = hourly x 720 (30 days). Policy prices are taken as per hour; "
           "a public IPv4 is not priced by the policy and not included.")


class PolicyError(ValueError):
    """The policy lacks a line the estimate needs."""


def dec(value: Any) -> Decimal:
    return Decimal(str(value))


def money(value: Any, places: int = 2) -> str:
    """An amount with fixed decimals (half up), e.g. 59.96, 0.01900."""
    return str(dec(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


def monthly(hourly: Any) -> Decimal:
    return dec(hourly) * HOURS_PER_MONTH


def _lines(policy: Any) -> list[dict[str, Any]]:
    lines = policy.get("policy") if isinstance(policy, dict) else policy
    return [line for line in lines or [] if isinstance(line, dict) and "price" in line]


def _find(lines: list[dict[str, Any]], resource: str, uptime: str | None = None) -> list[dict[str, Any]]:
    return [line for line in lines if line.get("resourceType") == resource
            and (uptime is None or line.get("serviceNameInUptime") == uptime)]


def unit_prices(policy: Any) -> dict[str, Decimal]:
    """Per-hour prices per unit: cpu (core), ram (MB), disk/backup (GB), windows (core)."""
    lines = _lines(policy)
    cpu = _find(lines, "CPU")
    ram = sorted(_find(lines, "RAM"), key=lambda line: line.get("megsRam") != 1024)
    disk = _find(lines, "STORAGE", "main")
    if not cpu or not ram or not disk:
        raise PolicyError("the pricing policy has no CPU, RAM or main storage line")
    prices = {
        "cpu": dec(cpu[0]["price"]) / dec(cpu[0].get("numCpus") or 1),
        "ram": dec(ram[0]["price"]) / dec(ram[0].get("megsRam") or 1024),
        "disk": dec(disk[0]["price"]),
    }
    for key, (resource, uptime) in {"backup": ("STORAGE", "backup"),
                                    "windows": ("LICENSE", "windows")}.items():
        found = _find(lines, resource, uptime)
        if found:
            prices[key] = dec(found[0]["price"])
    return prices


def estimate(policy: Any, *, vcpu: int, ram: int, disk: int, backup: bool = False,
             windows: bool = False) -> dict[str, Any]:
    """The cost, line by line: ``{"lines": [...], "hourly": "...", "monthly": "...", ...}``."""
    prices = unit_prices(policy)
    wanted = [("vCPU", vcpu, "core", "cpu"), ("RAM", ram, "MB", "ram"), ("Disk", disk, "GB", "disk")]
    if backup:
        wanted.append(("Backup", disk, "GB", "backup"))
    if windows:
        wanted.append(("Windows licence", vcpu, "core", "windows"))
    lines, total = [], Decimal(0)
    for item, qty, unit, key in wanted:
        if key not in prices:
            raise PolicyError(f"the pricing policy has no {item} line")
        hourly = prices[key] * qty
        total += hourly
        # RAM is priced per MB internally but shown per GB (1024 MB), as the policy names it.
        per_unit, per = (prices[key] * 1024, "GB") if key == "ram" else (prices[key], unit)
        lines.append({"item": item, "quantity": qty, "unit": unit, "unit_price_hourly": float(per_unit),
                      "price_unit": per, "hourly": float(hourly), "monthly": float(monthly(hourly))})
    return {"lines": lines, "hourly": float(total), "monthly": float(monthly(total)),
            "hours_per_month": HOURS_PER_MONTH}


def summary(result: dict[str, Any]) -> str:
    """One line for `vm create`: the total per hour and per 30-day month."""
    return (f"Estimated cost: {money(result['hourly'], 5)}/h, {money(result['monthly'])} per 30-day "
            f"month (from the pricing policy; public IPv4 not included)")


def rows(result: dict[str, Any]) -> list[dict[str, str]]:
    """Table rows with readable amounts and a TOTAL row."""
    out = [{"item": line["item"], "quantity": f"{line['quantity']} {line['unit']}",
            "per_unit_hourly": f"{_short(line['unit_price_hourly'])} per {line['price_unit']}",
            "hourly": money(line["hourly"], 5), "monthly": money(line["monthly"])}
           for line in result["lines"]]
    out.append({"item": "TOTAL", "quantity": "", "per_unit_hourly": "",
                "hourly": money(result["hourly"], 5), "monthly": money(result["monthly"])})
    return out


def _short(value: Any) -> str:
    """A unit price without trailing zeros, never in exponent form (0.0000342, not 3.42E-5)."""
    text = format(dec(value).quantize(Decimal("1e-10"), rounding=ROUND_HALF_UP), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def load_policy(state: State) -> Any:
    """The pricing policy, from the disk cache (ten minutes) or the API."""
    from idcctl.api import pricing

    settings = state.settings
    scope = (settings.profile, settings["api_url"])
    return state.cache().fetch("pricing-policy", scope, lambda: pricing.policy(state.client))


def note_for_create(state: State, *, vcpu: int, ram: int, disk: int | None, backup: bool,
                    windows: bool) -> None:
    """Print the estimate on stderr before a VM is created; never stop the create."""
    from idcctl.errors import IdcctlError

    try:
        result = estimate(load_policy(state), vcpu=vcpu, ram=ram, disk=disk or 0,
                          backup=backup, windows=windows)
    except (IdcctlError, PolicyError, ArithmeticError, TypeError, ValueError) as exc:
        state.info(f"note: no cost estimate (pricing policy unavailable: {exc})")
        return
    state.info(summary(result) + ("" if disk else "; boot disk not included"))
