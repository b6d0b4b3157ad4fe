"""Floating IPs: JSON bodies, location scope, assignment, empty-body delete."""

from __future__ import annotations

import pytest

from tests.sandbox.conftest import SEED_VM, UNKNOWN_VM, create_vm

IPS = "/v1/network/ip_addresses"


def test_seeded_example_ip_is_unassigned(api):
    ips = api.get(IPS).json()
    assert [(ip["address"], ip["assigned_to"]) for ip in ips] == [("1.1.1.1", None)]
    assert api.get("/v1/bus02/network/ip_addresses").json() == []


@pytest.mark.parametrize("path", [IPS, IPS + "/"])
def test_create_with_json_body(api, path):
    ip = api.post(path, json={"name": "my_ip", "billing_account_id": 6}).json()
    assert (ip["name"], ip["billing_account_id"], ip["assigned_to"]) == ("my_ip", 6, None)
    assert api.get(f"{IPS}/{ip['address']}").json() == ip
    assert len(api.get(IPS).json()) == 2


def test_create_requires_billing_account(api):
    answer = api.post(IPS, json={"name": "x"})
    assert answer.status_code == 400 and "billing_account_id" in answer.json()["errors"]


def test_list_filters(api):
    vm = create_vm(api)
    api.post(IPS, json={"name": "other", "billing_account_id": 9})
    by_vm = api.get(IPS, params={"vm_uuid": vm["uuid"]}).json()
    assert [ip["assigned_to"] for ip in by_vm] == [vm["uuid"]]
    by_account = api.get(IPS, params={"billing_account_id": "9"}).json()
    assert [ip["name"] for ip in by_account] == ["other"]


def test_update_and_delete_with_empty_body(api):
    updated = api.patch(f"{IPS}/1.1.1.1", json={"name": "renamed", "billing_account_id": 7})
    assert (updated.json()["name"], updated.json()["billing_account_id"]) == ("renamed", 7)
    deleted = api.delete(f"{IPS}/1.1.1.1")
    assert deleted.status_code == 200
    assert deleted.content == b""
    assert deleted.headers["content-type"] == "application/json"
    missing = api.get(f"{IPS}/1.1.1.1")
    assert missing.status_code == 400
    assert missing.json() == {"errors": {"Error": "No such floating IP exists. 1.1.1.1"}}


def test_assign_and_unassign(api):
    assigned = api.post(f"{IPS}/1.1.1.1/assign", json={"vm_uuid": SEED_VM}).json()
    assert assigned["assigned_to"] == SEED_VM
    assert assigned["assigned_to_private_ip"] == "10.1.14.250"
    assert api.get(IPS, params={"vm_uuid": SEED_VM}).json()[0]["address"] == "1.1.1.1"
    unassigned = api.post(f"{IPS}/1.1.1.1/unassign").json()
    assert unassigned["assigned_to"] is None and "unassigned_at" in unassigned
    assert api.get(IPS, params={"vm_uuid": SEED_VM}).json() == []


def test_assign_to_unknown_vm_or_taken_ip(api):
    unknown = api.post(f"{IPS}/1.1.1.1/assign", json={"vm_uuid": UNKNOWN_VM})
    assert unknown.json() == {"errors": {"Error": f"No such virtual machine exists. {UNKNOWN_VM}"}}
    vm = create_vm(api)
    taken = api.get(IPS, params={"vm_uuid": vm["uuid"]}).json()[0]["address"]
    clash = api.post(f"{IPS}/{taken}/assign", json={"vm_uuid": SEED_VM})
    assert clash.status_code == 400 and "already assigned" in clash.json()["errors"]["Error"]


def test_ips_are_location_scoped(api):
    assert api.get("/v1/bus02/network/ip_addresses/1.1.1.1").status_code == 400
    ip = api.post("/v1/bus02/network/ip_addresses", json={"billing_account_id": 6}).json()
    assert [i["address"] for i in api.get("/v1/bus02/network/ip_addresses").json()] == [ip["address"]]
    assert ip["address"] not in [i["address"] for i in api.get(IPS).json()]
