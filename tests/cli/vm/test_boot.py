"""`vm boot-iso` and `vm rescue`: one POST vm/boot_iso_media, the image or disk resolved first, one boot only."""

from __future__ import annotations

import pytest

from tests.cli.conftest import U1, VM_PATH, WEB, api, form_of, ok

RESCUE = {"uuid": "e3a5f2d6-7d15-11f0-85ba-047bcbc1cb26", "image_name": "systemrescue-12.x-amd64.iso",
          "is_installation_media": False, "description": "SystemRescue 12", "is_published": True}
INSTALLER = {"uuid": "5b0c3a8e-7d16-11f0-9d3e-047bcbc1cb26", "image_name": "ubuntu-24.04-live-server-amd64.iso",
             "is_installation_media": True, "description": "Ubuntu installer", "is_published": True}
ISO_DISK = {"uuid": "05a61876-86f3-4b05-b0ec-53ee6fa03ced", "display_name": "my-installer", "size_gb": 2,
            "read_only_bootable": True}
PLAIN_DISK = {"uuid": "cef3a629-89b0-40ec-986b-4b6e831f9b64", "display_name": "data", "size_gb": 30}
BOOT = f"{VM_PATH}/boot_iso_media"


@pytest.mark.parametrize("image", ["systemrescue-12.x-amd64.iso", RESCUE["uuid"]])
def test_boot_iso_by_image_name_or_uuid(invoke, image):
    with api() as mock:
        mock.get(f"{VM_PATH}/list").mock(return_value=ok([WEB]))
        mock.get("/v1/config/boot_images").mock(return_value=ok([INSTALLER, RESCUE]))
        route = mock.post(BOOT).mock(return_value=ok(WEB))
        result = invoke("vm", "boot-iso", "web-1", "--image", image, "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert form_of(route) == {"uuid": U1, "boot_image_uuid": RESCUE["uuid"], "boot_image_repository": "platform"}
    assert result.json() == WEB
    assert result.stderr == ("VM web-1 boots from systemrescue-12.x-amd64.iso for this one boot; "
                             "the next start boots its own disk again.\n")


def test_boot_iso_private_takes_a_read_only_bootable_disk_by_name(invoke):
    with api() as mock:
        mock.get("/v1/storage/disks").mock(return_value=ok([PLAIN_DISK, ISO_DISK]))
        route = mock.post(BOOT).mock(return_value=ok(WEB))
        result = invoke("vm", "boot-iso", U1, "--image", "my-installer", "--private")
    assert result.exit_code == 0, result.stderr
    assert form_of(route) == {"uuid": U1, "boot_image_uuid": ISO_DISK["uuid"], "boot_image_repository": "private"}
    assert "VM " + U1 + " boots from my-installer for this one boot" in result.stderr


def test_boot_iso_goes_to_the_vms_location_and_the_catalogue_is_not_scoped(invoke):
    with api() as mock:
        mock.get("/v1/config/boot_images").mock(return_value=ok([RESCUE]))
        route = mock.post(f"/v1/bus02{BOOT[3:]}").mock(return_value=ok(WEB))
        result = invoke("vm", "boot-iso", U1, "--image", "systemrescue-12.x-amd64.iso", "-l", "bus02")
    assert result.exit_code == 0, result.stderr
    assert route.call_count == 1


def test_boot_iso_private_refuses_a_disk_not_marked_bootable(invoke):
    with api(assert_all_called=False) as mock:
        mock.get(f"/v1/storage/disks/{PLAIN_DISK['uuid']}").mock(return_value=ok(PLAIN_DISK))
        boot = mock.post(BOOT)
        result = invoke("vm", "boot-iso", U1, "--image", PLAIN_DISK["uuid"], "--private")
        assert not boot.called
    assert result.exit_code == 2
    assert result.stderr == (f"error: disk data is not marked read-only bootable; 'idcctl disk update "
                             f"{PLAIN_DISK['uuid']} --read-only-bootable' marks it; nothing was sent\n")


def test_boot_iso_unknown_image_is_exit_4_and_sends_nothing(invoke):
    with api(assert_all_called=False) as mock:
        mock.get("/v1/config/boot_images").mock(return_value=ok([RESCUE]))
        boot = mock.post(BOOT)
        result = invoke("vm", "boot-iso", U1, "--image", "windows.iso")
        assert not boot.called
    assert result.exit_code == 4
    assert "no boot image named 'windows.iso'; 'idcctl image boot-list' shows them" in result.stderr


def test_boot_iso_dry_run_prints_the_request(invoke):
    with api(assert_all_called=False) as mock:
        mock.get(f"{VM_PATH}/list").mock(return_value=ok([WEB]))
        mock.get("/v1/config/boot_images").mock(return_value=ok([RESCUE]))
        boot = mock.post(BOOT)
        result = invoke("vm", "boot-iso", "web-1", "--image", "systemrescue-12.x-amd64.iso", "--dry-run")
        assert not boot.called
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == "POST https://api.idcloudhost.test/v1/user-resource/vm/boot_iso_media"
    assert result.stdout.splitlines()[-1] == (
        f"uuid={U1}&boot_image_uuid={RESCUE['uuid']}&boot_image_repository=platform")


def test_rescue_boots_the_published_image_that_is_not_installation_media(invoke):
    hidden = {**RESCUE, "uuid": "00000000-7d15-11f0-85ba-047bcbc1cb26", "is_published": False}
    with api() as mock:
        mock.get("/v1/config/boot_images").mock(return_value=ok([INSTALLER, hidden, RESCUE]))
        route = mock.post(BOOT).mock(return_value=ok(WEB))
        result = invoke("vm", "rescue", U1, "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert form_of(route) == {"uuid": U1, "boot_image_uuid": RESCUE["uuid"], "boot_image_repository": "platform"}
    assert "boots from systemrescue-12.x-amd64.iso for this one boot" in result.stderr


def test_rescue_without_a_rescue_image_is_exit_4(invoke):
    with api() as mock:
        mock.get("/v1/config/boot_images").mock(return_value=ok([INSTALLER]))
        result = invoke("vm", "rescue", U1)
    assert result.exit_code == 4
    assert "the platform publishes no rescue image" in result.stderr
