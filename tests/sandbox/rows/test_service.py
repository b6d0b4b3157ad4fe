"""Every `service` row of the contract, run against the in-process sandbox, with state checks.

respx tests pin the exact requests; this checks the same commands work
against a stateful server: packages are created, listed, renamed and
deleted, secrets belong to their package, whitelist changes stick.
"""

from __future__ import annotations

import threading

import httpx
import pytest

from tests.conftest import KEY

PG = "71cddf54-35ed-4f6e-bdf7-d344bbf0a546"  # seeded "My Postgre Service 14.0", whitelist of two
MARIA = "82d820e9-8ccb-4b7b-90cd-166e3f550851"  # seeded "Maria5", empty whitelist
UNKNOWN = "aaaaaaaa-0000-bbbb-1111-cccccccccccc"


@pytest.fixture
def sandbox_env(sandbox_env):
    """Services are created on billing account 12."""
    return {**sandbox_env, "IDCCTL_BILLING_ACCOUNT": "12"}


@pytest.fixture
def server(sandbox):
    return sandbox.url


def test_reads_of_the_seeded_examples(sb):
    listed = sb("service", "list")
    assert {p["display_name"]: p["service"] for p in listed} == {"Maria5": "mariadb",
                                                                 "My Postgre Service 14.0": "postgresql"}
    shown = sb("service", "show", "Maria5")
    assert shown["uuid"] == MARIA and shown["properties"]["port"] == 3306
    assert sb("service", "secrets", PG) == {"sql_pass": "MKL-TosvErik"}
    assert sb("service", "whitelist", "list", "My Postgre Service 14.0") == ["10.123.8.0/24", "176.112.157.203"]
    assert sb("service", "whitelist", "list", "Maria5") == []


def test_lifecycle(sb, invoke, server):
    created = sb("service", "create", "--service", "postgresql", "--version", "14.0", "--name", "rows-db",
                 "--cpu", "2", "--ram", "2048", "--disk", "40", "--param", "location=jkt01", "--multi-node")
    uuid = created["uuid"]
    assert created["display_name"] == "rows-db" and created["billing_account_id"] == 12
    assert created["properties"]["location"] == "jkt01" and created["is_multi_node"] is True
    nodes = [r for r in created["resources"] if r["resource_type"] == "vm"]
    assert nodes and all(n["resource_allocation"]["vcpu"] == 2 for n in nodes)
    assert uuid in [p["uuid"] for p in sb("service", "list")]

    renamed = sb("service", "update", "rows-db", "--name", "rows-db-2", "--billing-account", "13")
    assert renamed["display_name"] == "rows-db-2"
    assert sb("service", "show", uuid)["billing_account_id"] == 13

    password = sb("service", "secrets", "rows-db-2")["sql_pass"]
    assert password and password != "MKL-TosvErik"

    assert sb("service", "whitelist", "add", "rows-db-2", "203.0.113.7") == ["203.0.113.7"]
    assert sb("service", "whitelist", "add", "rows-db-2", "10.9.0.0/16") == ["203.0.113.7", "10.9.0.0/16"]
    assert sb("service", "whitelist", "add", "rows-db-2", "203.0.113.7/32") == ["203.0.113.7", "10.9.0.0/16"]
    assert sb("service", "whitelist", "remove", "rows-db-2", "203.0.113.7", "--yes") == ["10.9.0.0/16"]
    sb("service", "whitelist", "remove", "rows-db-2", "203.0.113.7", "--yes", expect=4)
    assert sb("service", "whitelist", "list", uuid) == ["10.9.0.0/16"]
    # The seeded packages' whitelists are untouched.
    assert sb("service", "whitelist", "list", PG) == ["10.123.8.0/24", "176.112.157.203"]

    gone = sb("service", "delete", "rows-db-2", "--yes")
    assert gone["status"] == "deleted" and gone["is_deleted"] is True
    assert gone["resources"] and all(r["resource_allocation"] == {} for r in gone["resources"])
    assert uuid not in [p["uuid"] for p in sb("service", "list")]
    sb("service", "show", uuid, expect=4)
    sb("service", "secrets", uuid, expect=4)


