"""End to end: the README's first line on a fresh account, with another program holding the sandbox's port."""

from __future__ import annotations

import json
import os
import socket
import subprocess
from pathlib import Path

from tests.conftest import ROOT
from tests.e2e.conftest import idcctl_executable


def readme_first_line() -> str:
    lines = (ROOT / "README.md").read_text().splitlines()
    return lines[lines.index("```sh") + 1]


def test_readme_line_one_ends_in_the_vm_table_while_something_holds_the_default_port(tmp_path):
    """The line after its install steps (the suite runs from the installed idcctl): serve --detach picks a
    free port, sandbox profile follows it, vm list prints the table. Port 8765 itself is held when it is
    free; when something else has it already, a port of our own stands in for it (IDCCTL_SANDBOX_PORT)."""
    steps = readme_first_line().split(" && ")
    assert steps[:2] == ["python3 -m venv .venv", ".venv/bin/pip install -q ."]
    bin_dir = Path(idcctl_executable()[0]).parent
    line = " && ".join(steps[2:]).replace(".venv/bin/idcctl", str(bin_dir / "idcctl"))
    home = tmp_path / "home"
    home.mkdir()
    env = {"HOME": str(home), "PATH": f"{bin_dir}:/usr/bin:/bin", "LANG": "C.UTF-8"}  # a fresh account
    holder = socket.socket()
    try:
        try:
            holder.bind(("127.0.0.1", 8765))
        except OSError:  # something holds 8765 already: all the better, and one more stands in
            holder.bind(("127.0.0.1", 0))
            env["IDCCTL_SANDBOX_PORT"] = str(holder.getsockname()[1])
        holder.listen()
        done = subprocess.run(["bash", "-c", line], env=env, capture_output=True, text=True, timeout=120)
    finally:
        holder.close()
        for record in (home / ".cache" / "idcctl").glob("sandbox-*.json"):  # the sandbox it started
            try:
                os.kill(json.loads(record.read_text())["pid"], 9)
            except ProcessLookupError:
                pass
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("NAME ") and " UUID " in done.stdout.splitlines()[0]
    assert len(done.stdout.splitlines()) >= 3  # the seeded VMs
    assert "is taken by another program; using port " in done.stderr
