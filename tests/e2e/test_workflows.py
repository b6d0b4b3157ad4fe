"""End to end: finding, sorting and pricing a fleet, and who you are, with the installed `idcctl`."""

from __future__ import annotations

import json
import shutil

from tests.e2e.conftest import KEY, run


def test_find_sort_and_price_the_fleet(env, sandbox):
    stop = run(env, "vm", "stop", "Ubuntu-3-16-04", "--yes")
    assert stop.returncode == 0, stop.stderr
    everything = json.loads(run(env, "vm", "list", "-o", "json").stdout)
    chosen = run(env, "vm", "list", "--filter", "status=running", "--sort", "-created_at", "-o", "json")
    assert chosen.returncode == 0, chosen.stderr
    expected = sorted([vm for vm in everything if vm["status"] == "running"], key=lambda vm: vm["created_at"],
                      reverse=True)
    assert json.loads(chosen.stdout) == expected and len(expected) == len(everything) - 1
    if shutil.which("jq"):  # the acceptance line, with jq itself
        import subprocess

        by_jq = subprocess.run(["jq", '[.[] | select(.status=="running")] | sort_by(.created_at) | reverse'],
                               input=json.dumps(everything), capture_output=True, text=True, check=True)
        assert json.loads(chosen.stdout) == json.loads(by_jq.stdout)
    assert run(env, "vm", "list", "--filter", "nosuch=1").returncode == 2

    by_header = run(env, "vm", "list", "--columns", "NAME,Status")
    assert by_header.returncode == 0 and by_header.stdout == run(env, "vm", "list", "--columns", "name,status").stdout
    assert run(env, "vm", "list", "--columns", "name,nosuch").returncode == 2

    priced = run(env, "vm", "list", "--cost", "--filter", "status=running", "--columns", "name,EST. PER 30 DAYS")
    assert priced.returncode == 0, priced.stderr
    assert priced.stdout.splitlines()[-1].startswith(f"TOTAL ({len(expected)} VMs, estimate)")
    assert "estimates from the pricing policy" in priced.stderr


def test_auth_status(env, sandbox):
    for with_key in (True, False):
        status = run({**env, "IDCCTL_API_KEY": KEY} if with_key else env, "auth", "status", "-o", "json")
        assert status.returncode == 0, status.stderr
        shown = json.loads(status.stdout)
        assert shown["api"] == "ok" and shown["user"] == "Cloudia Iaas <user@example.com>"
        assert shown["key_from"] == ("IDCCTL_API_KEY" if with_key else "config file")
        assert KEY not in status.stdout + status.stderr
    none = run({**env, "IDCCTL_PROFILE": "empty"}, "auth", "status")
    assert none.returncode == 3 and "no API key for profile 'empty'" in none.stderr
