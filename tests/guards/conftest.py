"""What the guards share: the command tree, built eagerly, and its leaf commands."""

from __future__ import annotations


def command_tree():
    """The whole Typer command tree, every group imported."""
    from idcctl.shell.registry import root_command

    return root_command(eager=True)


def leaves(command, path=()):
    """(path, command) for each leaf command below `command`."""
    subcommands = getattr(command, "commands", None)
    if subcommands is None:
        yield path, command
        return
    for name, sub in subcommands.items():
        yield from leaves(sub, path + (name,))
