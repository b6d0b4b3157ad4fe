"""End to end: a user works in bus02 (`config set location bus02`), and cyc01 sees none of it."""

from __future__ import annotations

import json

from tests.e2e.conftest import run

BUS_VM = "web-server"  # the sandbox's seeded VM of bus02


def _json(env, *args):
    done = run(env, *args, "-o", "json")
    assert done.returncode == 0, f"{args}: {done.stderr}"
    return json.loads(done.stdout) if done.stdout.strip() else None


def test_a_disk_and_a_network_made_in_bus02_are_used_there_and_invisible_in_cyc01(env, sandbox):
    assert run(env, "config", "set", "location", "bus02").returncode == 0
    disk = _json(env, "disk", "create", "--size", "10")["uuid"]
    network = _json(env, "net", "create", "--name", "bus-backend")["uuid"]
    attached = run(env, "disk", "attach", disk, "--vm", BUS_VM)
    assert attached.returncode == 0, attached.stderr
    assert disk in [d["uuid"] for d in _json(env, "vm", "show", BUS_VM)["storage"]]

    assert disk not in [d["uuid"] for d in _json(env, "disk", "list", "-l", "cyc01")]
    assert network not in [n["uuid"] for n in _json(env, "net", "list", "-l", "cyc01")]
    assert BUS_VM not in [vm["name"] for vm in _json(env, "vm", "list", "-l", "cyc01")]
    everywhere = {d["uuid"]: d["location"] for d in _json(env, "disk", "list", "--all-locations")}
    assert everywhere[disk] == "bus02"

    # The VM of cyc01 cannot take the bus02 disk: refused before anything is sent.
    refused = run(env, "disk", "attach", disk, "--vm", "Ubuntu-3-16-04", "-l", "cyc01")
    assert refused.returncode == 2 and "location bus02" in refused.stderr and "cyc01" in refused.stderr
