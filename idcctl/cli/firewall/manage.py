"""`firewall list|show|create|update|delete` (contract section "firewall", 2025 reference)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, List, Optional

import typer

from idcctl.cli.firewall.common import (
    assigned_vms, find_firewall, fw_argument, keep_uuids, label, pick_firewall, render_firewall,
    warn_ssh_lockout, whole,
)
from idcctl.errors import UsageError
from idcctl.cli.shared.locations import all_locations_option
from idcctl.cli.shared.targets import arguments as targets_argument
from idcctl.shell.core import App, state_of

if TYPE_CHECKING:
    from idcctl.shell.state import State

app = App()

_RULE_HELP = "A rule DIRECTION:PROTOCOL:PORTS:ADDRESSES, e.g. inbound:tcp:443:any; repeatable."
_RULES_HELP = ("@FILE (@-: stdin): a JSON list of rules, or a firewall as 'firewall show -o json' "
               "prints it; rules keep their UUIDs.")


@app.command("list", examples=["idcctl firewall list", "idcctl firewall list --all-locations",
                               "idcctl firewall list -o json | jq -r '.[].uuid'"])
def firewall_list(ctx: typer.Context, all_locations: bool = all_locations_option()) -> None:
    """List the location's firewalls (or, with --all-locations, every location's), with their rules and VMs counted."""
    from idcctl.api import firewalls
    from idcctl.cli.shared.locations import render_list

    render_list(state_of(ctx), firewalls.list, "firewall", all_locations=all_locations, names="firewall")


@app.command("show", examples=["idcctl firewall show web", "idcctl firewall show web -o json"])
def firewall_show(ctx: typer.Context, fw: str = fw_argument()) -> None:
    """Show a firewall, its rules and the VMs it protects (from the list: there is no get-one call)."""
    from idcctl.api import firewalls, vms
    from idcctl.cli.shared.concurrent import with_detail
    from idcctl.cli.shared.parts import in_parts

    state = state_of(ctx)
    if not in_parts(state):
        render_firewall(state, find_firewall(state, fw))
        return
    listed, vm_list = with_detail(lambda: firewalls.list(state.client), lambda: vms.list(state.client))
    render_firewall(state, pick_firewall(state, listed, fw), vm_list)


def _rules_file(state: State, value: str | None) -> list[dict[str, Any]] | None:
    """The checked rules of --rules @FILE (@-: stdin), or None when it is not given."""
    if value is None:
        return None
    from idcctl.cli.firewall.rules import load_rules
    from idcctl.fileio import MAX_INPUT, read_capped, read_capped_stream

    if not value.startswith("@") or value == "@":
        raise UsageError(f"--rules takes @FILE, not '{value}'", hint="use --rule SPEC for a rule on the line")
    if value == "@-":
        return load_rules(read_capped_stream(state.inp, limit=MAX_INPUT, what="--rules @-"), source=value)
    path = Path(value[1:]).expanduser()
    return load_rules(read_capped(path, limit=MAX_INPUT, what="--rules"), source=value)


@app.command("create", examples=[
    "idcctl firewall create --name web --rule inbound:tcp:22:any --rule inbound:tcp:443:any",
    "idcctl firewall create --name db --rule inbound:tcp:5432:10.0.0.0/24 --description 'postgres'",
    "idcctl firewall create --name edge --rules @rules.json"])
def firewall_create(
    ctx: typer.Context,
    name: str = typer.Option(..., "--name", metavar="NAME", help="Display name.", show_default=False),
    description: Optional[str] = typer.Option(None, "--description", metavar="TEXT", help="Free text."),
    billing_account: Optional[int] = typer.Option(None, "--billing-account", metavar="ACCT", min=1,
                                                  help="Billing account [default: profile's billing_account]."),
    rule: Optional[List[str]] = typer.Option(None, "--rule", metavar="SPEC", help=_RULE_HELP),
    rules_file: Optional[str] = typer.Option(None, "--rules", metavar="@FILE", help=_RULES_HELP),
) -> None:
    """Create a firewall in the location with its rules (checked before anything is sent)."""
    from idcctl.api import firewalls
    from idcctl.cli.firewall.rules import parse_spec

    if not name.strip():
        raise UsageError("--name cannot be empty")
    state = state_of(ctx)
    rules = [parse_spec(spec, what="--rule") for spec in rule or []]
    rules += [{k: v for k, v in r.items() if k != "uuid"} for r in _rules_file(state, rules_file) or []]
    created = firewalls.create(state.client, display_name=name.strip(), description=description,
                               billing_account_id=state.billing_account(billing_account), rules=rules)
    if isinstance(created, dict):
        state.info(f"Created firewall {label(created)}; protect a VM with "
                   f"'idcctl firewall assign {name.strip()} --vm VM'.")
    render_firewall(state, created)


@app.command("update", examples=["idcctl firewall update web --name web-public",
                                 "idcctl firewall show web -o json > fw.json",
                                 "idcctl firewall update web --rules @fw.json"])
def firewall_update(
    ctx: typer.Context,
    fw: str = fw_argument(),
    name: Optional[str] = typer.Option(None, "--name", metavar="NAME", help="New display name."),
    description: Optional[str] = typer.Option(None, "--description", metavar="TEXT", help="New description."),
    rules_file: Optional[str] = typer.Option(None, "--rules", metavar="@FILE",
                                             help="Replace every rule with these: " + _RULES_HELP),
) -> None:
    """Change a firewall: it is read, changed and sent back whole (rule UUIDs kept)."""
    from idcctl.api import firewalls

    if name is None and description is None and rules_file is None:
        raise UsageError("nothing to change", hint="give --name, --description or --rules @FILE")
    if name is not None and not name.strip():
        raise UsageError("--name cannot be empty")
    state = state_of(ctx)
    rules = _rules_file(state, rules_file)
    found = find_firewall(state, fw)
    if rules is not None:
        rules = keep_uuids(rules, [r for r in found.get("rules") or [] if isinstance(r, dict)])
        warn_ssh_lockout(state, found, rules)
    body = whole(found, name=name.strip() if name else None, description=description, rules=rules)
    render_firewall(state, firewalls.update(state.client, str(found.get("uuid")), body))


@app.command("delete", examples=["idcctl firewall delete web", "idcctl firewall delete web test --yes"])
def firewall_delete(ctx: typer.Context,
                    fw: List[str] = targets_argument("FW", "Firewall names or UUIDs")) -> None:
    """Delete firewalls (asks first, naming the VMs each protects)."""
    from idcctl.api import firewalls
    from idcctl.cli.shared import targets

    state = state_of(ctx)

    def deletable(ref: str) -> targets.Target:
        found = find_firewall(state, ref)
        return targets.Target(ref, str(found.get("uuid")), f"firewall {label(found)}",
                              loss=_protects(state, found), data=found)

    targets.run(state, fw, targets.Action(
        "Delete", "Deleted", "firewall", deletable, lambda t: firewalls.delete(state.client, t.ident),
        asks=True, announce=True))


def _protects(state: State, firewall: dict[str, Any]) -> str:
    """'It protects VMs web-1, db-1: ...', the VMs named with one list call when there are any."""
    from idcctl.api import vms
    from idcctl.cli.shared.concurrent import names_by_uuid

    uuids = assigned_vms(firewall)
    rules = len(firewall.get("rules") or [])
    if not uuids:
        return f"It protects no VM; its {rules} rule(s) go with it."
    names = names_by_uuid(vms.list(state.client))
    shown = ", ".join(f"{names[u]} ({u})" if u in names else u for u in uuids)
    return f"It protects VM(s) {shown}: they lose its {rules} rule(s) at once."
