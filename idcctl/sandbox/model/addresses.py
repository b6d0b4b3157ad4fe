"""Fresh identifiers that must not collide with existing ones: private IPs, MACs, public IPs.

A private address comes from the subnet of the network the VM or load
balancer is placed in, as on the real platform.

Public addresses come from the documentation ranges (RFC 5737) so nothing the
sandbox hands out can be mistaken for, or collide with, a real one.
"""

from __future__ import annotations

import ipaddress
import itertools
import random
from typing import TYPE_CHECKING, Any

from idcctl.sandbox.common import error

if TYPE_CHECKING:  # pragma: no cover - typing only
    from idcctl.sandbox.state import State


def new_private_ip(state: State, slug: str, network: dict[str, Any] | None) -> str:
    """The first free address of `network`'s subnet after its gateway (the first host).

    Without a network (none is the default) or with a subnet that does not
    parse, a free 10.x.y.z address whose second octet tells locations apart.
    """
    used = {vm.get("private_ipv4") for vm in state.vms.all()}
    used |= {lb.get("private_address") for lb in state.load_balancers.all()}
    subnet = _subnet(network)
    if subnet is None:
        return _anywhere(state, slug, used)
    for host in itertools.islice(subnet.hosts(), 1, None):
        if str(host) not in used:
            return str(host)
    raise error(f"No free address is left in network {network['name']} ({network['subnet']}).")


def _subnet(network: dict[str, Any] | None) -> ipaddress.IPv4Network | None:
    try:
        subnet = ipaddress.ip_network(str(network["subnet"]), strict=False) if network else None
    except ValueError:
        return None
    return subnet if isinstance(subnet, ipaddress.IPv4Network) else None


def _anywhere(state: State, slug: str, used: set[Any]) -> str:
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
