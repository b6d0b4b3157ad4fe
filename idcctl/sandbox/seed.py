"""Initial mutable state: the API reference's example data.

The default location gets the five VMs of "List VMs" (two share the name
"Ubuntu-16-04", handy for name-ambiguity tests) plus the unassigned floating IP
1.1.1.1; the second location gets the VM of "Modify VM".  The five listed VMs
differ only in a few fields, so they are built from one template.
"""

from __future__ import annotations

import copy
from typing import Any

USER_ID = 8
DEFAULT_BILLING_ACCOUNT = 6
CONSUMER_ID = "9b68f9e5-34a5-41bb-8938-944c17e38723"

USER: dict[str, Any] = {
    "cookie_id": "61b0378574974ae88dbfec0feb9917bc",
    "id": 8,
    "last_activity": "2018-02-22 14:18:47",
    "name": "user@example.com",
    "profile": None,
    "profile_data": {
        "avatar": "https://s.gravatar.com/avatar/bbb?s=480&r=pg&d=https%3A%2F%2Fcdn.auth0.com%2Favatars%2Fsv.png",
        "created_at": "2018-10-25 11:02:59",
        "email": "user@example.com",
        "first_name": "Cloudia",
        "id": 22,
        "last_name": "Iaas",
        "personal_id_number": "123456",
        "phone_number": "+111111111",
        "updated_at": "2021-05-18 11:07:00",
        "user_id": 8,
    },
    "state": {},
}

TOKENS: list[dict[str, Any]] = [
    {"billing_account_id": 0, "consumer_id": CONSUMER_ID, "created_at": "2018-02-21 14:00:07",
     "description": "hea token", "id": 2, "kong_id": "a7540e94-bc84-4f18-a391-002c9b31eb34",
     "restricted": False, "token": "vYNKd8VWHg583sTkAZ8vKbyVtyXWILXn", "updated_at": None,
     "user_id": 8},
    {"billing_account_id": 6, "consumer_id": CONSUMER_ID, "created_at": "2018-02-22 14:24:02",
     "description": "Token Description", "id": 7, "kong_id": "1dd6f9f7-f679-4ad0-a44d-9343c37a7dfb",
     "restricted": True, "token": "PS2vfOCKuU52be83QZhMMndqOusfFkHr", "updated_at": None,
     "user_id": 8},
]


def _listed_vm(vm_id: int, name: str, uuid: str, created: str, updated: str | None,
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


def _listed_vms() -> list[dict[str, Any]]:
    return [
        _listed_vm(11, "Name of the Clone", "d582f16a-013b-4a23-8463-c66bbbc96c43",
                   "2018-02-22 14:24:30", None, "52:54:00:59:44:d1", "10.1.14.251", "fffe",
                   9, "2018-02-22 14:24:30.312877"),
        _listed_vm(10, "Ubuntu-16-04", "fc880f74-cf03-4a7a-93da-74c506157023",
                   "2018-02-22 14:24:03", "2018-02-22 14:24:13", "52:54:00:a2:52:6a",
                   "10.1.14.253", "fffb", 8, "2018-02-22 14:24:13.766985"),
        _listed_vm(8, "Ubuntu-3-16-04", "dab38e6e-b5bf-41c5-9baa-be1f2ec47931",
                   "2018-02-22 11:29:30", "2018-02-22 11:29:41", "52:54:00:20:e4:ac",
                   "10.1.14.252", "fffa", 6, "2018-02-22 11:29:41.098793"),
        _listed_vm(7, "Ubuntu-16-04", "f80b1d62-ffe4-43ef-9210-60f05445456a",
                   "2018-02-22 11:10:17", "2018-02-22 14:24:14", "52:54:00:6c:6a:ac",
                   "10.1.14.250", "fff8", 5, "2018-02-22 11:10:37.793878"),
        _listed_vm(6, "DEBUGXYZ-2-buntu", "e624e5cb-e0f9-4b59-8686-0a4c829027c6",
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


def _example_floating_ip() -> dict[str, Any]:
    """The "Create Floating IP" example: 1.1.1.1, reserved but assigned to nothing."""
    return {
        "id": 1, "address": "1.1.1.1", "user_id": 666, "billing_account_id": 2,
        "type": "public", "network_id": None, "name": "my_ip", "enabled": True,
        "created_at": "2019-10-31 10:52:19", "updated_at": "2019-11-01 10:22:19",
        "is_deleted": False, "is_virtual": False, "assigned_to": None,
        "assigned_to_resource_type": None, "assigned_to_private_ip": None,
    }


def empty_location() -> dict[str, Any]:
    return {"vms": [], "floating_ips": []}


def initial_state(slugs: list[str]) -> dict[str, Any]:
    """Fresh state for the given locations (first = default, second = "bus02" role)."""
    locations = {slug: empty_location() for slug in slugs}
    if slugs:
        locations[slugs[0]] = {"vms": _listed_vms(), "floating_ips": [_example_floating_ip()]}
    if len(slugs) > 1:
        locations[slugs[1]]["vms"] = [_modify_example_vm()]
    return {
        "version": 1,
        "user": copy.deepcopy(USER),
        "tokens": copy.deepcopy(TOKENS),
        "locations": locations,
        "next_ids": {},
    }
