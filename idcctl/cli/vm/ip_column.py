"""The PUBLIC IP column of `vm list` and `vm show` tables.

The API's VM payload has no public IPv4: the address is a floating IP whose
``assigned_to`` is the VM. Tables get it from one `ip list` made beside the
VM read; `-o json|yaml` and `-q` skip that call and print the API's data
unchanged. If the ip list fails, the column is empty and the command still
succeeds. The added field is ``public_ip`` (usable in ``--columns``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from idcctl.api.client import Client
    from idcctl.shell.state import State

FIELD = "public_ip"


def addresses_by_vm(found: Any) -> dict[str, list[str]]:
    """Floating IP addresses per assigned UUID, in the API's order."""
    by_vm: dict[str, list[str]] = {}
    for ip in found or []:
        if isinstance(ip, dict) and ip.get("assigned_to") and ip.get("address"):
            by_vm.setdefault(str(ip["assigned_to"]), []).append(str(ip["address"]))
    return by_vm


def _with_address(vm: Any, by_vm: dict[str, list[str]]) -> Any:
    if not isinstance(vm, dict):
        return vm
    address = ", ".join(by_vm.get(str(vm.get("uuid")), [])) or None
    out: dict[str, Any] = {}
    for key, value in vm.items():
        out[key] = value
        if key == "private_ipv4":
            out[FIELD] = address
    out.setdefault(FIELD, address)
    return out


def render_vm(state: State, fetch: Callable[[], Any]) -> None:
    """Render fetch()'s VM (`vm show`); in tables with its public address."""
    from idcctl.cli.shared.concurrent import wants_table, with_detail

    if not wants_table(state):
        state.render(fetch(), "vm")
        return
    from idcctl.api import ips

    data, found = with_detail(fetch, lambda: ips.list(state.client))
    state.render(_with_address(data, addresses_by_vm(found)), "vm")


def public_address(state: State, vm_uuid: str) -> str | None:
    """The first floating IP assigned to the VM, if any."""
    from idcctl.api import ips

    found = ips.list(state.client, vm_uuid=vm_uuid)
    # The filter is the API's; checking assigned_to as well guards against an ignored query.
    return next(iter(addresses_by_vm(found).get(vm_uuid, [])), None)


def listing(state: State) -> Callable[[Client], Any]:
    """`vm list` in one location: vms.list(client), in tables with each VM's public address.

    The ip list is made beside the VM list (one, not one per VM), through the
    same client: with --all-locations, each location's VMs get that location's addresses.
    """
    from idcctl.api import ips, vms
    from idcctl.cli.shared.concurrent import wants_table, with_detail

    if not wants_table(state):
        return vms.list

    def fetch(client: Client) -> Any:
        data, found = with_detail(lambda: vms.list(client), lambda: ips.list(client))
        by_vm = addresses_by_vm(found)
        return [_with_address(vm, by_vm) for vm in data] if isinstance(data, list) else data

    return fetch
