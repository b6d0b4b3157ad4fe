"""`vm list` and `vm show`: requests, tables, names, all locations at once."""

from __future__ import annotations

import httpx

from tests.cli.conftest import DB, U1, U2, U3, VM_PATH, WEB, answered_together, api, make_vm, ok

PROTECTING = {"uuid": "2a874f44-310f-4df8-9340-1dc274c2bd51", "display_name": "db", "created_at": "2025-06-01 11:43:14",
              "rules": [{"uuid": "db9acacd-91e1-4225-b934-7f264f9f75a2", "direction": "inbound", "protocol": "tcp",
                         "port_start": 5432, "port_end": 5432, "endpoint_spec_type": "any"}],
              "resources_assigned": [{"resource_type": "vm", "resource_uuid": U1},
                                     {"resource_type": "vm", "resource_uuid": U2}]}
OTHER_FIREWALL = {"uuid": "550e8400-e29b-41d4-a716-446655440000", "name": "Web Server Firewall", "rules": [],
                  "resources_assigned": [{"resource_type": "vm", "resource_uuid": U3}]}

# -- list ------------------------------------------------------------------------


def test_list_table_exact(invoke):
    with api() as mock:
        mock.get(f"{VM_PATH}/list").mock(return_value=ok([WEB, DB]))
        ips = mock.get("/v1/network/ip_addresses").mock(return_value=ok([
            {"address": "203.0.113.7", "assigned_to": U1}, {"address": "1.1.1.1", "assigned_to": None}]))
        result = invoke("vm", "list")
    assert result.exit_code == 0, result.stderr
    assert ips.call_count == 1  # one ip list for the PUBLIC IP column, not one per VM
    assert result.stdout == (
        "NAME   UUID                                  STATUS   VCPU  RAM      DISK    OS         PRIVATE IPV4"
        "  PUBLIC IP\n"
        "web-1  5aea1842-895f-4bd3-8bd6-e37b2282fb46  running  2     2048 MB  20 GB   debian 12  10.1.29.54"
        "    203.0.113.7\n"
        "db-1   f80b1d62-ffe4-43ef-9210-60f05445456a  stopped  2     2048 MB  140 GB  debian 12  10.1.29.54"
        "    -\n"
    )
    assert result.stderr == ""


def test_list_json_is_the_api_data_and_location_is_in_the_path(invoke):
    with api() as mock:
        route = mock.get("/v1/bus02/user-resource/vm/list").mock(return_value=ok([WEB]))
        result = invoke("vm", "list", "-o", "json", "-l", "bus02")
    assert result.exit_code == 0, result.stderr
    assert result.json() == [WEB]
    assert route.call_count == 1


def test_list_quiet_prints_uuids(invoke):
    with api() as mock:
        mock.get(f"{VM_PATH}/list").mock(return_value=ok([WEB, DB]))
        result = invoke("vm", "list", "-q")
    assert result.stdout == f"{U1}\n{U2}\n"


LOCATIONS = [{"slug": "cyc01", "display_name": "Cycletown"}, {"slug": "bus02", "display_name": "Busburg"},
             {"slug": "sgp01", "display_name": "Singapore"}]


def test_list_all_locations_merges_in_location_order_concurrently(invoke):
    answer = answered_together(3)  # one request after the other would never be answered

    with api() as mock:
        mock.get("/v1/config/locations").mock(return_value=ok(LOCATIONS))
        cyc = mock.get("/v1/cyc01/user-resource/vm/list").mock(side_effect=answer([WEB]))
        bus = mock.get("/v1/bus02/user-resource/vm/list").mock(side_effect=answer([DB]))
        sgp = mock.get("/v1/sgp01/user-resource/vm/list").mock(side_effect=answer([]))
        result = invoke("vm", "list", "--all-locations", "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert result.json() == [{**WEB, "location": "cyc01"}, {**DB, "location": "bus02"}]
    assert (cyc.call_count, bus.call_count, sgp.call_count) == (1, 1, 1)


def test_list_all_locations_table_has_a_location_column(invoke):
    with api() as mock:
        mock.get("/v1/config/locations").mock(return_value=ok(LOCATIONS[:2]))
        mock.get("/v1/cyc01/user-resource/vm/list").mock(return_value=ok([WEB]))
        mock.get("/v1/bus02/user-resource/vm/list").mock(return_value=ok([DB]))
        mock.get("/v1/cyc01/network/ip_addresses").mock(return_value=ok([]))
        mock.get("/v1/bus02/network/ip_addresses").mock(return_value=ok([{"address": "203.0.113.9",
                                                                           "assigned_to": U2}]))
        result = invoke("vm", "list", "--all-locations")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        "NAME   UUID                                  STATUS   VCPU  RAM      DISK    OS         PRIVATE IPV4"
        "  PUBLIC IP    LOCATION",
        "web-1  5aea1842-895f-4bd3-8bd6-e37b2282fb46  running  2     2048 MB  20 GB   debian 12  10.1.29.54"
        "    -            cyc01",
        "db-1   f80b1d62-ffe4-43ef-9210-60f05445456a  stopped  2     2048 MB  140 GB  debian 12  10.1.29.54"
        "    203.0.113.9  bus02",
    ]


