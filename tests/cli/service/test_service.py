"""`service list|show|create|update|delete` through the CLI, against respx."""

from __future__ import annotations

import json

import pytest

from tests.cli.conftest import api, ok
from tests.cli.service.conftest import DB, LIST, MARIA, PG, PKG, SHOP, package

# -- list and show ---------------------------------------------------------------------


def test_list_table_exact(invoke):
    with api() as mock:
        mock.get(LIST).mock(return_value=ok([DB, SHOP]))
        result = invoke("service", "list")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "NAME  UUID                                  ENGINE           SIZE                        LOCATION  STATUS  SERVICE IP\n"
        "db    71cddf54-35ed-4f6e-bdf7-d344bbf0a546  postgresql 14.0  2 x 1 vCPU, 1024 MB, 30 GB  jkt01     active  10.2.3.45\n"
        "shop  82d820e9-8ccb-4b7b-90cd-166e3f550851  mariadb 10.5     1 vCPU, 1024 MB, 30 GB      jkt01     active  10.2.112.44\n"
    )


def test_list_json_is_the_api_data_and_quiet_prints_uuids(invoke):
    with api() as mock:
        mock.get(LIST).mock(return_value=ok([DB, SHOP]))
        as_json = invoke("service", "list", "-o", "json")
        quiet = invoke("service", "list", "-q")
    assert as_json.json() == [DB, SHOP]
    assert quiet.stdout == f"{PG}\n{MARIA}\n"


def test_show_by_name_lays_out_properties_resources_and_prices(invoke):
    with api() as mock:
        mock.get(LIST).mock(return_value=ok([DB, SHOP]))
        mock.get(f"{PKG}/{MARIA}").mock(return_value=ok(SHOP))
        result = invoke("service", "show", "shop")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "display_name           shop\n"
        "uuid                   82d820e9-8ccb-4b7b-90cd-166e3f550851\n"
        "service                mariadb\n"
        "version                10.5\n"
        "status                 active\n"
        "is_multi_node          no\n"
        "properties.service_ip  10.2.112.44\n"
        "properties.location    jkt01\n"
        "properties.sql_user    wadmin\n"
        "properties.port        3306\n"
        "billing_account_id     12\n"
        "\n"
        "resources:\n"
        "TYPE        ID                                    LOCATION  ALLOCATION\n"
        "virtual_ip  ac08                                  jkt01     address 10.2.112.44\n"
        "vm          abb0ab92-cffa-4c93-a7a1-f0d5cb796099  jkt01     1 vCPU, 1024 MB RAM, 30 GB disk, running\n"
        "\n"
        "prices:\n"
        "RESOURCE        PRICE MULTIPLIER\n"
        "CPU             3.0\n"
        "STORAGE backup  0.0\n"
    )


def test_show_json_is_unchanged(invoke):
    with api() as mock:
        mock.get(f"{PKG}/{PG}").mock(return_value=ok(DB))
        result = invoke("service", "show", PG, "-o", "json")
    assert result.json() == DB


@pytest.mark.parametrize("ref, expected", [("nope", "no service named 'nope'"),
                                           ("twin", "2 services are named 'twin'")])
def test_unknown_or_ambiguous_name_is_exit_4(invoke, ref, expected):
    twins = [package("twin", PG), package("twin", MARIA)]
    with api() as mock:
        mock.get(LIST).mock(return_value=ok(twins))
        result = invoke("service", "show", ref)
    assert result.exit_code == 4
    assert expected in result.stderr


# -- create -------------------------------------------------------------------------------

CREATE = ("service", "create", "--service", "postgresql", "--version", "14.0", "--name", "db",
          "--cpu", "2", "--ram", "4096", "--disk", "40")


