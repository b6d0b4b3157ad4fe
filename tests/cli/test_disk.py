"""`disk` commands: exact requests, tables, local validation, attach/detach, confirmations."""

from __future__ import annotations

import httpx
import pytest

from tests.cli.conftest import VM_PATH, api, form_of, make_vm, ok
from tests.conftest import BASE

D1 = "05a61876-86f3-4b05-b0ec-53ee6fa03ced"
D2 = "cef3a629-89b0-40ec-986b-4b6e831f9b64"
SNAP = "8ae9b8e2-54b5-4163-b692-1327ec39ce35"
VM1 = "5052bf02-044a-4d35-a803-d6b156f84beb"
DISKS = "/v1/storage/disks"
EMPTY_DISK = {"uuid": D1, "status": "Active", "snapshots": [], "user_id": 28, "billing_account_id": 129072,
              "size_gb": 50, "source_image_type": "EMPTY", "created_at": "2022-09-01T12:03:14.355+0000",
              "updated_at": "2022-09-01T12:03:14.355+0000"}
OS_DISK = {"uuid": D2, "status": "Active", "snapshots": [
    {"uuid": SNAP, "sizeGb": 20, "created_at": "2022-09-02T01:31:51.065+0000", "disk_uuid": D2}],
    "user_id": 28, "billing_account_id": 129552, "size_gb": 30, "source_image_type": "OS_BASE",
    "source_image": "ubuntu_20.04", "created_at": "2022-08-25T09:26:21.171+0000",
    "updated_at": "2022-08-25T09:26:32.857+0000"}
WEB = make_vm("web-1", VM1)
HOLDER = make_vm("web-1", VM1, disks=(("vda", VM1, 20), ("vdb", D1, 50)))
ATTACHED = {"created_at": "2022-09-08 14:20:16", "name": "vdb", "primary": False, "replica": [],
            "size": 50, "user_id": 28, "uuid": D1}


def test_list_table_exact(invoke):
    with api() as mock:
        mock.get(DISKS).mock(return_value=ok([EMPTY_DISK, OS_DISK]))
        result = invoke("disk", "list")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "UUID                                  SIZE    STATUS  SOURCE                BILLING ACCOUNT  SNAPSHOTS  CREATED\n"
        f"{D1}  50 GiB  Active  EMPTY                 129072           0          2022-09-01 12:03:14\n"
        f"{D2}  30 GiB  Active  OS_BASE ubuntu_20.04  129552           1          2022-08-25 09:26:21\n"
    )


def test_list_json_is_unchanged_and_quiet_prints_uuids(invoke):
    with api() as mock:
        mock.get(DISKS).mock(return_value=ok([EMPTY_DISK, OS_DISK]))
        assert invoke("disk", "list", "-o", "json").json() == [EMPTY_DISK, OS_DISK]
        assert invoke("disk", "list", "-q").stdout == f"{D1}\n{D2}\n"


def test_show_includes_its_snapshots(invoke):
    with api() as mock:
        mock.get(f"{DISKS}/{D2}").mock(return_value=ok(OS_DISK))
        result = invoke("disk", "show", D2)
    assert result.exit_code == 0, result.stderr
    assert "source_image        ubuntu_20.04\n" in result.stdout
    assert result.stdout.endswith(
        "snapshots:\n"
        "UUID                                  SIZEGB  CREATED AT           DISK UUID\n"
        f"{SNAP}  20      2022-09-02 01:31:51  {D2}\n")


def test_show_rejects_a_non_uuid_without_sending(invoke):
    with api(assert_all_called=False) as mock:
        result = invoke("disk", "show", "vdb")
        assert mock.calls.call_count == 0
    assert result.exit_code == 2
    assert "'vdb' is not a disk UUID" in result.stderr


def test_show_unknown_disk_exits_4(invoke):
    with api() as mock:
        mock.get(f"{DISKS}/{D1}").mock(return_value=httpx.Response(
            400, json={"errors": {"Error": f"No such disk exists. {D1}"}}))
        result = invoke("disk", "show", D1)
    assert result.exit_code == 4
    assert "No such disk exists" in result.stderr


