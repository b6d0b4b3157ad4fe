"""Seed VMs: the five of the reference's "List VMs" example and the one of "Modify VM".

The default location gets the five listed VMs (two share the name
"Ubuntu-16-04", handy for name-ambiguity tests); the second location gets
the "Modify VM" one. The five differ only in a few fields, so they are built
from one template.
"""

from __future__ import annotations

from typing import Any


def listed_vm(vm_id: int, name: str, uuid: str, created: str, updated: str | None,
               mac: str, ipv4: str, ipv6_tail: str, disk_id: int, disk_created: str) -> dict[str, Any]:
    """One VM of the "List VMs" example; everything not passed in is shared by all five."""
    return {
        "backup": False, "billing_account": 6, "created_at": created, "description": "",
        "hostname": "hostname", "id": vm_id, "mac": mac, "memory": 2048, "name": name,
        "os_name": "ubuntu", "os_version": "16.04", "private_ipv4": ipv4,
        "public_ipv6": f"2a05:1cc0:10:30::80:{ipv6_tail}", "status": "running",
        "storage": [{
            "created_at": disk_created, "id": disk_id, "name": "sda", "pool": "default2",
            "primary": True, "replica": [], "shared": False, "size": 20, "type": "block",
            "updated_at": None, "user_id": 8, "uuid": uuid,
        }],
        "tags": None, "updated_at": updated, "user_id": 8, "username": "example",
        "uuid": uuid, "vcpu": 2,
    }


def vms(position: int = 0) -> list[dict[str, Any]]:
    """The seed VMs of the location at `position` in the served list (0 = the default)."""
    if position > 1:
        return []
    if position == 1:
        return [_modify_example_vm()]
    return [
        listed_vm(11, "Name of the Clone", "d582f16a-013b-4a23-8463-c66bbbc96c43",
                   "2018-02-22 14:24:30", None, "52:54:00:59:44:d1", "10.1.14.251", "fffe",
                   9, "2018-02-22 14:24:30.312877"),
        listed_vm(10, "Ubuntu-16-04", "fc880f74-cf03-4a7a-93da-74c506157023",
                   "2018-02-22 14:24:03", "2018-02-22 14:24:13", "52:54:00:a2:52:6a",
                   "10.1.14.253", "fffb", 8, "2018-02-22 14:24:13.766985"),
        listed_vm(8, "Ubuntu-3-16-04", "dab38e6e-b5bf-41c5-9baa-be1f2ec47931",
                   "2018-02-22 11:29:30", "2018-02-22 11:29:41", "52:54:00:20:e4:ac",
                   "10.1.14.252", "fffa", 6, "2018-02-22 11:29:41.098793"),
        listed_vm(7, "Ubuntu-16-04", "f80b1d62-ffe4-43ef-9210-60f05445456a",
                   "2018-02-22 11:10:17", "2018-02-22 14:24:14", "52:54:00:6c:6a:ac",
                   "10.1.14.250", "fff8", 5, "2018-02-22 11:10:37.793878"),
        listed_vm(6, "DEBUGXYZ-2-buntu", "e624e5cb-e0f9-4b59-8686-0a4c829027c6",
                   "2018-02-22 09:50:26", "2018-02-22 09:50:37", "52:54:00:d4:ba:a3",
                   "10.1.14.249", "fff7", 4, "2018-02-22 09:50:37.638670"),
    ]


def _modify_example_vm() -> dict[str, Any]:
    """The VM of the "Modify VM" example (it has no numeric ids in the reference)."""
    return {
        "backup": True, "billing_account": 129188, "created_at": "2021-03-01 13:42:03",
        "description": "ubuntu-from-snap", "hostname": "ubuntu-from-snap",
        "mac": "52:54:00:ee:81:fb", "memory": 2048, "name": "web-server", "os_name": "ubuntu",
        "os_version": "20.04", "private_ipv4": "10.1.29.54",
        "public_ipv6": "2a05:1cc0:10:30::80:fffe", "status": "stopped",
        "storage": [{
            "created_at": "2021-03-01 13:42:05", "name": "vda", "pool": "n/a", "primary": True,
            "replica": [], "shared": False, "size": 40, "type": "n/a", "user_id": 29,
            "uuid": "aa546efe-8c33-480f-91a6-9e7e58b9d80a",
        }],
        "updated_at": "2022-05-26 12:53:41", "user_id": 29, "username": "example",
        "uuid": "49c039db-7bcd-4f20-9358-88c4618c547a", "vcpu": 4,
    }
