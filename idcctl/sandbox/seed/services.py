"""Seed service packages: the two of "List Service Packages" (the postgres one whitelisted).

Each package carries internal `_secrets` and `_whitelist` keys that answers
never show. `prices()`, `vm_resource()` and `vip_resource()` also shape the
packages the handlers make.
"""

from __future__ import annotations

from typing import Any

_PRICE_TYPES = [("CPU", None, 3.0), ("RAM", None, 3.0), ("STORAGE", "main", 3.0), ("STORAGE", "block", 3.0),
                ("STORAGE", "snapshot", 0.0), ("STORAGE", "backup", 0.0), ("OBJECT_STORAGE", None, 0.0),
                ("LICENSE", "windows", 0.0), ("UNASSIGNED_FLOATING_IP", None, 0.0)]


def prices() -> list[dict[str, Any]]:
    out = []
    for kind, name, multiplier in _PRICE_TYPES:
        price: dict[str, Any] = {"priceMultiplier": multiplier, "resourceType": kind}
        if name:
            price["serviceNameInUptime"] = name
        out.append(price)
    return out


def vm_resource(resource_id: str, location: str, disk_uuid: str, vcpu: int = 1, memory: int = 1024,
                size: int = 30) -> dict[str, Any]:
    return {"resource_allocation": {"memory": memory, "vcpu": vcpu, "status": "running", "storage": [
        {"primary": True, "size": size, "uuid": disk_uuid, "replica": []}]},
        "resource_id": resource_id, "resource_location": location, "resource_type": "vm"}


def vip_resource(resource_id: str, location: str, address: str) -> dict[str, Any]:
    return {"resource_allocation": {"address": address}, "resource_id": resource_id,
            "resource_location": location, "resource_type": "virtual_ip"}


def _package(**fields: Any) -> dict[str, Any]:
    """A package in the reference's field order (alphabetical), with the fields all examples share."""
    shared = {"billing_account_id": 12, "is_deleted": False, "prices": prices(), "status": "active",
              "user_id": 55}
    return dict(sorted({**shared, **fields}.items()))


def services(position: int = 0) -> list[dict[str, Any]]:
    if position:
        return []
    maria = _package(
        created_at="2022-01-04 14:19:51", display_name="Maria5", is_multi_node=False,
        properties={"service_ip": "10.2.112.44", "location": "jkt01", "sql_user": "wadmin", "port": 3306},
        resources=[vm_resource("c910e5bf-908b-4dd7-b71b-f0449c509c95", "jkt01",
                               "40745556-7e2a-4a16-b055-ecececfb6c57")],
        service="mariadb", updated_at="2022-01-04 14:22:33", uuid="82d820e9-8ccb-4b7b-90cd-166e3f550851",
        version="10.5", _secrets={"sql_pass": "Qw7-MariaPass"}, _whitelist=[])
    postgres = _package(
        created_at="2022-01-04 14:05:25", display_name="My Postgre Service 14.0", is_multi_node=True,
        properties={"service_ip": "10.2.3.45", "location": "jkt01", "sql_user": "wadmin", "port": 5432},
        resources=[vip_resource("ac08237a-09e6-4c57-add2-d182925ef505", "jkt01", "10.2.3.45"),
                   vm_resource("abb0ab92-cffa-4c93-a7a1-f0d5cb796099", "jkt01",
                               "d1e6aa96-fa18-468f-9813-121415c063dd"),
                   vm_resource("b13d0cff-0a4f-4701-a73f-98d63e157343", "jkt01",
                               "a64b3522-7fb8-4d1b-a3a7-143d282d707d")],
        service="postgresql", updated_at="2022-01-04 14:10:34", uuid="71cddf54-35ed-4f6e-bdf7-d344bbf0a546",
        version="14.0", _secrets={"sql_pass": "MKL-TosvErik"}, _whitelist=["10.123.8.0/24", "176.112.157.203"])
    return [maria, postgres]
