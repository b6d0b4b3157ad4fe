"""Firewalls (the 2025 reference's section "Firewall"); location-scoped, JSON bodies.

Every endpoint is tagged ``#location-specific`` (the client adds ``/v1/SLUG``). There is
no get-one endpoint: a firewall is read from the list. A rule is the
reference's FirewallRule object (``direction``, ``protocol``,
``port_start``/``port_end`` (null: all ports), ``endpoint_spec_type``
``any`` or ``ip_prefixes`` with ``endpoint_spec`` the addresses); this
module passes rules through as given and leaves their checking to the
caller (the CLI checks them as "Representation and validation" says).

Update is a PUT of the whole firewall: a rule keeps its identity only when
its ``uuid`` is sent with it, so read, change and send everything back.
Create answers 200 (clients tested against the live API report it; the
reference does not say). Assignments are the VM's UUID as the ``vm_uuid``
query parameter of ``.../{uuid}/vms``. Creating is never retried.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from idcctl.api.client import Client

FIREWALLS = "/v1/network/firewalls"


def list(client: Client) -> Any:  # noqa: A001 - mirrors the API's "list"
    return client.request("GET", FIREWALLS)


def create(client: Client, *, display_name: str, description: str | None = None,
           billing_account_id: int | None = None, rules: Iterable[Mapping[str, Any]] = ()) -> Any:
    """A new firewall with its rules (each a FirewallRule object without ``uuid``).

    Never retried: a repeated create would make a second firewall.
    """
    body: dict[str, Any] = {"display_name": display_name, "description": description,
                            "billing_account_id": billing_account_id}
    body = {k: v for k, v in body.items() if v is not None}
    body["rules"] = [dict(rule) for rule in rules]
    return client.request("POST", FIREWALLS, json=body, idempotent=False)


def update(client: Client, uuid: str, firewall: Mapping[str, Any]) -> Any:
    """Replace a firewall's name, description and rules with `firewall` (send every rule to keep)."""
    return client.request("PUT", f"{FIREWALLS}/{uuid}", json=dict(firewall), idempotent=True)


def delete(client: Client, uuid: str) -> Any:
    """Delete a firewall (answers 204); the VMs it protected lose its rules."""
    return client.request("DELETE", f"{FIREWALLS}/{uuid}", empty_ok=True)


def assign(client: Client, uuid: str, vm_uuid: str) -> Any:
    """Protect a VM with the firewall; answers the firewall's assignments."""
    return client.request("POST", f"{FIREWALLS}/{uuid}/vms", params={"vm_uuid": vm_uuid},
                          idempotent=True)


def unassign(client: Client, uuid: str, vm_uuid: str) -> Any:
    return client.request("DELETE", f"{FIREWALLS}/{uuid}/vms", params={"vm_uuid": vm_uuid},
                          empty_ok=True)
