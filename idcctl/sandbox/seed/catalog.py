"""Static, global configuration the sandbox serves: locations, host pools, VM parameters, images, boot media.

These never change at runtime, so they live in code rather than in the state file;
an old state file therefore never pins an outdated catalogue.  Values are the
examples of the API reference unless marked as a sandbox addition.
"""

from __future__ import annotations

import copy
from typing import Any

DEFAULT_LOCATIONS = ["cyc01", "bus02"]

# "List Locations" example of the reference, keyed by slug.
_KNOWN_LOCATIONS: dict[str, dict[str, Any]] = {
    "cyc01": {"display_name": "Cycletown", "is_preferred": False,
              "description": "The original location", "country_code": "est"},
    "bus02": {"display_name": "Busburg", "is_preferred": True,
              "description": "Secondary location", "country_code": "est"},
}


def location_entries(slugs: list[str]) -> list[dict[str, Any]]:
    """Location list for the configured slugs; the first one is the default.

    Slugs the reference does not know get synthesized entries so any set of
    locations can be emulated.
    """
    entries = []
    for order, slug in enumerate(slugs, start=1):
        known = _KNOWN_LOCATIONS.get(slug, {})
        entries.append({
            "display_name": known.get("display_name", slug),
            "is_default": order == 1,
            "is_preferred": known.get("is_preferred", False),
            "description": known.get("description", ""),
            "order_nr": order,
            "slug": slug,
            "country_code": known.get("country_code", "est"),
        })
    return entries


# "List VM resource pools" example.
HOST_POOLS: list[dict[str, Any]] = [
    {"created_at": "2022-12-28 13:50:52", "description": "A server class for a wide range of purposes",
     "is_default_designated": True, "name": "General", "updated_at": "2023-02-21 08:17:13",
     "uuid": "4820b11f-82c9-4313-a1ef-14d6039981db"},
    {"created_at": "2022-12-28 13:50:52", "description": "another fine server class",
     "is_default_designated": False, "name": "Performance", "updated_at": "2023-02-22 21:21:13",
     "uuid": "d2fc6881-9316-46d7-b515-b6cddaeee927"},
]

# "VM parameters" example, verbatim.  VM creation validates ranges and regexps
# from this list; os_name/os_version are checked against VM_IMAGES instead,
# because the parameters example lists outdated versions.
VM_PARAMETERS: list[dict[str, Any]] = [
    {"constraint": "range", "description": "Size of main storage in gigabytes.", "mandatory": True,
     "max": 240, "min": 20, "parameter": "disks", "type": "integer"},
    {"constraint": "regexp", "description": "Name of the VM",
     "expression": "^[0-9a-zA-Z][-0-9a-zA-Z]{2,}[0-9a-zA-Z]$", "mandatory": True,
     "parameter": "name", "type": "string"},
    {"constraint": "enum", "description": "OS name of VM base image.", "mandatory": True,
     "parameter": "os_name", "type": "string", "values": ["centos", "ubuntu", "windows", "debian"]},
    {"constraint": "enum", "description": "OS version of VM base image.", "limited_by": "os_name",
     "limits": [
         {"os_name": "centos", "values": ["7.3.1611", "6.9.1611"]},
         {"os_name": "ubuntu", "values": ["16.04"]},
         {"os_name": "windows", "values": ["2016"]},
         {"os_name": "debian", "values": ["9.1"]},
     ],
     "mandatory": True, "parameter": "os_version", "type": "string"},
    {"constraint": "regexp", "description": "Password for logging in to the VM.",
     "expression": "^(?=.*[a-z])(?=.*[A-Z])(?=.*\\d).{8,}$", "mandatory": True,
     "parameter": "password", "type": "string"},
    {"constraint": "range", "description": "Amount of RAM.", "limited_by": "os_name",
     "limits": [{"min": 1024, "os_name": "windows"}], "mandatory": True,
     "max": 65536, "min": 512, "parameter": "ram", "type": "integer"},
    {"constraint": "regexp", "description": "Username for logging in to the VM.",
     "expression": "^(?=.{1,30}$)[a-zA-Z_][0-9a-zA-Z_-]*$", "limited_by": "os_name",
     "limits": [{"mandatory": False, "os_name": "windows"}], "mandatory": True,
     "parameter": "username", "type": "string"},
    {"constraint": "range", "description": "Number of CPUs.", "limited_by": "os_name",
     "limits": [{"min": 2, "os_name": "windows"}], "mandatory": True,
     "max": 16, "min": 1, "parameter": "vcpu", "type": "integer"},
]


