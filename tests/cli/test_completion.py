"""`completion bash|zsh|fish`: the scripts, and the shipped copies."""

from __future__ import annotations

import pytest

from tests.conftest import ROOT

COMPLETIONS = ROOT / "completions"
SHIPPED = {"bash": "idcctl.bash", "zsh": "_idcctl", "fish": "idcctl.fish"}


def test_completion_bash_prints_a_script_calling_back_with_the_idcctl_variable(invoke):
    result = invoke("completion", "bash")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert "_IDCCTL_COMPLETE=complete_bash" in result.stdout
    # No '-o default': an empty answer must not turn into file names.
    assert result.stdout.rstrip().endswith("\ncomplete -F _idcctl_completion idcctl")


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
