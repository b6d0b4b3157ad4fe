"""The sandbox's mutable state: one store per API section, one lock, one JSON-able dict.

`STORES` declares every store: its key, its not-found answer, and whether
the live API keeps it per location. `State` makes each one an attribute
(``state.vms``, ``state.disks``, ...) over a single `State.data` dict, so
persisting is one `json.dump` (see `persist`). The dispatcher holds
`State.lock` for the whole of a handler call, which keeps handlers free of
locking and makes every request atomic. VM status transitions are stored as
a target status plus a wall-clock deadline and settled when read, so no
background thread is needed and a pending transition survives a restart.
"""

from __future__ import annotations

import copy
import threading
import time
from typing import Any, Iterator

from idcctl.sandbox import persist
from idcctl.sandbox.seed import (
    account, billing, block_storage, firewalls, ips, load_balancers, networks, object_storage, services,
    ssh_keys, vms,
)
from idcctl.sandbox.store import Doc, DocSpec, Spec, Store

_PENDING = "_pending"  # internal VM key: {"status": final, "until": epoch seconds}
NETWORK_KEY = "_network_uuid"  # internal VM key: the private network it sits in


def _settle(vm: dict[str, Any]) -> None:
    pending = vm.get(_PENDING)
    if pending and time.time() >= pending["until"]:
        vm["status"] = pending["status"]
        del vm[_PENDING]


# Per location as on the live API (the 2025 reference tags them #location-specific): VMs, floating
# IPs, disks, networks, load balancers, and service packages, which hold the whitelists (the
# package endpoints are not location-scoped, so a client reaches the default location's).
STORES = (
    Spec("vms", "uuid", "virtual machine", per_location=True, seed=vms.vms, on_read=_settle),
    Spec("ips", "address", "floating IP", per_location=True, seed=ips.ips),
    Spec("firewalls", "uuid", "firewall", per_location=True, seed=firewalls.firewalls),
    Spec("disks", "uuid", "disk", per_location=True, seed=block_storage.disks),
    Spec("networks", "uuid", "network", per_location=True, seed=networks.networks),
    Spec("load_balancers", "uuid", "load balancer", per_location=True, seed=load_balancers.load_balancers),
    Spec("services", "uuid", "service package", per_location=True, seed=services.services),
    Spec("buckets", "name", "bucket", per_location=False, seed=object_storage.buckets),
    Spec("tokens", "id", "token", per_location=False, seed=account.tokens),
    Spec("ssh_keys", "uuid", "SSH key", per_location=False, seed=ssh_keys.ssh_keys),
    Spec("billing_accounts", "id", "billing account", per_location=False, seed=billing.accounts,
         missing="Provided billing account is incorrect.", gone="is_deleted"),
    Spec("cards", "id", "payment object", per_location=False, seed=billing.cards, gone="_deleted"),
    Spec("credit", "id", "credit record", per_location=False, seed=billing.credit),
    Spec("invoices", "id", "invoice", per_location=False, seed=billing.invoices, gone="_deleted"),
    Spec("usage", "owner_uuid", "usage record", per_location=False, seed=billing.usage),
    Spec("invoice_requests", "billing_account_id", "invoice request", per_location=False,
         seed=billing.invoice_requests),
)
DOCS = (DocSpec("user", account.user), DocSpec("s3_user", object_storage.s3_user),
        DocSpec("campaigns", lambda: True))


