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
    "updated_at": "2022-08-25T09:26:32.857+0000", "display_name": "Web server main"}
WEB = make_vm("web-1", VM1)
HOLDER = make_vm("web-1", VM1, disks=(("vda", VM1, 20), ("vdb", D1, 50)))
ATTACHED = {"created_at": "2022-09-08 14:20:16", "name": "vdb", "primary": False, "replica": [],
            "size": 50, "user_id": 28, "uuid": D1}


def test_list_table_exact(invoke):
    with api() as mock:
        mock.get(DISKS).mock(return_value=ok([EMPTY_DISK, {**OS_DISK, "read_only_bootable": False}]))
        result = invoke("disk", "list")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "NAME             UUID                                  SIZE    STATUS  SOURCE                BOOTABLE  "
        "BILLING ACCOUNT  SNAPSHOTS  CREATED\n"
        f"-                {D1}  50 GiB  Active  EMPTY                 -         129072           0          "
        "2022-09-01 12:03:14\n"
        f"Web server main  {D2}  30 GiB  Active  OS_BASE ubuntu_20.04  no        129552           1          "
        "2022-08-25 09:26:21\n"
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
        "UUID                                  SIZE GB  CREATED AT           DISK UUID\n"
        f"{SNAP}  20       2022-09-02 01:31:51  {D2}\n")


def test_list_read_only_bootable_asks_the_api_to_filter(invoke):
    with api() as mock:
        route = mock.get(DISKS, params={"read_only_bootable": "true"}).mock(return_value=ok([]))
        result = invoke("disk", "list", "--read-only-bootable", "-o", "json")
    assert result.exit_code == 0 and result.json() == []
    assert route.calls.last.request.url.query == b"read_only_bootable=true"


