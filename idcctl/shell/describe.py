"""A Click command (and its sub-commands) as plain data: what help, TAB and the man page read.

`describe` is what `idcctl/shell/tree.json` is generated from (`idcctl.shell.tree`)
and what help rendered through Click reads (`idcctl.shell.core`), so both read
the same. Imports Typer only through `idcctl.shell.compat`, inside the functions.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def summary_of(help_text: str) -> str:
    """The first paragraph of a help text on one line: a whole sentence, never cut."""
    paragraph = []
    for line in (help_text or "").strip().splitlines():
        if not line.strip() or line.strip() == "\b":
            break
        paragraph.append(line.strip())
    return " ".join(paragraph)


def _metavar(param: Any) -> str:
    from idcctl.shell.compat import value_type

    if param.metavar:
        return param.metavar
    kind = value_type(param)
    if kind.choices is not None:
        return "[" + "|".join(kind.choices) + "]"
    if param.param_type_name == "argument":  # as click names it: NAME, or NAME... for several
        return (param.name or "").upper() + ("..." if param.nargs != 1 else "")
    return {"integer": "INTEGER", "float": "FLOAT", "boolean": "BOOLEAN", "path": "PATH"}.get(kind.kind, "TEXT")


def _default(param: Any) -> str | None:
    if param.required or param.show_default is False:
        return None
    default = param.default
    if default is None or default is False or default in ((), []) or callable(default):
        return None
    if param.param_type_name == "option" and (param.is_flag and default is True):
        return None
    if isinstance(default, float) and default.is_integer():
        default = int(default)
    return str(default)


def _declared_help(command: Any) -> dict[str, str]:
    """Help texts as declared in the command function's signature.

    Click 8.3+ resets ``help`` on arguments after Typer sets it, so an
    argument's help is read back from its ``typer.Argument(help=...)``.
    """
    import inspect

    try:
        signature = inspect.signature(inspect.unwrap(command.callback))
    except (TypeError, ValueError):
        return {}
    return {name: p.default.help for name, p in signature.parameters.items()
            if getattr(p.default, "help", None)}


def describe_param(param: Any, declared: dict[str, str] | None = None) -> dict[str, Any]:
    from idcctl.shell.compat import value_type

    text = getattr(param, "help", None) or (declared or {}).get(param.name or "") or ""
    entry: dict[str, Any] = {"kind": param.param_type_name, "name": param.name,
                             "metavar": _metavar(param), "help": text,
                             "required": bool(param.required)}
    if param.param_type_name == "option":
        entry["opts"] = list(param.opts)
        entry["secondary"] = list(param.secondary_opts)
        entry["value"] = not (param.is_flag or param.count)
        entry["multiple"] = bool(param.multiple)
    else:
        entry["nargs"] = param.nargs
    default = _default(param)
    if default is not None:
        entry["default"] = default
    kind = value_type(param)
    if kind.choices is not None:
        entry["choices"] = list(kind.choices)
    if kind.path:
        entry["path"] = True
    for bound in ("min", "max"):  # the man page prints the range (as x>=1); --help leaves it out
        if getattr(kind, bound) is not None:
            entry[bound] = getattr(kind, bound)
    return entry


def describe(command: Any, ctx: Any = None, depth: int | None = None) -> dict[str, Any]:
    """A command (and its sub-commands, `depth` levels deep) as plain data for help and TAB."""
    node: dict[str, Any] = {"help": (command.help or "").strip(), "summary": summary_of(command.help or ""),
                            "epilog": (command.epilog or "").strip(),
                            "params": []}
    declared = _declared_help(command) if command.callback else {}
    node["params"] = [describe_param(p, declared) for p in command.params if not getattr(p, "hidden", False)]
    if command.deprecated:
        node["deprecated"] = True
    if getattr(command, "commands", None) is None:
        return node
    node["commands"] = {}
    if depth is not None and depth <= 0:
        return node
    entries = getattr(command, "entries", {})
    for name in command.list_commands(ctx):
        entry = entries.get(name)
        if depth is not None and name not in command.commands and entry and entry[1]:
            text = entry[1]  # a lazy group's help line: no import needed to list it
            node["commands"][name] = {"help": text, "summary": summary_of(text), "params": []}
            continue
        sub = command.get_command(ctx, name)
        if sub is not None and not getattr(sub, "hidden", False):
            node["commands"][name] = describe(sub, ctx, None if depth is None else depth - 1)
    return node
