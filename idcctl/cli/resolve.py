"""Names or UUIDs: turn what the operator typed into the API's identifier.

A UUID is used as given; anything else is looked up by name with one list
call. No match, or more than one, is a NotFoundError (exit 4) that names
the matches so the operator can pick a UUID.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from idcctl.errors import NotFoundError

if TYPE_CHECKING:
    from idcctl.cli.state import State

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


def _lookup(state: State, ref: str, lister: Callable[[], Any], **kwargs: Any) -> str:
    if is_uuid(ref):
        return ref
    return str(pick(lister() or [], ref, **kwargs)[kwargs.get("id_key", "uuid")])


# what -> (SDK module under idcctl.api, noun in messages, command that lists them, name fields).
# Each module has get(client, uuid) and list(client).
_KINDS: dict[str, tuple[str, str, str, tuple[str, ...]]] = {
    "vm": ("vms", "VM", "idcctl vm list", ("name",)),
    "network": ("networks", "network", "idcctl net list", ("name",)),
    "lb": ("load_balancers", "load balancer", "idcctl lb list", ("display_name",)),
    "service": ("services", "service", "idcctl service list", ("display_name",)),
}


def _sdk(what: str) -> Any:
    import importlib

    return importlib.import_module(f"idcctl.api.{_KINDS[what][0]}")


def _named(what: str, items: Any, ref: str) -> dict[str, Any]:
    _, noun, list_hint, name_keys = _KINDS[what]
    return pick(items or [], ref, kind=noun, list_hint=list_hint, name_keys=name_keys)


def find(state: State, what: str, ref: str) -> dict[str, Any]:
    """The resource's full data, by UUID (one GET) or unique name (one list call)."""
    sdk = _sdk(what)
    if is_uuid(ref):
        return sdk.get(state.client, ref)
    return _named(what, sdk.list(state.client), ref)


def resolve(state: State, what: str, ref: str) -> str:
    """The resource's UUID: as given, or looked up by unique name with one list call."""
    if is_uuid(ref):
        return ref
    return str(_named(what, _sdk(what).list(state.client), ref)["uuid"])


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
    from idcctl.api import vms

    return _lookup(state, ref, lambda: vms.list_pools(state.client), kind="pool",
                   list_hint="idcctl vm pool list")


def resolve_vms(state: State, refs: Iterable[str]) -> list[str]:
    """VM UUIDs for names or UUIDs, with at most one list call however many names are given."""
    from idcctl.api import vms

    refs = [*refs]
    listed: list[Any] = []
    if any(not is_uuid(ref) for ref in refs):
        listed = vms.list(state.client) or []
    return [ref if is_uuid(ref) else str(_named("vm", listed, ref)["uuid"]) for ref in refs]
