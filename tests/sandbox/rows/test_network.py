"""Every `net`, `ip` and `lb` row of the contract, run against the in-process sandbox, with state checks."""

from __future__ import annotations

import pytest

VM = "Ubuntu-3-16-04"  # seeded, unique name
VM_UUID = "dab38e6e-b5bf-41c5-9baa-be1f2ec47931"
SEED_NET_B = "4e5eadd3-8b11-4c34-812a-2cf97120b628"
UNKNOWN = "aaaaaaaa-0000-bbbb-1111-cccccccccccc"


def test_net_rows(sb):
    seeded = sb("net", "list")
    assert [n["is_default"] for n in seeded] == [False, True]
    assert sb("net", "create")["uuid"] == seeded[1]["uuid"]  # get-or-create: the default exists
    created = sb("net", "create", "--name", "backend")
    assert (created["is_default"], created["vm_uuids"]) == (False, [])
    assert sb("net", "show", "backend")["uuid"] == created["uuid"]
    assert sb("net", "rename", "backend", "backend-2")["name"] == "backend-2"

    vm = sb("vm", "create", "--name", "net-vm-1", "--os", "ubuntu", "--os-version", "22.04-lts", "--disk-size",
            "20", "--vcpu", "1", "--ram", "1024", "--username", "ops", "--password-stdin", "--network",
            "backend-2", "--no-public-ip", input="Secret123\n")
    assert sb("net", "show", "backend-2")["vm_uuids"] == [vm["uuid"]]
    assert vm["uuid"] not in sb("net", "show", seeded[1]["uuid"])["vm_uuids"]

    assert sb("net", "set-default", "backend-2")["is_default"] is True
    assert [n["name"] for n in sb("net", "list") if n["is_default"]] == ["backend-2"]

    sb("vm", "delete", "net-vm-1", "--yes")
    assert sb("net", "show", "backend-2")["resources_count"] == 0
    sb("net", "set-default", seeded[1]["uuid"])
    sb("net", "delete", "backend-2", "--yes")
    assert "backend-2" not in [n["name"] for n in sb("net", "list")]


def test_net_delete_refusals(sb):
    # sb() asserts exit 0, so a refusal surfaces as its AssertionError carrying stderr
    holding = sb("net", "show", SEED_NET_B)
    assert holding["resources_count"] == 1
    with pytest.raises(AssertionError, match="contains resources"):
        sb("net", "delete", SEED_NET_B, "--yes")
    with pytest.raises(AssertionError, match="default network cannot be deleted"):
        sb("net", "delete", "Privat network - default", "--yes")
    with pytest.raises(AssertionError, match="No such network exists"):
        sb("net", "show", UNKNOWN)
    assert len(sb("net", "list")) == 2


def test_ip_rows(sb):
    ip = sb("ip", "create", "--name", "edge", "--billing-account", "6")
    address = ip["address"]
    assert sb("ip", "show", address)["name"] == "edge"
    assert sb("ip", "update", address, "--name", "edge-2", "--billing-account", "7")["billing_account_id"] == 7
    assert sb("ip", "assign", address, "--vm", VM)["assigned_to"] == VM_UUID
    assert [i["address"] for i in sb("ip", "list", "--vm", VM)] == [address]
    assert [i["address"] for i in sb("ip", "list", "--billing-account", "7")] == [address]
    assert sb("ip", "unassign", address, "--yes")["assigned_to"] is None
    assert sb("ip", "list", "--vm", VM_UUID) == []
    sb("ip", "delete", address, "--yes")
    assert address not in [i["address"] for i in sb("ip", "list")]
    with pytest.raises(AssertionError, match="No such floating IP exists"):
        sb("ip", "show", address)


def test_ip_rows_are_per_location_and_a_deleted_vm_leaves_its_ip_reserved(sb):
    ip = sb("ip", "create", "--billing-account", "6", "-l", "bus02")
    assert [i["address"] for i in sb("ip", "list", "-l", "bus02")] == [ip["address"]]
    assert ip["address"] not in [i["address"] for i in sb("ip", "list")]
    sb("ip", "assign", ip["address"], "--vm", "web-server", "-l", "bus02")
    sb("vm", "delete", "web-server", "--yes", "-l", "bus02")
    left = sb("ip", "show", ip["address"], "-l", "bus02")
    assert left["assigned_to"] is None


def test_lb_rows(sb):
    lb = sb("lb", "create", "--name", "web-lb", "--rule", "80:8080", "--target", VM, "--network",
            "Private network B", "--no-public-ip")
    assert lb["network_uuid"] == SEED_NET_B
    assert [(r["source_port"], r["target_port"]) for r in lb["forwarding_rules"]] == [(80, 8080)]
    assert [t["target_uuid"] for t in lb["targets"]] == [VM_UUID]
    assert [x["uuid"] for x in sb("lb", "list")] == [lb["uuid"]]
    assert sb("lb", "show", "web-lb")["display_name"] == "web-lb"
    assert sb("lb", "rename", "web-lb", "web-lb-2")["display_name"] == "web-lb-2"
    assert sb("lb", "set-billing", "web-lb-2", "7")["billing_account_id"] == 7

    sb("lb", "rule", "add", "web-lb-2", "--source-port", "443", "--target-port", "8443")
    sb("lb", "target", "add", "web-lb-2", "--vm", "DEBUGXYZ-2-buntu")
    shown = sb("lb", "show", lb["uuid"])
    assert len(shown["forwarding_rules"]) == 2 and len(shown["targets"]) == 2

    sb("lb", "rule", "remove", "web-lb-2", "443:8443", "--yes")
    sb("lb", "rule", "remove", "web-lb-2", lb["forwarding_rules"][0]["uuid"], "--yes")
    sb("lb", "target", "remove", "web-lb-2", "DEBUGXYZ-2-buntu", "--yes")
    sb("lb", "target", "remove", "web-lb-2", VM_UUID, "--yes")
    shown = sb("lb", "show", "web-lb-2")
    assert shown["forwarding_rules"] == [] and shown["targets"] == []
    assert sb("net", "show", SEED_NET_B)["resources_count"] == 2  # its VM and the load balancer

    sb("lb", "delete", "web-lb-2", "--yes")
    assert sb("lb", "list") == []
    with pytest.raises(AssertionError, match="No such load balancer exists"):
        sb("lb", "show", lb["uuid"])


def test_lb_with_a_public_ip_leaves_it_reserved_when_deleted(sb):
    lb = sb("lb", "create", "--name", "edge-lb")
    ip = [i for i in sb("ip", "list") if i["assigned_to"] == lb["uuid"]]
    assert [i["assigned_to_resource_type"] for i in ip] == ["load_balancer"]
    sb("lb", "delete", "edge-lb", "--yes")
    assert sb("ip", "show", ip[0]["address"])["assigned_to"] is None
