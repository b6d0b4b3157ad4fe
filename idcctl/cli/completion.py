"""`idcctl completion SHELL`: print the shell completion script.

The script calls back into idcctl with ``_IDCCTL_COMPLETE=complete_<shell>``
(Typer's protocol, kept so installed scripts keep working); idcctl answers
from its command table before Typer loads (idcctl.shell.complete). The bash
script no longer falls back to file names: idcctl lists files itself where
an option takes one. Copies live in ``completions/`` for packagers (a test
keeps them equal to this command's output).
"""

from __future__ import annotations

import typer

from idcctl.errors import UsageError
from idcctl.shell.core import App, state_of

PROG_NAME = "idcctl"
COMPLETE_VAR = "_IDCCTL_COMPLETE"
SHELLS = ("bash", "zsh", "fish")

BASH = """_idcctl_completion() {
    local IFS=$'\\n'
    COMPREPLY=( $( env COMP_WORDS="${COMP_WORDS[*]}" \\
                   COMP_CWORD=$COMP_CWORD \\
                   _IDCCTL_COMPLETE=complete_bash $1 ) )
    # A directory: let the operator keep typing its path.
    if [[ ${#COMPREPLY[@]} -eq 1 && ${COMPREPLY[0]} == */ ]]; then
        compopt -o nospace 2>/dev/null
    fi
    return 0
}

complete -F _idcctl_completion idcctl
"""
ZSH = """#compdef idcctl

_idcctl_completion() {
  eval $(env _TYPER_COMPLETE_ARGS="${words[1,$CURRENT]}" _IDCCTL_COMPLETE=complete_zsh idcctl)
}

compdef _idcctl_completion idcctl
"""
FISH = ('complete --command idcctl --no-files --arguments "(env _IDCCTL_COMPLETE=complete_fish '
        '_TYPER_COMPLETE_FISH_ACTION=get-args _TYPER_COMPLETE_ARGS=(commandline -cp) idcctl)" '
        '--condition "env _IDCCTL_COMPLETE=complete_fish _TYPER_COMPLETE_FISH_ACTION=is-args '
        '_TYPER_COMPLETE_ARGS=(commandline -cp) idcctl"\n')
SCRIPTS = {"bash": BASH, "zsh": ZSH, "fish": FISH}

app = App(help="Print the shell completion script.")


def _shells(incomplete: str = "") -> list[str]:
    return [s for s in SHELLS if s.startswith(incomplete)]


def script_for(shell: str) -> str:
    if shell not in SHELLS:
        raise UsageError(f"unsupported shell '{shell}'; use one of {', '.join(SHELLS)}")
    return SCRIPTS[shell]


@app.command("completion", examples=['eval "$(idcctl completion bash)"',
          'idcctl completion zsh > "${fpath[1]}/_idcctl"',
          "idcctl completion fish > ~/.config/fish/completions/idcctl.fish"])
def completion(
    ctx: typer.Context,
    shell: str = typer.Argument(..., metavar="SHELL", help="bash, zsh or fish.",
                                autocompletion=_shells),
) -> None:
    """Print the completion script for bash, zsh or fish.

    Load it from your shell's start-up file (the examples show where). TAB
    then completes commands, options and resource names, cached per profile
    and location for a minute.
    """
    state_of(ctx).out.write(script_for(shell))
