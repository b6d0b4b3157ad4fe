"""`firewall rule add|remove`: one PUT of the whole firewall with rules added or taken out.

RULE is a rule's UUID or its SPEC (``inbound:tcp:443:any``), matched by what
the rule does (the same ports and addresses, however written). The other
rules are sent back with their UUIDs, so they stay the same rules.
"""

from __future__ import annotations

from typing import Any, List

import typer

from idcctl.cli.firewall.common import find_firewall, fw_argument, label, render_firewall, warn_ssh_lockout, whole
from idcctl.errors import NotFoundError
from idcctl.shell.core import App, state_of

app = App(help="A firewall's rules: add, remove.",
          examples=["idcctl firewall rule add web inbound:tcp:8080:10.0.0.0/24",
                    "idcctl firewall rule remove web inbound:tcp:443:any --yes"])


@app.command("add", examples=["idcctl firewall rule add web inbound:tcp:80:any",
                              "idcctl firewall rule add db inbound:tcp:5432:10.0.0.0/24,10.1.2.3 outbound:icmp::any"])
def rule_add(ctx: typer.Context, fw: str = fw_argument(),
             specs: List[str] = typer.Argument(..., metavar="SPEC...", show_default=False,
                                               help="Rules DIRECTION:PROTOCOL:PORTS:ADDRESSES to add.")) -> None:
    """Add rules to a firewall (a rule it already has is not added twice)."""
    from idcctl.api import firewalls
    from idcctl.cli.firewall.rules import identity, parse_spec

    new = [parse_spec(spec) for spec in specs]
    state = state_of(ctx)
    found = find_firewall(state, fw)
    current = [r for r in found.get("rules") or [] if isinstance(r, dict)]
    have = {identity(r) for r in current}
    added = []
    for spec, rule in zip(specs, new):
        if identity(rule) in have:
            state.info(f"firewall {label(found)} already has rule {spec}")
        else:
            have.add(identity(rule))
            added.append(rule)
    if not added:  # nothing to send: the firewall as it is
        render_firewall(state, found)
        return
    answer = firewalls.update(state.client, str(found.get("uuid")), whole(found, rules=current + added))
    render_firewall(state, answer)


@app.command("remove", examples=["idcctl firewall rule remove web inbound:tcp:443:any",
                                 "idcctl firewall rule remove web 1c7d9a29-4b0e-42c7-9d05-57ca08b8cd22 --yes"])
def rule_remove(ctx: typer.Context, fw: str = fw_argument(),
                refs: List[str] = typer.Argument(..., metavar="RULE...", show_default=False,
                                                 help="Rules to remove: each a rule UUID or its SPEC.")) -> None:
    """Remove rules from a firewall (asks first; warns when SSH to its VMs would be shut)."""
    from idcctl.api import firewalls
    from idcctl.cli.firewall.rules import parse_spec
    from idcctl.cli.shared.resolve import is_uuid
    from idcctl.output.security import rule_spec

    wanted = [(ref, None if is_uuid(ref) else parse_spec(ref)) for ref in refs]
    state = state_of(ctx)
    found = find_firewall(state, fw)
    current = [r for r in found.get("rules") or [] if isinstance(r, dict)]
    chosen = [_pick(found, current, ref, rule) for ref, rule in wanted]
    gone = {id(r) for r in chosen}
    left = [r for r in current if id(r) not in gone]
    warn_ssh_lockout(state, found, left)
    shown = ", ".join(f"{rule_spec(r)} ({r.get('uuid')})" for r in chosen)
    vms = len(found.get("resources_assigned") or [])
    effect = f"What they allow is blocked at once on its {vms} VM(s)." if vms else "It protects no VM yet."
    state.confirm(f"Remove rule(s) {shown} from firewall {label(found)}? {effect}",
                  action=f"remove rules from firewall {label(found)}")
    answer = firewalls.update(state.client, str(found.get("uuid")), whole(found, rules=left))
    state.info(f"Removed {len(chosen)} rule(s) from firewall {label(found)}.")
    render_firewall(state, answer)


def _pick(firewall: dict[str, Any], rules: list[dict[str, Any]], ref: str,
          spec: dict[str, Any] | None) -> dict[str, Any]:
    from idcctl.cli.firewall.rules import identity

    if spec is None:
        matches = [r for r in rules if str(r.get("uuid")) == ref]
    else:
        matches = [r for r in rules if identity(r) == identity(spec)]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise NotFoundError(f"firewall {label(firewall)} has no rule '{ref}'",
                            hint=f"'idcctl firewall show {firewall.get('uuid')}' lists its rules")
    raise NotFoundError(f"{len(matches)} rules of firewall {label(firewall)} are {ref}: "
                        f"{', '.join(str(r.get('uuid')) for r in matches)}", hint="use the rule's UUID instead")
