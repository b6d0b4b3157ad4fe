"""Seed data of the floating IP section: the reference's example address 1.1.1.1."""

from __future__ import annotations

from typing import Any


def ips(position: int = 0) -> list[dict[str, Any]]:
    """The "Create Floating IP" example, 1.1.1.1 (unassigned), in the default location only."""
    return [] if position else [{
        "id": 1, "address": "1.1.1.1", "user_id": 666, "billing_account_id": 2,
        "type": "public", "network_id": None, "name": "my_ip", "enabled": True,
        "created_at": "2019-10-31 10:52:19", "updated_at": "2019-11-01 10:22:19",
        "is_deleted": False, "is_virtual": False, "assigned_to": None,
        "assigned_to_resource_type": None, "assigned_to_private_ip": None,
    }]
