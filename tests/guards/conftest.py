"""What the guards share: the command tree, built eagerly, and its leaf commands; the shared contract."""

from __future__ import annotations

import os
from pathlib import Path

from tests.conftest import ROOT

# The command contract beside the repository (../shared/spec/commands.md); IDCCTL_CONTRACT names
# another copy (a worktree elsewhere). Guards that read it skip when it is absent.
CONTRACT = Path(os.environ.get("IDCCTL_CONTRACT") or ROOT.parent / "shared" / "spec" / "commands.md")


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


def groups(command, path=()):
    """(path, group) for the root and each group below it."""
    subcommands = getattr(command, "commands", None)
    if subcommands is None:
        return
    yield path, command
    for name, sub in subcommands.items():
        yield from groups(sub, path + (name,))


def examples_of(command) -> list[str]:
    """The lines under "Examples:" of a command's or group's epilog."""
    lines = (command.epilog or "").splitlines()
    return [line.strip() for line in lines[lines.index("Examples:") + 1:]] if "Examples:" in lines else []
