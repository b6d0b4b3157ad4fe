"""Typer plumbing: global options accepted before the group *and* after the command.

`with_globals` adds the global options to a command function's signature as
ordinary ``typer.Option`` parameters (named ``g_*`` so they never collide
with a command's own), and on invocation moves the values the operator gave
into ``State.flags``. `App` applies it to every command and group callback,
so ``idcctl -o json vm list``, ``idcctl vm -o json list`` and
``idcctl vm list -o json`` all work; a value given later wins. Only public
Typer API is used, so this survives Typer's internals changing.
"""

from __future__ import annotations

import functools
import inspect
import typing
from collections.abc import Callable
from typing import Any, Optional

import typer
from typer.core import TyperCommand, TyperGroup

from idcctl.cli.state import State

PREFIX = "g_"


def _formats(incomplete: str = "") -> list[str]:
    return [f for f in ("table", "json", "yaml") if f.startswith(incomplete)]


# flag name -> (annotation, default, declarations, help)
_GLOBALS: list[tuple[str, Any, list[str], dict[str, Any]]] = [
    ("output", Optional[str], ["-o", "--output"],
     {"metavar": "FORMAT", "help": "table, json or yaml [env IDCCTL_OUTPUT]", "autocompletion": _formats}),
    ("profile", Optional[str], ["-p", "--profile"], {"metavar": "NAME", "help": "profile to use [env IDCCTL_PROFILE]"}),
    ("location", Optional[str], ["-l", "--location"],
     {"metavar": "SLUG", "help": "location for location-scoped calls [env IDCCTL_LOCATION]"}),
    ("api_key", Optional[str], ["--api-key"],
     {"metavar": "KEY", "help": "API key, overrides the profile's [env IDCCTL_API_KEY]"}),
    ("api_url", Optional[str], ["--api-url"], {"metavar": "URL", "help": "API base URL [env IDCCTL_API_URL]"}),
    ("timeout", Optional[float], ["--timeout"],
     {"metavar": "SECONDS", "help": "per-request timeout [env IDCCTL_TIMEOUT]"}),
    ("quiet", bool, ["-q", "--quiet"], {"help": "print only identifiers, one per line"}),
    ("yes", bool, ["-y", "--yes"], {"help": "answer yes to confirmations"}),
    ("dry_run", bool, ["--dry-run"], {"help": "print the request a change would send; send nothing"}),
    ("columns", Optional[str], ["--columns"], {"metavar": "A,B,C", "help": "table columns (dotted paths)"}),
    ("no_headers", bool, ["--no-headers"], {"help": "no header row in tables"}),
    ("show_secrets", bool, ["--show-secrets"], {"help": "show secrets in tables instead of masking"}),
    ("no_color", bool, ["--no-color"], {"help": "plain output [env NO_COLOR]"}),
    ("debug", bool, ["--debug"], {"help": "trace requests on stderr (API key redacted)"}),
]
GLOBAL_NAMES = frozenset(name for name, *_ in _GLOBALS)


def _global_parameters() -> list[inspect.Parameter]:
    params = []
    for name, annotation, decls, kwargs in _GLOBALS:
        default = False if annotation is bool else None
        option = typer.Option(default, *decls, show_default=False, **kwargs)
        params.append(inspect.Parameter(PREFIX + name, inspect.Parameter.KEYWORD_ONLY,
                                        default=option, annotation=annotation))
    return params


def get_state(ctx: typer.Context) -> State:
    root = ctx.find_root()
    if root.obj is None:
        root.obj = State()
    return root.obj


def state_of(ctx: typer.Context) -> State:
    return get_state(ctx)


