"""End to end: VMs, the raw API and locations with the installed `idcctl` against `idcctl sandbox serve`."""

from __future__ import annotations

import json

from tests.e2e.conftest import run


def test_raw_api_and_unknown_location(env, sandbox):
    raw = run(env, "api", "GET", "/v1/{location}/user-resource/vm/list", "-l", "bus02")
    assert raw.returncode == 0, raw.stderr
    assert len(json.loads(raw.stdout)) == 1
    unknown = run(env, "vm", "list", "-l", "nowhere")
    assert unknown.returncode == 4 and "unknown location 'nowhere'" in unknown.stderr


def test_vm_scenario_against_the_sandbox(env, sandbox):
    create = run(env, "vm", "create", "--name", "e2e-web", "--os", "ubuntu", "--os-version", "22.04-lts",
                 "--disk-size", "20", "--vcpu", "2", "--ram", "2048", "--username", "ops",
                 "--password-stdin", "--wait", "-o", "json", input="Secret123\n")
    assert create.returncode == 0, create.stderr
    vm = json.loads(create.stdout)
    assert vm["status"] == "running" and vm["name"] == "e2e-web"

    listed = run(env, "vm", "list")
    assert "e2e-web" in listed.stdout
    shown = run(env, "vm", "show", "e2e-web", "-o", "json")
    assert json.loads(shown.stdout)["uuid"] == vm["uuid"]

    stopped = run(env, "vm", "stop", "e2e-web", "--wait", "-o", "json")
    assert stopped.returncode == 0, stopped.stderr
    assert json.loads(stopped.stdout)["status"] == "stopped"

    disk = run(env, "vm", "disk", "add", "e2e-web", "--size", "30", "-o", "json")
    assert disk.returncode == 0, disk.stderr
    disk_uuid = json.loads(disk.stdout)["uuid"]
    resized = run(env, "vm", "disk", "resize", "e2e-web", disk_uuid, "--size", "40", "-o", "json")
    assert resized.returncode == 0, resized.stderr
    assert json.loads(resized.stdout)["size"] == 40

    snap = run(env, "vm", "snapshot", "create", "e2e-web")
    assert snap.returncode == 0, snap.stderr
    snaps = run(env, "vm", "snapshot", "list", "e2e-web", "-o", "json")
    assert len(json.loads(snaps.stdout)) == 1

    refused = run(env, "vm", "delete", "e2e-web")
    assert refused.returncode == 2
    deleted = run(env, "vm", "delete", "e2e-web", "--yes")
    assert deleted.returncode == 0, deleted.stderr
    assert "idcctl ip delete" in deleted.stderr  # its floating IP stays reserved and billed
    gone = run(env, "vm", "show", "e2e-web")
    assert gone.returncode == 4


def test_invalid_vm_create_sends_nothing(env, sandbox):
    bad = run(env, "vm", "create", "--name", "x", "--os", "ubuntu", "--os-version", "22.04",
              "--disk-size", "20", "--vcpu", "2", "--ram", "2048", "--username", "ops",
              "--password-stdin", input="Secret123\n")
    assert bad.returncode == 2
    listed = json.loads(run(env, "vm", "list", "-o", "json").stdout)
    assert "x" not in [v["name"] for v in listed]


def test_all_locations_equals_the_sum(env, sandbox):
    merged = json.loads(run(env, "vm", "list", "--all-locations", "-o", "json").stdout)
    per_location = sum(len(json.loads(run(env, "vm", "list", "-l", slug, "-o", "json").stdout))
                       for slug in ("cyc01", "bus02"))
    assert len(merged) == per_location == 6
    assert {v["location"] for v in merged} == {"cyc01", "bus02"}
