"""`vm disk add|resize|remove`."""

from __future__ import annotations

import pytest

from tests.cli.conftest import D2, DB, NEW_DISK, U1, U2, VM_PATH, WEB, api, form_of, ok

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
