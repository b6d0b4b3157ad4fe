"""Where a resource is: "it exists in cyc01" from the TAB caches, and resources of two locations refused before sending."""

from __future__ import annotations

import pytest

from tests.cli.conftest import U1, U2, api, make_vm, ok

LOCATIONS = [{"slug": "cyc01", "is_default": True}, {"slug": "bus02", "is_default": False}]
NET = {"uuid": "4e5eadd3-8b11-4c34-812a-2cf97120b628", "name": "backend"}
LB = {"uuid": "438ac62f-e97b-4ef0-8940-507b9e94af43", "display_name": "web-lb", "targets": [],
      "forwarding_rules": []}
WEB, DB = make_vm("web-1", U1), make_vm("db-1", U2)


def _cache_every_location(invoke, mock) -> None:
    """`net list --all-locations` and `vm list --all-locations`: both locations' names are cached."""
    mock.get("/v1/config/locations").mock(return_value=ok(LOCATIONS))
    mock.get("/v1/cyc01/network/networks").mock(return_value=ok([NET]))
    mock.get("/v1/bus02/network/networks").mock(return_value=ok([]))
    mock.get("/v1/cyc01/user-resource/vm/list").mock(return_value=ok([WEB]))
    mock.get("/v1/bus02/user-resource/vm/list").mock(return_value=ok([DB]))
    for group in ("net", "vm"):
        assert invoke(group, "list", "--all-locations", "-o", "json").exit_code == 0


def test_a_name_of_another_location_says_where_it_is_from_the_cache_alone(invoke):
    with api(assert_all_called=False) as mock:
        _cache_every_location(invoke, mock)
        before = len(mock.calls)
        result = invoke("net", "show", "backend", "-l", "bus02")
        asked = [call.request.url.path for call in mock.calls][before:]
    assert result.exit_code == 4
    assert result.stderr == ("error: no network named 'backend' in location bus02; it exists in cyc01 "
                             "(use -l cyc01)\n")
    assert asked == ["/v1/bus02/network/networks"]  # no extra request just to improve the message


def test_without_a_cached_answer_the_plain_not_found_costs_no_extra_request(invoke):
    with api() as mock:
        listed = mock.get("/v1/bus02/network/networks").mock(return_value=ok([]))
        result = invoke("net", "show", "backend", "-l", "bus02")
        assert (result.exit_code, listed.call_count, len(mock.calls)) == (4, 1, 1)
    assert result.stderr == "error: no network named 'backend'; 'idcctl net list' shows them\n"


def test_the_default_location_is_named_by_its_slug_when_known(invoke):
    with api(assert_all_called=False) as mock:
        _cache_every_location(invoke, mock)
        mock.get("/v1/user-resource/vm/list").mock(return_value=ok([WEB]))
        result = invoke("vm", "show", "db-1")
    assert result.exit_code == 4
    assert result.stderr == ("error: no VM named 'db-1' in the default location (cyc01); it exists in bus02 "
                             "(use -l bus02)\n")


def test_vm_create_with_a_network_of_another_location_is_refused_naming_both(invoke):
    with api(assert_all_called=False) as mock:
        mock.get("/v1/config/locations").mock(return_value=ok(LOCATIONS))
        mock.get("/v1/bus02/network/networks").mock(return_value=ok([]))
        mock.get("/v1/cyc01/network/networks").mock(return_value=ok([NET]))
        mock.get("/v1/api/parameters/vm").mock(return_value=ok([]))
        mock.get("/v1/config/vm_images").mock(return_value=ok([{"os_name": "ubuntu", "versions": [
            {"os_version": "22.04-lts"}]}]))
        create = mock.post(url__regex=r".*/user-resource/vm$").mock(return_value=ok({}))
        result = invoke("vm", "create", "--name", "web-2", "--os", "ubuntu", "--os-version", "22.04-lts",
                        "--disk-size", "20", "--vcpu", "1", "--ram", "1024", "--username", "ops",
                        "--password-stdin", "--network", "backend", "-l", "bus02", input="Secret123\n")
    assert (result.exit_code, create.called) == (2, False)
    assert result.stderr.endswith("error: network backend is in location cyc01, not in location bus02: a VM joins "
                                  "only a network of its own location; nothing was sent\n")


@pytest.mark.parametrize("args, rule", [
    (("lb", "target", "add", "web-lb", "--vm", "web-1"), "a load balancer sends traffic only to VMs of its own location"),
    (("lb", "create", "--name", "lb-2", "--target", "web-1"), "a load balancer's network and targets are of its own"),
    (("ip", "assign", "203.0.113.7", "--vm", "web-1"), "a floating IP is assigned only to a VM of its own location"),
])
def test_a_vm_of_another_location_is_refused_as_target_or_assignee(invoke, args, rule):
    with api(assert_all_called=False) as mock:
        _cache_every_location(invoke, mock)  # web-1 is in cyc01
        mock.get("/v1/bus02/network/load_balancers").mock(return_value=ok([LB]))
        mock.get("/v1/bus02/network/ip_addresses").mock(return_value=ok([{"address": "203.0.113.7"}]))
        write = mock.post(url__regex=r".*/(targets|load_balancers|assign)$").mock(return_value=ok({}))
        result = invoke(*args, "-l", "bus02")
    assert (result.exit_code, write.called) == (2, False)
    assert result.stderr.startswith(f"error: VM web-1 is in location cyc01, not in location bus02: {rule}")
    assert result.stderr.endswith("; nothing was sent\n")
