"""Names or UUIDs: turn what the operator typed into the API's identifier.

A UUID is used as given; anything else is looked up by name with one list
call. No match, or more than one, is a NotFoundError (exit 4) that names
the matches so the operator can pick a UUID.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable, Iterator
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


def lister(what: str) -> Any:
    """The SDK function listing a kind: lister(what)(client) -> list."""
    kind = KINDS[what]
    return getattr(_sdk(kind), kind.lister)


def matches(what: str, item: Any, ref: str) -> bool:
    """Whether a listed item is the one `ref` names (its id, or its name)."""
    kind = KINDS[what]
    return isinstance(item, dict) and (str(item.get(kind.id_field)) == ref or item.get(kind.ref_field) == ref)


def listed(state: State, what: str) -> Any:
    """Every resource of a kind in this location, with one list call (refreshing its TAB names)."""
    from idcctl.cli.shared.locations import remember_names

    memo, key = state.lists, (what, state.location)
    if memo is not None and key in memo:
        return memo[key]
    items = lister(what)(state.client) or []
    remember_names(state, what, state.location, items)
    if memo is not None:
        memo[key] = items
    return items


@contextlib.contextmanager
def shared_lists(state: State, kinds: Iterable[str], refs: list[str]) -> Iterator[None]:
    """While resolving several targets: each kind's list read once (now, when a name needs it), not per name."""
    kinds = [*kinds]
    if not kinds or all(is_uuid(ref) for ref in refs):
        yield
        return
    state.lists = {}
    try:
        for what in kinds:
            listed(state, what)
        yield
    finally:
        state.lists = None


def named(state: State, what: str, items: Any, ref: str) -> dict[str, Any]:
    """The one item of a list answer that `ref` names; not there: "it exists in cyc01" when cheap to know."""
    kind = KINDS[what]
    items = items or []
    if kind.scoped and not any(matches(what, item, ref) for item in items):
        raise not_here(state, what, ref)
    return pick(items, ref, kind=kind.noun, list_hint=kind.list_command,
                name_keys=(kind.ref_field,), id_key=kind.id_field)


def note_acting_on(state: State, what: str, ref: str) -> None:
    """Remember the VM a command acts on, for the errors about it (shell.hints.conflict)."""
    if what == "vm":  # a VM's errors (busy, locked) name it as the operator typed it
        state.acting_on = ref


def find(state: State, what: str, ref: str) -> dict[str, Any]:
    """The resource's full data, by UUID (one GET) or unique name (one list call)."""
    kind = KINDS[what]
    note_acting_on(state, what, ref)
    if is_uuid(ref) and kind.getter:
        try:
            return getattr(_sdk(kind), kind.getter)(state.client, ref)
        except NotFoundError as exc:
            if not kind.scoped or exc.reason is not None:  # an unknown location or endpoint: as it is
                raise
            raise not_here(state, what, ref, exc) from None
    return named(state, what, listed(state, what), ref)


def resolve(state: State, what: str, ref: str) -> str:
    """The resource's id: a UUID as given, or looked up by unique name with one list call."""
    note_acting_on(state, what, ref)
    if is_uuid(ref):
        return ref
    return str(named(state, what, listed(state, what), ref)[KINDS[what].id_field])


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


def resolve_vms(state: State, refs: Iterable[str], vms: list[Any] | None = None) -> list[str]:
    """VM UUIDs for names or UUIDs, with at most one list call however many names are given
    (none when the caller passes the VM list it read already)."""
    refs = [*refs]
    if vms is None:
        vms = listed(state, "vm") if any(not is_uuid(ref) for ref in refs) else []
    return [ref if is_uuid(ref) else str(named(state, "vm", vms, ref)["uuid"]) for ref in refs]


# -- where else it is (cheap only: the TAB name caches of the other locations) --


def cached_elsewhere(state: State, what: str, ref: str) -> str | None:
    """Another location whose TAB name cache holds `ref` (a name or id), never asking the API."""
    from idcctl.cli.shared.locations import cached_names, others

    if not KINDS[what].scoped:
        return None
    return next((slug for slug in others(state, ask=False) if ref in cached_names(state, what, slug)), None)


def not_here(state: State, what: str, ref: str, error: NotFoundError | None = None) -> NotFoundError:
    """The not-found error for `ref`, saying where else it exists when that is cheap to know."""
    from idcctl.cli.shared.locations import here_text
    kind = KINDS[what]
    slug = cached_elsewhere(state, what, ref)
    if slug is None:
        return error or NotFoundError(f"no {kind.noun} named '{ref}'", hint=f"'{kind.list_command}' shows them")
    called = ref if kind.name_field is None or is_uuid(ref) else f"named '{ref}'"
    return NotFoundError(f"no {kind.noun} {called} in {here_text(state)}", hint=f"it exists in {slug} (use -l {slug})")
