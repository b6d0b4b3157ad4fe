"""Every `firewall` row of the contract against the sandbox: per location, rule UUIDs kept, assignments."""

from __future__ import annotations

import pytest

VM = "Ubuntu-3-16-04"  # a seeded VM of the default location with a unique name
VM_UUID = "dab38e6e-b5bf-41c5-9baa-be1f2ec47931"
SEEDED = "550e8400-e29b-41d4-a716-446655440000"


def test_firewall_rows(sb, tmp_path):
    assert [f["uuid"] for f in sb("firewall", "list")] == [SEEDED]
    made = sb("firewall", "create", "--name", "web", "--description", "front", "--rule", "inbound:tcp:22:any",
              "--rule", "inbound:tcp:443:any")
    ssh, https = made["rules"]
    assert (made["display_name"], made["description"]) == ("web", "front")
    assert sb("firewall", "show", "web")["uuid"] == made["uuid"]
    assert sb("firewall", "assign", "web", "--vm", VM) == [{"resource_type": "vm", "resource_uuid": VM_UUID}]

    added = sb("firewall", "rule", "add", "web", "inbound:tcp:8000-8100:10.0.0.0/24,10.1.2.3", "outbound:icmp::any")
    assert [r["uuid"] for r in added["rules"][:2]] == [ssh["uuid"], https["uuid"]] and len(added["rules"]) == 4
    removed = sb("firewall", "rule", "remove", "web", "inbound:tcp:443:any", added["rules"][3]["uuid"], "--yes")
    assert [r["uuid"] for r in removed["rules"]] == [ssh["uuid"], added["rules"][2]["uuid"]]

    saved = tmp_path / "fw.json"
    saved.write_text('[{"direction": "inbound", "protocol": "tcp", "port_start": 22, "endpoint_spec_type": "any"}]')
    updated = sb("firewall", "update", "web", "--name", "web-2", "--rules", f"@{saved}")
    assert updated["display_name"] == "web-2" and [r["uuid"] for r in updated["rules"]] == [ssh["uuid"]]

    sb("firewall", "unassign", "web-2", "--vm", VM, "--yes")
    assert sb("firewall", "show", "web-2")["resources_assigned"] == []
    sb("firewall", "delete", "web-2", "--yes")
    assert [f["uuid"] for f in sb("firewall", "list")] == [SEEDED]


def test_firewalls_are_per_location(sb):
    here = sb("firewall", "create", "--name", "edge", "-l", "bus02")
    assert [f["uuid"] for f in sb("firewall", "list", "-l", "bus02")] == [here["uuid"]]
    assert here["uuid"] not in [f["uuid"] for f in sb("firewall", "list")]
    sb("firewall", "assign", "edge", "--vm", "web-server", "-l", "bus02")
    with pytest.raises(AssertionError, match="no firewall named 'edge'"):
        sb("firewall", "show", "edge")
    # A VM of another location is refused before anything is sent (exit 2, both locations named).
    with pytest.raises(AssertionError, match=r"is in location bus02, not in the default location \(cyc01\)"):
        sb("firewall", "assign", SEEDED, "--vm", "49c039db-7bcd-4f20-9358-88c4618c547a")


def test_vm_show_lists_the_firewalls_protecting_it(sb, raw):
    sb("firewall", "assign", SEEDED, "--vm", VM)
    table = raw("vm", "show", VM).stdout
    assert table.endswith(f"Firewalls:\nNAME                 UUID                                  RULES  VMS  "
                          f"DESCRIPTION                        CREATED\nWeb Server Firewall  {SEEDED}  2      1    "
                          "Firewall for web server instances  2025-05-15 10:30:45\n")
    assert "Firewalls" not in raw("vm", "show", VM, "-o", "json").stdout
