"""`vm list` (one location or all at once) and `vm show`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import typer

from idcctl.cli.vm.common import vm_argument
from idcctl.errors import IdcctlError
from idcctl.shell.core import App, state_of

if TYPE_CHECKING:
    from idcctl.shell.state import State

# Enough to overlap every location's answer without opening a flood of connections.
app = App()

MAX_LOCATION_WORKERS = 8


@app.command("list", examples=["idcctl vm list", "idcctl vm list --all-locations",
                             "idcctl vm list -o json | jq -r '.[].name'"])
def vm_list(
    ctx: typer.Context,
    all_locations: bool = typer.Option(False, "--all-locations",
                                       help="Query every location at once; adds a LOCATION column."),
) -> None:
    """List VMs in the location (or, with --all-locations, in every location)."""
    from idcctl.api import vms
    from idcctl.cli.vm.ip_column import render_vms, render_vms_everywhere

    state = state_of(ctx)
    if not all_locations:
        render_vms(state, lambda: vms.list(state.client))
        return
    slugs, merged, failures = _list_everywhere(state)
    for slug, error in failures:
        state.info(f"error: location {slug}: {error}")
    render_vms_everywhere(state, slugs, merged)
    if failures:
        # Raised after rendering: what answered is printed, the exit code says it is partial.
        raise IdcctlError(f"{len(failures)} of {len(slugs)} locations could not be listed; "
                          "the list above is incomplete")


def _list_everywhere(state: State) -> tuple[list[str], list[dict[str, Any]], list[tuple[str, IdcctlError]]]:
    """Every location's VMs, fetched concurrently through one connection pool, in location order."""
    import functools

    from idcctl.api import vms
    from idcctl.cli.shared.concurrent import run_all

    slugs = _location_slugs(state)
    client = state.client  # made here, once: threads asking for it at once would each make one

    def fetch(slug: str) -> list[dict[str, Any]] | IdcctlError:
        try:
            return vms.list(client.with_location(slug)) or []
        except IdcctlError as exc:
            return exc

    answers = run_all([functools.partial(fetch, slug) for slug in slugs], max_workers=MAX_LOCATION_WORKERS)
    merged: list[dict[str, Any]] = []
    failures: list[tuple[str, IdcctlError]] = []
    for slug, answer in zip(slugs, answers):
        if isinstance(answer, IdcctlError):
            failures.append((slug, answer))
        else:
            merged.extend({**vm, "location": slug} for vm in answer if isinstance(vm, dict))
    return slugs, merged, failures


def _location_slugs(state: State) -> list[str]:
    """The location slugs, cached per profile and API URL so the fan-out starts at once.

    Locations change rarely; a stale list costs at most LOCATIONS_TTL of not
    seeing a new one. A failed or empty answer is not stored.
    """
    from idcctl.api import account
    from idcctl.cache import LOCATIONS_TTL

    cache = state.cache(ttl=LOCATIONS_TTL)
    scope = (state.settings.profile, state.settings["api_url"])
    slugs = cache.get("locations", scope)
    if isinstance(slugs, list) and slugs and all(isinstance(s, str) for s in slugs):
        return slugs
    slugs = [str(loc["slug"]) for loc in account.list_locations(state.client) or []
             if isinstance(loc, dict) and loc.get("slug")]
    if slugs:
        cache.put("locations", scope, slugs)
    return slugs


@app.command("show", examples=["idcctl vm show web-1", "idcctl vm show web-1 -o json | jq .status"])
def vm_show(ctx: typer.Context, vm: str = vm_argument()) -> None:
    """Show every field of a VM, its disks and their replicas."""
    from idcctl.api import vms
    from idcctl.cli.shared.resolve import resolve_vm
    from idcctl.cli.vm.ip_column import render_vms

    state = state_of(ctx)
    # By name too, the answer comes from GET vm?uuid=: the list's entries may hold fewer fields.
    uuid = resolve_vm(state, vm)
    render_vms(state, lambda: vms.get(state.client, uuid))
