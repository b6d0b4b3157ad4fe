"""End to end: disks and buckets with the installed `idcctl` against `idcctl sandbox serve`."""

from __future__ import annotations

import json
import subprocess

from tests.e2e.conftest import run

VM = "Ubuntu-3-16-04"


def _json(env, *args):
    done = run(env, *args, "-o", "json")
    assert done.returncode == 0, f"{args}: {done.stderr}"
    return json.loads(done.stdout) if done.stdout.strip() else None


def test_disk_attach_detach_delete_and_bucket_with_key(env, sandbox):
    uuid = _json(env, "disk", "create", "--size", "20")["uuid"]
    assert run(env, "disk", "attach", uuid, "--vm", VM).returncode == 0
    shown = run(env, "vm", "show", VM)
    assert shown.returncode == 0 and uuid in shown.stdout

    refused = run(env, "disk", "delete", uuid, "--yes")
    assert refused.returncode == 2 and f"idcctl disk detach {uuid} --vm {VM}" in refused.stderr
    assert run(env, "disk", "detach", uuid, "--vm", VM, "--yes").returncode == 0
    assert uuid not in run(env, "vm", "show", VM).stdout
    assert run(env, "disk", "delete", uuid, "--yes").returncode == 0

    assert run(env, "bucket", "create", "e2e-bucket").returncode == 0
    exported = run(env, "bucket", "key", "create", "--env")
    assert exported.returncode == 0, exported.stderr
    shell = subprocess.run(["sh", "-c", 'eval "$1"; echo "$AWS_ACCESS_KEY_ID"', "sh", exported.stdout],
                           capture_output=True, text=True, timeout=10)
    key = shell.stdout.strip()
    assert key in [k["accessKey"] for k in _json(env, "bucket", "key", "list")]

    assert run(env, "bucket", "key", "delete", key, "--yes").returncode == 0
    assert run(env, "bucket", "delete", "e2e-bucket", "--yes").returncode == 0
    assert key not in run(env, "bucket", "key", "list", "-q").stdout.split()
