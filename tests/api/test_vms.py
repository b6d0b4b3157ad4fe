"""The VM SDK (idcctl.api.vms): the exact request of every endpoint, with and without a location."""

from __future__ import annotations

import httpx
import pytest
import respx

from idcctl.api import vms
from tests.api.conftest import assert_sent_once, client_for, covered, exact_request_test, public_functions
from tests.conftest import BASE

VM = "5aea1842-895f-4bd3-8bd6-e37b2282fb46"
DISK = "3d91aa31-16ec-44ee-b8b3-22a0bda6559e"
REPLICA = "5aea1842-895f-4bd3-8bd6-e37b2282fb462018-12-21-14-05-33"
ANSWER = {"uuid": VM, "status": "running"}
BOOT_IMAGE = "e3a5f2d6-7d15-11f0-85ba-047bcbc1cb26"
ED25519 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMockPublicKeyData user@host"
RSA = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQDCMockPublicKeyData user@host"

# (id, call, method, path after /v1, location-scoped, query, form); form None means no body.
CASES = [
    ("list", lambda c: vms.list(c), "GET", "/user-resource/vm/list", True, {}, None),
    ("get", lambda c: vms.get(c, VM), "GET", "/user-resource/vm", True, {"uuid": VM}, None),
    ("create", lambda c: vms.create(
        c, name="web-1", os_name="ubuntu", os_version="22.04-lts", disks=20, vcpu=2, ram=2048,
        username="ada", password="Secret123", backup=True, reserve_public_ip=False,
        cloud_init='{"runcmd": ["/firstboot"]}', network_uuid=DISK),
     "POST", "/user-resource/vm", True, {},
     {"name": "web-1", "os_name": "ubuntu", "os_version": "22.04-lts", "disks": "20", "vcpu": "2",
      "ram": "2048", "username": "ada", "password": "Secret123", "backup": "true",
      "reserve_public_ip": "false", "cloud_init": '{"runcmd": ["/firstboot"]}', "network_uuid": DISK}),
    ("update", lambda c: vms.update(c, VM, name="web-server", vcpu=4, ram=2048),
     "PATCH", "/user-resource/vm", True, {}, {"uuid": VM, "name": "web-server", "vcpu": "4", "ram": "2048"}),
    ("update-name-only", lambda c: vms.update(c, VM, name="web-server"),
     "PATCH", "/user-resource/vm", True, {}, {"uuid": VM, "name": "web-server"}),
    ("delete", lambda c: vms.delete(c, VM), "DELETE", "/user-resource/vm", True, {}, {"uuid": VM}),
    ("start", lambda c: vms.start(c, VM), "POST", "/user-resource/vm/start", True, {}, {"uuid": VM}),
    ("stop", lambda c: vms.stop(c, VM), "POST", "/user-resource/vm/stop", True, {},
     {"uuid": VM}),  # force only with --force: a normal stop leaves it out
    ("stop-force", lambda c: vms.stop(c, VM, force=True), "POST", "/user-resource/vm/stop", True, {},
     {"uuid": VM, "force": "true"}),
    ("rescue", lambda c: vms.rescue(c, VM), "POST", "/user-resource/vm/rescue_start", True, {}, {"uuid": VM}),
    ("reinstall", lambda c: vms.reinstall(c, VM, os_name="ubuntu", os_version="22.04-lts"),
     "POST", "/user-resource/vm/reinstall", True, {},
     {"uuid": VM, "os_name": "ubuntu", "os_version": "22.04-lts"}),
    ("reinstall-same-os", lambda c: vms.reinstall(c, VM), "POST", "/user-resource/vm/reinstall", True, {},
     {"uuid": VM}),
    ("clone", lambda c: vms.clone(c, VM, "Name of the Clone"), "POST", "/user-resource/vm/clone", True, {},
     {"uuid": VM, "name": "Name of the Clone"}),
    ("toggle_backup", lambda c: vms.toggle_backup(c, VM), "POST", "/user-resource/vm/backup", True, {},
     {"uuid": VM}),
    ("set_password", lambda c: vms.set_password(c, VM, "example", "Pass word&1"),
     "PATCH", "/user-resource/vm/user", True, {},
     {"uuid": VM, "username": "example", "password": "Pass word&1"}),
    ("rebuild", lambda c: vms.rebuild(c, VM, REPLICA), "POST", "/user-resource/vm/rebuild", True, {},
     {"uuid": VM, "replica_uuid": REPLICA}),
    ("reserve_public_ip", lambda c: vms.reserve_public_ip(c, VM), "POST", "/user-resource/vm/ip/public",
     True, {}, {"uuid": VM}),
    ("release_public_ip", lambda c: vms.release_public_ip(c, VM), "DELETE", "/user-resource/vm/ip/public",
     True, {}, {"uuid": VM}),
    ("list_replicas", lambda c: vms.list_replicas(c, VM), "GET", "/user-resource/vm/replica", True,
     {"uuid": VM}, None),
    ("list_replicas-backup", lambda c: vms.list_replicas(c, VM, r_type="backup"), "GET",
     "/user-resource/vm/replica", True, {"uuid": VM, "r_type": "backup"}, None),
    ("create_replica", lambda c: vms.create_replica(c, VM), "POST", "/user-resource/vm/replica", True, {},
     {"uuid": VM}),
    ("delete_replica", lambda c: vms.delete_replica(c, REPLICA), "DELETE", "/user-resource/vm/replica",
     True, {}, {"replica_uuid": REPLICA}),
    ("add_disk", lambda c: vms.add_disk(c, VM, 50), "POST", "/user-resource/vm/storage", True, {},
     {"uuid": VM, "size_gb": "50"}),
    ("resize_disk", lambda c: vms.resize_disk(c, VM, DISK, 60), "PATCH", "/user-resource/vm/storage", True,
     {}, {"uuid": VM, "disk_uuid": DISK, "size_gb": "60"}),
    ("remove_disk", lambda c: vms.remove_disk(c, VM, DISK), "DELETE", "/user-resource/vm/storage", True, {},
     {"uuid": VM, "storage_uuid": DISK}),
    ("list_pools", lambda c: vms.list_pools(c), "GET", "/user-resource/host_pool/list", True, {}, None),
    ("parameters", lambda c: vms.parameters(c), "GET", "/api/parameters/vm", False, {}, None),
    ("list_images", lambda c: vms.list_images(c), "GET", "/config/vm_images", False, {}, None),
    ("list_boot_images", lambda c: vms.list_boot_images(c), "GET", "/config/boot_images", False, {}, None),
    ("boot_iso_media", lambda c: vms.boot_iso_media(c, VM, BOOT_IMAGE), "POST", "/user-resource/vm/boot_iso_media",
     True, {}, {"uuid": VM, "boot_image_uuid": BOOT_IMAGE, "boot_image_repository": "platform"}),
    ("boot_iso_media-private", lambda c: vms.boot_iso_media(c, VM, DISK, repository="private"), "POST",
     "/user-resource/vm/boot_iso_media", True, {},
     {"uuid": VM, "boot_image_uuid": DISK, "boot_image_repository": "private"}),
    ("create-keys-custom", lambda c: vms.create(
        c, name="iso-1", os_name="_custom", os_version="_", disks=20, vcpu=1, ram=1024,
        public_keys=[ED25519, RSA], cloud_init='{"packages":["nginx"]}'),
     "POST", "/user-resource/vm", True, {},
     {"name": "iso-1", "os_name": "_custom", "os_version": "_", "disks": "20", "vcpu": "1", "ram": "1024",
      "public_keys": [ED25519, RSA], "cloud_init": '{"packages":["nginx"]}'}),
    ("list_images-plain_os", lambda c: vms.list_images(c, "plain_os"), "GET", "/config/vm_images/plain_os",
     False, {}, None),
    ("list_images-app_catalog", lambda c: vms.list_images(c, "app_catalog"), "GET",
     "/config/vm_images/app_catalog", False, {}, None),
]


