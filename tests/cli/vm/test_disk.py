"""`vm disk add|resize|remove` and `vm snapshot list|create|delete`."""

from __future__ import annotations

import pytest
from tests.cli.vm.test_list import D2, DB, U1, U2, VM_PATH, WEB, api, form_of, make_vm, ok

NEW_DISK = {"created_at": "2019-08-14 13:57:44", "name": "vdc", "pool": "default", "primary": False,
            "replica": [], "shared": False, "size": 50, "type": "block",
            "uuid": "6e6f04e2-6a54-4bd4-a3b6-9f1a2f0c6d11"}

# -- disk -----------------------------------------------------------------------------


def test_disk_add_table_exact(invoke):
    with api() as mock:
        mock.get(f"{VM_PATH}/list").mock(return_value=ok([WEB, DB]))
        route = mock.post(f"{VM_PATH}/storage").mock(return_value=ok(NEW_DISK))
        result = invoke("vm", "disk", "add", "db-1", "--size", "50")
    assert result.exit_code == 0, result.stderr
    assert form_of(route) == {"uuid": U2, "size_gb": "50"}
    assert result.stdout == (
        "created_at  2019-08-14 13:57:44\n"
        "name        vdc\n"
        "pool        default\n"
        "primary     no\n"
        "replica     -\n"
        "shared      no\n"
        "size        50\n"
        "type        block\n"
        "uuid        6e6f04e2-6a54-4bd4-a3b6-9f1a2f0c6d11\n"
    )


@pytest.mark.parametrize("size", ["0", "-5", "ten"])
def test_disk_add_rejects_bad_sizes_before_any_request(invoke, size):
    with api(assert_all_called=False) as mock:
        result = invoke("vm", "disk", "add", U1, "--size", size)
        assert mock.calls.call_count == 0
    assert result.exit_code == 2
    assert "--size" in result.stderr


def test_disk_resize_by_disk_name(invoke):
    grown = {**NEW_DISK, "name": "vdb", "uuid": D2, "size": 120}
    with api() as mock:
        mock.get(VM_PATH, params={"uuid": U2}).mock(return_value=ok(DB))
        route = mock.patch(f"{VM_PATH}/storage").mock(return_value=ok(grown))
        result = invoke("vm", "disk", "resize", U2, "vdb", "--size", "120", "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert form_of(route) == {"uuid": U2, "disk_uuid": D2, "size_gb": "120"}
    assert result.json() == grown


def test_disk_resize_refuses_to_shrink_without_sending(invoke):
    with api(assert_all_called=False) as mock:
        mock.get(VM_PATH, params={"uuid": U2}).mock(return_value=ok(DB))
        patch = mock.patch(f"{VM_PATH}/storage").mock(return_value=ok(NEW_DISK))
        result = invoke("vm", "disk", "resize", U2, D2, "--size", "50")
    assert result.exit_code == 2 and not patch.called
    assert "disk vdb is 100 GB; it cannot shrink to 50 GB" in result.stderr


def test_disk_resize_unknown_disk_exits_4(invoke):
    with api() as mock:
        mock.get(VM_PATH, params={"uuid": U2}).mock(return_value=ok(DB))
        result = invoke("vm", "disk", "resize", U2, "vdz", "--size", "200")
    assert result.exit_code == 4
    assert "no disk of VM db-1" in result.stderr and "'vdz'" in result.stderr


def test_disk_remove_refused_without_terminal(invoke):
    with api(assert_all_called=False) as mock:
        mock.get(f"{VM_PATH}/list").mock(return_value=ok([WEB, DB]))
        delete = mock.delete(f"{VM_PATH}/storage").mock(return_value=ok({"success": True}))
        result = invoke("vm", "disk", "remove", "db-1", "vdb")
    assert result.exit_code == 2 and not delete.called


def test_disk_remove_confirmed_shows_the_disk_size(invoke):
    with api() as mock:
        mock.get(f"{VM_PATH}/list").mock(return_value=ok([WEB, DB]))
        delete = mock.delete(f"{VM_PATH}/storage").mock(return_value=ok({"success": True}))
        result = invoke("vm", "disk", "remove", "db-1", "vdb", tty=True, input="y\n", env={"IDCCTL_OUTPUT": "json"})
    assert result.exit_code == 0, result.stderr
    assert form_of(delete) == {"uuid": U2, "storage_uuid": D2}
    assert result.json() == {"success": True}
    assert (f"Remove disk vdb ({D2}, 100 GB) from VM db-1 ({U2})? Its data will be irrecoverably lost."
            in result.stderr)


def test_disk_remove_boot_disk_is_refused_locally(invoke):
    with api(assert_all_called=False) as mock:
        mock.get(f"{VM_PATH}/list").mock(return_value=ok([WEB, DB]))
        delete = mock.delete(f"{VM_PATH}/storage").mock(return_value=ok({"success": True}))
        result = invoke("vm", "disk", "remove", "db-1", "vda", "--yes")
    assert result.exit_code == 2 and not delete.called
    assert "is the boot disk of VM db-1" in result.stderr


# -- snapshot ---------------------------------------------------------------------------

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
