"""Typer plumbing: the global options taken once, lazily built groups, plain help with examples.

Global options are not copied into every command (that cost ~30 ms of
Typer-to-Click conversion per run and 14 lines of every help): each
command's and group's ``parse_args`` first hands its arguments to
`idcctl.shell.globalopts.take_globals`, which knows the command's own options
from its live Click parameters and records the globals in ``State.flags``.

Groups are built on demand (`LazyGroup`): the root knows each group by name,
help line and import path only and imports just the one invoked. Help is
rendered by `idcctl.shell.helptext` from the same description the committed
command table is generated from, so it reads the same whether it comes from
the table (fast path, no Typer) or from Click.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup

from idcctl.shell import compat
from idcctl.shell.globalopts import GLOBAL_NAMES, GlobalOptionError, merge_flags, take_globals  # noqa: F401
from idcctl.shell.state import State


def get_state(ctx: Any) -> State:
    root = ctx.find_root()
    if root.obj is None:
        root.obj = State()
    return root.obj


def state_of(ctx: typer.Context) -> State:
    return get_state(ctx)


def own_options(command: Any, ctx: Any) -> dict[str, bool]:
    """The command's own option strings, each mapped to whether it takes a value."""
    own: dict[str, bool] = {}
    for param in command.get_params(ctx):
        if param.param_type_name != "option":
            continue
        takes_value = not (param.is_flag or param.count)
        for opt in [*param.opts, *param.secondary_opts]:
            own[opt] = takes_value
    return own


def _take(command: Any, ctx: Any, args: list[str], interspersed: bool) -> list[str]:
    try:
        rest, flags = take_globals(args, own_options(command, ctx), interspersed=interspersed)
    except GlobalOptionError as exc:
        raise compat.UsageError(str(exc), ctx=ctx) from None
    if flags:
        state = get_state(ctx)
        merge_flags(state.flags, flags)
        state.forget_config()
    return rest


def _help(command: Any, ctx: Any) -> str:
    from idcctl.shell import helptext
    from idcctl.shell.describe import describe

    path = ctx.command_path.split()[1:]
    return helptext.render(describe(command, ctx, depth=1), path).rstrip("\n")


class GlobalCommand(TyperCommand):
    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        return super().parse_args(ctx, _take(self, ctx, args, interspersed=True))

    def get_help(self, ctx: Any) -> str:
        return _help(self, ctx)


class GlobalGroup(TyperGroup):
    """A group that takes the global options and builds its members on first use.

    ``pending`` maps a member's name to a function building its Click
    command: converting a Typer command costs about half a millisecond, and
    a run needs one of them.
    """

    pending: dict[str, Callable[[], Any]] | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.suggest_commands = False  # Typer's would see only the members built so far; ours sees all

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        return super().parse_args(ctx, _take(self, ctx, args, interspersed=False))

    def get_help(self, ctx: Any) -> str:
        return _help(self, ctx)

    def list_commands(self, ctx: Any) -> list[str]:
        if self.pending is None:
            return super().list_commands(ctx)
        return list(dict.fromkeys([*self.pending, *self.commands]))

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if self.pending and cmd_name not in self.commands and cmd_name in self.pending:
            self.commands[cmd_name] = self.pending[cmd_name]()
        return super().get_command(ctx, cmd_name)

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        """Click's lookup, suggesting close names from every member (Typer's looks only at built ones)."""
        from difflib import get_close_matches

        try:
            return super().resolve_command(ctx, args)
        except compat.UsageError as exc:
            matches = get_close_matches(args[0], self.list_commands(ctx)) if args else []
            if matches:
                exc.message = (f"{exc.message.rstrip('.')}. "
                               f"Did you mean {', '.join(repr(m) for m in matches)}?")
            raise

    def load_all(self) -> GlobalGroup:
        for name in self.list_commands(None):  # type: ignore[arg-type]
            command = self.get_command(None, name)  # type: ignore[arg-type]
            if isinstance(command, GlobalGroup):
                command.load_all()
        return self