class State:
    """Sandbox state for a fixed list of location slugs (first = default)."""

    vms: Store
    ips: Store
    firewalls: Store
    disks: Store
    networks: Store
    load_balancers: Store
    services: Store
    buckets: Store
    tokens: Store
    ssh_keys: Store
    billing_accounts: Store
    cards: Store
    credit: Store
    invoices: Store
    usage: Store
    invoice_requests: Store
    user: Doc
    s3_user: Doc
    campaigns: Doc

    def __init__(self, slugs: list[str], state_file: str | None = None, transition: float = 0.0):
        self.lock = threading.Lock()
        self.slugs = list(slugs)
        self.path = persist.resolve(state_file)
        self.transition = transition
        for spec in STORES:
            setattr(self, spec.name, Store(spec, self))
        for doc in DOCS:
            setattr(self, doc.name, Doc(doc, self))
        loaded = persist.load(self.path)
        self.data: dict[str, Any] = loaded or {"version": persist.VERSION, "locations": {}}
        self._complete(fresh=loaded is None)

    @property
    def default_location(self) -> str:
        return self.slugs[0]

    # -- filling in what a state file lacks ---------------------------------------------------
    def _complete(self, fresh: bool) -> None:
        """Seed missing stores, give new locations empty ones, move stores whose scope changed."""
        data = self.data
        locations = data["locations"]
        seeded = self.slugs if fresh else [s for s in self.slugs if s in locations]
        for slug in self.slugs:  # locations added since the file was written start empty
            locations.setdefault(slug, {})
        for spec in STORES:
            if spec.per_location:
                self._complete_local(spec, seeded)
            else:
                self._complete_global(spec)
        for doc in DOCS:
            data.setdefault(doc.name, doc.seed())
        data.setdefault("next_ids", {})
        self._place_vms()

    def _complete_local(self, spec: Spec, seeded: list[str]) -> None:
        locations = self.data["locations"]
        was_global = self.data.pop(spec.name, None)
        known = was_global is not None or any(spec.name in locations[s] for s in self.slugs)
        for position, slug in enumerate(self.slugs):
            if spec.name not in locations[slug]:
                locations[slug][spec.name] = spec.seed(position) if slug in seeded and not known else []
        if was_global:  # kept account-wide by an older declaration: it all belongs to the default
            locations[self.default_location][spec.name].extend(was_global)

    def _complete_global(self, spec: Spec) -> None:
        stray = [loc.pop(spec.name) for loc in self.data["locations"].values() if spec.name in loc]
        if spec.name not in self.data:
            self.data[spec.name] = [r for records in stray for r in records] if stray else spec.seed(0)
        else:
            self.data[spec.name].extend(r for records in stray for r in records)

    def _place_vms(self) -> None:
        """Every VM sits in a network: a seed VM where the seed says, any other in the default one."""
        for slug in self.slugs:
            known = {n["uuid"] for n in self.networks.items(slug)}
            default = next((n["uuid"] for n in self.networks.items(slug) if n["is_default"]), None)
            for vm in self.vms.items(slug):
                seeded = networks.MEMBERS.get(vm["uuid"])
                target = seeded if seeded in known else default
                if target and NETWORK_KEY not in vm:
                    vm[NETWORK_KEY] = target

    # -- VM transitions ------------------------------------------------------------------------
    def set_status(self, vm: dict[str, Any], final: str, transitional: str | None) -> None:
        """Put a VM into `transitional` for `self.transition` seconds, then `final`."""
        if transitional and self.transition > 0:
            vm["status"] = transitional
            vm[_PENDING] = {"status": final, "until": time.time() + self.transition}
        else:
            vm["status"] = final
            vm.pop(_PENDING, None)

    @staticmethod
    def view(obj: Any) -> Any:
        """A copy fit for a response: internal keys (leading "_") removed."""
        if isinstance(obj, dict):
            return {k: State.view(v) for k, v in obj.items() if not k.startswith("_")}
        if isinstance(obj, list):
            return [State.view(v) for v in obj]
        return copy.deepcopy(obj)

    # -- allocation ----------------------------------------------------------------------------
    def next_id(self, kind: str) -> int:
        """Monotonic ids per kind (never reused, like database sequences)."""
        counters = self.data["next_ids"]
        if kind not in counters:
            counters[kind] = max(self._existing_ids(kind), default=0) + 1
        value = counters[kind]
        counters[kind] = value + 1
        return value

    def _existing_ids(self, kind: str) -> Iterator[int]:
        disks = lambda: (d for vm in self.vms.all() for d in vm["storage"])  # noqa: E731
        sources = {"token": self.tokens.all, "vm": self.vms.all, "ip": self.ips.all, "disk": disks,
                   "replica": lambda: (r for d in disks() for r in d["replica"]),
                   "card": self.cards.all, "credit": self.credit.all}
        return (item["id"] for item in sources[kind]() if isinstance(item.get("id"), int))

    def save(self) -> None:
        persist.save(self.path, self.data)