def test_create_sends_json_with_parameters_as_json_text(invoke):
    with api() as mock:
        route = mock.post(PKG).mock(return_value=ok(DB))
        result = invoke(*CREATE, "--param", "location=dc1", "--param", "note=a=b", "--multi-node",
                        "--billing-account", "12", "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert result.json() == DB
    body = json.loads(route.calls.last.request.content)
    assert body == {"billing_account_id": 12, "service": "postgresql", "version": "14.0", "display_name": "db",
                    "vm_cpu": 2, "vm_ram": 4096, "vm_disk_gb": 40,
                    "package_parameters": '{"location":"dc1","note":"a=b"}', "is_multi_node": True}
    assert f"Created service db ({PG})." in result.stderr


def test_create_takes_the_billing_account_from_the_profile(invoke):
    assert invoke("config", "set", "billing_account", "77").exit_code == 0
    with api() as mock:
        route = mock.post(PKG).mock(return_value=ok(DB))
        result = invoke(*CREATE, "-q")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"{PG}\n"
    body = json.loads(route.calls.last.request.content)
    assert body["billing_account_id"] == 77
    assert "package_parameters" not in body and "is_multi_node" not in body


@pytest.mark.parametrize("args, message", [
    (("--name", " "), "--name cannot be empty"),
    (("--cpu", "0"), "--cpu 0 is out of range (allowed: 1 to 16)"),
    (("--cpu", "17"), "--cpu 17 is out of range"),
    (("--ram", "256"), "--ram 256 MB is out of range (allowed: 512 to 65536 MB)"),
    (("--disk", "-5"), "--disk -5 GB is out of range (allowed: 20 to 240 GB)"),
    (("--disk", "1000"), "--disk 1000 GB is out of range"),
    (("--param", "location"), "--param 'location' is not KEY=VALUE"),
    (("--param", "=dc1"), "--param '=dc1' is not KEY=VALUE"),
    (("--param", "a=1", "--param", "a=2"), "--param a is given twice"),
    (("--cpu", "ten"), "--cpu"),
])
def test_create_validates_before_sending(invoke, args, message):
    with api(assert_all_called=False) as mock:
        route = mock.post(PKG).mock(return_value=ok(DB))
        result = invoke(*CREATE, *args, "--billing-account", "12")
    assert result.exit_code == 2
    assert message in result.stderr
    assert not route.called and mock.calls.call_count == 0


def test_create_reports_every_problem_at_once(invoke):
    with api(assert_all_called=False) as mock:
        result = invoke(*CREATE, "--cpu", "0", "--ram", "1", "--param", "x", "--billing-account", "12")
        assert mock.calls.call_count == 0
    assert result.exit_code == 2
    assert "--cpu 0" in result.stderr and "--ram 1 MB" in result.stderr and "--param 'x'" in result.stderr


def test_create_without_billing_account_is_exit_2(invoke):
    with api(assert_all_called=False) as mock:
        result = invoke(*CREATE)
        assert mock.calls.call_count == 0
    assert result.exit_code == 2
    assert "no billing account" in result.stderr and "config set billing_account" in result.stderr


def test_create_dry_run_prints_the_request_and_sends_nothing(invoke):
    with api(assert_all_called=False) as mock:
        route = mock.post(PKG).mock(return_value=ok(DB))
        result = invoke(*CREATE, "--param", "location=dc1", "--billing-account", "12", "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert not route.called
    assert "POST https://api.idcloudhost.test/v1/user-resource/service/package" in result.stdout
    assert '"package_parameters": "{\\"location\\":\\"dc1\\"}"' in result.stdout


# -- update and delete -----------------------------------------------------------------------

def test_update_by_name_sends_only_what_is_given(invoke):
    with api() as mock:
        mock.get(LIST).mock(return_value=ok([DB, SHOP]))
        route = mock.patch(f"{PKG}/{PG}").mock(return_value=ok({**DB, "display_name": "reports"}))
        result = invoke("service", "update", "db", "--name", "reports", "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(route.calls.last.request.content) == {"display_name": "reports"}
    assert route.calls.last.request.headers["content-type"] == "application/json"
    assert result.json()["display_name"] == "reports"


def test_update_billing_account(invoke):
    with api() as mock:
        route = mock.patch(f"{PKG}/{PG}").mock(return_value=ok(DB))
        result = invoke("service", "update", PG, "--billing-account", "13", "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(route.calls.last.request.content) == {"billing_account_id": 13}


@pytest.mark.parametrize("args", [(), ("--name", ""), ("--billing-account", "0")])
def test_update_without_a_change_is_exit_2(invoke, args):
    with api(assert_all_called=False) as mock:
        result = invoke("service", "update", PG, *args)
        assert mock.calls.call_count == 0
    assert result.exit_code == 2


def test_delete_refuses_without_a_terminal(invoke):
    with api(assert_all_called=False) as mock:
        mock.get(LIST).mock(return_value=ok([DB, SHOP]))
        route = mock.delete(f"{PKG}/{PG}").mock(return_value=ok(DB))
        result = invoke("service", "delete", "db")
    assert result.exit_code == 2
    assert "refusing to delete service db (71cddf54" in result.stderr and "--yes" in result.stderr
    assert not route.called


def test_delete_asks_naming_the_service_and_what_is_lost(invoke):
    with api() as mock:
        mock.get(f"{PKG}/{PG}").mock(return_value=ok(DB))
        route = mock.delete(f"{PKG}/{PG}").mock(return_value=ok({**DB, "status": "deleted"}))
        result = invoke("service", "delete", PG, "-o", "json", tty=True, input="y\n")
    assert result.exit_code == 0, result.stderr
    assert route.called
    assert (f"Delete service db ({PG})? The postgresql 14.0 database and all its data, its 2 VMs and "
            "their disks, its service IP 10.2.3.45 will be irrecoverably destroyed. [y/N]") in result.stderr
    assert result.json()["status"] == "deleted"


def test_delete_answered_no_sends_nothing(invoke):
    with api(assert_all_called=False) as mock:
        mock.get(f"{PKG}/{PG}").mock(return_value=ok(DB))
        route = mock.delete(f"{PKG}/{PG}").mock(return_value=ok(DB))
        result = invoke("service", "delete", PG, tty=True, input="n\n")
    assert result.exit_code != 0 and not route.called


def test_delete_with_yes_and_dry_run(invoke):
    with api(assert_all_called=False) as mock:
        mock.get(LIST).mock(return_value=ok([DB, SHOP]))
        route = mock.delete(f"{PKG}/{MARIA}").mock(return_value=ok(SHOP))
        dry = invoke("service", "delete", "shop", "--dry-run")
        assert not route.called
        done = invoke("service", "delete", "shop", "--yes")
    assert dry.exit_code == 0 and f"DELETE https://api.idcloudhost.test{PKG}/{MARIA}" in dry.stdout
    assert done.exit_code == 0, done.stderr
    assert route.call_count == 1
    assert f"Deleted service shop ({MARIA})." in done.stderr


def test_create_warns_that_location_flag_does_not_place_the_service(invoke):
    with api() as mock:
        route = mock.post(PKG).mock(return_value=ok(DB))
        result = invoke(*CREATE, "--billing-account", "12", "-l", "bus02", "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert route.calls.last.request.url.path == PKG  # never location-prefixed
    assert "pass --param location=bus02" in result.stderr