def test_create_empty_sends_the_reference_form(invoke):
    with api() as mock:
        route = mock.post(DISKS).mock(return_value=ok(EMPTY_DISK))
        result = invoke("disk", "create", "--size", "50", "--billing-account", "129673", "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert form_of(route) == {"size_gb": "50", "billing_account_id": "129673", "source_image_type": "EMPTY"}
    assert result.json() == EMPTY_DISK
    assert f"idcctl disk attach {D1} --vm VM" in result.stderr


def test_create_billing_account_falls_back_to_the_profile_setting(invoke):
    assert invoke("config", "set", "billing_account", "129552").exit_code == 0
    with api() as mock:
        route = mock.post(DISKS).mock(return_value=ok(OS_DISK))
        result = invoke("disk", "create", "--source-type", "snapshot", "--source", SNAP)
    assert result.exit_code == 0, result.stderr
    assert form_of(route) == {"billing_account_id": "129552", "source_image_type": "SNAPSHOT",
                              "source_image": SNAP}


def test_create_from_os_base(invoke):
    with api() as mock:
        route = mock.post(DISKS).mock(return_value=ok(OS_DISK))
        result = invoke("disk", "create", "--source-type", "OS_BASE", "--source", "ubuntu_20.04", "--size", "30")
    assert result.exit_code == 0, result.stderr
    assert form_of(route) == {"size_gb": "30", "source_image_type": "OS_BASE", "source_image": "ubuntu_20.04"}


@pytest.mark.parametrize("args, message", [
    (["--source-type", "SNAPSHOT"], "--source is required with --source-type SNAPSHOT"),
    (["--source-type", "DISK", "--source", "vdb"], "--source 'vdb' must be a disk UUID"),
    (["--source-type", "SNAPSHOT", "--source", "snap-1", "--size", "5"], "must be a snapshot UUID"),
    (["--source-type", "OS_BASE"], "--source is required with --source-type OS_BASE"),
    (["--source-type", "CLOUD", "--size", "5"], "--source-type 'CLOUD' is not one of EMPTY, OS_BASE"),
    ([], "--size is required for an EMPTY disk"),
    (["--size", "5", "--source", "ubuntu_20.04"], "--source is not used with --source-type EMPTY"),
    (["--size", "0"], "--size"),
])
def test_create_validation_sends_nothing(invoke, args, message):
    with api(assert_all_called=False) as mock:
        result = invoke("disk", "create", *args)
        assert mock.calls.call_count == 0
    assert result.exit_code == 2
    assert message in result.stderr


def test_update_moves_the_billing_account(invoke):
    with api() as mock:
        route = mock.patch(f"{DISKS}/{D1}").mock(return_value=ok(EMPTY_DISK))
        result = invoke("disk", "update", D1, "--billing-account", "129072", "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert form_of(route) == {"billing_account_id": "129072"}


def test_update_requires_the_billing_account(invoke):
    with api(assert_all_called=False) as mock:
        result = invoke("disk", "update", D1)
        assert mock.calls.call_count == 0
    assert result.exit_code == 2 and "--billing-account" in result.stderr


def _delete_routes(mock, vms):
    mock.get(f"{DISKS}/{D1}").mock(return_value=ok({**EMPTY_DISK, "snapshots": OS_DISK["snapshots"]}))
    mock.get(f"{VM_PATH}/list").mock(return_value=ok(vms))
    return mock.delete(f"{DISKS}/{D1}").mock(return_value=httpx.Response(204))


def test_delete_asks_naming_size_and_snapshots(invoke):
    with api() as mock:
        delete = _delete_routes(mock, [WEB])
        result = invoke("disk", "delete", D1, input="y\n", tty=True)
    assert result.exit_code == 0, result.stderr
    assert delete.called and result.stdout == ""
    assert (f"Delete disk {D1} (50 GiB, 1 snapshot), attached to no VM? Its data and snapshots will be "
            "irrecoverably lost. [y/N]: ") in result.stderr
    assert f"Deleted disk {D1} (50 GiB, 1 snapshot)." in result.stderr


def test_delete_refused_without_terminal(invoke):
    with api(assert_all_called=False) as mock:
        delete = _delete_routes(mock, [WEB])
        result = invoke("disk", "delete", D1)
    assert result.exit_code == 2 and not delete.called
    assert "pass --yes" in result.stderr


def test_delete_of_an_attached_disk_refuses_naming_the_vm(invoke):
    with api(assert_all_called=False) as mock:
        mock.get(f"{DISKS}/{D1}").mock(return_value=ok(EMPTY_DISK))
        mock.get("/v1/bus02/user-resource/vm/list").mock(return_value=ok([HOLDER]))
        delete = mock.delete(f"{DISKS}/{D1}").mock(return_value=httpx.Response(204))
        result = invoke("disk", "delete", D1, "--yes", "-l", "bus02")
    assert result.exit_code == 2 and not delete.called
    assert f"disk {D1} is attached to VM web-1 ({VM1})" in result.stderr
    assert f"idcctl disk detach {D1} --vm web-1 -l bus02" in result.stderr


def test_the_detach_command_it_suggests_is_shell_quoted(invoke):
    holder = make_vm("web 1; rm -rf ~", VM1, disks=(("vda", VM1, 20), ("vdb", D1, 50)))
    with api(assert_all_called=False) as mock:
        mock.get(f"{DISKS}/{D1}").mock(return_value=ok(EMPTY_DISK))
        mock.get(f"{VM_PATH}/list").mock(return_value=ok([holder]))
        result = invoke("disk", "delete", D1, "--yes")
    assert result.exit_code == 2
    assert f"detach it first: idcctl disk detach {D1} --vm 'web 1; rm -rf ~'; nothing was sent" in result.stderr


def test_delete_dry_run_prints_and_sends_nothing(invoke):
    with api(assert_all_called=False) as mock:
        delete = _delete_routes(mock, [WEB])
        result = invoke("disk", "delete", D1, "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert not delete.called
    assert result.stdout.splitlines()[0] == f"DELETE {BASE}{DISKS}/{D1}"


@pytest.mark.parametrize("location, prefix", [(None, "/v1"), ("bus02", "/v1/bus02")])
def test_attach_by_vm_name_in_the_location(invoke, location, prefix):
    where = ["-l", location] if location else []
    with api() as mock:
        mock.get(f"{prefix}/user-resource/vm/list").mock(return_value=ok([WEB]))
        route = mock.post(f"{prefix}/user-resource/vm/storage/attach").mock(return_value=ok(ATTACHED))
        result = invoke("disk", "attach", D1, "--vm", "web-1", *where)
    assert result.exit_code == 0, result.stderr
    assert form_of(route) == {"uuid": VM1, "storage_uuid": D1}
    assert result.stdout == (
        "created_at  2022-09-08 14:20:16\n"
        "name        vdb\n"
        "primary     no\n"
        "replica     -\n"
        "size        50\n"
        "user_id     28\n"
        f"uuid        {D1}\n")
    assert f"Attached disk {D1} to VM web-1 as vdb." in result.stderr


def test_attach_unknown_vm_exits_4_and_sends_nothing(invoke):
    with api(assert_all_called=False) as mock:
        mock.get(f"{VM_PATH}/list").mock(return_value=ok([WEB]))
        attach = mock.post(f"{VM_PATH}/storage/attach").mock(return_value=ok(ATTACHED))
        result = invoke("disk", "attach", D1, "--vm", "nope")
    assert result.exit_code == 4 and not attach.called
    assert "no VM named 'nope'" in result.stderr


def test_detach_by_vm_uuid_with_yes(invoke):
    with api() as mock:
        mock.get(VM_PATH, params={"uuid": VM1}).mock(return_value=ok(HOLDER))
        route = mock.post(f"{VM_PATH}/storage/detach").mock(return_value=ok({"success": True}))
        result = invoke("disk", "detach", D1, "--vm", VM1, "--yes", "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert form_of(route) == {"uuid": VM1, "storage_uuid": D1}
    assert result.json() == {"success": True}


def test_detach_asks_naming_the_disk_and_vm(invoke):
    with api(assert_all_called=False) as mock:
        mock.get("/v1/bus02/user-resource/vm/list").mock(return_value=ok([WEB]))
        mock.get("/v1/bus02/user-resource/vm", params={"uuid": VM1}).mock(return_value=ok(HOLDER))
        route = mock.post("/v1/bus02/user-resource/vm/storage/detach").mock(return_value=ok({"success": True}))
        result = invoke("disk", "detach", D1, "--vm", "web-1", "-l", "bus02", input="n\n", tty=True)
    assert result.exit_code == 1 and not route.called
    assert (f"Detach disk {D1} (vdb, 50 GiB) from VM web-1 ({VM1})? The VM loses it at once; "
            "programs using it will fail. The disk and its data are kept. [y/N]: ") in result.stderr


def test_detach_refused_without_terminal(invoke):
    with api(assert_all_called=False) as mock:
        mock.get(VM_PATH, params={"uuid": VM1}).mock(return_value=ok(HOLDER))
        route = mock.post(f"{VM_PATH}/storage/detach").mock(return_value=ok({"success": True}))
        result = invoke("disk", "detach", D1, "--vm", VM1)
    assert result.exit_code == 2 and not route.called


def test_detach_of_a_disk_the_vm_does_not_hold_exits_4(invoke):
    with api(assert_all_called=False) as mock:
        mock.get(VM_PATH, params={"uuid": VM1}).mock(return_value=ok(WEB))
        route = mock.post(f"{VM_PATH}/storage/detach").mock(return_value=ok({"success": True}))
        result = invoke("disk", "detach", D1, "--vm", VM1, "--yes")
    assert result.exit_code == 4 and not route.called
    assert f"disk {D1} is not attached to VM web-1" in result.stderr


def test_detach_dry_run_sends_nothing(invoke):
    with api(assert_all_called=False) as mock:
        mock.get(VM_PATH, params={"uuid": VM1}).mock(return_value=ok(HOLDER))
        route = mock.post(f"{VM_PATH}/storage/detach").mock(return_value=ok({"success": True}))
        result = invoke("disk", "detach", D1, "--vm", VM1, "--dry-run")
    assert result.exit_code == 0 and not route.called
    assert result.stdout.splitlines()[-1] == f"uuid={VM1}&storage_uuid={D1}"
