"""Example firewalls the firewall command tests share (the 2025 reference's shapes)."""

from __future__ import annotations

from tests.cli.conftest import DB, U1, U2, WEB

FIREWALLS = "/v1/network/firewalls"
FW = "2a874f44-310f-4df8-9340-1dc274c2bd51"
OTHER = "550e8400-e29b-41d4-a716-446655440000"
R_SSH = "db9acacd-91e1-4225-b934-7f264f9f75a2"
R_WEB = "1c7d9a29-4b0e-42c7-9d05-57ca08b8cd22"
R_NET = "7b3ec3c8-9c7e-4bcb-a1b9-2c8ad37a82c9"

SSH_RULE = {"uuid": R_SSH, "direction": "inbound", "protocol": "tcp", "port_start": 22, "port_end": 22,
            "endpoint_spec_type": "any", "endpoint_spec": []}
WEB_RULE = {"uuid": R_WEB, "protocol": "tcp", "direction": "inbound", "port_start": 443, "port_end": 443,
            "endpoint_spec_type": "any"}
NET_RULE = {"uuid": R_NET, "protocol": "tcp", "direction": "inbound", "port_start": 8000, "port_end": 8100,
            "endpoint_spec_type": "ip_prefixes", "endpoint_spec": ["10.22.33.0/24", "10.12.34.5"]}


def firewall(name: str = "web", uuid: str = FW, *, rules=(SSH_RULE, WEB_RULE), vms=(U1,)) -> dict:
    """A firewall as Create/Update Firewall answer it (display_name)."""
    return {"uuid": uuid, "created_at": "2025-06-01 11:43:14", "deleted_at": None, "display_name": name,
            "user_id": 101, "billing_account_id": 123, "rules": [dict(r) for r in rules],
            "resources_assigned": [{"resource_type": "vm", "resource_uuid": u} for u in vms]}


# The List Firewalls example writes the name as `name`.
LISTED = {"uuid": OTHER, "name": "Web Server Firewall", "description": "Firewall for web server instances",
          "billing_account_id": 123, "rules": [NET_RULE], "resources_assigned": [],
          "created_at": "2025-05-15 10:30:45"}
VMS = [WEB, DB]
BOTH = (U1, U2)
