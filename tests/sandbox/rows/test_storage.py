"""Every `disk` and `bucket` row of the contract, run against the sandbox, checking the state changes."""

from __future__ import annotations

VM = "Ubuntu-3-16-04"  # a seeded VM with a unique name
SEEDED_EMPTY = "05a61876-86f3-4b05-b0ec-53ee6fa03ced"
SEEDED_OS = "cef3a629-89b0-40ec-986b-4b6e831f9b64"
SEEDED_SNAPSHOT = "8ae9b8e2-54b5-4163-b692-1327ec39ce35"


def _storage_uuids(sb, vm=VM):
    return [d["uuid"] for d in sb("vm", "show", vm)["storage"]]


def test_disk_reads(sb):
    assert [d["uuid"] for d in sb("disk", "list")] == [SEEDED_EMPTY, SEEDED_OS]
    shown = sb("disk", "show", SEEDED_OS)
    assert [s["uuid"] for s in shown["snapshots"]][0] == SEEDED_SNAPSHOT


def test_disk_lifecycle_with_attach_and_detach(sb, raw):
    disk = sb("disk", "create", "--size", "15", "--billing-account", "129673")
    uuid = disk["uuid"]
    assert (disk["size_gb"], disk["source_image_type"], disk["billing_account_id"]) == (15, "EMPTY", 129673)
    assert uuid in [d["uuid"] for d in sb("disk", "list")]
    assert sb("disk", "update", uuid, "--billing-account", "129072")["billing_account_id"] == 129072

    attached = sb("disk", "attach", uuid, "--vm", VM)
    assert (attached["uuid"], attached["name"], attached["size"]) == (uuid, "vdb", 15)
    assert uuid in _storage_uuids(sb)

    refused = raw("disk", "delete", uuid, "--yes")
    assert refused.exit_code == 2 and f"--vm {VM}" in refused.stderr
    assert sb("disk", "detach", uuid, "--vm", VM, "--yes") == {"success": True}
    assert uuid not in _storage_uuids(sb)

    assert sb("disk", "delete", uuid, "--yes") is None
    assert uuid not in [d["uuid"] for d in sb("disk", "list")]
    gone = raw("disk", "show", uuid)
    assert gone.exit_code == 4 and "No such disk exists" in gone.stderr


def test_disk_names_and_read_only_bootable_media(sb, raw):
    assert sb("disk", "show", "Web server main")["uuid"] == SEEDED_OS
    disk = sb("disk", "create", "--size", "2", "--name", "installer")
    assert sb("disk", "update", "installer", "--name", "my-installer")["display_name"] == "my-installer"
    refused = raw("vm", "boot-iso", VM, "--image", "my-installer", "--private")
    assert refused.exit_code == 2 and "is not marked read-only bootable" in refused.stderr
    assert sb("disk", "update", "my-installer", "--read-only-bootable")["read_only_bootable"] is True
    assert [d["uuid"] for d in sb("disk", "list", "--read-only-bootable")] == [disk["uuid"]]
    booted = sb("vm", "boot-iso", VM, "--image", "my-installer", "--private")
    assert booted["boot_iso_media"] == {"boot_image_uuid": disk["uuid"], "boot_image_repository": "private",
                                        "image_name": "my-installer"}
    assert sb("disk", "update", disk["uuid"], "--no-read-only-bootable")["read_only_bootable"] is False
    assert sb("disk", "list", "--read-only-bootable") == []


def test_a_disk_lives_in_its_location_and_attaches_to_a_vm_there(sb):
    disk = sb("disk", "create", "--size", "10", "-l", "bus02")["uuid"]
    assert disk in [d["uuid"] for d in sb("disk", "list", "-l", "bus02")]
    assert disk not in [d["uuid"] for d in sb("disk", "list", "-l", "cyc01")]
    assert disk not in [d["uuid"] for d in sb("disk", "list")]  # the default location is cyc01
    sb("disk", "attach", disk, "--vm", "web-server", "-l", "bus02")
    vm = sb("vm", "show", "web-server", "-l", "bus02")
    assert disk in [d["uuid"] for d in vm["storage"]]
    sb("disk", "detach", disk, "--vm", "web-server", "-l", "bus02", "--yes")
    vm = sb("vm", "show", "web-server", "-l", "bus02")
    assert disk not in [d["uuid"] for d in vm["storage"]]
    assert sb("disk", "delete", disk, "--yes", "-l", "bus02") is None