def test_show_by_name_is_one_list_call(invoke):
    with api() as mock:
        listed = mock.get(DISKS).mock(return_value=ok([EMPTY_DISK, OS_DISK]))
        result = invoke("disk", "show", "Web server main", "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert result.json() == OS_DISK and listed.call_count == 1


def test_show_an_unknown_name_is_exit_4_naming_the_list(invoke):
    with api() as mock:
        mock.get(DISKS).mock(return_value=ok([EMPTY_DISK, OS_DISK]))
        result = invoke("disk", "show", "vdb")
    assert result.exit_code == 4
    assert result.stderr == "error: no disk named 'vdb'; 'idcctl disk list' shows them\n"


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


def test_update_needs_something_to_change(invoke):
    with api(assert_all_called=False) as mock:
        result = invoke("disk", "update", D1)
        assert mock.calls.call_count == 0
    assert result.exit_code == 2 and "nothing to change" in result.stderr and "--billing-account" in result.stderr


@pytest.mark.parametrize(("args", "form"), [
    (["--name", "web-data"], {"display_name": "web-data"}),
    (["--read-only-bootable"], {"read_only_bootable": "true"}),
    (["--no-read-only-bootable", "--billing-account", "7"], {"read_only_bootable": "false", "billing_account_id": "7"}),
])
def test_update_by_name_sends_only_what_is_given(invoke, args, form):
    with api() as mock:
        mock.get(DISKS).mock(return_value=ok([EMPTY_DISK, OS_DISK]))
        route = mock.patch(f"{DISKS}/{D2}").mock(return_value=ok(OS_DISK))
        result = invoke("disk", "update", "Web server main", *args, "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert form_of(route) == form


def test_create_with_a_name(invoke):
    with api() as mock:
        route = mock.post(DISKS).mock(return_value=ok({**EMPTY_DISK, "display_name": "DB data"}))
        result = invoke("disk", "create", "--size", "50", "--name", "DB data")
    assert result.exit_code == 0, result.stderr
    assert form_of(route) == {"size_gb": "50", "display_name": "DB data", "source_image_type": "EMPTY"}
    assert f"Created disk DB data ({D1})" in result.stderr
    assert invoke("disk", "create", "--size", "5", "--name", " ").exit_code == 2


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
        mock.get(f"/v1/bus02/storage/disks/{D1}").mock(return_value=ok(EMPTY_DISK))
        mock.get("/v1/bus02/user-resource/vm/list").mock(return_value=ok([HOLDER]))
        delete = mock.delete(f"/v1/bus02/storage/disks/{D1}").mock(return_value=httpx.Response(204))
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
        mock.get(f"{prefix}/storage/disks").mock(return_value=ok([EMPTY_DISK]))  # the disk is here too
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


def test_attach_a_disk_by_name(invoke):
    with api() as mock:
        mock.get(DISKS).mock(return_value=ok([EMPTY_DISK, OS_DISK]))
        mock.get(f"{VM_PATH}/list").mock(return_value=ok([WEB]))
        route = mock.post(f"{VM_PATH}/storage/attach").mock(return_value=ok({**ATTACHED, "uuid": D2}))
        result = invoke("disk", "attach", "Web server main", "--vm", "web-1")
    assert result.exit_code == 0, result.stderr
    assert form_of(route) == {"uuid": VM1, "storage_uuid": D2}


def test_attach_unknown_vm_exits_4_and_sends_nothing(invoke):
    with api(assert_all_called=False) as mock:
        mock.get(f"{VM_PATH}/list").mock(return_value=ok([WEB]))
        mock.get(DISKS).mock(return_value=ok([EMPTY_DISK]))
        mock.get("/v1/config/locations").mock(return_value=ok([{"slug": "cyc01", "is_default": True},
                                                               {"slug": "bus02"}]))
        mock.get("/v1/bus02/user-resource/vm/list").mock(return_value=ok([]))  # nor anywhere else
        attach = mock.post(f"{VM_PATH}/storage/attach").mock(return_value=ok(ATTACHED))
        result = invoke("disk", "attach", D1, "--vm", "nope")
    assert result.exit_code == 4 and not attach.called
    assert "no VM named 'nope'" in result.stderr


BUS_DISK = {**EMPTY_DISK, "uuid": "9d7e5c61-3c3a-4c52-9d3e-0e0c0e6f8a11"}
LOCATIONS = [{"slug": "cyc01", "is_default": True}, {"slug": "bus02", "is_default": False}]


def test_attach_of_a_disk_of_another_location_is_refused_naming_both_and_sends_nothing(invoke):
    with api(assert_all_called=False) as mock:
        mock.get("/v1/cyc01/user-resource/vm/list").mock(return_value=ok([WEB]))
        mock.get("/v1/cyc01/storage/disks").mock(return_value=ok([EMPTY_DISK]))
        mock.get("/v1/config/locations").mock(return_value=ok(LOCATIONS))
        elsewhere = mock.get("/v1/bus02/storage/disks").mock(return_value=ok([BUS_DISK]))
        attach = mock.post(url__regex=r".*/storage/attach").mock(return_value=ok(ATTACHED))
        result = invoke("disk", "attach", BUS_DISK["uuid"], "--vm", "web-1", "-l", "cyc01")
    assert (result.exit_code, attach.called, elsewhere.call_count) == (2, False, 1)
    assert result.stderr == (f"error: disk {BUS_DISK['uuid']} is in location bus02, not in location cyc01: a disk "
                             "attaches only to a VM of its own location; nothing was sent\n")


def test_attach_to_a_vm_of_another_location_is_refused_from_the_tab_cache_without_asking(invoke):
    with api(assert_all_called=False) as mock:
        mock.get("/v1/config/locations").mock(return_value=ok(LOCATIONS))
        mock.get("/v1/bus02/user-resource/vm/list").mock(return_value=ok([WEB]))
        mock.get("/v1/cyc01/user-resource/vm/list").mock(return_value=ok([]))
        mock.get("/v1/bus02/storage/disks").mock(return_value=ok([]))
        mock.get("/v1/cyc01/storage/disks").mock(return_value=ok([EMPTY_DISK]))
        assert invoke("vm", "list", "--all-locations", "-o", "json").exit_code == 0  # both locations' names
        attach = mock.post(url__regex=r".*/storage/attach").mock(return_value=ok(ATTACHED))
        calls = len(mock.calls)
        result = invoke("disk", "attach", D1, "--vm", "web-1", "-l", "cyc01")
        asked = [str(call.request.url.path) for call in mock.calls][calls:]
    assert (result.exit_code, attach.called) == (2, False)
    assert sorted(asked) == ["/v1/cyc01/storage/disks", "/v1/cyc01/user-resource/vm/list"]
    assert "VM web-1 is in location bus02, not in location cyc01" in result.stderr


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


def test_create_in_a_location_says_how_to_attach_it_there(invoke):
    with api() as mock:
        mock.post("/v1/bus02/storage/disks").mock(return_value=ok(EMPTY_DISK))
        result = invoke("disk", "create", "--size", "50", "-l", "bus02", "-o", "json")
    assert (result.exit_code, result.json()["uuid"]) == (0, D1)
    assert result.stderr == (f"Created disk {D1}; attach it to a VM of the same location with "
                             f"'idcctl disk attach {D1} --vm VM -l bus02'.\n")
