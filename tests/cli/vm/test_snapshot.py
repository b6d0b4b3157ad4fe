"""`vm snapshot list|create|delete`."""

from __future__ import annotations

import httpx
import respx

from tests.cli.conftest import DB, U1, VM_PATH, WEB, api, form_of, make_vm, ok
from tests.conftest import BASE

# -- snapshot ---------------------------------------------------------------------------

UUID = "0f1e2d3c-4b5a-4968-8776-655443322110"
VM_URL = f"{BASE}/v1/user-resource/vm"


REPLICA = {"created_at": "2018-12-21 14:05:35.509898", "id": 866, "master_id": 1120, "master_uuid": U1,
           "pool": "", "size": 20, "type": "snapshot", "updated_at": None,
           "uuid": f"{U1}2018-12-21-14-05-33"}


def test_snapshot_list_with_type(invoke):
    with api() as mock:
        mock.get(f"{VM_PATH}/list").mock(return_value=ok([WEB, DB]))
        route = mock.get(f"{VM_PATH}/replica").mock(return_value=ok([{**REPLICA, "type": "backup"}]))
        result = invoke("vm", "snapshot", "list", "web-1", "--type", "backup")
    assert result.exit_code == 0, result.stderr
    assert dict(route.calls.last.request.url.params) == {"uuid": U1, "r_type": "backup"}
    assert result.stdout.splitlines() == [
        "UUID                                                     TYPE    SIZE GB  MASTER"
        "                                CREATED",
        f"{U1}2018-12-21-14-05-33  backup  20       {U1}  2018-12-21 14:05:35",
    ]


def test_snapshot_list_without_type_leaves_it_to_the_api(invoke):
    with api() as mock:
        route = mock.get(f"{VM_PATH}/replica").mock(return_value=ok([]))
        result = invoke("vm", "snapshot", "list", U1, "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert dict(route.calls.last.request.url.params) == {"uuid": U1}
    assert result.json() == []


def test_snapshot_list_rejects_unknown_type_before_any_request(invoke):
    with api(assert_all_called=False) as mock:
        result = invoke("vm", "snapshot", "list", U1, "--type", "weekly")
        assert mock.calls.call_count == 0
    assert result.exit_code == 2
    assert "--type must be snapshot or backup" in result.stderr


def test_snapshot_create(invoke):
    answer = {**WEB["storage"][0], "replica": [REPLICA]}
    with api() as mock:
        route = mock.post(f"{VM_PATH}/replica").mock(return_value=ok(answer))
        result = invoke("vm", "snapshot", "create", U1, "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert form_of(route) == {"uuid": U1}
    assert result.json() == answer


def test_snapshot_delete_refused_without_terminal(invoke):
    with api(assert_all_called=False) as mock:
        mock.get(f"{VM_PATH}/list").mock(return_value=ok([WEB]))
        delete = mock.delete(f"{VM_PATH}/replica").mock(return_value=ok({"success": True}))
        result = invoke("vm", "snapshot", "delete", REPLICA["uuid"])
    assert result.exit_code == 2 and not delete.called


def test_snapshot_delete_prompt_names_the_vm_it_belongs_to(invoke):
    owner = make_vm("web-1", U1)
    owner["storage"][0]["replica"] = [REPLICA]
    with api() as mock:
        mock.get(f"{VM_PATH}/list").mock(return_value=ok([DB, owner]))
        delete = mock.delete(f"{VM_PATH}/replica").mock(return_value=ok({"success": True}))
        result = invoke("vm", "snapshot", "delete", REPLICA["uuid"], tty=True, input="y\n")
    assert result.exit_code == 0, result.stderr
    assert form_of(delete) == {"replica_uuid": REPLICA["uuid"]}
    assert f"Delete replica {REPLICA['uuid']} of VM web-1 ({U1})? " in result.stderr


def test_snapshot_delete_with_yes_of_an_unknown_owner(invoke):
    with api() as mock:
        mock.get(f"{VM_PATH}/list").mock(return_value=ok([DB]))
        delete = mock.delete(f"{VM_PATH}/replica").mock(return_value=ok({"success": True}))
        result = invoke("vm", "snapshot", "delete", "some-backup-id", "--yes")
    assert result.exit_code == 0, result.stderr
    assert form_of(delete) == {"replica_uuid": "some-backup-id"}
    assert "Deleted replica some-backup-id." in result.stderr


def test_snapshot_create_quiet_prints_the_new_snapshot(invoke):
    disk = {"uuid": "disk-1", "replica": [
        {"uuid": "old-snap", "created_at": "2018-02-22 14:24:51"},
        {"uuid": "new-snap", "created_at": "2024-05-01 10:00:00"}]}
    with respx.mock() as mock:
        mock.post(f"{VM_URL}/replica").mock(return_value=httpx.Response(200, json=disk))
        result = invoke("vm", "snapshot", "create", UUID, "-q")
    assert (result.exit_code, result.stdout) == (0, "new-snap\n")
