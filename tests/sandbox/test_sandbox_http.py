"""HTTP plumbing: auth, routing, locations, headers, latency and persistence."""

from __future__ import annotations

import json
import os
import threading
import time

import httpx
import pytest

from idcctl.sandbox.server import make_server
from tests.sandbox.conftest import BUS02_VM, SEED_VM, create_vm, get_vm, stop, vm_names

NO_ROUTE = {"message": "no route and no API found"}


@pytest.mark.parametrize("headers", [{}, {"apikey": ""}])
def test_request_without_apikey_is_401(sandbox, headers):
    response = httpx.get(sandbox.url + "/v1/user-resource/user", headers=headers)
    assert response.status_code == 401
    assert response.json() == {"message": "No API key found in request"}


def test_any_non_empty_apikey_is_accepted(sandbox):
    response = httpx.get(sandbox.url + "/v1/user-resource/user", headers={"apikey": "whatever"})
    assert response.status_code == 200
    assert response.json()["name"] == "user@example.com"


@pytest.mark.parametrize("method, path", [
    ("GET", "/v1/no/such/thing"),
    ("GET", "/v2/user-resource/user"),
    ("GET", "/"),
    ("PUT", "/v1/user-resource/vm"),          # known path, unimplemented method
    ("POST", "/v1/user-resource/vm/list"),
    ("GET", "/v1/storage/volumes"),           # no such endpoint in the storage section
])
def test_unknown_route_is_404_with_gateway_message(api, method, path):
    response = api.request(method, path)
    assert response.status_code == 404
    assert response.json() == NO_ROUTE


@pytest.mark.parametrize("path", ["/v1/nowhere9/user-resource/vm/list", "/v1/zz/config/locations"])
def test_unknown_location_is_404(api, path):
    response = api.get(path)
    assert response.status_code == 404
    assert response.json() == NO_ROUTE


def test_every_answer_is_json_with_correlation_id(api):
    ids = set()
    for path in ("/v1/user-resource/user", "/v1/nope", "/v1/user-resource/vm?uuid=x"):
        response = api.get(path)
        assert response.headers["content-type"] == "application/json"
        correlation = response.headers["x-warren-correlation-id"]
        int(correlation, 16)  # hex
        ids.add(correlation)
    assert len(ids) == 3


def test_location_list_and_prefix_on_global_paths(api):
    unprefixed = api.get("/v1/config/locations").json()
    prefixed = api.get("/v1/bus02/config/locations").json()
    assert unprefixed == prefixed
    assert [(l["slug"], l["is_default"], l["display_name"]) for l in unprefixed] == [
        ("cyc01", True, "Cycletown"), ("bus02", False, "Busburg")]


def test_prefixed_and_unprefixed_default_location_share_state(api):
    vm = create_vm(api, prefix="/cyc01", name="made-in-cyc01")
    assert "made-in-cyc01" in vm_names(api)
    assert get_vm(api, vm["uuid"])["uuid"] == vm["uuid"]
    api.post("/v1/user-resource/vm/stop", data={"uuid": SEED_VM})
    assert get_vm(api, SEED_VM, prefix="/cyc01")["status"] == "stopped"


def test_locations_are_separate(api):
    assert len(vm_names(api)) == 5
    assert vm_names(api, "/bus02") == ["web-server"]
    create_vm(api, prefix="/bus02", name="bus-only")
    assert "bus-only" not in vm_names(api)
    missing = api.get("/v1/bus02/user-resource/vm", params={"uuid": SEED_VM})
    assert missing.status_code == 400
    assert get_vm(api, BUS02_VM, "/bus02")["name"] == "web-server"


def test_custom_locations(start_sandbox):
    api = start_sandbox(locations=["abc1", "cyc01", "xyz9"]).client
    locations = api.get("/v1/config/locations").json()
    assert [l["slug"] for l in locations] == ["abc1", "cyc01", "xyz9"]
    assert [l["is_default"] for l in locations] == [True, False, False]
    assert locations[2]["display_name"] == "xyz9" and locations[2]["order_nr"] == 3
    assert locations[1]["display_name"] == "Cycletown"
    assert len(vm_names(api)) == 5  # the default location gets the List VMs example
    assert vm_names(api, "/cyc01") == ["web-server"]
    assert vm_names(api, "/xyz9") == []
    assert api.get("/v1/bus02/user-resource/vm/list").status_code == 404