test_exact_request = exact_request_test(CASES)


def test_every_public_function_is_covered():
    assert public_functions(vms) == covered(CASES)


def test_create_is_never_retried():
    assert_sent_once(lambda c: vms.create(c, name="web-1", os_name="ubuntu", os_version="22.04-lts", disks=20,
                                          vcpu=1, ram=1024), "POST", f"{BASE}/v1/user-resource/vm")


def test_idempotent_update_is_retried_on_503():
    with respx.mock(assert_all_called=True) as mock:
        route = mock.patch(f"{BASE}/v1/user-resource/vm").mock(side_effect=[
            httpx.Response(503, json={"message": "busy"}), httpx.Response(200, json=ANSWER)])
        assert vms.update(client_for(None), VM, name="web-2") == ANSWER
    assert route.call_count == 2


def test_create_rejects_unknown_fields_before_sending():
    with respx.mock(assert_all_called=True) as mock:
        with pytest.raises(TypeError, match="os"):
            vms.create(client_for(None), name="web-1", os="ubuntu")
        assert mock.calls.call_count == 0


def test_list_images_rejects_unknown_kind_before_sending():
    with respx.mock(assert_all_called=True) as mock:
        with pytest.raises(ValueError, match="windows"):
            vms.list_images(client_for(None), "windows")
        assert mock.calls.call_count == 0


def test_boot_iso_media_rejects_an_unknown_repository_before_sending():
    with respx.mock(assert_all_called=True) as mock:
        with pytest.raises(ValueError, match="'cdrom'"):
            vms.boot_iso_media(client_for(None), VM, BOOT_IMAGE, repository="cdrom")
        assert mock.calls.call_count == 0


def test_an_empty_list_of_public_keys_is_left_out():
    with respx.mock(assert_all_called=True) as mock:
        route = mock.post(f"{BASE}/v1/user-resource/vm").mock(return_value=httpx.Response(200, json=ANSWER))
        vms.create(client_for(None), name="web-1", public_keys=[])
    assert route.calls.last.request.content == b"name=web-1"