def test_refusals_change_nothing(sb):
    sb("service", "whitelist", "add", PG, "300.1.1.1", expect=2)
    sb("service", "delete", PG, expect=2)  # no terminal, no --yes
    sb("service", "whitelist", "remove", PG, "10.123.8.0/24", expect=2)
    sb("service", "whitelist", "remove", PG, "10.123.8.0/24", "--dry-run")
    assert sb("service", "whitelist", "list", PG) == ["10.123.8.0/24", "176.112.157.203"]
    assert len(sb("service", "list")) == 2


@pytest.mark.parametrize("method, path", [
    ("GET", f"/v1/user-resource/service/package/{UNKNOWN}"),
    ("PATCH", f"/v1/user-resource/service/package/{UNKNOWN}"),
    ("DELETE", f"/v1/user-resource/service/package/{UNKNOWN}"),
    ("GET", f"/v1/user-resource/service/package/{UNKNOWN}/secrets"),
    ("GET", f"/v1/user-resource/service/package/{UNKNOWN}/whitelist_addresses"),
    ("POST", f"/v1/user-resource/service/package/{UNKNOWN}/whitelist_addresses"),
])
def test_unknown_uuid_answers_the_not_found_shape(server, method, path):
    response = httpx.request(method, server + path, headers={"apikey": KEY}, data={"ip_address": "1.2.3.4"})
    assert response.status_code == 400
    assert response.json() == {"errors": {"Error": f"No such service package exists. {UNKNOWN}"}}


def test_create_checks_fields_and_wants_parameters_as_json_text(server):
    url = server + "/v1/user-resource/service/package"
    good = {"billing_account_id": 12, "service": "mariadb", "version": "10.5", "display_name": "m",
            "vm_cpu": 1, "vm_ram": 1024, "vm_disk_gb": 20}
    missing = httpx.post(url, headers={"apikey": KEY}, json={k: v for k, v in good.items() if k != "service"})
    assert missing.status_code == 400 and missing.json() == {"errors": {"service": "Missing data for required field."}}
    as_object = httpx.post(url, headers={"apikey": KEY}, json={**good, "package_parameters": {"location": "x"}})
    assert as_object.status_code == 400 and "package_parameters" in as_object.json()["errors"]
    as_text = httpx.post(url, headers={"apikey": KEY}, json={**good, "package_parameters": '{"location": "x"}'})
    assert as_text.status_code == 200 and as_text.json()["properties"]["location"] == "x"
    bad_entry = httpx.post(f"{server}/v1/user-resource/service/package/{PG}/whitelist_addresses",
                           headers={"apikey": KEY}, data={"ip_address": "1.2.3.4/8"})
    assert bad_entry.status_code == 400 and "ip_address" in bad_entry.json()["errors"]


def test_state_survives_a_restart(tmp_path):
    from idcctl.sandbox.server import make_server

    state_file = str(tmp_path / "state.json")
    first = make_server(port=0, state_file=state_file)
    threading.Thread(target=first.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{first.server_address[1]}/v1/user-resource/service/package/{MARIA}"
    assert httpx.post(base + "/whitelist_addresses", headers={"apikey": KEY},
                      data={"ip_address": "1.2.3.0/24"}).json() == ["1.2.3.0/24"]
    first.shutdown()
    first.server_close()
    second = make_server(port=0, state_file=state_file)
    threading.Thread(target=second.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{second.server_address[1]}/v1/user-resource/service/package/{MARIA}"
    assert httpx.get(base + "/whitelist_addresses", headers={"apikey": KEY}).json() == ["1.2.3.0/24"]
    assert "_secrets" not in httpx.get(base, headers={"apikey": KEY}).json()
    second.shutdown()
