"""`lb` commands (contract section "lb (network load balancers)"), with `target` and `rule` sub-groups.

Load balancers are per location (``-l SLUG``): their network and target VMs
are of the same location. LB is a display name or UUID.
Ports are checked locally (1–65535) before anything is sent.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, List, Optional

import typer

from idcctl.cli.shared.locations import all_locations_option
from idcctl.errors import NotFoundError, UsageError
from idcctl.cli.shared.targets import arguments as targets_argument
from idcctl.shell.core import App, state_of
from idcctl.shell.hints import command

if TYPE_CHECKING:
    from idcctl.shell.state import State

app = App(help="Network load balancers.", examples=[
    "idcctl lb list",
    "idcctl lb create --name web-lb --rule 80:8080 --target web-1",
    "idcctl lb show web-lb",
])
target_app = App(help="The VMs a load balancer sends traffic to.",
                 examples=["idcctl lb target add web-lb --vm web-2", "idcctl lb target remove web-lb web-2 --yes"])
rule_app = App(help="A load balancer's forwarding rules (source port to target port).",
               examples=["idcctl lb rule add web-lb --source-port 443 --target-port 8443",
                         "idcctl lb rule remove web-lb 443:8443 --yes"])
MAX_PORT = 65535


def lb_argument() -> Any:
    return typer.Argument(..., metavar="LB", help="Load balancer name or UUID.", show_default=False)


def port_option(flag: str, help_text: str) -> Any:
    return typer.Option(..., flag, metavar="P", min=1, max=MAX_PORT, help=help_text, show_default=False)


def label(lb: dict[str, Any]) -> str:
    return f"{lb.get('display_name') or '(no name)'} ({lb.get('uuid')})"


def parse_rule(text: str) -> tuple[int, int]:
    """'SRC:DST' as two ports, or a UsageError (exit 2) before anything is sent."""
    parts = text.split(":")
    if len(parts) != 2 or not all(p.strip().isdigit() for p in parts):
        raise UsageError(f"--rule '{text}' is not SRC:DST", hint="for example --rule 80:8080")
    source, target = (int(p) for p in parts)
    if not (1 <= source <= MAX_PORT and 1 <= target <= MAX_PORT):
        raise UsageError(f"--rule '{text}': ports are 1-{MAX_PORT}")
    return source, target


@app.command("list", examples=["idcctl lb list", "idcctl lb list --all-locations",
                             "idcctl lb list -o json | jq -r '.[].uuid'"])
def lb_list(ctx: typer.Context, all_locations: bool = all_locations_option()) -> None:
    """List load balancers with their rules and number of targets (--all-locations: everywhere)."""
    from idcctl.api import load_balancers
    from idcctl.cli.shared.locations import render_list

    render_list(state_of(ctx), load_balancers.list, "lb", all_locations=all_locations, names="lb")


@app.command("show", examples=["idcctl lb show web-lb", "idcctl lb show web-lb -o json"])
def lb_show(ctx: typer.Context, lb: str = lb_argument()) -> None:
    """Show a load balancer, its forwarding rules and its targets (with VM names)."""
    from idcctl.api import load_balancers, vms
    from idcctl.cli.shared.concurrent import wants_table, with_detail
    from idcctl.cli.shared.resolve import resolve_lb

    state = state_of(ctx)
    uuid = resolve_lb(state, lb)
    fetch = lambda: load_balancers.get(state.client, uuid)  # noqa: E731
    if not wants_table(state) or state.flag("columns"):
        render_lb(state, fetch())
        return
    data, vm_list = with_detail(fetch, lambda: vms.list(state.client))
    render_lb(state, data, vm_list)


def render_lb(state: State, lb: Any, vm_list: Any = None) -> None:
    """Tables: the scalar fields, then the rules and the targets as tables of their own.

    json/yaml (and -q, --columns) get the API's data unchanged.
    """
    from idcctl.cli.shared.concurrent import names_by_uuid
    from idcctl.cli.shared.parts import objects, render_with_parts

    names = names_by_uuid(vm_list)

    def parts(data: dict[str, Any]) -> list[Any]:
        targets = [{**t, "vm_name": names.get(str(t.get("target_uuid")))} for t in objects(data, "targets")]
        return [("forwarding_rules", objects(data, "forwarding_rules"), "lb_rule"), ("targets", targets, "lb_target")]

    render_with_parts(state, lb, "lb", parts)


@app.command("create", examples=[
    "idcctl lb create --name web-lb --rule 80:8080 --target web-1 --target web-2",
    "idcctl lb create --name internal --network backend --no-public-ip --rule 5432:5432"])
def lb_create(
    ctx: typer.Context,
    name: Optional[str] = typer.Option(None, "--name", help="Display name."),
    billing_account: Optional[int] = typer.Option(None, "--billing-account", metavar="ACCT", min=1,
                                                  help="Billing account [default: profile's billing_account]."),
    net: Optional[str] = typer.Option(None, "--network", metavar="NET",
                                      help="Private network name or UUID [default: the default network]."),
    public_ip: Optional[bool] = typer.Option(None, "--public-ip/--no-public-ip",
                                             help="Reserve a public IPv4 for it [default: the API's]."),
    rule: Optional[List[str]] = typer.Option(None, "--rule", metavar="SRC:DST",
                                             help="Forward port SRC to port DST of the targets; repeatable."),
    vm: Optional[List[str]] = typer.Option(None, "--target", metavar="VM",
                                               help="VM name or UUID to send traffic to; repeatable."),
) -> None:
    """Create a load balancer, with its forwarding rules and targets (all of one location)."""
    from idcctl.api import load_balancers
    from idcctl.cli.shared.placement import same_location

    rules = [parse_rule(r) for r in rule or []]
    if name is not None and not name.strip():
        raise UsageError("--name cannot be empty")
    state = state_of(ctx)
    networks, targets = same_location(state, [("network", [net] if net else []), ("vm", vm or [])],
                                      rule="a load balancer's network and targets are of its own location")
    created = load_balancers.create(
        state.client, display_name=name, billing_account_id=state.billing_account(billing_account),
        network_uuid=str(networks[0].get("uuid")) if networks else None, reserve_public_ip=public_ip,
        rules=rules, targets=[str(t.get("uuid")) for t in targets])
    if isinstance(created, dict):
        state.info(f"Created load balancer {label(created)}.")
    render_lb(state, created, targets or None)  # the targets' VMs fill the Targets table's VM column


@app.command("rename", examples=["idcctl lb rename web-lb web-lb-2"])
def lb_rename(ctx: typer.Context, lb: str = lb_argument(),
              name: str = typer.Argument(..., metavar="NAME", help="New display name.", show_default=False)) -> None:
    """Rename a load balancer."""
    from idcctl.api import load_balancers
    from idcctl.cli.shared.resolve import resolve_lb

    if not name.strip():
        raise UsageError("the new name cannot be empty")
    state = state_of(ctx)
    render_lb(state, load_balancers.rename(state.client, resolve_lb(state, lb), name))


@app.command("delete", examples=["idcctl lb delete web-lb", "idcctl lb delete web-lb test-lb --yes"])
def lb_delete(ctx: typer.Context,
              lb: List[str] = targets_argument("LB", "Load balancer names or UUIDs")) -> None:
    """Delete load balancers with their rules and targets (the VMs themselves stay)."""
    from idcctl.api import load_balancers
    from idcctl.cli.shared import targets

    state = state_of(ctx)

    def deletable(ref: str) -> targets.Target:
        from idcctl.cli.shared.resolve import find_lb

        found = find_lb(state, ref)
        rules, vms = len(found.get("forwarding_rules") or []), len(found.get("targets") or [])
        return targets.Target(ref, str(found.get("uuid")), f"load balancer {label(found)}", data=found,
                              loss=f"Its {rules} forwarding rule(s) and {vms} target(s) go with it; the VMs stay.")

    targets.run(state, lb, targets.Action(
        "Delete", "Deleted", "load balancer", deletable, lambda t: load_balancers.delete(state.client, t.ident),
        asks=True, announce=True, preload=("lb",)))


@app.command("set-billing", examples=["idcctl lb set-billing web-lb 130157"])
def lb_set_billing(ctx: typer.Context, lb: str = lb_argument(),
                   acct: int = typer.Argument(..., metavar="ACCT", min=1, help="Billing account id.",
                                              show_default=False)) -> None:
    """Bill a load balancer to another billing account."""
    from idcctl.api import load_balancers
    from idcctl.cli.shared.resolve import resolve_lb

    state = state_of(ctx)
    render_lb(state, load_balancers.set_billing_account(state.client, resolve_lb(state, lb), acct))


# -- targets ----------------------------------------------------------------------------


@target_app.command("add", examples=["idcctl lb target add web-lb --vm web-3"])
def target_add(ctx: typer.Context, lb: str = lb_argument(),
               vm: str = typer.Option(..., "--vm", metavar="VM", help="VM name or UUID.", show_default=False)) -> None:
    """Send a load balancer's traffic to one more VM (of its own location)."""
    from idcctl.api import load_balancers
    from idcctl.cli.shared.placement import same_location

    state = state_of(ctx)
    [found], [target] = same_location(state, [("lb", [lb]), ("vm", [vm])],
                                      rule="a load balancer sends traffic only to VMs of its own location")
    result = load_balancers.add_target(state.client, str(found.get("uuid")), str(target.get("uuid")))
    state.render(result, "lb_target")


