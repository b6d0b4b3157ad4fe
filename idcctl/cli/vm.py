"""`vm` commands (contract section "vm"), except `vm create`, which lives in vm_create.py.

This module holds the group, listing, show/update/delete, pools and
parameters; power actions, access, disks and snapshots live in the
``vm_*`` modules next to it and are registered here, so the whole `vm`
tree can be read from this one file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

import typer

from idcctl.cli import vm_access, vm_disk, vm_power, vm_snapshot, vm_ssh
from idcctl.cli.core import App, state_of
from idcctl.cli.vm_common import confirm_on, disks_text, label, vm_argument
from idcctl.cli.vm_create import create as _create
from idcctl.errors import IdcctlError, UsageError

if TYPE_CHECKING:
    from idcctl.cli.state import State

# Enough to overlap every location's answer without opening a flood of connections.
MAX_LOCATION_WORKERS = 8

app = App(help="Virtual machines.")
app.command("create", examples=[
    "idcctl vm create --name web-1 --os ubuntu --os-version 22.04-lts --disk-size 20 --vcpu 2 "
    "--ram 2048 --username deploy --password-stdin < pw.txt",
    "idcctl vm create --name web-2 --os debian --os-version 12 --disk-size 40 --vcpu 4 --ram 4096 "
    "--username deploy --public-key @~/.ssh/id_ed25519.pub --cloud-init init.yaml --wait",
])(_create)
pool_app = App(help="Resource pools (server classes) a VM can run on.")


@app.command("list", examples=["idcctl vm list", "idcctl vm list --all-locations",
                             "idcctl vm list -o json | jq -r '.[].name'"])
def vm_list(
    ctx: typer.Context,
    all_locations: bool = typer.Option(False, "--all-locations",
                                       help="Query every location at once; adds a LOCATION column."),
) -> None:
    """List VMs in the location (or, with --all-locations, in every location)."""
    from idcctl.api import vms
    from idcctl.cli.public_ips import render_vms, render_vms_everywhere

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
    from concurrent.futures import ThreadPoolExecutor

    from idcctl.api import vms

    slugs = _location_slugs(state)
    client = state.client  # made here, once: threads asking for it at once would each make one

    def fetch(slug: str) -> list[dict[str, Any]] | IdcctlError:
        try:
            return vms.list(client.with_location(slug)) or []
        except IdcctlError as exc:
            return exc

    with ThreadPoolExecutor(max_workers=max(1, min(MAX_LOCATION_WORKERS, len(slugs)))) as pool:
        answers = list(pool.map(fetch, slugs))
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
    from idcctl.cache import LOCATIONS_TTL, Cache, cache_dir

    cache = Cache(cache_dir(state.env), ttl=LOCATIONS_TTL)
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
    from idcctl.cli.public_ips import render_vms
    from idcctl.cli.resolve import resolve_vm

    state = state_of(ctx)
    # By name too, the answer comes from GET vm?uuid=: the list's entries may hold fewer fields.
    uuid = resolve_vm(state, vm)
    render_vms(state, lambda: vms.get(state.client, uuid))


@app.command("update", examples=["idcctl vm update web-1 --name web-01",
                              "idcctl vm stop web-1 --wait && idcctl vm update web-1 --vcpu 4 --ram 8192"])
def vm_update(
    ctx: typer.Context,
    vm: str = vm_argument(),
    name: Optional[str] = typer.Option(None, "--name", help="New name."),
    vcpu: Optional[int] = typer.Option(None, "--vcpu", min=1, help="Number of CPUs (VM must be stopped)."),
    ram: Optional[int] = typer.Option(None, "--ram", metavar="MB", min=1,
                                      help="Memory in MB (VM must be stopped)."),
) -> None:
    """Rename a VM or change its CPUs and memory; only what is given is sent."""
    from idcctl.api import vms
    from idcctl.cli.resolve import resolve_vm

    if name is None and vcpu is None and ram is None:
        raise UsageError("nothing to update", hint="give at least one of --name, --vcpu, --ram")
    from idcctl.cli.validation import check_vm_name

    check_vm_name(name)
    state = state_of(ctx)
    uuid = resolve_vm(state, vm)
    state.render(vms.update(state.client, uuid, name=name, vcpu=vcpu, ram=ram), "vm")


@app.command("delete", examples=["idcctl vm delete web-1", "idcctl vm delete web-1 --release-ips --yes"])
def vm_delete(
    ctx: typer.Context,
    vm: str = vm_argument(),
    release_ips: bool = typer.Option(False, "--release-ips",
                                     help="Also delete the floating IPs assigned to the VM, which "
                                          "otherwise stay reserved (and billed)."),
) -> None:
    """Delete a VM and its disks. Its floating IPs stay reserved unless --release-ips."""
    from idcctl.api import vms
    from idcctl.cli.resolve import find_vm

    state = state_of(ctx)
    target = find_vm(state, vm)
    uuid = str(target.get("uuid"))
    addresses = _floating_ips(state, uuid)
    lost = f"Its {disks_text(target)} will be destroyed."
    if addresses:
        lost += (f" Its floating IPs {', '.join(addresses)} will be "
                 + ("released." if release_ips else "left reserved (and billed)."))
    confirm_on(state, target, "Delete", loss=lost)
    result = vms.delete(state.client, uuid)
    state.info(f"Deleted VM {label(target)}.")
    state.render(result)
    if addresses and release_ips:
        _release(state, addresses)
    elif addresses:
        where = f" -l {state.location}" if state.location else ""
        state.warn("these floating IPs were assigned to the VM and stay reserved (and billed); "
                   "release them with:")
        for address in addresses:
            state.info(f"  idcctl ip delete {address}{where}")


def _floating_ips(state: State, uuid: str) -> list[str]:
    """Addresses of the floating IPs assigned to the VM."""
    from idcctl.api import ips

    found = ips.list(state.client, vm_uuid=uuid) or []
    # The filter is the API's; checking assigned_to as well guards against an ignored query.
    return [str(ip["address"]) for ip in found if isinstance(ip, dict) and ip.get("address")
            and ip.get("assigned_to", uuid) == uuid]


def _release(state: State, addresses: list[str]) -> None:
    """Delete each address, reporting each; one failure does not stop the others."""
    from idcctl.api import ips

    failed = []
    for address in addresses:
        try:
            ips.delete(state.client, address)
        except IdcctlError as exc:
            state.info(f"error: floating IP {address}: {exc}")
            failed.append(address)
        else:
            state.info(f"Released floating IP {address}.")
    if failed:
        raise IdcctlError(f"the VM is deleted, but {len(failed)} floating IP(s) could not be released: "
                          f"{', '.join(failed)}", hint="retry with 'idcctl ip delete ADDRESS'")


@pool_app.command("list", examples=["idcctl vm pool list", "idcctl vm pool list -q"])
def pool_list(ctx: typer.Context) -> None:
    """List resource pools; pass one to 'vm create --pool'."""
    from idcctl.api import vms

    state = state_of(ctx)
    state.render(vms.list_pools(state.client), "pool")


@app.command("params", examples=["idcctl vm params", "idcctl vm params -o json"])
def vm_params(ctx: typer.Context) -> None:
    """Show the parameters 'vm create' takes and the values the API allows."""
    from idcctl.api import vms

    state = state_of(ctx)
    state.render(vms.parameters(state.client), "param")


# Registered last so `vm --help` lists create, list, show, update, delete first.
vm_power.register(app)
vm_access.register(app)
vm_ssh.register(app)
app.add_typer(vm_disk.app, name="disk", help="Disks attached to a VM: add, resize, remove.")
app.add_typer(vm_snapshot.app, name="snapshot", help="Snapshots and backups (replicas) of a VM.")
app.add_typer(pool_app, name="pool", help="Resource pools (server classes) a VM can run on.")