def with_globals(func: Callable[..., Any]) -> Callable[..., Any]:
    """Give a command function the global options (see the module docstring)."""
    if getattr(func, "__idcctl_globals__", False):
        return func
    signature = inspect.signature(func)
    hints = typing.get_type_hints(func)
    own = [p.replace(annotation=hints.get(p.name, p.annotation)) for p in signature.parameters.values()]
    ctx_name = next((p.name for p in own if p.annotation is typer.Context), None)
    extra_ctx = ctx_name is None
    if extra_ctx:
        ctx_name = "idcctl_ctx"
        own.insert(0, inspect.Parameter(ctx_name, inspect.Parameter.POSITIONAL_OR_KEYWORD,
                                        annotation=typer.Context))
    positional = [p for p in own if p.kind is not inspect.Parameter.KEYWORD_ONLY]
    keyword = [p for p in own if p.kind is inspect.Parameter.KEYWORD_ONLY]

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        bound = inspect.Signature(positional + keyword).bind_partial(
            *args, **{k: v for k, v in kwargs.items() if not k.startswith(PREFIX)})
        ctx = bound.arguments[ctx_name]
        state = get_state(ctx)
        for name in GLOBAL_NAMES:
            value = kwargs.pop(PREFIX + name, None)
            if value is not None and value is not False:
                state.flags[name] = value
        state.forget_config()
        if extra_ctx:
            kwargs.pop(ctx_name, None)
            args = args[1:] if args else args
        return func(*args, **kwargs)

    params = positional + keyword + _global_parameters()
    wrapper.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
    wrapper.__annotations__ = {p.name: p.annotation for p in params}
    wrapper.__idcctl_globals__ = True  # type: ignore[attr-defined]
    return wrapper


def _split_help(command: Any, ctx: typer.Context, formatter: Any) -> None:
    """Arguments, the command's own options, then the global ones in a section of their own."""
    sections: dict[str, list] = {"Arguments": [], "Options": [], "Global options": []}
    for param in command.get_params(ctx):
        record = param.get_help_record(ctx)
        if record is None:
            continue
        record = (record[0], record[1].replace("\\[", "["))  # Typer escapes for rich: plain help
        if param.param_type_name == "argument":
            sections["Arguments"].append(record)
        elif (param.name or "").startswith(PREFIX):
            sections["Global options"].append(record)
        else:
            sections["Options"].append(record)
    for title, rows in sections.items():
        if rows:
            with formatter.section(title):
                formatter.write_dl(rows)


class GlobalCommand(TyperCommand):
    def format_options(self, ctx: Any, formatter: Any) -> None:
        _split_help(self, ctx, formatter)


class GlobalGroup(TyperGroup):
    def format_options(self, ctx: Any, formatter: Any) -> None:
        _split_help(self, ctx, formatter)
        self.format_commands(ctx, formatter)


def _group_callback(ctx: typer.Context) -> None:
    """Record global options given between the group and its command."""


def examples_text(lines: list[str]) -> str:
    """The epilog that lists a command's examples (``\\b`` keeps click from rewrapping it)."""
    return "\b\nExamples:\n" + "\n".join(f"  {line}" for line in lines)


class App(typer.Typer):
    """A Typer app whose groups and commands all take the global options."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("cls", GlobalGroup)
        kwargs.setdefault("rich_markup_mode", None)
        kwargs.setdefault("no_args_is_help", True)
        kwargs.setdefault("add_completion", False)
        kwargs.setdefault("pretty_exceptions_enable", False)
        super().__init__(**kwargs)
        super().callback()(with_globals(_group_callback))

    def command(self, *args: Any, examples: list[str] | None = None, **kwargs: Any):
        """Typer's command(), plus ``examples=[...]``: command lines shown under "Examples"."""
        kwargs.setdefault("cls", GlobalCommand)
        if examples:
            kwargs.setdefault("epilog", examples_text(examples))
        decorator = super().command(*args, **kwargs)
        return lambda func: decorator(with_globals(func))

    def callback(self, *args: Any, **kwargs: Any):
        kwargs.setdefault("cls", GlobalGroup)
        decorator = super().callback(*args, **kwargs)
        return lambda func: decorator(with_globals(func))
