"""`idcctl completion`: the printed scripts, the shipped copies, and a live completion callback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

COMPLETIONS = Path(__file__).parent.parent / "completions"
SHIPPED = {"bash": "idcctl.bash", "zsh": "_idcctl", "fish": "idcctl.fish"}


def test_completion_bash_prints_a_script_calling_back_with_the_idcctl_variable(invoke):
    result = invoke("completion", "bash")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert "_IDCCTL_COMPLETE=complete_bash" in result.stdout
    assert result.stdout.rstrip().endswith("complete -o default -F _idcctl_completion idcctl")


def test_completion_zsh_and_fish_scripts(invoke):
    zsh, fish = invoke("completion", "zsh"), invoke("completion", "fish")
    assert (zsh.exit_code, fish.exit_code) == (0, 0)
    assert zsh.stdout.startswith("#compdef idcctl\n")
    assert "_IDCCTL_COMPLETE=complete_zsh" in zsh.stdout
    assert fish.stdout.startswith("complete --command idcctl ")
    assert "_IDCCTL_COMPLETE=complete_fish" in fish.stdout


def test_completion_unknown_shell_is_a_usage_error(invoke):
    result = invoke("completion", "tcsh")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "unsupported shell 'tcsh'" in result.stderr


@pytest.mark.parametrize("shell", sorted(SHIPPED))
def test_shipped_completion_files_match_the_command(invoke, shell):
    """Regenerate with: idcctl completion SHELL > completions/FILE."""
    result = invoke("completion", shell)
    assert result.exit_code == 0
    assert (COMPLETIONS / SHIPPED[shell]).read_text() == result.stdout


def _complete_bash(words: str, cword: int) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("_IDCCTL", "IDCCTL"))}
    env.update({"_IDCCTL_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(cword)})
    return subprocess.run([sys.executable, "-m", "idcctl"], env=env, capture_output=True,
                          text=True, timeout=60)


def test_bash_completion_request_offers_the_token_group():
    proc = _complete_bash("idcctl tok", 1)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["token"]


def test_bash_completion_offers_shells_and_output_formats():
    shells = _complete_bash("idcctl completion ", 2)
    formats = _complete_bash("idcctl token list -o ", 4)
    assert shells.returncode == 0 and shells.stdout.split() == ["bash", "zsh", "fish"]
    assert formats.returncode == 0 and formats.stdout.split() == ["table", "json", "yaml"]
