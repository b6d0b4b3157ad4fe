"""`image list` and its --plain-os / --app-catalog filters."""

from __future__ import annotations

import httpx
import pytest
import respx

from tests.conftest import BASE

IMAGES = [
    {"os_name": "almalinux", "display_name": "Almalinux", "ui_position": 1, "is_default": True,
     "is_app_catalog": False, "icon": "...",
     "versions": [{"os_version": "8", "display_name": "8", "published": True}]},
    {"os_name": "centos", "display_name": "Centos", "ui_position": 2, "is_default": False,
     "is_app_catalog": True, "icon": "....",
     "versions": [{"os_version": "7.6", "display_name": "7.6", "published": True},
                  {"os_version": "8.2", "display_name": "8.2", "published": False}]},
]


@pytest.mark.parametrize("flags, path", [
    ((), "/v1/config/vm_images"),
    (("--plain-os",), "/v1/config/vm_images/plain_os"),
    (("--app-catalog",), "/v1/config/vm_images/app_catalog"),
])
def test_image_list_json_is_the_api_data_unchanged(invoke, flags, path):
    with respx.mock(assert_all_called=True) as mock:
        mock.get(f"{BASE}{path}").mock(return_value=httpx.Response(200, json=IMAGES))
        result = invoke("image", "list", *flags, "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert result.json() == IMAGES


def test_image_list_is_not_location_scoped(invoke):
    with respx.mock(assert_all_called=True) as mock:
        mock.get(f"{BASE}/v1/config/vm_images").mock(return_value=httpx.Response(200, json=IMAGES))
        result = invoke("image", "list", "-o", "json", "--location", "bus02")
    assert result.exit_code == 0, result.stderr


def test_image_list_table_shows_published_versions(invoke):
    with respx.mock(assert_all_called=True) as mock:
        mock.get(f"{BASE}/v1/config/vm_images").mock(return_value=httpx.Response(200, json=IMAGES))
        result = invoke("image", "list")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "OS         NAME       VERSIONS  APP CATALOG  DEFAULT\n"
        "almalinux  Almalinux  8         no           yes\n"
        "centos     Centos     7.6       yes          no\n"  # 8.2 is unpublished
    )


def test_image_list_quiet_prints_os_names(invoke):
    with respx.mock(assert_all_called=True) as mock:
        mock.get(f"{BASE}/v1/config/vm_images").mock(return_value=httpx.Response(200, json=IMAGES))
        result = invoke("image", "list", "-q")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "almalinux\ncentos\n"


def test_image_list_filters_exclude_each_other(invoke):
    with respx.mock(assert_all_called=True):  # no routes: any request would fail the test
        result = invoke("image", "list", "--plain-os", "--app-catalog")
    assert result.exit_code == 2
    assert "--plain-os and --app-catalog exclude each other" in result.stderr
    assert result.stdout == ""


BOOT_IMAGES = [
    {"uuid": "e3a5f2d6-7d15-11f0-85ba-047bcbc1cb26", "image_name": "systemrescue-12.x-amd64.iso",
     "is_installation_media": False, "description": "SystemRescue 12", "is_published": True},
    {"uuid": "5b0c3a8e-7d16-11f0-9d3e-047bcbc1cb26", "image_name": "ubuntu-24.04-live-server-amd64.iso",
     "is_installation_media": True, "description": "Ubuntu Server 24.04 LTS installer", "is_published": True},
]


def test_image_boot_list_table_says_rescue_or_installation(invoke):
    with respx.mock(assert_all_called=True) as mock:
        mock.get(f"{BASE}/v1/config/boot_images").mock(return_value=httpx.Response(200, json=BOOT_IMAGES))
        result = invoke("image", "boot-list", "-l", "bus02")  # a catalogue: never location-scoped
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "NAME                                UUID                                  KIND          "
        "DESCRIPTION                        PUBLISHED\n"
        "systemrescue-12.x-amd64.iso         e3a5f2d6-7d15-11f0-85ba-047bcbc1cb26  rescue        "
        "SystemRescue 12                    yes\n"
        "ubuntu-24.04-live-server-amd64.iso  5b0c3a8e-7d16-11f0-9d3e-047bcbc1cb26  installation  "
        "Ubuntu Server 24.04 LTS installer  yes\n")


def test_image_boot_list_json_is_the_api_data_unchanged(invoke):
    with respx.mock(assert_all_called=True) as mock:
        mock.get(f"{BASE}/v1/config/boot_images").mock(return_value=httpx.Response(200, json=BOOT_IMAGES))
        assert invoke("image", "boot-list", "-o", "json").json() == BOOT_IMAGES
