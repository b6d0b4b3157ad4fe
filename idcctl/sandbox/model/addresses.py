"""Fresh identifiers that must not collide with existing ones: private IPs, MACs, public IPs.

Public addresses come from the documentation ranges (RFC 5737) so nothing the
sandbox hands out can be mistaken for, or collide with, a real one.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover - typing only
    from idcctl.sandbox.state import State


def new_private_ip(state: State, slug: str) -> str:
    """A free 10.x.y.z address; the second octet tells locations apart."""
    used = {vm.get("private_ipv4") for vm in state.vms.all()}
    second = state.slugs.index(slug) + 1 if slug in state.slugs else 99
    while True:
        candidate = f"10.{second}.{random.randint(16, 254)}.{random.randint(2, 254)}"
        if candidate not in used:
            return candidate


def new_mac(state: State) -> str:
    used = {vm.get("mac") for vm in state.vms.all()}
    while True:
        tail = ":".join(f"{random.randint(0, 255):02x}" for _ in range(3))
        if f"52:54:00:{tail}" not in used:
            return f"52:54:00:{tail}"


def new_public_address(state: State) -> str:
    """Next free address from the documentation ranges, in the order 203.0.113, 198.51.100, 192.0.2."""
    used = {ip["address"] for ip in state.ips.all()}
    for prefix in ("203.0.113", "198.51.100", "192.0.2"):
        for host in range(1, 255):
            if f"{prefix}.{host}" not in used:
                return f"{prefix}.{host}"
    raise RuntimeError("sandbox ran out of public test addresses")
