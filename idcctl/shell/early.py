"""What idcctl answers before Typer loads: TAB completion, help and --version.

Importing Typer and Click alone costs several times Python's own start-up,
and a TAB or a ``--help`` needs neither: both are answered here from the
committed command table (`idcctl.shell.tree`). Anything else (or help while
the table is stale) returns None and goes the normal way through Click.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import IO, Any

from idcctl.shell.globalopts import BY_OPTION


def answer(args: list[str], env: Mapping[str, str], out: IO[str]) -> int | None:
    """An exit code when the request was answered here, else None."""
    if env.get("_IDCCTL_COMPLETE"):
        from idcctl.shell.complete import answer as complete

        return complete(env, out)
    try:
        return _help(args, out)
    except Exception:  # noqa: BLE001 - the Typer path answers the same, or says what is wrong
        return None


def _own(node: dict[str, Any]) -> dict[str, bool]:
    return {opt: bool(p.get("value")) for p in node["params"] if p["kind"] == "option"
            for opt in p["opts"] + p.get("secondary", [])}


def locate(args: list[str], table: dict[str, Any]) -> dict[str, Any] | None:
    """Where the words lead: {node, path, help, version, topic, bare} or None for a wrong command."""
    node, path = table["root"], []
    found = {"help": False, "version": False, "topic": None, "bare": True}
    globals_takes = {opt: value for opt, (_, value) in BY_OPTION.items()}
    i = 0
    while i < len(args):
        token = args[i]
        i += 1
        if token == "--":
            found["bare"] = False
            break
        if found["topic"] is not None:
            if not token.startswith("-"):
                found["topic"].append(token)
            continue
        if token in ("-h", "--help"):
            found["help"] = True
        elif token == "--version" and not path:
            found["version"] = True
        elif token.startswith("-") and token != "-":
            own = _own(node)
            name = token.split("=", 1)[0] if token.startswith("--") else token
            inline = token.startswith("--") and "=" in token
            if name in own:
                found["bare"] = False
                i += 1 if own[name] and not inline else 0
            elif _is_global(token):
                i += 1 if globals_takes.get(name) and not inline else 0
            else:
                found["bare"] = False
        elif not path and token == "help":
            found["topic"] = []
        elif "commands" in node and token in node["commands"]:
            node, path = node["commands"][token], path + [token]
        elif "commands" in node:
            return None  # no such command: Click says so
        else:
            found["bare"] = False  # a leaf's argument
    return {"node": node, "path": path, **found}


def _is_global(token: str) -> bool:
    option = token.split("=", 1)[0] if token.startswith("--") else token
    if option in BY_OPTION:
        return True
    return len(token) > 2 and not token.startswith("--") and token[:2] in BY_OPTION


def _maybe_help(args: list[str]) -> bool:
    """Whether the words could ask for help or the version, judged without loading the table."""
    words, skip = [], False
    for token in args:
        if token == "--":
            break
        if token in ("-h", "--help", "--version"):
            return True
        if skip:
            skip = False
        elif token.startswith("-"):
            skip = BY_OPTION.get(token, ("", False))[1]
        else:
            words.append(token)
    if not words or words[0] == "help":
        return True
    from idcctl.shell.registry import GROUPS

    return len(words) == 1 and any(name == words[0] for name, _, _ in GROUPS)


def _help(args: list[str], out: IO[str]) -> int | None:
    if not _maybe_help(args):
        return None
    from idcctl.shell import tree

    table = tree.load()
    if table is None:
        return None
    where = locate(args, table)
    if where is None:
        return None
    if where["version"] and not where["help"]:
        from idcctl import __version__

        out.write(f"idcctl {__version__}\n")
        return 0
    wants_help = where["help"] or where["topic"] is not None or ("commands" in where["node"] and where["bare"])
    if not wants_help or not tree.is_fresh(table):
        return None
    from idcctl.shell import helptext

    if where["topic"] is not None:
        if where["topic"] == ["globals"]:
            out.write(helptext.render_globals())
            return 0
        node = tree.find(table, where["topic"])
        if node is None:
            return None  # the help command names the mistake
        out.write(helptext.render(node, where["topic"]))
        return 0
    out.write(helptext.render(where["node"], where["path"]))
    return 0
