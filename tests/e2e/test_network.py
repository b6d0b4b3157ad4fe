"""End to end: a network, a VM in it with a floating IP, a load balancer in front, all torn down again."""

from __future__ import annotations

import json

from tests.e2e.conftest import run


def ok(env, *args: str, input: str | None = None):
    result = run(env, *args, input=input)
    assert result.returncode == 0, f"{args}: {result.stderr}"
    return json.loads(result.stdout) if result.stdout.strip() and "-o" in args else result.stdout


def test_network_scenario(env, sandbox):
    net = ok(env, "net", "create", "--name", "e2e-net", "-o", "json")
    vm = ok(env, "vm", "create", "--name", "e2e-web", "--os", "ubuntu", "--os-version", "22.04-lts",
            "--disk-size", "20", "--vcpu", "1", "--ram", "1024", "--username", "ops", "--password-stdin",
            "--network", "e2e-net", "--no-public-ip", "-o", "json", input="Secret123\n")
    assert ok(env, "net", "show", "e2e-net", "-o", "json")["vm_uuids"] == [vm["uuid"]]

    address = ok(env, "ip", "create", "--name", "e2e-ip", "--billing-account", "6", "-q").strip()
    ok(env, "ip", "assign", address, "--vm", "e2e-web")
    row = next(line for line in ok(env, "vm", "list").splitlines() if line.startswith("e2e-web "))
    assert row.split()[-1] == address
    assert ok(env, "vm", "ssh", "e2e-web", "--dry-run") == f"ssh -l ops -- {address}\n"

    ok(env, "lb", "create", "--name", "e2e-lb", "--network", "e2e-net", "--no-public-ip",
       "--rule", "80:8080", "--target", "e2e-web")
    shown = ok(env, "lb", "show", "e2e-lb")
    assert "80           8080" in shown and f"e2e-web  {vm['uuid']}" in shown

    refused = run(env, "net", "delete", "e2e-net", "--yes")
    assert refused.returncode == 1 and refused.stderr.count("\n") == 1  # still holds a VM and the LB

    assert run(env, "lb", "delete", "e2e-lb").returncode == 2  # no terminal: refused without --yes
    for args in (("lb", "delete", "e2e-lb"), ("ip", "unassign", address), ("ip", "delete", address),
                 ("vm", "delete", "e2e-web"), ("net", "delete", "e2e-net")):
        ok(env, *args, "--yes")
    assert ok(env, "lb", "list", "-o", "json") == []
    assert address not in ok(env, "ip", "list")
    assert net["uuid"] not in ok(env, "net", "list")
