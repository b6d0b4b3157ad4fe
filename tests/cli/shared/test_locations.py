"""`--all-locations` on every location-scoped list: one fan-out, a LOCATION column, a `location` field, partial failures."""

from __future__ import annotations

import httpx
import pytest

from tests.cli.conftest import U1, answered_together, api, make_vm, ok

LOCATIONS = [{"slug": "cyc01", "is_default": True}, {"slug": "bus02", "is_default": False}]
D1 = "05a61876-86f3-4b05-b0ec-53ee6fa03ced"
D2 = "cef3a629-89b0-40ec-986b-4b6e831f9b64"
DISK = {"uuid": D1, "size_gb": 50, "status": "Active", "source_image_type": "EMPTY", "billing_account_id": 6,
        "created_at": "2022-09-01T12:03:14.355+0000"}
NET = {"uuid": "4e5eadd3-8b11-4c34-812a-2cf97120b628", "name": "backend", "subnet": "10.4.200.0/24", "vlan_id": 965,
       "is_default": False, "resources_count": 0}
LB = {"uuid": "438ac62f-e97b-4ef0-8940-507b9e94af43", "display_name": "web-lb", "forwarding_rules": [],
      "targets": [], "private_address": "10.4.200.3", "network_uuid": NET["uuid"], "created_at": "2023-01-01 10:00:00"}
IP = {"address": "203.0.113.7", "name": "edge", "assigned_to": U1, "billing_account_id": 6}

# (command, its path, what cyc01 answers, what bus02 answers)
LISTS = [
    ("disk", "/storage/disks", [DISK], [{**DISK, "uuid": D2, "size_gb": 10}]),
    ("net", "/network/networks", [NET], []),
    ("lb", "/network/load_balancers", [], [LB]),
    ("ip", "/network/ip_addresses", [IP], []),
]


@pytest.mark.parametrize(("group", "path", "cyc", "bus"), LISTS, ids=[row[0] for row in LISTS])
def test_all_locations_asks_every_location_at_once_and_adds_a_location_field(invoke, group, path, cyc, bus):
    answer = answered_together(2)  # one request after the other would never be answered
    with api() as mock:
        mock.get("/v1/config/locations").mock(return_value=ok(LOCATIONS))
        first = mock.get(f"/v1/cyc01{path}").mock(side_effect=answer(cyc))
        second = mock.get(f"/v1/bus02{path}").mock(side_effect=answer(bus))
        result = invoke(group, "list", "--all-locations", "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert result.json() == [{**row, "location": "cyc01"} for row in cyc] + [{**row, "location": "bus02"} for row in bus]
    assert (first.call_count, second.call_count) == (1, 1)


def test_all_locations_tables_have_a_location_column(invoke):
    with api() as mock:
        mock.get("/v1/config/locations").mock(return_value=ok(LOCATIONS))
        mock.get("/v1/cyc01/storage/disks").mock(return_value=ok([DISK]))
        mock.get("/v1/bus02/storage/disks").mock(return_value=ok([{**DISK, "uuid": D2, "size_gb": 10}]))
        result = invoke("disk", "list", "--all-locations", "--columns", "uuid,size_gb,location")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == ["UUID                                  SIZE_GB  LOCATION",
                                          f"{D1}  50       cyc01", f"{D2}  10       bus02"]
    default = invoke("disk", "list", "--all-locations")
    assert default.stdout.splitlines()[0].endswith("  LOCATION")


def test_ip_list_all_locations_names_each_address_vm_from_its_own_location(invoke):
    with api() as mock:
        mock.get("/v1/config/locations").mock(return_value=ok(LOCATIONS))
        mock.get("/v1/cyc01/network/ip_addresses").mock(return_value=ok([IP]))
        mock.get("/v1/bus02/network/ip_addresses").mock(return_value=ok([]))
        mock.get("/v1/cyc01/user-resource/vm/list").mock(return_value=ok([make_vm("web-1", U1)]))
        mock.get("/v1/bus02/user-resource/vm/list").mock(return_value=ok([make_vm("other", U1)]))
        result = invoke("ip", "list", "--all-locations", "--columns", "address,vm_name,location")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[1].split() == ["203.0.113.7", "web-1", "cyc01"]


def test_ip_list_all_locations_with_a_vm_is_refused_before_sending(invoke):
    with api(assert_all_called=False) as mock:
        result = invoke("ip", "list", "--all-locations", "--vm", "web-1")
        assert mock.calls.call_count == 0
    assert (result.exit_code, result.stderr) == (2, "error: --vm names a VM of one location; give -l SLUG instead "
                                                    "of --all-locations\n")


def test_one_location_failing_prints_the_rest_names_it_and_exits_1(invoke):
    with api() as mock:
        mock.get("/v1/config/locations").mock(return_value=ok(LOCATIONS))
        mock.get("/v1/cyc01/network/load_balancers").mock(return_value=ok([LB]))
        mock.get("/v1/bus02/network/load_balancers").mock(return_value=httpx.Response(403, json={"message": "no"}))
        result = invoke("lb", "list", "--all-locations", "-o", "json")
    assert result.exit_code == 1
    assert result.json() == [{**LB, "location": "cyc01"}]
    assert result.stderr.splitlines() == ["error: location bus02: no (HTTP 403)",
                                          "error: 1 of 2 locations could not be listed; the list above is incomplete"]


def test_the_location_list_is_read_once_for_every_kind(invoke):
    with api() as mock:
        locations = mock.get("/v1/config/locations").mock(return_value=ok(LOCATIONS))
        for slug in ("cyc01", "bus02"):
            mock.get(f"/v1/{slug}/storage/disks").mock(return_value=ok([]))
            mock.get(f"/v1/{slug}/network/networks").mock(return_value=ok([]))
        assert invoke("disk", "list", "--all-locations", "-o", "json").exit_code == 0
        assert invoke("net", "list", "--all-locations", "-o", "json").exit_code == 0
        assert locations.call_count == 1


def test_a_location_slug_that_could_not_be_a_path_segment_is_never_asked(invoke):
    hostile = [{"slug": "cyc01", "is_default": True}, {"slug": "../../payment/pay_all"},
               {"slug": "bus02\x1b[31m"}, {"slug": "-rf"}, {"slug": 7}, {"slug": "bus02"}]
    with api() as mock:
        mock.get("/v1/config/locations").mock(return_value=ok(hostile))
        cyc = mock.get("/v1/cyc01/storage/disks").mock(return_value=ok([]))
        bus = mock.get("/v1/bus02/storage/disks").mock(return_value=ok([]))
        result = invoke("disk", "list", "--all-locations", "-o", "json")
        assert len(mock.calls) == 3  # the location list and the two real locations, nothing else
    # Each non-slug is a location that could not be listed, said so (exit 1), never a URL.
    assert (result.exit_code, cyc.call_count, bus.call_count) == (1, 1, 1)
    assert result.json() == []
    assert result.stderr.splitlines() == [
        "error: location ../../payment/pay_all: '../../payment/pay_all' is not a location slug",
        "error: location bus02: 'bus02' is not a location slug",  # the escape sequence removed whole
        "error: location -rf: '-rf' is not a location slug",
        "error: location 7: '7' is not a location slug",
        "error: 4 of 6 locations could not be listed; the list above is incomplete"]
