"""Boot media in the sandbox: the ISO catalogue, booting a VM once, private media from read-only-bootable disks."""

from __future__ import annotations

from tests.sandbox.conftest import BUS02_VM, SEED_VM, get_vm

BOOT = "/v1/user-resource/vm/boot_iso_media"
RESCUE = "e3a5f2d6-7d15-11f0-85ba-047bcbc1cb26"
DISK = "05a61876-86f3-4b05-b0ec-53ee6fa03ced"


def test_the_catalogue_has_the_reference_rescue_image_and_installers(api):
    images = api.get("/v1/config/boot_images").json()
    assert images[0] == {"uuid": RESCUE, "image_name": "systemrescue-12.x-amd64.iso",
                         "is_installation_media": False, "description": "SystemRescue 12", "is_published": True}
    assert [i["is_installation_media"] for i in images[1:]] == [True, True]


def test_a_vm_booted_from_media_shows_it_until_its_next_stop_or_start(api):
    answer = api.post(BOOT, data={"uuid": SEED_VM, "boot_image_uuid": RESCUE})
    media = {"boot_image_uuid": RESCUE, "boot_image_repository": "platform",
             "image_name": "systemrescue-12.x-amd64.iso"}
    assert answer.status_code == 200 and answer.json()["boot_iso_media"] == media
    assert get_vm(api, SEED_VM)["boot_iso_media"] == media and get_vm(api, SEED_VM)["status"] == "running"
    api.post("/v1/user-resource/vm/start", data={"uuid": SEED_VM})  # already running: still from the ISO
    assert "boot_iso_media" in get_vm(api, SEED_VM)
    api.post("/v1/user-resource/vm/stop", data={"uuid": SEED_VM})
    assert "boot_iso_media" not in get_vm(api, SEED_VM)


def test_private_media_must_be_a_read_only_bootable_disk_of_the_location(api):
    refused = api.post(BOOT, data={"uuid": SEED_VM, "boot_image_uuid": DISK, "boot_image_repository": "private"})
    assert refused.status_code == 400 and "read_only_bootable" in refused.text
    api.patch(f"/v1/storage/disks/{DISK}", data={"read_only_bootable": "true", "display_name": "my-iso"})
    booted = api.post(BOOT, data={"uuid": SEED_VM, "boot_image_uuid": DISK, "boot_image_repository": "private"})
    assert booted.json()["boot_iso_media"]["image_name"] == "my-iso"


def test_bad_requests(api):
    unknown = api.post(BOOT, data={"uuid": SEED_VM, "boot_image_uuid": DISK})
    assert unknown.status_code == 400 and "No such boot image exists" in unknown.text
    assert "boot_image_repository" in api.post(BOOT, data={"uuid": SEED_VM, "boot_image_uuid": RESCUE,
                                                           "boot_image_repository": "cdrom"}).json()["errors"]
    assert "boot_image_uuid" in api.post(BOOT, data={"uuid": SEED_VM}).json()["errors"]
    other = api.post(BOOT, data={"uuid": BUS02_VM, "boot_image_uuid": RESCUE})
    assert other.status_code == 400 and "No such virtual machine exists" in other.text
    assert api.post(f"/v1/bus02{BOOT[3:]}", data={"uuid": BUS02_VM, "boot_image_uuid": RESCUE}).status_code == 200