@pytest.mark.parametrize("bad", [["user-resource"], ["a", "a"], ["Bad Slug"]])
def test_make_server_rejects_bad_locations(bad):
    with pytest.raises(ValueError):
        make_server(locations=bad)


def test_invalid_json_body_is_400(api):
    response = api.post("/v1/network/ip_addresses", content=b"{nope",
                        headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert response.json() == {"message": "Request body is not valid JSON."}


def test_latency_delays_each_answer(start_sandbox):
    api = start_sandbox(latency=0.2).client
    started = time.monotonic()
    assert api.get("/v1/user-resource/user").status_code == 200
    assert time.monotonic() - started >= 0.2


def test_latency_is_not_serialised_by_the_state_lock(start_sandbox):
    # Eight calls of 0.4 s each take 3.2 s if the lock serialises them; overlapped they take
    # about 0.4 s. Half the serial time leaves room for a machine under heavy load.
    sandbox = start_sandbox(latency=0.4)
    results = []

    def call():
        results.append(httpx.get(sandbox.url + "/v1/user-resource/vm/list",
                                 headers={"apikey": "k"}).status_code)

    threads = [threading.Thread(target=call) for _ in range(8)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [200] * 8
    assert time.monotonic() - started < 0.4 * 8 / 2


def test_state_survives_restart(start_sandbox, tmp_path):
    state_file = tmp_path / "sandbox.json"
    first = start_sandbox(state_file=str(state_file))
    vm = create_vm(first.client, name="persisted-vm")
    first.client.post("/v1/user-resource/token", data={"description": "kept"})
    first.client.request("DELETE", "/v1/network/ip_addresses/1.1.1.1")
    first.client.post("/v1/bus02/user-resource/vm/start", data={"uuid": BUS02_VM})
    stop(first)
    assert json.loads(state_file.read_text())["locations"]["cyc01"]["vms"][0]["name"] == "persisted-vm"
    assert [p.name for p in tmp_path.iterdir()] == ["sandbox.json"]  # no temp files left over

    second = start_sandbox(state_file=str(state_file)).client
    assert get_vm(second, vm["uuid"])["name"] == "persisted-vm"
    assert "kept" in [t["description"] for t in second.get("/v1/user-resource/token/list").json()]
    addresses = [ip["address"] for ip in second.get("/v1/network/ip_addresses").json()]
    assert "1.1.1.1" not in addresses and len(addresses) == 1
    assert get_vm(second, BUS02_VM, "/bus02")["status"] == "running"


def test_reads_do_not_write_the_state_file(start_sandbox, tmp_path):
    state_file = tmp_path / "state.json"
    api = start_sandbox(state_file=str(state_file)).client
    api.get("/v1/user-resource/vm/list")
    assert not state_file.exists()
    api.patch("/v1/user-resource/user/profile", data={"first_name": "Saved"})
    assert os.path.getsize(state_file) > 0


def test_concurrent_writes_are_serialised(start_sandbox, tmp_path):
    sandbox = start_sandbox(state_file=str(tmp_path / "nested" / "state.json"))

    def create(i):
        httpx.post(sandbox.url + "/v1/user-resource/token", data={"description": f"t{i}"},
                   headers={"apikey": "k"})

    threads = [threading.Thread(target=create, args=(i,)) for i in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    tokens = sandbox.client.get("/v1/user-resource/token/list").json()
    assert len(tokens) == 14 and len({t["id"] for t in tokens}) == 14
    saved = json.loads((tmp_path / "nested" / "state.json").read_text())
    assert len(saved["tokens"]) == 14


def test_corrupt_state_file_is_reported(tmp_path):
    bad = tmp_path / "state.json"
    bad.write_text("not json")
    with pytest.raises(ValueError, match="state"):
        make_server(state_file=str(bad))


def test_a_repeated_form_field_reaches_a_handler_as_a_list():
    from idcctl.sandbox.body import parameters

    assert parameters(b"public_keys=a&name=x&public_keys=b+c&public_keys=d", "application/x-www-form-urlencoded") == {
        "public_keys": ["a", "b c", "d"], "name": "x"}
