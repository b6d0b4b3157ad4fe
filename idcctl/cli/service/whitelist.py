"""`service whitelist list|add|remove`: which addresses may connect to a managed service.

An empty whitelist means no restriction (every source address may connect),
so the first entry added locks everyone else out and removing the last one
opens the service to the world: both are said out loud. Entries are checked
with ``ipaddress`` before anything is sent, and compared as networks, so
``203.0.113.7`` and ``203.0.113.7/32`` are the same entry.
"""

from __future__ import annotations

from typing import Any

import typer

from idcctl.cli.service.common import (
    entry_text,
    find_entry,
    label,
    parse_entry,
    svc_argument,
)
from idcctl.errors import NotFoundError
from idcctl.shell.core import App, state_of
from idcctl.shell.hints import command

EMPTY_MEANS = "An empty whitelist means no restriction: every address may connect."
app = App(help=f"Addresses allowed to connect to a service. {EMPTY_MEANS}",
          examples=["idcctl service whitelist list db", "idcctl service whitelist add db 203.0.113.0/24"])


def _cidr_argument() -> Any:
    return typer.Argument(..., metavar="CIDR", show_default=False,
                          help="An IPv4/IPv6 address (203.0.113.7) or block (10.123.8.0/24).")


@app.command("list", examples=["idcctl service whitelist list db",
                               "idcctl service whitelist list db -o json"])
def whitelist_list(ctx: typer.Context, svc: str = svc_argument()) -> None:
    """List the addresses and blocks allowed to connect; empty means no restriction."""
    from idcctl.api import services
    from idcctl.cli.shared.resolve import resolve_service

    state = state_of(ctx)
    entries = services.list_whitelist(state.client, resolve_service(state, svc))
    if entries == [] and state.output_options().format == "table":
        state.info(f"The whitelist is empty. {EMPTY_MEANS}")
    state.render(entries, "whitelist")


@app.command("add", examples=["idcctl service whitelist add db 203.0.113.7",
                              "idcctl service whitelist add db 10.123.8.0/24"])
def whitelist_add(ctx: typer.Context, svc: str = svc_argument(), cidr: str = _cidr_argument()) -> None:
    """Allow an address or block to connect (nothing is sent if it is already allowed)."""
    from idcctl.api import services
    from idcctl.cli.shared.resolve import resolve_service

    network = parse_entry(cidr)
    state = state_of(ctx)
    uuid = resolve_service(state, svc)
    entries = services.list_whitelist(state.client, uuid) or []
    present = find_entry(entries, network)
    if present is not None:
        state.info(f"{present} is already in the whitelist of service {svc}; nothing was sent.")
        state.render(entries, "whitelist")
        return
    if not entries:
        state.warn(f"the whitelist of service {svc} was empty (no restriction); "
                   f"from now on only the whitelisted addresses may connect")
    result = services.add_whitelist(state.client, uuid, entry_text(network))
    state.info(f"Added {entry_text(network)} to the whitelist of service {svc}.")
    state.render(result, "whitelist")


@app.command("remove", examples=["idcctl service whitelist remove db 203.0.113.7",
                                 "idcctl service whitelist remove db 10.123.8.0/24 --yes"])
def whitelist_remove(ctx: typer.Context, svc: str = svc_argument(), cidr: str = _cidr_argument()) -> None:
    """Stop allowing an address or block (asks first); removing the last entry lifts every restriction."""
    from idcctl.api import services
    from idcctl.cli.shared.resolve import find_service

    network = parse_entry(cidr)
    state = state_of(ctx)
    pkg = find_service(state, svc)
    uuid = str(pkg.get("uuid"))
    entries = services.list_whitelist(state.client, uuid) or []
    present = find_entry(entries, network)
    if present is None:
        raise NotFoundError(f"{entry_text(network)} is not in the whitelist of service {label(pkg)}",
                            hint=f"'{command('service', 'whitelist', 'list', uuid)}' shows its entries")
    question = (f"Remove {present} from the whitelist of service {label(pkg)}? "
                f"Connections from {present} will no longer be allowed.")
    if len(entries) == 1:
        state.warn(f"{present} is the last whitelist entry: once it is removed, service "
                   f"{label(pkg)} is reachable from every address")
        question = (f"Remove {present}, the last whitelist entry of service {label(pkg)}? "
                    "The service becomes reachable from every address.")
    state.confirm(question, action=f"remove {present} from the whitelist of service {label(pkg)}")
    result = services.remove_whitelist(state.client, uuid, present)
    state.info(f"Removed {present} from the whitelist of service {label(pkg)}.")
    state.render(result, "whitelist")
