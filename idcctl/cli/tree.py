"""The command table: the whole command tree as data, so help and TAB need no Typer.

``idcctl/cli/tree.json`` is generated from the live Click tree by
`describe` and committed (JSON, not a Python literal: parsing it takes well
under a millisecond, while compiling a literal that size takes ~50 ms
wherever no .pyc can be written)::

    python -m idcctl.cli.tree            # rewrite idcctl/cli/tree.json
    python -m idcctl.cli.tree --check    # exit 1 when it is stale (a test does this)

It records a hash of the sources under ``idcctl/cli/``; help is served from
the table only while that hash matches (an edited or newly merged command
falls back to Typer until the table is regenerated), while completion uses
it as it is (a stale table costs a missing candidate, never a slow TAB).
Standard library only at import time.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

HERE = os.path.dirname(os.path.abspath(__file__))
TABLE = os.path.join(HERE, "tree.json")


def source_hash() -> str:
    """A digest of every .py file under idcctl/cli (names and contents)."""
    import hashlib

    digest = hashlib.sha1()
    for root, dirs, files in os.walk(HERE):
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "__pycache__")))
        for name in sorted(f for f in files if f.endswith(".py")):
            path = os.path.join(root, name)
            digest.update(os.path.relpath(path, HERE).encode())
            with open(path, "rb") as fh:
                digest.update(fh.read())
    return digest.hexdigest()


def load(*, fresh: bool = False) -> dict[str, Any] | None:
    """The committed table, or None when it is missing, unreadable or (with fresh=True) stale."""
    import json

    try:
        with open(TABLE, encoding="utf-8") as fh:
            table = json.load(fh)
    except (OSError, ValueError):
        return None
    if fresh and table.get("source_hash") != source_hash():
        return None
    return table


def find(table: dict[str, Any], path: list[str]) -> dict[str, Any] | None:
    node = table["root"]
    for word in path:
        node = (node.get("commands") or {}).get(word)
        if node is None:
            return None
    return node


# -- generation (imports Click; used by the generator and by Typer-path help) --


def summary_of(help_text: str) -> str:
    """The first paragraph of a help text on one line: a whole sentence, never cut."""
    paragraph = []
    for line in (help_text or "").strip().splitlines():
        if not line.strip() or line.strip() == "\b":
            break
        paragraph.append(line.strip())
    return " ".join(paragraph)


def _metavar(param: Any) -> str:
    import click

    if param.metavar:
        return param.metavar
    kind = param.type
    if isinstance(kind, click.Choice):
        return "[" + "|".join(map(str, kind.choices)) + "]"
    if param.param_type_name == "argument":
        return (param.name or "").upper()
    names = {"integer": "INTEGER", "float": "FLOAT", "boolean": "BOOLEAN", "path": "PATH",
             "integer range": "INTEGER", "float range": "FLOAT"}
    return names.get(getattr(kind, "name", ""), "TEXT")


def _default(param: Any) -> str | None:
    if param.required or param.show_default is False:
        return None
    default = param.default
    if default is None or default is False or default == () or callable(default):
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
    import click

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
    if isinstance(param.type, click.Choice):
        entry["choices"] = [str(c) for c in param.type.choices]
    if isinstance(param.type, click.Path):
        entry["path"] = True
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
        if depth is not None and name not in command.commands and entry and entry[2]:
            text = entry[2]  # a lazy group's help line: no import needed to list it
            node["commands"][name] = {"help": text, "summary": summary_of(text), "params": []}
            continue
        sub = command.get_command(ctx, name)
        if sub is not None and not getattr(sub, "hidden", False):
            node["commands"][name] = describe(sub, ctx, None if depth is None else depth - 1)
    return node


def generate() -> dict[str, Any]:
    from idcctl.cli import root_command

    return {"source_hash": source_hash(), "root": describe(root_command(eager=True))}


def dumps(table: dict[str, Any]) -> str:
    import json

    return json.dumps(table, indent=1, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    text = dumps(generate())
    if "--check" in argv:
        try:
            with open(TABLE, encoding="utf-8") as fh:
                current = fh.read()
        except OSError:
            current = ""
        if current != text:
            print("idcctl/cli/tree.json is stale: run python -m idcctl.cli.tree", file=sys.stderr)
            return 1
        return 0
    with open(TABLE, "w", encoding="utf-8") as fh:
        fh.write(text)
    return 0


if __name__ == "__main__":  # the generator's own entry point (python -m idcctl.cli.tree)
    raise SystemExit(main())
