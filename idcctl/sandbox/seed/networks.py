"""Seed private networks: the two of the reference's "List Networks" example, and a default one elsewhere.

The default location gets the reference's two; every other location served
(``--locations a,b,c``) its own default network, as a location where VMs
run has one (its seeded VM sits in it). `vm_uuids` and `resources_count`
are not stored: they are computed from the VMs and load balancers that
exist. `MEMBERS` says which seed VM sits in a network other than the
default one.
"""

from __future__ import annotations

from typing import Any

NETWORK_B = "4e5eadd3-8b11-4c34-812a-2cf97120b628"
MEMBERS = {"e624e5cb-e0f9-4b59-8686-0a4c829027c6": NETWORK_B}  # seeded "DEBUGXYZ-2-buntu"


def networks(position: int = 0) -> list[dict[str, Any]]:
    if position:
        # Subnet 10.1.29.0/24 holds the second location's seeded VM ("web-server", 10.1.29.54).
        return [{"vlan_id": 100 + position, "subnet": f"10.1.{28 + position}.0/24",
                 "subnet_ipv6": f"2a05:1cc0:10:30::{0x41 + position:x}:0/112", "name": "Default network",
                 "created_at": "2021-06-29 08:22:52", "updated_at": "2021-06-29 08:22:52",
                 "uuid": f"2e8cd389-27fe-45ce-a63d-{position:012d}", "type": "private", "is_default": True}]
    return [
        {"vlan_id": 965, "subnet": "10.4.200.0/24", "subnet_ipv6": "2a05:1cc0:10:30::40:0/112",
         "name": "Private network B", "created_at": "2021-06-10 09:57:59", "updated_at": "2021-06-10 09:57:59",
         "uuid": NETWORK_B, "type": "private", "is_default": False},
        {"vlan_id": 104, "subnet": "10.1.104.0/24", "subnet_ipv6": "2a05:1cc0:10:30::41:0/112",
         "name": "Privat network - default", "created_at": "2021-06-29 08:22:52",
         "updated_at": "2021-06-29 08:22:52", "uuid": "2e8cd389-27fe-45ce-a63d-d536068659e5",
         "type": "private", "is_default": True},
    ]
