"""`idcctl help [COMMAND...]`: the help of any command, or `help globals` for the global options.

Normally answered from the command table before Typer loads (idcctl.shell.early);
this command is the same answer when the table is stale.
"""

from __future__ import annotations

from typing import Optional

import typer

from idcctl.errors import UsageError
from idcctl.shell.core import App, state_of

app = App(help="Show the help of a command.")


@app.command("help", examples=["idcctl help vm create", "idcctl help globals", "idcctl help"])
def help_command(
    ctx: typer.Context,
    topic: Optional[list[str]] = typer.Argument(None, metavar="[COMMAND]...",
                                                help="A command path such as 'vm create', or 'globals'."),
) -> None:
    """Show the help of a command (like COMMAND --help), or of the global options."""
    from idcctl.shell import helptext
    from idcctl.shell.describe import describe
    from idcctl.shell.registry import root_command

    state = state_of(ctx)
    words = list(topic or [])
    if words == ["globals"]:
        state.out.write(helptext.render_globals())
        return
    command = root_command()
    for index, word in enumerate(words):
        sub = command.get_command(ctx, word) if hasattr(command, "get_command") else None
        if sub is None:
            raise UsageError(f"no command 'idcctl {' '.join(words[:index + 1])}'",
                             hint="'idcctl help' lists the commands")
        command = sub
    state.out.write(helptext.render(describe(command, ctx, depth=1), words))
