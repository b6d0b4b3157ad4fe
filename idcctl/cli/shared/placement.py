"""Where a resource is: "it exists in cyc01" hints, and refusing to join resources of two locations.

Disks, networks, load balancers, firewalls and floating IPs live in one
location and work only with VMs of that location. Two helpers say so:

- `same_location`: the resources a change joins (a disk and the VM it is
  attached to, a load balancer and its targets, a firewall and a VM, a new
  VM and its network), found in this location with one list call per kind;
  one that is in another location is refused before anything is sent (exit
  2, one line naming both locations). Only when one is missing here does it
  look elsewhere (the TAB caches, then one concurrent round of the other
  locations): the happy path costs nothing extra.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from idcctl.errors import IdcctlError, NotFoundError, UsageError
from idcctl.resources import KINDS

if TYPE_CHECKING:
    from idcctl.shell.state import State


def _asked_elsewhere(state: State, what: str, refs: list[str]) -> dict[str, str]:
    """ref -> the other location that has it, asking each other location once, concurrently."""
    import functools

    from idcctl.cli.shared.concurrent import run_all
    from idcctl.cli.shared.locations import MAX_WORKERS, others
    from idcctl.cli.shared.resolve import lister, matches

    try:
        slugs = others(state, ask=True)
    except IdcctlError:  # no location list: the plain not-found it is
        return {}
    client = state.client

    def one(slug: str) -> list[Any]:
        try:
            return lister(what)(client.with_location(slug)) or []
        except IdcctlError:  # that location cannot tell: it is simply not where the resource is
            return []

    found: dict[str, str] = {}
    for slug, items in zip(slugs, run_all([functools.partial(one, s) for s in slugs], max_workers=MAX_WORKERS)):
        for ref in refs:
            if ref not in found and any(matches(what, item, ref) for item in items):
                found[ref] = slug
    return found


def same_location(state: State, wanted: Iterable[tuple[str, Iterable[str]]], *,
                  rule: str) -> list[list[dict[str, Any]]]:
    """For each (kind, refs) of `wanted`, the resources the refs name, all in this location.

    One list call per kind, made concurrently (``[("vm", [vm]), ("disk", [uuid])]``
    costs one round trip). One that is in another location: UsageError (exit
    2) naming both locations and `rule` ("a disk attaches only to a VM of its
    own location"), nothing sent. One that is nowhere: the plain not-found (exit 4).
    """
    import functools

    from idcctl.cli.shared.concurrent import run_all
    from idcctl.cli.shared.resolve import listed, note_acting_on

    groups = [(what, [*refs]) for what, refs in wanted]
    state.client  # noqa: B018 - built here, once: threads asking for it at once would each make one
    for what, refs in groups:
        if len(refs) == 1:
            note_acting_on(state, what, refs[0])
    answers = run_all([functools.partial(listed, state, what) if refs else list for what, refs in groups])
    return [_placed(state, what, refs, items or [], rule) for (what, refs), items in zip(groups, answers)]


def _placed(state: State, what: str, refs: list[str], items: list[Any], rule: str) -> list[dict[str, Any]]:
    from idcctl.cli.shared.locations import here_text
    from idcctl.cli.shared.resolve import cached_elsewhere, matches, named

    missing = [ref for ref in refs if not any(matches(what, item, ref) for item in items)]
    if missing and KINDS[what].scoped:
        cached = {ref: slug for ref in missing if (slug := cached_elsewhere(state, what, ref))}
        unknown = [ref for ref in missing if ref not in cached]
        elsewhere = {**(_asked_elsewhere(state, what, unknown) if unknown else {}), **cached}
        for ref in missing:
            if ref in elsewhere:
                raise UsageError(f"{KINDS[what].noun} {ref} is in location {elsewhere[ref]}, not in "
                                 f"{here_text(state)}: {rule}", hint="nothing was sent")
    return [named(state, what, items, ref) for ref in refs]