class LazyGroup(GlobalGroup):
    """The root: ``entries`` maps each member's name to ``(module, help)``; the module's
    ``app`` is a group, or holds the one command of that name."""

    entries: dict[str, tuple[str, str | None]]

    def set_entries(self, entries: dict[str, tuple[str, str | None]]) -> None:
        self.entries = entries
        self.pending = {name: (lambda name=name: load_member(name, *entries[name])) for name in entries}


def _group_name(info: Any) -> str | None:
    """The name a sub-app was added under (None: its commands join the parent, as Typer merges them)."""
    name = info.name
    if isinstance(name, compat.DefaultPlaceholder):
        name = name.value
    return name or info.typer_instance.info.name or None


def _members(app: Any, style: dict[str, Any]) -> dict[str, Callable[[], Any]]:
    """Builders of an app's members by name: its commands, then its sub-groups (as help lists them).

    An unnamed sub-app's commands and groups join the app's own, in the order they were added.
    """
    commands: dict[str, Callable[[], Any]] = {}
    groups: dict[str, Callable[[], Any]] = {}

    def collect(part: Any) -> None:
        for command_info in part.registered_commands:
            name = command_info.name or compat.get_command_name(command_info.callback.__name__)
            commands[name] = lambda c=command_info: compat.get_command_from_info(c, **style)
        for group_info in part.registered_groups:
            name = _group_name(group_info)
            if name is None:
                collect(group_info.typer_instance)
            else:
                groups[name] = lambda g=group_info: lazy_group(g)

    collect(app)
    return {**commands, **groups}


def lazy_group(info: Any) -> Any:
    """A Typer app (its TyperInfo) as a Click group whose members are converted on demand.

    Uses typer.main's converters (through `compat`) for one command or group at a time.
    """
    import copy

    app = info.typer_instance
    shell = copy.copy(app)
    shell.registered_commands, shell.registered_groups = [], []
    shell_info = copy.copy(info)
    shell_info.typer_instance = shell
    style = {"pretty_exceptions_short": app.pretty_exceptions_short, "rich_markup_mode": app.rich_markup_mode}
    group = compat.get_group_from_info(shell_info, suggest_commands=app.suggest_commands, **style)
    group.pending = _members(app, style)
    return group


def load_member(name: str, module_name: str, help_text: str | None) -> Any:
    """Import one member of the root and turn it into its Click command or group."""
    app = importlib.import_module(module_name).app
    if help_text is None:  # a command directly under the root: the app's one command
        (command_info,) = app.registered_commands
        style = {"pretty_exceptions_short": app.pretty_exceptions_short,
                 "rich_markup_mode": app.rich_markup_mode}
        command = compat.get_command_from_info(command_info, **style)
    else:
        command = lazy_group(compat.TyperInfo(app))
        command.help = help_text
    command.name = name
    return command


def examples_text(lines: list[str]) -> str:
    """The epilog that lists a command's examples (``\\b`` keeps click from rewrapping it)."""
    return "\b\nExamples:\n" + "\n".join(f"  {line}" for line in lines)


class App(typer.Typer):
    """A Typer app with plain (rich-free) help, global options and examples.

    ``examples=[...]`` gives a group its "Examples:" as `command` does a command
    (`idcctl vm --help`); an app whose commands join another group needs none.
    """

    def __init__(self, *, examples: list[str] | None = None, **kwargs: Any) -> None:
        if examples:
            kwargs.setdefault("epilog", examples_text(examples))
        kwargs.setdefault("cls", GlobalGroup)
        kwargs.setdefault("rich_markup_mode", None)
        kwargs.setdefault("no_args_is_help", True)
        kwargs.setdefault("add_completion", False)
        kwargs.setdefault("pretty_exceptions_enable", False)
        super().__init__(**kwargs)

    def command(self, *args: Any, examples: list[str] | None = None, **kwargs: Any):
        """Typer's command(), plus ``examples=[...]``: command lines shown under "Examples"."""
        kwargs.setdefault("cls", GlobalCommand)
        if examples:
            kwargs.setdefault("epilog", examples_text(examples))
        return super().command(*args, **kwargs)

    def callback(self, *args: Any, **kwargs: Any):
        kwargs.setdefault("cls", GlobalGroup)
        return super().callback(*args, **kwargs)
