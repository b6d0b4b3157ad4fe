"""`idcctl completion bash|zsh|fish` prints a completion script; `completion install` puts it in place.

The scripts call back into idcctl with ``_IDCCTL_COMPLETE=complete_<shell>``
(Typer's protocol, kept so installed scripts keep working); idcctl answers
from its command table before Typer loads (idcctl.shell.complete). The bash
script no longer falls back to file names: idcctl lists files itself where
an option takes one. Copies live in ``completions/`` for packagers (a test
keeps them equal to these commands' output). Where `install` writes, and
what it asks of the rc file, is `install.py`'s business.
"""

from __future__ import annotations

import typer

from idcctl.cli.completion import install
from idcctl.cli.completion.scripts import SHELLS, script_for  # noqa: F401 - the scripts, by shell
from idcctl.shell.core import App, state_of

app = App(help="Shell completion: install the script for bash, zsh or fish, or print it.",
          examples=["idcctl completion install", 'eval "$(idcctl completion bash)"'])
printers = App()  # added after `install`, which `completion --help` lists first


def _printer(shell: str, examples: list[str]) -> None:
    """`completion SHELL`: one command per shell, so `idcctl completion bash` reads as it always did."""

    @printers.command(shell, examples=examples, help=f"Print the {shell} completion script (what 'completion "
                 f"install {shell}' writes), for packagers and your own dotfiles.")
    def print_script(ctx: typer.Context) -> None:
        state_of(ctx).out.write(script_for(shell))


_printer("bash", ['eval "$(idcctl completion bash)"', "idcctl completion bash > /etc/bash_completion.d/idcctl"])
_printer("zsh", ["idcctl completion zsh > ~/.zfunc/_idcctl"])
_printer("fish", ["idcctl completion fish | source"])
app.add_typer(install.app)
app.add_typer(printers)