def test_disk_copies_take_the_source_size(sb, raw):
    assert sb("disk", "create", "--source-type", "DISK", "--source", SEEDED_OS)["size_gb"] == 30
    copy = sb("disk", "create", "--source-type", "SNAPSHOT", "--source", SEEDED_SNAPSHOT)
    assert (copy["size_gb"], copy["source_image"]) == (20, SEEDED_SNAPSHOT)
    base = sb("disk", "create", "--source-type", "OS_BASE", "--source", "ubuntu_20.04", "--size", "40")
    assert (base["size_gb"], base["source_image_type"]) == (40, "OS_BASE")
    missing = raw("disk", "create", "--source-type", "DISK", "--source", "00000000-0000-4000-8000-000000000000")
    assert missing.exit_code == 4


def test_bucket_rows(sb, raw):
    assert {b["name"] for b in sb("bucket", "list")} == {"asi", "pang1", "pang2", "pang3", "porgandid"}
    assert {b["name"] for b in sb("bucket", "list", "--billing-account", "129093")} == {"pang1"}
    assert sb("bucket", "show", "pang1")["num_objects"] == 5
    created = sb("bucket", "create", "rows-1")
    assert (created["name"], created["num_objects"]) == ("rows-1", 0)
    assert sb("bucket", "update", "rows-1", "--billing-account", "129072")["billing_account_id"] == 129072
    taken = raw("bucket", "create", "rows-1")
    assert taken.exit_code == 1 and "already exists" in taken.stderr
    assert sb("bucket", "delete", "rows-1", "--yes") is None
    assert "rows-1" not in {b["name"] for b in sb("bucket", "list")}
    full = raw("bucket", "delete", "pang1", "--yes")
    assert full.exit_code == 1 and "not empty" in full.stderr
    unknown = raw("bucket", "show", "rows-1")
    assert unknown.exit_code == 4 and "No such bucket exists" in unknown.stderr


def test_s3_url_user_and_keys(sb, raw):
    assert sb("bucket", "s3-url") == {"url": "https://s3.idcloudhost.com:8080/"}
    user = sb("bucket", "user")
    before = [k["accessKey"] for k in user["s3Credentials"]]
    assert before == [k["accessKey"] for k in sb("bucket", "key", "list")]
    answer = sb("bucket", "key", "create")
    new = [k for k in answer if k["accessKey"] not in before]
    assert len(new) == 1 and len(answer) == len(before) + 1
    assert new[0]["accessKey"] in [k["accessKey"] for k in sb("bucket", "key", "list")]
    env = raw("bucket", "key", "list", "--env", new[0]["accessKey"])
    assert f"AWS_SECRET_ACCESS_KEY={new[0]['secretKey']}" in env.stdout
    assert sb("bucket", "key", "delete", new[0]["accessKey"], "--yes") is None
    assert [k["accessKey"] for k in sb("bucket", "key", "list")] == before
    assert sb("bucket", "key", "delete", "I16N8YDF6A6FX8ILP30T", "--yes") is None
    assert "I16N8YDF6A6FX8ILP30T" not in [k["accessKey"] for k in sb("bucket", "user")["s3Credentials"]]


def test_sandbox_makes_the_s3_user_when_missing():
    from idcctl.sandbox.common import Request
    from idcctl.sandbox.handlers.object_storage import get_user
    from idcctl.sandbox.state import State

    state = State(["cyc01"])
    state.s3_user.set(None)
    user = get_user(Request(state, "cyc01", "GET", {}))
    assert len(user["s3Credentials"]) == 1 and len(user["s3Credentials"][0]["secretKey"]) == 40


def test_storage_state_survives_a_restart(invoke, start_sandbox, tmp_path):
    state_file = str(tmp_path / "state.json")
    env = {"IDCCTL_API_URL": start_sandbox(state_file=state_file).url}
    disk = invoke("disk", "create", "--size", "7", "-o", "json", env=env).json()
    assert invoke("disk", "attach", disk["uuid"], "--vm", VM, env=env).exit_code == 0
    assert invoke("bucket", "create", "kept-1", env=env).exit_code == 0
    key = invoke("bucket", "key", "create", "-q", env=env).stdout.strip()

    again = {"IDCCTL_API_URL": start_sandbox(state_file=state_file).url}
    vm = invoke("vm", "show", VM, "-o", "json", env=again).json()
    assert disk["uuid"] in [d["uuid"] for d in vm["storage"]]
    assert disk["uuid"] in invoke("disk", "list", "-q", env=again).stdout.split()
    assert "kept-1" in invoke("bucket", "list", "-q", env=again).stdout.split()
    assert key in invoke("bucket", "key", "list", "-q", env=again).stdout.split()
