"""Network load balancers (reference section "Network Load Balancer"); JSON bodies.

Location-scoped (the 2025 reference tags them; the client adds ``/v1/SLUG``):
its network and targets are of the same location. A load balancer is
addressed by UUID; its forwarding rules and targets by their own UUIDs
under it. Deletes answer an empty body.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from idcctl.api.client import Client

LB = "/v1/network/load_balancers"


def list(client: Client) -> Any:  # noqa: A001 - mirrors the API's "list"
    return client.request("GET", LB)


def get(client: Client, uuid: str) -> Any:
    return client.request("GET", f"{LB}/{uuid}")


def create(client: Client, *, display_name: str | None = None, billing_account_id: int | None = None,
           network_uuid: str | None = None, reserve_public_ip: bool | None = None,
           rules: Iterable[tuple[int, int]] = (), targets: Iterable[str] = ()) -> Any:
    """A new load balancer; `rules` are (source_port, target_port), `targets` VM UUIDs.

    Never retried: a repeated create would make (and bill) a second one.
    """
    body: dict[str, Any] = {"display_name": display_name, "billing_account_id": billing_account_id,
                            "network_uuid": network_uuid, "reserve_public_ip": reserve_public_ip}
    body = {k: v for k, v in body.items() if v is not None}
    rules, targets = [*rules], [*targets]
    if rules:
        body["rules"] = [{"source_port": s, "target_port": t} for s, t in rules]
    if targets:
        body["targets"] = [{"target_uuid": u, "target_type": "vm"} for u in targets]
    return client.request("POST", LB, json=body, idempotent=False)


def rename(client: Client, uuid: str, display_name: str) -> Any:
    return client.request("PATCH", f"{LB}/{uuid}", json={"display_name": display_name}, idempotent=True)


def delete(client: Client, uuid: str) -> Any:
    return client.request("DELETE", f"{LB}/{uuid}", empty_ok=True)


def add_target(client: Client, uuid: str, target_uuid: str, target_type: str = "vm") -> Any:
    body = {"target_uuid": target_uuid, "target_type": target_type}
    return client.request("POST", f"{LB}/{uuid}/targets", json=body)


def remove_target(client: Client, uuid: str, target_uuid: str) -> Any:
    return client.request("DELETE", f"{LB}/{uuid}/targets/{target_uuid}", empty_ok=True)


def add_rule(client: Client, uuid: str, source_port: int, target_port: int) -> Any:
    body = {"source_port": source_port, "target_port": target_port}
    return client.request("POST", f"{LB}/{uuid}/forwarding_rules", json=body)


def remove_rule(client: Client, uuid: str, rule_uuid: str) -> Any:
    return client.request("DELETE", f"{LB}/{uuid}/forwarding_rules/{rule_uuid}", empty_ok=True)


def set_billing_account(client: Client, uuid: str, billing_account_id: int) -> Any:
    return client.request("PUT", f"{LB}/{uuid}/billing_account", json={"set_id": billing_account_id},
                          idempotent=True)
