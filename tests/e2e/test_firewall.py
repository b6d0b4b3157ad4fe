"""End to end: the issue's walk through SSH keys, a keyed VM, a firewall and ISO boot media, with the installed idcctl."""

from __future__ import annotations

import json

from tests.cli.conftest import ED25519_KEY, PRIVATE_KEY
from tests.e2e.conftest import run


def test_ssh_key_vm_firewall_and_boot_media_walk(env, sandbox, tmp_path):
    (tmp_path / "key.pub").write_text(ED25519_KEY + "\n")
    steps = [
        ("ssh-key", "create", "--name", "laptop", "--public-key", f"@{tmp_path / 'key.pub'}"),
        ("vm", "create", "--name", "web-1", "--os", "ubuntu", "--os-version", "22.04-lts", "--disk-size", "20",
         "--vcpu", "2", "--ram", "2048", "--username", "ops", "--password-stdin", "--ssh-key", "laptop"),
        ("firewall", "create", "--name", "web", "--rule", "inbound:tcp:22:any", "--rule", "inbound:tcp:443:any"),
        ("firewall", "assign", "web", "--vm", "web-1"),
        ("firewall", "rule", "remove", "web", "inbound:tcp:443:any", "--yes"),
    ]
    answers = []
    for step in steps:
        done = run(env, *step, "-o", "json", input="Secret123\n")
        assert done.returncode == 0, (step, done.stderr)
        answers.append(json.loads(done.stdout))
    created, vm = answers[2], answers[1]
    shown = json.loads(run(env, "firewall", "show", "web", "-o", "json").stdout)
    assert [r["uuid"] for r in shown["rules"]] == [created["rules"][0]["uuid"]]  # one rule, its UUID unchanged
    assert shown["resources_assigned"] == [{"resource_type": "vm", "resource_uuid": vm["uuid"]}]

    dry = run(env, "vm", "boot-iso", "web-1", "--image", "systemrescue-12.x-amd64.iso", "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert dry.stdout.startswith("POST http://127.0.0.1:") and "/v1/user-resource/vm/boot_iso_media\n" in dry.stdout
    assert f"uuid={vm['uuid']}&boot_image_uuid=e3a5f2d6-7d15-11f0-85ba-047bcbc1cb26" in dry.stdout
    table = run(env, "vm", "show", "web-1").stdout
    assert table.split("Firewalls:\n")[1].splitlines()[1].startswith("web ")

    # Refused in one line, exit 2, nothing sent (the in-process guards check every case; these two end to end).
    (tmp_path / "id_ed25519").write_text(PRIVATE_KEY)
    for args in (("firewall", "rule", "add", "web", "inbound:tcp:22:10.0.0.0/33"),
                 ("ssh-key", "create", "--name", "x", "--public-key", f"@{tmp_path / 'id_ed25519'}")):
        bad = run(env, *args)
        assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1, (args, bad.stderr)
        assert "PRIVATE KEY" not in bad.stdout and "PRIVATE KEY" not in bad.stderr

