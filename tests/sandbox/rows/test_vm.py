"""Every `vm`, `vm pool`, `vm params` and `image` row of the contract, run against the sandbox.

respx tests pin the exact requests; this checks the same commands work
against a stateful server and that the state really changes.
"""

from __future__ import annotations

VM = "Ubuntu-3-16-04"  # a seeded VM with a unique name


def test_reads(sb):
    assert len(sb("vm", "list")) == 5
    assert len(sb("vm", "list", "-l", "bus02")) == 1
    assert len(sb("vm", "list", "--all-locations")) == 6
    assert sb("vm", "show", VM)["name"] == VM
    assert {p["name"] for p in sb("vm", "pool", "list")} == {"General", "Performance"}
    assert {p["parameter"] for p in sb("vm", "params")} >= {"name", "password", "vcpu"}
    images = sb("image", "list")
    assert {i["os_name"] for i in sb("image", "list", "--plain-os")} < {i["os_name"] for i in images}
    catalogue = sb("image", "list", "--app-catalog")
    assert catalogue and all(i["is_app_catalog"] for i in catalogue)  # an empty catalogue is a failure too


def test_lifecycle(sb):
    vm = sb("vm", "create", "--name", "row-1", "--os", "ubuntu", "--os-version", "22.04-lts", "--disk-size", "20",
            "--vcpu", "1", "--ram", "1024", "--username", "ops", "--password-stdin", "--pool", "Performance",
            "--backup", "--description", "rows", input="Secret123\n")
    uuid = vm["uuid"]
    assert vm["designated_pool_name"] == "Performance" and vm["backup"] is True
    assert sb("vm", "stop", "row-1", "--wait")["status"] == "stopped"
    assert sb("vm", "update", "row-1", "--vcpu", "2", "--ram", "2048")["vcpu"] == 2
    assert sb("vm", "start", "row-1", "--wait")["status"] == "running"
    assert sb("vm", "password", "row-1", "--username", "ops", "--password-stdin", input="Other1234\n")
    assert sb("vm", "stop", "row-1", "--force", "--yes", "--wait")["status"] == "stopped"
    sb("vm", "rescue", uuid)
    assert sb("vm", "auto-backup", "row-1", "off")["backup"] is False
    assert sb("vm", "auto-backup", "row-1", "on")["backup"] is True
    assert sb("vm", "reinstall", "row-1", "--os", "debian", "--os-version", "12", "--yes", "--wait")["os_name"] == "debian"

    sb("vm", "snapshot", "create", "row-1")
    snapshots = sb("vm", "snapshot", "list", "row-1")
    assert len(snapshots) == 1
    assert sb("vm", "snapshot", "list", "row-1", "--type", "backup")
    sb("vm", "rebuild", "row-1", "--replica", snapshots[0]["uuid"], "--yes", "--wait")
    sb("vm", "snapshot", "delete", snapshots[0]["uuid"], "--yes")
    assert sb("vm", "snapshot", "list", "row-1") == []

    disk = sb("vm", "disk", "add", "row-1", "--size", "10")
    assert sb("vm", "disk", "resize", "row-1", disk["uuid"], "--size", "15")["size"] == 15
    sb("vm", "disk", "remove", "row-1", disk["uuid"], "--yes")
    assert len(sb("vm", "show", "row-1")["storage"]) == 1

    sb("vm", "public-ip", "release", "row-1")
    sb("vm", "public-ip", "reserve", "row-1")
    clone = sb("vm", "clone", "row-1", "--name", "row-2", "--wait")
    assert clone["status"] == "running" and clone["uuid"] != uuid

    for name in ("row-2", "row-1"):
        sb("vm", "delete", name, "--yes", "--release-ips")
    assert "row-1" not in [v["name"] for v in sb("vm", "list")]


def test_boot_media_rows(sb, raw):
    images = sb("image", "boot-list")
    assert [i["is_installation_media"] for i in images] == [False, True, True]
    dry = raw("vm", "boot-iso", VM, "--image", "systemrescue-12.x-amd64.iso", "--dry-run")
    assert dry.exit_code == 0 and dry.stdout.startswith("POST http") and "boot_image_repository=platform" in dry.stdout
    booted = sb("vm", "boot-iso", VM, "--image", images[1]["image_name"])
    assert booted["boot_iso_media"]["image_name"] == images[1]["image_name"]
    assert sb("vm", "rescue", VM)["boot_iso_media"]["image_name"] == "systemrescue-12.x-amd64.iso"
    assert "boot_iso_media" not in sb("vm", "stop", VM, "--wait")  # the next start is a normal one