@target_app.command("remove", examples=["idcctl lb target remove web-lb web-3",
                                       "idcctl lb target remove web-lb 145cc106-e067-419a-85fd-333ded30f169 --yes"])
def target_remove(ctx: typer.Context, lb: str = lb_argument(),
                  vm: str = typer.Argument(..., metavar="TARGET", show_default=False,
                                               help="The target VM's name or UUID, or the target's UUID.")) -> None:
    """Stop sending a load balancer's traffic to a VM."""
    from idcctl.api import load_balancers
    from idcctl.cli.shared.resolve import find_lb, is_uuid, resolve_vms

    state = state_of(ctx)
    found = find_lb(state, lb)
    targets = {str(t.get("target_uuid")) for t in found.get("targets") or [] if isinstance(t, dict)}
    uuid = vm if is_uuid(vm) else resolve_vms(state, [vm])[0]
    if uuid not in targets:
        raise NotFoundError(f"load balancer {label(found)} has no target '{vm}'",
                            hint=f"'{command('lb', 'show', lb)}' lists its targets")
    shown = vm if vm == uuid else f"{vm} ({uuid})"
    state.confirm(f"Remove target {shown} from load balancer {label(found)}? It stops receiving its traffic.",
                  action=f"remove target {shown}")
    result = load_balancers.remove_target(state.client, str(found.get("uuid")), uuid)
    state.info(f"Removed target {shown} from load balancer {label(found)}.")
    state.render(result)


