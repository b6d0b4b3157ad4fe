"""Block storage disks in the sandbox: the 2025 reference's display_name and read_only_bootable."""

from __future__ import annotations

DISKS = "/v1/storage/disks"
EMPTY_DISK = "05a61876-86f3-4b05-b0ec-53ee6fa03ced"


def test_a_disk_has_a_name_from_create_or_update(api):
    assert [d.get("display_name") for d in api.get(DISKS).json()] == [None, "Web server main"]
    made = api.post(DISKS, data={"size_gb": "10", "display_name": "DB data"}).json()
    assert made["display_name"] == "DB data"
    renamed = api.patch(f"{DISKS}/{made['uuid']}", data={"display_name": "DB data 2"}).json()
    assert (renamed["display_name"], renamed["billing_account_id"]) == ("DB data 2", made["billing_account_id"])
    assert api.patch(f"{DISKS}/{made['uuid']}", data={}).status_code == 400  # nothing to change


def test_read_only_bootable_is_set_unset_and_filtered(api):
    assert api.get(DISKS, params={"read_only_bootable": "true"}).json() == []
    marked = api.patch(f"{DISKS}/{EMPTY_DISK}", data={"read_only_bootable": "true"}).json()
    assert marked["read_only_bootable"] is True
    assert [d["uuid"] for d in api.get(DISKS, params={"read_only_bootable": "true"}).json()] == [EMPTY_DISK]
    assert len(api.get(DISKS, params={"read_only_bootable": "false"}).json()) == 2
    api.patch(f"{DISKS}/{EMPTY_DISK}", data={"read_only_bootable": "false"})
    assert api.get(DISKS, params={"read_only_bootable": "true"}).json() == []
    assert "read_only_bootable" in api.patch(f"{DISKS}/{EMPTY_DISK}", data={"read_only_bootable": "maybe"}).json()[
        "errors"]
