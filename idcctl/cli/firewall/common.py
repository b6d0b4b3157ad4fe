"""What the `firewall` commands share: the FW argument, finding one, the whole-firewall PUT, show.

There is no get-one endpoint: a firewall is found in `firewall list` by
UUID or by name (``display_name``, or the ``name`` of the reference's list
example). An update is a PUT of the whole firewall, so every change reads
it first and sends its name, description and every rule back with the
change merged in; a rule keeps its UUID (and so its identity) only when it
is sent with it. Firewalls are per location, like the VMs they protect.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import typer

from idcctl.errors import NotFoundError

if TYPE_CHECKING:
    from idcctl.shell.state import State


def fw_argument() -> Any:
    return typer.Argument(..., metavar="FW", help="Firewall name or UUID.", show_default=False)


def label(firewall: dict[str, Any]) -> str:
    from idcctl.output.security import firewall_name

    return f"{firewall_name(firewall) or '(no name)'} ({firewall.get('uuid')})"


def pick_firewall(state: State, firewalls: Any, ref: str) -> dict[str, Any]:
    from idcctl.cli.shared.resolve import is_uuid, pick

    where = f"location {state.location}" if state.location else "the default location"
    items = [f for f in firewalls or [] if isinstance(f, dict)]
    if is_uuid(ref) and not any(str(f.get("uuid")) == ref for f in items):
        raise NotFoundError(f"no firewall {ref} in {where}",
                            hint="'idcctl firewall list' shows them; firewalls are per location (-l SLUG)")
    return pick(items, ref, kind="firewall", list_hint="idcctl firewall list", name_keys=("display_name", "name"))


def find_firewall(state: State, ref: str) -> dict[str, Any]:
    from idcctl.api import firewalls

    return pick_firewall(state, firewalls.list(state.client), ref)


def assigned_vms(firewall: dict[str, Any]) -> list[str]:
    return [str(r.get("resource_uuid")) for r in firewall.get("resources_assigned") or []
            if isinstance(r, dict) and r.get("resource_uuid")]


def whole(firewall: dict[str, Any], *, name: str | None = None, description: str | None = None,
          rules: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The PUT body: the firewall's name, description and rules, with the changes merged in."""
    from idcctl.output.security import firewall_name

    body: dict[str, Any] = {"display_name": name if name is not None else firewall_name(firewall)}
    if "name" in firewall:  # the list example's spelling: send the new name under it too
        body["name"] = body["display_name"]
    text = description if description is not None else firewall.get("description")
    if text is not None:
        body["description"] = text
    body["rules"] = [dict(r) for r in (rules if rules is not None else firewall.get("rules") or [])
                     if isinstance(r, dict)]
    return body


def keep_uuids(rules: list[dict[str, Any]], current: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rules without a uuid that do what a current rule does take its UUID: the rule stays the same one."""
    from idcctl.cli.firewall.rules import identity

    free = {identity(r): r["uuid"] for r in reversed(current) if isinstance(r, dict) and r.get("uuid")}
    taken = {r.get("uuid") for r in rules if r.get("uuid")}
    kept = []
    for rule in rules:
        uuid = free.get(identity(rule))
        if not rule.get("uuid") and uuid and uuid not in taken:
            rule = {"uuid": uuid, **rule}
            taken.add(uuid)
        kept.append(rule)
    return kept


def warn_ssh_lockout(state: State, firewall: dict[str, Any], rules: list[dict[str, Any]]) -> None:
    """Say so when the change leaves a firewall that protects VMs without an inbound SSH rule."""
    from idcctl.cli.firewall.rules import allows_ssh

    vms = assigned_vms(firewall)
    before = any(allows_ssh(r) for r in firewall.get("rules") or [] if isinstance(r, dict))
    if vms and before and not any(allows_ssh(r) for r in rules):
        state.warn(f"this removes the last inbound rule of firewall {label(firewall)} that allows SSH "
                   f"(port 22): 'idcctl vm ssh' can no longer reach its {len(vms)} VM(s)")


def render_firewall(state: State, firewall: Any, vm_list: Any = None) -> None:
    """Tables: the scalar fields, then the rules and the VMs it protects (with names when known).

    json/yaml (and -q, --columns) print the firewall as the API answered it.
    """
    from idcctl.cli.shared.concurrent import names_by_uuid
    from idcctl.cli.shared.parts import objects, render_with_parts

    names = names_by_uuid(vm_list)

    def parts(data: dict[str, Any]) -> list[Any]:
        vms = [{**r, "vm_name": names.get(str(r.get("resource_uuid")))} for r in objects(data, "resources_assigned")]
        return [("rules", objects(data, "rules"), "firewall_rule"), ("resources_assigned", vms, "firewall_vm")]

    render_with_parts(state, firewall, "firewall", parts)
