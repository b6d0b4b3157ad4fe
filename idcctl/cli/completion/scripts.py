"""The completion scripts, one per shell, as `completion SHELL` prints and `completion install` writes them."""

from __future__ import annotations

from idcctl.errors import UsageError

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
# Autoloaded from fpath (what `completion install zsh` sets up), the file's body runs at the
# first TAB: it must complete then, not only register itself for the second TAB. Sourced or
# eval'ed, it registers with compdef.
ZSH = """#compdef idcctl

_idcctl_completion() {
  eval $(env _TYPER_COMPLETE_ARGS="${words[1,$CURRENT]}" _IDCCTL_COMPLETE=complete_zsh idcctl)
}

if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
  _idcctl_completion "$@"
else
  compdef _idcctl_completion idcctl
fi
"""
FISH = ('complete --command idcctl --no-files --arguments "(env _IDCCTL_COMPLETE=complete_fish '
        '_TYPER_COMPLETE_FISH_ACTION=get-args _TYPER_COMPLETE_ARGS=(commandline -cp) idcctl)" '
        '--condition "env _IDCCTL_COMPLETE=complete_fish _TYPER_COMPLETE_FISH_ACTION=is-args '
        '_TYPER_COMPLETE_ARGS=(commandline -cp) idcctl"\n')
SCRIPTS = {"bash": BASH, "zsh": ZSH, "fish": FISH}


def script_for(shell: str) -> str:
    if shell not in SHELLS:
        raise UsageError(f"unsupported shell '{shell}'; use one of {', '.join(SHELLS)}")
    return SCRIPTS[shell]
