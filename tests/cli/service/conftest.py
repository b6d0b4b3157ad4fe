"""Example service packages the service command tests share."""

from __future__ import annotations

PKG = "/v1/user-resource/service/package"
LIST = "/v1/user-resource/service/packages"
PG = "71cddf54-35ed-4f6e-bdf7-d344bbf0a546"
MARIA = "82d820e9-8ccb-4b7b-90cd-166e3f550851"
PASSWORD = "MKL-TosvErik"


def node(vcpu: int = 1, memory: int = 1024, size: int = 30) -> dict:
    return {"resource_allocation": {"memory": memory, "vcpu": vcpu, "status": "running",
                                    "storage": [{"primary": True, "size": size, "uuid": "d1", "replica": []}]},
            "resource_id": "abb0ab92-cffa-4c93-a7a1-f0d5cb796099", "resource_location": "jkt01",
            "resource_type": "vm"}


def package(name: str, uuid: str, *, service: str = "postgresql", version: str = "14.0",
            ip: str = "10.2.3.45", port: int = 5432, nodes: int = 1, **extra) -> dict:
    return {"billing_account_id": 12, "display_name": name, "is_multi_node": nodes > 1,
            "prices": [{"priceMultiplier": 3.0, "resourceType": "CPU"},
                       {"priceMultiplier": 0.0, "resourceType": "STORAGE", "serviceNameInUptime": "backup"}],
            "properties": {"service_ip": ip, "location": "jkt01", "sql_user": "wadmin", "port": port},
            "resources": [{"resource_allocation": {"address": ip}, "resource_id": "ac08",
                           "resource_location": "jkt01", "resource_type": "virtual_ip"}]
            + [node() for _ in range(nodes)],
            "service": service, "status": "active", "uuid": uuid, "version": version, **extra}


DB = package("db", PG, nodes=2)
SHOP = package("shop", MARIA, service="mariadb", version="10.5", ip="10.2.112.44", port=3306)
