"""`idcctl completion SHELL`: print the shell completion script.

The script calls back into idcctl with ``_IDCCTL_COMPLETE=complete_<shell>``;
Typer answers those calls inside ``command.main()`` before any command runs.
The generated scripts are also kept in ``completions/`` for packagers (a test
keeps them equal to this command's output).
"""

from __future__ import annotations

import typer
from typer.completion import get_completion_script

from idcctl.cli.core import state_of
from idcctl.errors import UsageError

PROG_NAME = "idcctl"
COMPLETE_VAR = "_IDCCTL_COMPLETE"
SHELLS = ("bash", "zsh", "fish")



def _shells(incomplete: str = "") -> list[str]:
    return [s for s in SHELLS if s.startswith(incomplete)]


def script_for(shell: str) -> str:
    if shell not in SHELLS:
        raise UsageError(f"unsupported shell '{shell}'; use one of {', '.join(SHELLS)}")
    return get_completion_script(prog_name=PROG_NAME, complete_var=COMPLETE_VAR, shell=shell) + "\n"


def completion(
    ctx: typer.Context,
    shell: str = typer.Argument(..., metavar="SHELL", help="bash, zsh or fish.",
                                autocompletion=_shells),
) -> None:
    """Print the completion script for bash, zsh or fish.

    \b
    bash: eval "$(idcctl completion bash)" in ~/.bashrc
    zsh:  idcctl completion zsh > "${fpath[1]}/_idcctl"
    fish: idcctl completion fish > ~/.config/fish/completions/idcctl.fish
    """
    state_of(ctx).out.write(script_for(shell))
