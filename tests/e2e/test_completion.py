"""End to end: `idcctl completion install` on a fresh HOME, then TAB in a new real shell.

As the README's install lines say: install (appending what it prints to the rc
file), start a new shell, type ``idcctl vm sh`` and TAB. Under tmux that is a
real terminal and real key presses; without tmux each shell is asked in its own
non-interactive way. A shell (or tmux) that is not installed skips its test;
`.ci/run` installs them where it can.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from tests.e2e.conftest import idcctl_executable

RC = {"bash": ".bashrc", "zsh": ".zshrc", "fish": None}


def _shell(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed")
    return path


def fresh_account(tmp_path: Path, shell: str) -> tuple[Path, dict[str, str]]:
    """An empty HOME and the environment of a new login: no XDG variables, no rc files, idcctl on PATH."""
    home = tmp_path / "home"
    home.mkdir()
    bin_dir = str(Path(idcctl_executable()[0]).parent)
    env = {"HOME": str(home), "PATH": f"{bin_dir}:/usr/local/bin:/usr/bin:/bin", "SHELL": _shell(shell),
           "TERM": "xterm-256color", "LANG": "C.UTF-8", "IDCCTL_CACHE_DIR": str(home / ".cache/idcctl")}
    return home, env


def install_as_the_readme_says(home: Path, env: dict[str, str], shell: str) -> None:
    """`idcctl completion install SHELL >> RC` (fish needs no rc line), then check what it wrote."""
    done = subprocess.run([*idcctl_executable(), "completion", "install"], env=env, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    if RC[shell]:
        with open(home / RC[shell], "a") as rc:
            rc.write(done.stdout)
    else:
        assert done.stdout == ""
    written = sorted(str(p.relative_to(home)) for p in home.rglob("*") if p.is_file())
    assert len(written) == (2 if RC[shell] else 1), written  # the script (and the rc file), all in HOME


def _without_a_terminal(shell: str, path: str) -> list[str]:
    """The shell's own answer to TAB after `idcctl vm sh`, where no terminal can be driven."""
    if shell == "bash":
        script = ('complete -p idcctl >/dev/null 2>&1 || _completion_loader idcctl; '
                  'COMP_WORDS=(idcctl vm sh); COMP_CWORD=2; COMPREPLY=(); _idcctl_completion idcctl; '
                  'echo "${COMPREPLY[*]}"')
        return [path, "-ic", script]
    if shell == "zsh":  # compinit found the script through fpath: TAB on idcctl runs it
        return [path, "-ic", "print -r -- ${_comps[idcctl]}"]
    return [path, "-c", 'complete -C "idcctl vm sh"']


@pytest.mark.parametrize("shell", sorted(RC))
def test_install_then_a_new_shell_completes_without_a_terminal(tmp_path, shell):
    home, env = fresh_account(tmp_path, shell)
    install_as_the_readme_says(home, env, shell)
    proc = subprocess.run(_without_a_terminal(shell, env["SHELL"]), env=env, capture_output=True, text=True,
                          timeout=60, cwd=home, stdin=subprocess.DEVNULL)
    assert proc.returncode == 0, proc.stderr
    expected = {"bash": "show", "zsh": "_idcctl", "fish": "show\t"}[shell]
    assert (proc.stdout.splitlines() or [""])[-1].startswith(expected), proc.stdout + proc.stderr


@pytest.mark.parametrize("shell", sorted(RC))
def test_install_then_tab_in_a_new_shell_in_a_terminal(tmp_path, shell):
    """In tmux, as an operator would: `idcctl vm sh` then the TAB key completes to `idcctl vm show`."""
    tmux = shutil.which("tmux")
    if tmux is None:
        pytest.skip("tmux is not installed")
    home, env = fresh_account(tmp_path, shell)
    install_as_the_readme_says(home, env, shell)
    socket = str(tmp_path / "tmux.sock")  # a server of this test's own, ended below
    tmux_cmd = [tmux, "-S", socket, "-f", os.devnull]
    login = " ".join(["env", "-i", *(f"{k}={v}" for k, v in env.items()), env["SHELL"], "-i"])
    subprocess.run([*tmux_cmd, "new-session", "-d", "-x", "150", "-y", "20", login], check=True, timeout=30,
                   env={**env, "TMUX": ""})
    try:
        subprocess.run([*tmux_cmd, "send-keys", "idcctl vm sh", "Tab"], check=True, timeout=30)
        screen = ""
        deadline = time.monotonic() + 30
        while "idcctl vm show" not in screen and time.monotonic() < deadline:
            time.sleep(0.2)
            screen = subprocess.run([*tmux_cmd, "capture-pane", "-p"], capture_output=True, text=True,
                                    timeout=30).stdout
        assert "idcctl vm show" in screen, screen
    finally:
        subprocess.run([*tmux_cmd, "kill-server"], capture_output=True, timeout=30)


def _tab(env: dict[str, str], line: str) -> list[str]:
    """What the installed idcctl answers a bash TAB at the end of `line`."""
    words = line.split(" ")
    answer = subprocess.run(idcctl_executable(), env=dict(env, _IDCCTL_COMPLETE="complete_bash",
                                                          COMP_WORDS="\n".join(words),
                                                          COMP_CWORD=str(len(words) - 1)),
                            capture_output=True, text=True, timeout=30)
    assert answer.returncode == 0, answer.stderr
    return answer.stdout.splitlines()


def test_tab_offers_a_created_vm_at_once_and_forgets_a_deleted_one(env, sandbox):
    from tests.e2e.conftest import run

    assert run(env, "vm", "list").returncode == 0  # the names are cached, fresh for a minute
    create = run(env, "vm", "create", "--name", "fresh-1", "--os", "ubuntu", "--os-version", "22.04-lts",
                 "--disk-size", "20", "--vcpu", "1", "--ram", "1024", "--username", "ops",
                 "--password-stdin", input="Secret123\n")
    assert create.returncode == 0, create.stderr
    assert _tab(env, "idcctl vm show fr") == ["fresh-1"]
    twin = run(env, "vm", "clone", "fresh-1", "--name", "fresh-1", "-o", "json")
    assert twin.returncode == 0, twin.stderr
    offered = _tab(env, "idcctl vm show ")
    assert "fresh-1" not in offered and json.loads(twin.stdout)["uuid"] in offered  # shared: by id
    assert run(env, "vm", "delete", json.loads(twin.stdout)["uuid"], "--yes").returncode == 0
    assert _tab(env, "idcctl vm show fr") == ["fresh-1"]
    assert run(env, "vm", "delete", "fresh-1", "--yes").returncode == 0
    assert _tab(env, "idcctl vm show fr") == []