def test_list_all_locations_one_location_failing_prints_the_rest_and_exits_1(invoke):
    with api() as mock:
        mock.get("/v1/config/locations").mock(return_value=ok(LOCATIONS))
        mock.get("/v1/cyc01/user-resource/vm/list").mock(return_value=ok([WEB]))
        bus = mock.get("/v1/bus02/user-resource/vm/list").mock(
            return_value=httpx.Response(500, json={"message": "database on fire"}))
        mock.get("/v1/sgp01/user-resource/vm/list").mock(return_value=ok([DB]))
        result = invoke("vm", "list", "--all-locations", "-o", "json")
    assert result.exit_code == 1
    assert result.json() == [{**WEB, "location": "cyc01"}, {**DB, "location": "sgp01"}]
    # Retry waits over a second are announced ("500, retrying in 1.2 s"): not errors.
    lines = [line for line in result.stderr.splitlines() if ", retrying in " not in line]
    assert lines[0] == "error: location bus02: database on fire (HTTP 500)"
    assert lines[-1].startswith("error: 1 of 3 locations could not be listed")
    assert bus.call_count == 3  # a GET is retried before the location is given up


def test_list_all_locations_shares_one_connection_pool(invoke, monkeypatch):
    built = []
    real = httpx.Client

    class CountingClient(real):
        def __init__(self, *args, **kwargs):
            built.append(self)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(httpx, "Client", CountingClient)
    with api() as mock:
        mock.get("/v1/config/locations").mock(return_value=ok(LOCATIONS))
        for slug in ("cyc01", "bus02", "sgp01"):
            mock.get(f"/v1/{slug}/user-resource/vm/list").mock(return_value=ok([]))
        result = invoke("vm", "list", "--all-locations", "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert len(built) == 1


# -- show and name resolution -------------------------------------------------------


def test_show_by_uuid_is_one_get(invoke):
    with api() as mock:
        route = mock.get(VM_PATH, params={"uuid": U2}).mock(return_value=ok(DB))
        result = invoke("vm", "show", U2, "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert result.json() == DB
    assert route.call_count == 1


def test_show_by_name_table_exact(invoke):
    with api() as mock:
        mock.get(f"{VM_PATH}/list").mock(return_value=ok([WEB, DB]))
        show = mock.get(VM_PATH, params={"uuid": U2}).mock(return_value=ok(DB))
        mock.get("/v1/network/ip_addresses").mock(return_value=ok([{"address": "203.0.113.9", "assigned_to": U2}]))
        walls = mock.get("/v1/network/firewalls").mock(return_value=ok([PROTECTING, OTHER_FIREWALL]))
        result = invoke("vm", "show", "db-1")
    assert result.exit_code == 0, result.stderr
    assert show.call_count == 1  # the contract's GET vm?uuid=, after resolving the name
    assert walls.call_count == 1  # the firewalls protecting it: one list, beside the VM read
    assert result.stdout == (
        "backup           no\n"
        "billing_account  6\n"
        "created_at       2021-03-01 13:42:03\n"
        "description\n"
        "hostname         db-1\n"
        "memory           2048\n"
        "name             db-1\n"
        "os_name          debian\n"
        "os_version       12\n"
        "private_ipv4     10.1.29.54\n"
        "public_ip        203.0.113.9\n"
        "status           stopped\n"
        "uuid             f80b1d62-ffe4-43ef-9210-60f05445456a\n"
        "vcpu             2\n"
        "\n"
        "storage:\n"
        "NAME  UUID                                  CREATED AT           POOL      PRIMARY  SHARED  SIZE  TYPE\n"
        "vda   f80b1d62-ffe4-43ef-9210-60f05445456a  2021-03-01 13:42:05  default2  yes      no      40    block\n"
        "vdb   3d91aa31-16ec-44ee-b8b3-22a0bda6559e  2021-03-01 13:42:05  default2  no       no      100   block\n"
        "\n"
        "Firewalls:\n"
        "NAME  UUID                                  RULES  VMS  DESCRIPTION  CREATED\n"
        "db    2a874f44-310f-4df8-9340-1dc274c2bd51  1      2    -            2025-06-01 11:43:14\n"
    )


def test_show_says_when_no_firewall_protects_it_and_skips_a_failed_firewall_list(invoke):
    for answer, tail in ((ok([OTHER_FIREWALL]), "\nFirewalls:\n(none)\n"),
                         (httpx.Response(500, json={"message": "down"}), "100   block\n")):
        with api() as mock:
            # The VM, its address and its firewalls: all read in the VM's location.
            mock.get("/v1/bus02/user-resource/vm", params={"uuid": U2}).mock(return_value=ok(DB))
            mock.get("/v1/bus02/network/ip_addresses").mock(return_value=ok([]))
            mock.get("/v1/bus02/network/firewalls").mock(return_value=answer)
            result = invoke("vm", "show", U2, "-l", "bus02")
        assert result.exit_code == 0, result.stderr
        assert result.stdout.endswith(tail)


def test_show_unknown_name_exits_4_naming_it(invoke):
    with api() as mock:
        mock.get(f"{VM_PATH}/list").mock(return_value=ok([WEB, DB]))
        result = invoke("vm", "show", "nope")
    assert result.exit_code == 4
    assert result.stdout == ""
    assert "no VM named 'nope'" in result.stderr


def test_show_ambiguous_name_exits_4_listing_both_uuids(invoke):
    twin = make_vm("web-1", U3)
    with api() as mock:
        mock.get(f"{VM_PATH}/list").mock(return_value=ok([WEB, DB, twin]))
        result = invoke("vm", "show", "web-1")
    assert result.exit_code == 4
    assert f"2 VMs are named 'web-1': {U1}, {U3}" in result.stderr


def test_show_unknown_uuid_answered_400_no_such_exits_4(invoke):
    with api() as mock:
        mock.get(VM_PATH, params={"uuid": U3}).mock(return_value=httpx.Response(
            400, json={"errors": {"Error": f"No such virtual machine exists. {U3}"}}))
        result = invoke("vm", "show", U3)
    assert result.exit_code == 4
    assert f"No such virtual machine exists. {U3}" in result.stderr
