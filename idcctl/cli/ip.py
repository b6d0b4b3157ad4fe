"""`ip` commands (contract section "ip (floating IPs)"); all location-scoped.

ADDRESS is checked to be an IPv4 address before anything is sent. Tables
name the VM an address is assigned to, from one `vm list` made beside the
ip read (never one call per address).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, List, Optional

import typer

from idcctl.cli.shared.locations import all_locations_option
from idcctl.errors import UsageError
from idcctl.shell.core import App, state_of
from idcctl.shell.hints import command

if TYPE_CHECKING:
    from idcctl.shell.state import State

app = App(help="Floating (public) IPv4 addresses.", examples=[
    "idcctl ip list",
    "ADDRESS=$(idcctl ip create --name web-1 -q) && idcctl ip assign \"$ADDRESS\" --vm web-1",
])


def address_argument() -> Any:
    return typer.Argument(..., metavar="ADDRESS", help="The floating IPv4 address, e.g. 203.0.113.7.",
                          show_default=False)


def addresses_argument() -> Any:
    return typer.Argument(..., metavar="ADDRESS...", show_default=False,
                          help="Floating IPv4 addresses, one or more ('-' reads them from stdin).")


def billing_option(help_text: str) -> Any:
    return typer.Option(None, "--billing-account", metavar="ACCT", min=1, help=help_text)


def checked(address: str) -> str:
    """The address in canonical form, or a UsageError (exit 2) before anything is sent."""
    import ipaddress

    try:
        return str(ipaddress.IPv4Address(address.strip()))
    except ValueError:
        raise UsageError(f"'{address}' is not an IPv4 address",
                         hint="'idcctl ip list' shows your floating IPs") from None


def _vm_lister(state: State) -> Any:
    from idcctl.api import vms

    return lambda: vms.list(state.client)


def _named(ips_answer: Any, vm_list: Any) -> Any:
    """Rows with a vm_name field for the table (the API's data is left unchanged)."""
    from idcctl.cli.shared.concurrent import names_by_uuid

    names = names_by_uuid(vm_list)
    if isinstance(ips_answer, list):
        return [{**ip, "vm_name": names.get(str(ip.get("assigned_to")))} if isinstance(ip, dict) else ip
                for ip in ips_answer]
    return ips_answer


@app.command("list", examples=["idcctl ip list --vm web-1 -l bus02", "idcctl ip list --all-locations",
                              "idcctl ip list -o json | jq -r '.[] | select(.assigned_to == null) | .address'"])
def ip_list(
    ctx: typer.Context,
    billing_account: Optional[int] = billing_option("Only addresses billed to this account."),
    vm: Optional[str] = typer.Option(None, "--vm", metavar="VM", help="Only addresses assigned to this VM "
                                                                       "(name or UUID)."),
    all_locations: bool = all_locations_option(),
) -> None:
    """List floating IPs, with the VM each one is assigned to (--all-locations: everywhere)."""
    from idcctl.api import ips, vms
    from idcctl.cli.shared.concurrent import wants_table, with_detail
    from idcctl.cli.shared.locations import render_list
    from idcctl.cli.shared.resolve import is_uuid, listed, named

    if vm and all_locations:
        raise UsageError("--vm names a VM of one location", hint="give -l SLUG instead of --all-locations")
    state = state_of(ctx)
    table = wants_table(state)
    vm_list: Any = None
    vm_uuid = vm
    if vm and not is_uuid(vm):  # the list that resolves the name also names the rows
        vm_list = listed(state, "vm")
        vm_uuid = str(named(state, "vm", vm_list, vm)["uuid"])

    def fetch(client: Any) -> Any:
        found = lambda: ips.list(client, billing_account_id=billing_account, vm_uuid=vm_uuid)  # noqa: E731
        if not table:
            return found()
        if vm_list is not None:
            return _named(found(), vm_list)
        return _named(*with_detail(found, lambda: vms.list(client)))

    # A filtered list is not every address of the location: only a whole one refreshes the TAB names.
    render_list(state, fetch, "floating_ip", all_locations=all_locations,
                names=None if billing_account is not None or vm else "ip")


@app.command("show", examples=["idcctl ip show 203.0.113.7", "idcctl ip show 203.0.113.7 -o json"])
def ip_show(ctx: typer.Context, address: str = address_argument()) -> None:
    """Show one floating IP."""
    from idcctl.api import ips

    address = checked(address)
    state = state_of(ctx)
    state.render(ips.get(state.client, address), "floating_ip")


@app.command("create", examples=["idcctl ip create --name edge", "idcctl ip create --billing-account 6 -q"])
def ip_create(
    ctx: typer.Context,
    name: Optional[str] = typer.Option(None, "--name", help="A label for the address."),
    billing_account: Optional[int] = billing_option("Billing account [default: profile's billing_account]."),
) -> None:
    """Reserve a new floating IP (billed from now on until deleted)."""
    from idcctl.api import ips

    state = state_of(ctx)
    account = state.billing_account(billing_account)
    if account is None:
        raise UsageError("a floating IP needs a billing account",
                         hint="pass --billing-account ACCT or run 'idcctl config set billing_account ACCT'")
    ip = ips.create(state.client, billing_account_id=account, name=name)
    if isinstance(ip, dict) and ip.get("address"):
        assign = command("ip", "assign", ip["address"], "--vm", "VM")
        state.info(f"Reserved floating IP {ip['address']}; assign it with '{assign}'.")
    state.render(ip, "floating_ip")


@app.command("update", examples=["idcctl ip update 203.0.113.7 --name edge-2",
                                "idcctl ip update 203.0.113.7 --billing-account 7"])
def ip_update(
    ctx: typer.Context,
    address: str = address_argument(),
    name: Optional[str] = typer.Option(None, "--name", help="New label."),
    billing_account: Optional[int] = billing_option("Bill the address to this account."),
) -> None:
    """Rename a floating IP or move it to another billing account; only what is given is sent."""
    from idcctl.api import ips

    address = checked(address)
    if name is None and billing_account is None:
        raise UsageError("nothing to update", hint="give --name, --billing-account or both")
    state = state_of(ctx)
    state.render(ips.update(state.client, address, name=name, billing_account_id=billing_account), "floating_ip")


def _assignee(state: State, address: str) -> tuple[dict[str, Any], str | None]:
    """The address's data and, when assigned, a label of what it is assigned to."""
    from idcctl.api import ips
    from idcctl.cli.shared.concurrent import names_by_uuid, with_detail

    ip, vm_list = with_detail(lambda: ips.get(state.client, address), _vm_lister(state))
    ip = ip if isinstance(ip, dict) else {}
    target = ip.get("assigned_to")
    if not target:
        return ip, None
    name = names_by_uuid(vm_list).get(str(target))
    kind = "VM" if ip.get("assigned_to_resource_type") in (None, "virtual_machine") else \
        str(ip.get("assigned_to_resource_type"))
    return ip, f"{kind} {name} ({target})" if name else f"{kind} {target}"


@app.command("delete", examples=["idcctl ip delete 203.0.113.7", "idcctl ip delete 203.0.113.7 203.0.113.8 --yes"])
def ip_delete(ctx: typer.Context, address: List[str] = addresses_argument()) -> None:
    """Give up floating IPs for good (billing stops; the addresses may go to someone else)."""
    from idcctl.api import ips
    from idcctl.cli.shared import targets

    state = state_of(ctx)
    targets.run(state, _checked_all(state, address), targets.Action(
        "Delete", "Deleted", "floating IP", lambda ref: _to_delete(state, ref),
        lambda t: ips.delete(state.client, t.ident), asks=True, announce=True))


def _checked_all(state: State, addresses: list[str]) -> list[str]:
    """Every address in canonical form, all checked before anything is sent."""
    from idcctl.cli.shared.targets import expand

    return [checked(address) for address in expand(state, addresses)]


def _to_delete(state: State, address: str) -> Any:
    from idcctl.cli.shared.targets import Target

    _ip, assignee = _assignee(state, address)
    loss = "The address is given up for good."
    if assignee:
        state.warn(f"{address} is assigned to {assignee}, which loses this public address")
        return Target(address, address, f"floating IP {address}", loss=f"Assigned to {assignee}. {loss}",
                      question=f"Delete floating IP {address}, assigned to {assignee}? {loss}")
    return Target(address, address, f"floating IP {address}", loss=loss)


@app.command("assign", examples=["idcctl ip assign 203.0.113.7 --vm web-1"])
def ip_assign(
    ctx: typer.Context,
    address: str = address_argument(),
    vm: str = typer.Option(..., "--vm", metavar="VM", help="VM name or UUID.", show_default=False),
) -> None:
    """Assign a floating IP to a VM of its location (an address and a VM of two locations are refused)."""
    from idcctl.api import ips
    from idcctl.cli.shared.placement import same_location

    address = checked(address)
    state = state_of(ctx)
    [target], _ = same_location(state, [("vm", [vm]), ("ip", [address])],
                                rule="a floating IP is assigned only to a VM of its own location")
    uuid = str(target.get("uuid"))
    result = ips.assign(state.client, address, uuid)
    state.info(f"Assigned {address} to VM {vm}.")
    state.render(result, "floating_ip")


@app.command("unassign", examples=["idcctl ip unassign 203.0.113.7", "idcctl ip unassign 203.0.113.7 --yes"])
def ip_unassign(ctx: typer.Context, address: List[str] = addresses_argument()) -> None:
    """Take floating IPs off their VMs; they stay reserved (and billed)."""
    from idcctl.api import ips
    from idcctl.cli.shared import targets

    state = state_of(ctx)
    targets.run(state, _checked_all(state, address), targets.Action(
        "Unassign", "Unassigned", "floating IP", lambda ref: _to_unassign(state, ref),
        lambda t: ips.unassign(state.client, t.ident), asks=True, announce=True, kind="floating_ip"))


def _to_unassign(state: State, address: str) -> Any:
    from idcctl.cli.shared.targets import Target

    ip, assignee = _assignee(state, address)
    if not assignee:
        return Target(address, address, f"floating IP {address}", data=ip,
                      unchanged=f"Floating IP {address} is not assigned; nothing to change.")
    loss = "It stops reaching it; the address stays reserved (and billed)."
    return Target(address, address, f"floating IP {address} from {assignee}", loss=loss,
                  question=f"Unassign floating IP {address} from {assignee}? {loss}")