def _versions(*names: str) -> list[dict[str, Any]]:
    return [{"os_version": v, "display_name": v, "published": True} for v in names]


VM_IMAGES: list[dict[str, Any]] = [
    # From the reference's "VM images list" example.
    {"os_name": "almalinux", "display_name": "Almalinux", "ui_position": 1, "is_default": True,
     "is_app_catalog": False, "icon": "...", "versions": _versions("8")},
    {"os_name": "centos", "display_name": "Centos", "ui_position": 2, "is_default": False,
     "is_app_catalog": True, "icon": "....", "versions": _versions("7.3.1611", "7.6", "8.2")},
    # Sandbox additions (not in the reference): the images the command contract
    # and its known quirks talk about, so `vm create --os ubuntu` can be tried.
    {"os_name": "ubuntu", "display_name": "Ubuntu", "ui_position": 3, "is_default": False,
     "is_app_catalog": False, "icon": "...",
     "versions": _versions("20.04-lts", "22.04-lts", "24.04-lts")},
    {"os_name": "debian", "display_name": "Debian", "ui_position": 4, "is_default": False,
     "is_app_catalog": False, "icon": "...", "versions": _versions("12")},
]


# "List bootable media images" example, then sandbox additions: two installation ISOs, so
# both kinds of boot media can be tried (`vm rescue` takes the one that is not installation media).
BOOT_IMAGES: list[dict[str, Any]] = [
    {"uuid": "e3a5f2d6-7d15-11f0-85ba-047bcbc1cb26", "image_name": "systemrescue-12.x-amd64.iso",
     "is_installation_media": False, "description": "SystemRescue 12", "is_published": True},
    {"uuid": "5b0c3a8e-7d16-11f0-9d3e-047bcbc1cb26", "image_name": "ubuntu-24.04-live-server-amd64.iso",
     "is_installation_media": True, "description": "Ubuntu Server 24.04 LTS installer", "is_published": True},
    {"uuid": "6c1d4b9f-7d16-11f0-9d3e-047bcbc1cb26", "image_name": "debian-12-amd64-netinst.iso",
     "is_installation_media": True, "description": "Debian 12 network installer", "is_published": True},
]


def boot_images() -> list[dict[str, Any]]:
    return copy.deepcopy(BOOT_IMAGES)


def find_boot_image(uuid: str | None) -> dict[str, Any] | None:
    """A published boot image by UUID."""
    return next((i for i in BOOT_IMAGES if i["uuid"] == uuid and i["is_published"]), None)


def images(app_catalog: bool | None = None) -> list[dict[str, Any]]:
    """All images, or only plain-OS (False) / app-catalog (True) ones."""
    chosen = [i for i in VM_IMAGES if app_catalog is None or i["is_app_catalog"] == app_catalog]
    return copy.deepcopy(chosen)


def image_versions(os_name: str) -> list[str] | None:
    """Published versions of an OS image, or None when there is no such image."""
    for image in VM_IMAGES:
        if image["os_name"] == os_name:
            return [v["os_version"] for v in image["versions"] if v["published"]]
    return None


def default_pool() -> dict[str, Any]:
    return next(p for p in HOST_POOLS if p["is_default_designated"])


def find_pool(uuid: str) -> dict[str, Any] | None:
    return next((p for p in HOST_POOLS if p["uuid"] == uuid), None)
