"""Seed firewalls: the one of the reference's "List Firewalls" example, in the default location.

The example names it with ``name``, while Create and Update Firewall answer
``display_name``; the sandbox answers ``display_name`` everywhere (what a
create sends), with the description and rules of the example.
"""

from __future__ import annotations

import copy
from typing import Any

_FIREWALLS = [{
    "uuid": "550e8400-e29b-41d4-a716-446655440000",
    "display_name": "Web Server Firewall",
    "description": "Firewall for web server instances",
    "user_id": 8,
    "billing_account_id": 6,
    "rules": [
        {"uuid": "7b3ec3c8-9c7e-4bcb-a1b9-2c8ad37a82c9", "protocol": "tcp", "direction": "inbound",
         "port_start": 80, "port_end": 80, "endpoint_spec_type": "ip_prefixes",
         "endpoint_spec": ["10.22.33.0/24", "10.12.34.5"]},
        {"uuid": "1c7d9a29-4b0e-42c7-9d05-57ca08b8cd22", "protocol": "tcp", "direction": "inbound",
         "port_start": 443, "port_end": 443, "endpoint_spec_type": "any", "endpoint_spec": []},
    ],
    "resources_assigned": [],
    "created_at": "2025-05-15 10:30:45",
    "deleted_at": None,
}]


def firewalls(position: int = 0) -> list[dict[str, Any]]:
    return [] if position else copy.deepcopy(_FIREWALLS)
