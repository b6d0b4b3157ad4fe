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


def find_vm(state: State, ref: str) -> dict[str, Any]:
    """The VM's full data, by UUID (one GET) or unique name (one list call)."""
    from idcctl.api import vms

    if is_uuid(ref):
        return vms.get(state.client, ref)
    return pick(vms.list(state.client) or [], ref, kind="VM", list_hint="idcctl vm list")


def resolve_vm(state: State, ref: str) -> str:
    from idcctl.api import vms

    return _lookup(state, ref, lambda: vms.list(state.client), kind="VM", list_hint="idcctl vm list")


def resolve_network(state: State, ref: str) -> str:
    from idcctl.api import networks

    return _lookup(state, ref, lambda: networks.list(state.client), kind="network",
                   list_hint="idcctl net list")


def resolve_pool(state: State, ref: str) -> str:
    from idcctl.api import vms

    return _lookup(state, ref, lambda: vms.list_pools(state.client), kind="pool",
                   list_hint="idcctl vm pool list")


def find_service(state: State, ref: str) -> dict[str, Any]:
    """A managed service package's full data, by UUID (one GET) or unique display name (one list call)."""
    from idcctl.api import services

    if is_uuid(ref):
        return services.get(state.client, ref)
    return pick(services.list(state.client) or [], ref, kind="service", list_hint="idcctl service list",
                name_keys=("display_name",))


def resolve_service(state: State, ref: str) -> str:
    from idcctl.api import services

    return _lookup(state, ref, lambda: services.list(state.client), kind="service",
                   list_hint="idcctl service list", name_keys=("display_name",))
# -- networking (net, ip, lb) ------------------------------------------------------


def find_network(state: State, ref: str) -> dict[str, Any]:
    """The network's full data (with vm_uuids), by UUID (one GET) or unique name (one list call)."""
    from idcctl.api import networks

    if is_uuid(ref):
        return networks.get(state.client, ref)
    return pick(networks.list(state.client) or [], ref, kind="network", list_hint="idcctl net list")


def find_lb(state: State, ref: str) -> dict[str, Any]:
    """A load balancer, with its rules and targets, by UUID or unique display name."""
    from idcctl.api import load_balancers

    if is_uuid(ref):
        return load_balancers.get(state.client, ref)
    return pick(load_balancers.list(state.client) or [], ref, kind="load balancer",
                list_hint="idcctl lb list", name_keys=("display_name",))


def resolve_lb(state: State, ref: str) -> str:
    from idcctl.api import load_balancers

    return _lookup(state, ref, lambda: load_balancers.list(state.client), kind="load balancer",
                   list_hint="idcctl lb list", name_keys=("display_name",))


def resolve_vms(state: State, refs: Iterable[str]) -> list[str]:
    """VM UUIDs for names or UUIDs, with at most one list call however many names are given."""
    from idcctl.api import vms

    refs = [*refs]
    listed: list[Any] = []
    if any(not is_uuid(ref) for ref in refs):
        listed = vms.list(state.client) or []
    return [ref if is_uuid(ref) else str(pick(listed, ref, kind="VM", list_hint="idcctl vm list")["uuid"])
            for ref in refs]
