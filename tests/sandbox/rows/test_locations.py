"""The location-scoped rows against a sandbox of two locations (cyc01, the default, and bus02).

What a command makes with ``-l bus02`` is listed there and not in cyc01;
joining resources of the two locations is refused before anything is sent
(exit 2, both locations named); --all-locations shows each where it is.
"""

from __future__ import annotations

BUS_VM = "web-server"  # the seeded VM of bus02
CYC_VM = "Ubuntu-3-16-04"  # a seeded VM of cyc01 with a unique name
SEEDED_DISK = "05a61876-86f3-4b05-b0ec-53ee6fa03ced"  # a disk of cyc01
PASSWORD = "Secret123\n"


def _names(rows, field="name"):
    return [row[field] for row in rows]


def test_a_network_load_balancer_and_floating_ip_of_bus02_stay_in_bus02(sb):
    network = sb("net", "create", "--name", "bus-net", "-l", "bus02")
    [default] = [n for n in sb("net", "list", "-l", "bus02") if n["is_default"]]
    assert sb("vm", "show", BUS_VM, "-l", "bus02")["uuid"] in default["vm_uuids"]  # bus02's own default
    assert "bus-net" in _names(sb("net", "list", "-l", "bus02"))
    assert "bus-net" not in _names(sb("net", "list", "-l", "cyc01")) + _names(sb("net", "list"))

    lb = sb("lb", "create", "--name", "bus-lb", "--network", "bus-net", "--target", BUS_VM, "-l", "bus02")
    assert lb["network_uuid"] == network["uuid"]
    assert "bus-lb" in _names(sb("lb", "list", "-l", "bus02"), "display_name")
    assert sb("lb", "list", "-l", "cyc01") == []

    address = sb("ip", "create", "--billing-account", "6", "-l", "bus02")["address"]
    assert sb("ip", "assign", address, "--vm", BUS_VM, "-l", "bus02")["assigned_to"]
    assert address in _names(sb("ip", "list", "-l", "bus02"), "address")
    assert address not in _names(sb("ip", "list", "-l", "cyc01"), "address")

    everywhere = sb("net", "list", "--all-locations")
    assert {(n["name"], n["location"]) for n in everywhere} >= {("bus-net", "bus02"),
                                                                ("Privat network - default", "cyc01")}
    sb("lb", "delete", "bus-lb", "--yes", "-l", "bus02")
    assert sb("lb", "list", "-l", "bus02") == []
    sb("net", "delete", "bus-net", "--yes", "-l", "bus02")


def test_joining_resources_of_two_locations_is_refused_before_sending(sb, raw):
    disk = sb("disk", "create", "--size", "10", "-l", "bus02")["uuid"]
    for where in ("bus02", "cyc01"):  # asked in either location, one of the two is elsewhere
        refused = raw("disk", "attach", disk, "--vm", CYC_VM, "-l", where)
        assert refused.exit_code == 2, refused.stderr
        assert "bus02" in refused.stderr and "cyc01" in refused.stderr and "nothing was sent" in refused.stderr
    assert disk not in [d["uuid"] for d in sb("vm", "show", CYC_VM)["storage"]]
    assert raw("disk", "attach", SEEDED_DISK, "--vm", BUS_VM, "-l", "bus02").exit_code == 2

    cyc_net = sb("net", "create", "--name", "cyc-net", "-l", "cyc01")
    made = raw("vm", "create", "--name", "bus-vm-1", "--os", "ubuntu", "--os-version", "22.04-lts",
               "--disk-size", "20", "--vcpu", "1", "--ram", "1024", "--username", "ops", "--password-stdin",
               "--network", cyc_net["uuid"], "-l", "bus02", input=PASSWORD)
    assert made.exit_code == 2 and "network" in made.stderr and "location cyc01" in made.stderr
    assert "bus-vm-1" not in _names(sb("vm", "list", "-l", "bus02"))
    assert raw("lb", "create", "--target", CYC_VM, "-l", "bus02").exit_code == 2
    assert sb("lb", "list", "-l", "bus02") == []


def test_a_whitelist_is_asked_where_the_package_is(raw, sb):
    assert "10.123.8.0/24" in sb("service", "whitelist", "list", "My Postgre Service 14.0")
    elsewhere = raw("service", "whitelist", "list", "My Postgre Service 14.0", "-l", "bus02")
    assert elsewhere.exit_code == 4 and "No such service package exists" in elsewhere.stderr
