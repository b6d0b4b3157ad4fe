"""Names or UUIDs: turn what the operator typed into the API's identifier.

A UUID is used as given; anything else is looked up by name with one list
call. No match, or more than one, is a NotFoundError (exit 4) that names
the matches so the operator can pick a UUID.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from idcctl.errors import NotFoundError
from idcctl.resources import KINDS, Kind

if TYPE_CHECKING:
    from idcctl.shell.state import State

UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")


def is_uuid(text: str) -> bool:
    return bool(UUID.match(text))


def pick(items: Iterable[dict[str, Any]], ref: str, *, kind: str, list_hint: str,
         name_keys: tuple[str, ...] = ("name",), id_key: str = "uuid") -> dict[str, Any]:
    """The one item whose id or name is `ref`."""
    items = [i for i in items if isinstance(i, dict)]
    by_id = [i for i in items if str(i.get(id_key)) == ref]
    if by_id:
        return by_id[0]
    matches = [i for i in items if any(i.get(k) == ref for k in name_keys)]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise NotFoundError(f"no {kind} named '{ref}'", hint=f"'{list_hint}' shows them")
    ids = ", ".join(str(i.get(id_key)) for i in matches)
    raise NotFoundError(f"{len(matches)} {kind}s are named '{ref}': {ids}",
                        hint="use the UUID instead")


def _sdk(kind: Kind) -> Any:
    import importlib

    return importlib.import_module(f"idcctl.api.{kind.sdk}")


def listed(state: State, what: str) -> Any:
    """Every resource of a kind, with one list call."""
    kind = KINDS[what]
    return getattr(_sdk(kind), kind.lister)(state.client) or []


def _named(what: str, items: Any, ref: str) -> dict[str, Any]:
    kind = KINDS[what]
    return pick(items or [], ref, kind=kind.noun, list_hint=kind.list_command,
                name_keys=(kind.ref_field,), id_key=kind.id_field)


def _acting_on(state: State, what: str, ref: str) -> None:
    if what == "vm":  # a VM's errors (busy, locked) name it as the operator typed it
        state.acting_on = ref


def find(state: State, what: str, ref: str) -> dict[str, Any]:
    """The resource's full data, by UUID (one GET) or unique name (one list call)."""
    kind = KINDS[what]
    _acting_on(state, what, ref)
    if is_uuid(ref) and kind.getter:
        return getattr(_sdk(kind), kind.getter)(state.client, ref)
    return _named(what, listed(state, what), ref)


def resolve(state: State, what: str, ref: str) -> str:
    """The resource's id: a UUID as given, or looked up by unique name with one list call."""
    _acting_on(state, what, ref)
    if is_uuid(ref):
        return ref
    return str(_named(what, listed(state, what), ref)[KINDS[what].id_field])


def find_vm(state: State, ref: str) -> dict[str, Any]:
    return find(state, "vm", ref)


def resolve_vm(state: State, ref: str) -> str:
    return resolve(state, "vm", ref)


def find_network(state: State, ref: str) -> dict[str, Any]:
    """The network's full data (with vm_uuids)."""
    return find(state, "network", ref)


def resolve_network(state: State, ref: str) -> str:
    return resolve(state, "network", ref)


def find_lb(state: State, ref: str) -> dict[str, Any]:
    """A load balancer, with its rules and targets, by UUID or unique display name."""
    return find(state, "lb", ref)


def resolve_lb(state: State, ref: str) -> str:
    return resolve(state, "lb", ref)


def find_service(state: State, ref: str) -> dict[str, Any]:
    """A managed service package's full data, by UUID or unique display name."""
    return find(state, "service", ref)


def resolve_service(state: State, ref: str) -> str:
    return resolve(state, "service", ref)


def resolve_pool(state: State, ref: str) -> str:
    return resolve(state, "pool", ref)


def resolve_vms(state: State, refs: Iterable[str]) -> list[str]:
    """VM UUIDs for names or UUIDs, with at most one list call however many names are given."""
    refs = [*refs]
    vms = listed(state, "vm") if any(not is_uuid(ref) for ref in refs) else []
    return [ref if is_uuid(ref) else str(_named("vm", vms, ref)["uuid"]) for ref in refs]
