"""`vm list --cost`: each VM's estimated price per hour and per 30-day month, and their total.

Computed as `billing estimate` computes it (`idcctl.cli.shared.estimate`,
from the pricing policy cached for ten minutes) with the VM's own figures:
``vcpu``, ``memory`` (MB), the sum of its disks' ``size`` (GB), backups when
``backup`` is on, the Windows licence when ``os_name`` names Windows. A
public IPv4 has no policy line and is not included. A VM whose figures are
missing or not numbers gets no estimate (``-``) and is left out of the total.

The added field is ``estimated_cost`` (``{"hourly": ..., "monthly": ...}``):
it is in ``-o json|yaml`` only when ``--cost`` asks for it, and its name says
what it is. Tables show it as two columns and a TOTAL row of the VMs shown
(after --filter).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from idcctl.shell.state import State

FIELD = "estimated_cost"
NOTE = ("Costs are estimates from the pricing policy (per 30 days = per hour x 720); "
        "public IPv4 addresses are not included.")


def with_costs(state: State, vms: Any) -> Any:
    """The VMs, each with its `estimated_cost` (None where it cannot be estimated)."""
    from idcctl.cli.shared import estimate as e
    from idcctl.errors import ApiError

    if not isinstance(vms, list):
        return vms
    policy = e.load_policy(state)
    try:
        e.unit_prices(policy)
    except (e.PolicyError, ArithmeticError, TypeError, ValueError) as exc:
        raise ApiError(f"cannot estimate costs: {exc}") from None
    return [{**vm, FIELD: _estimate(policy, vm)} if isinstance(vm, dict) else vm for vm in vms]


def _estimate(policy: Any, vm: dict[str, Any]) -> dict[str, float] | None:
    from idcctl.cli.shared import estimate as e

    vcpu, ram = vm.get("vcpu"), vm.get("memory")
    sizes = [d.get("size") for d in vm.get("storage") or [] if isinstance(d, dict)]
    if not all(_count(v) for v in (vcpu, ram, *sizes)):
        return None
    windows = "windows" in str(vm.get("os_name") or "").lower()
    try:
        result = e.estimate(policy, vcpu=vcpu, ram=ram, disk=sum(sizes), backup=vm.get("backup") is True,
                            windows=windows)
    except (e.PolicyError, ArithmeticError, TypeError, ValueError):
        return None
    return {"hourly": result["hourly"], "monthly": result["monthly"]}


def _count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 10**9


def total_row(vms: list[Any]) -> dict[str, Any]:
    """The TOTAL row of a --cost table: the sum of the shown VMs' estimates."""
    from idcctl.cli.shared.estimate import dec

    costs = [vm[FIELD] for vm in vms if isinstance(vm, dict) and isinstance(vm.get(FIELD), dict)]
    hourly = sum((dec(c["hourly"]) for c in costs), dec(0))
    monthly = sum((dec(c["monthly"]) for c in costs), dec(0))
    return {"name": f"TOTAL ({len(costs)} VM{'' if len(costs) == 1 else 's'}, estimate)", FIELD: {"hourly": hourly, "monthly": monthly}}