# -- forwarding rules -------------------------------------------------------------------


@rule_app.command("add", examples=["idcctl lb rule add web-lb --source-port 443 --target-port 8443"])
def rule_add(ctx: typer.Context, lb: str = lb_argument(),
             source_port: int = port_option("--source-port", "Port the load balancer listens on."),
             target_port: int = port_option("--target-port", "Port of the targets to forward to.")) -> None:
    """Forward one more port of a load balancer to its targets."""
    from idcctl.api import load_balancers
    from idcctl.cli.shared.resolve import resolve_lb

    state = state_of(ctx)
    uuid = resolve_lb(state, lb)
    state.render(load_balancers.add_rule(state.client, uuid, source_port, target_port), "lb_rule")


@rule_app.command("remove", examples=["idcctl lb rule remove web-lb 443:8443",
                                     "idcctl lb rule remove web-lb b3f28feb-c91e-4601-a6b6-267fa98dc121 --yes"])
def rule_remove(ctx: typer.Context, lb: str = lb_argument(),
                rule: str = typer.Argument(..., metavar="RULE", show_default=False,
                                           help="SRC:DST, or the rule's UUID.")) -> None:
    """Drop a forwarding rule from a load balancer."""
    from idcctl.api import load_balancers
    from idcctl.cli.shared.resolve import find_lb, is_uuid

    ports = None if is_uuid(rule) else parse_rule(rule)
    state = state_of(ctx)
    found = find_lb(state, lb)
    chosen = _pick_rule(found, rule, ports)
    shown = f"{chosen.get('source_port')}:{chosen.get('target_port')} ({chosen.get('uuid')})"
    state.confirm(f"Remove forwarding rule {shown} from load balancer {label(found)}? "
                  f"Port {chosen.get('source_port')} stops forwarding.", action=f"remove forwarding rule {shown}")
    result = load_balancers.remove_rule(state.client, str(found.get("uuid")), str(chosen.get("uuid")))
    state.info(f"Removed forwarding rule {shown} from load balancer {label(found)}.")
    state.render(result)


def _pick_rule(lb: dict[str, Any], ref: str, ports: tuple[int, int] | None) -> dict[str, Any]:
    rules = [r for r in lb.get("forwarding_rules") or [] if isinstance(r, dict)]
    if ports is None:
        matches = [r for r in rules if str(r.get("uuid")) == ref]
    else:
        matches = [r for r in rules if (_port(r.get("source_port")), _port(r.get("target_port"))) == ports]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise NotFoundError(f"load balancer {label(lb)} has no forwarding rule '{ref}'",
                            hint="'idcctl lb show LB' lists its rules")
    raise NotFoundError(f"{len(matches)} forwarding rules are {ref}: "
                        f"{', '.join(str(r.get('uuid')) for r in matches)}", hint="use the rule's UUID instead")


def _port(value: Any) -> int | None:
    """The API may write ports as numbers or as text."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


app.add_typer(target_app, name="target", help="The VMs a load balancer sends traffic to: add, remove.")
app.add_typer(rule_app, name="rule", help="Forwarding rules (source port to target port): add, remove.")
