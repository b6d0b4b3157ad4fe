"""Answer a TAB from the command table, before Typer loads.

The protocol is the one of the scripts in ``completions/`` (Typer's):
``_IDCCTL_COMPLETE=complete_bash`` with ``COMP_WORDS``/``COMP_CWORD``;
``complete_zsh`` and ``complete_fish`` with ``_TYPER_COMPLETE_ARGS`` (fish
also ``_TYPER_COMPLETE_FISH_ACTION=get-args|is-args``).

What is completed is what operators type: commands and options, resource
names keyed on the parameter's name (``vm``, ``net``, ``lb``, ``svc``,
``bucket``, ``disk``: `idcctl.resources.BY_PARAM`), profile names, setting keys,
location slugs, OS names and versions, choices such as ``on|off``, output
formats, ``api`` methods. Files are offered only where an option takes a
file (``--cloud-init``, ``--state``, ``--json @file``, ``--public-key
@file``); everywhere else an empty answer stays empty. Nothing here may
print an error or wait long: any failure is no candidates.
"""

from __future__ import annotations

import os

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import IO, Any

from idcctl.shell.globalopts import BY_OPTION, GLOBALS

FILE_OPTIONS = {"--cloud-init", "--state"}
AT_FILE_OPTIONS = {"--json", "--public-key", "--rules"}
METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"]
SHELLS = ["bash", "zsh", "fish"]
GLOBAL_HELP = {opt: text for _, opts, _, text, _ in GLOBALS for opt in opts}

Item = tuple[str, str]  # (value, help)


def answer(env: Mapping[str, str], out: IO[str]) -> int:
    shell = env.get("_IDCCTL_COMPLETE", "").replace("complete_", "")
    fish_action = env.get("_TYPER_COMPLETE_FISH_ACTION", "get-args")
    incomplete = ""
    try:
        args, incomplete = words(shell, env)
        from idcctl.shell import tree

        table = tree.load()
        items, mode = candidates(table, args, incomplete, env) if table else ([], "plain")
    except Exception:  # noqa: BLE001 - a TAB never shows an error
        items, mode = [], "plain"
    if shell == "fish" and fish_action == "is-args":
        return 1 if mode == "files" else 0  # 1 lets fish complete file names itself
    out.write(render(shell, items, mode))
    return 0


def _unquote(word: str) -> str:
    if word[:1] in ("'", '"'):
        word = word[1:].rstrip(word[0])
    return word.replace("\\ ", " ")


def words(shell: str, env: Mapping[str, str]) -> tuple[list[str], str]:
    """The words before the one being completed, and that one."""
    if shell == "bash":
        raw = env.get("COMP_WORDS", "")
        parts = raw.split("\n") if "\n" in raw else raw.split()
        cword = int(env.get("COMP_CWORD", "0") or 0)
        args, incomplete = parts[1:cword], (parts[cword] if cword < len(parts) else "")
        # bash splits --opt=value into '--opt' '=' 'value': rejoin what the parser needs.
        args = [a for i, a in enumerate(args) if not (a == "=" and i and args[i - 1].startswith("--"))]
    else:
        raw = env.get("_TYPER_COMPLETE_ARGS", "")
        parts = raw.split()
        args = parts[1:]
        incomplete = ""
        if args and not raw.endswith(" "):
            incomplete = args.pop()
    return [_unquote(a) for a in args], _unquote(incomplete)


def _options(node: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {opt: p for p in node["params"] if p["kind"] == "option" for opt in p["opts"] + p.get("secondary", [])}


def candidates(table: dict[str, Any], args: list[str], incomplete: str,
               env: Mapping[str, str]) -> tuple[list[Item], str]:
    """What may come next: ([(value, help)], mode) with mode plain, files or files@."""
    node, path = table["root"], []
    ctx: dict[str, Any] = {"flags": {}, "given": {}, "positional": [], "env": env}
    pending: dict[str, Any] | str | None = None
    rest = False
    for token in args:
        if pending is not None:
            _record(ctx, pending, token)
            pending = None
        elif rest or (token.startswith("-") and token != "-" and token != "--"):
            if rest:
                ctx["positional"].append(token)
                continue
            name, eq, value = token.partition("=") if token.startswith("--") else (token, "", "")
            own = _options(node).get(name)
            if own is not None:
                pending = own if own.get("value") and not eq else None
                if eq:
                    _record(ctx, own, value)
            elif name in BY_OPTION:
                if BY_OPTION[name][1] and not eq:
                    pending = BY_OPTION[name][0]
                elif BY_OPTION[name][1]:
                    ctx["flags"][BY_OPTION[name][0]] = value
            elif token[:2] in BY_OPTION and BY_OPTION[token[:2]][1]:
                ctx["flags"][BY_OPTION[token[:2]][0]] = token[2:]
        elif token == "--":
            rest = True
        elif "commands" in node and token in node["commands"]:
            node, path = node["commands"][token], path + [token]
        elif "commands" in node:
            return [], "plain"
        else:
            ctx["positional"].append(token)
    ctx.update(node=node, path=path)
    if pending is not None:
        return _value(ctx, pending, incomplete)
    if incomplete.startswith("-") and not rest:
        if incomplete.startswith("--") and "=" in incomplete:
            name, _, value = incomplete.partition("=")
            param = _options(node).get(name) or (BY_OPTION[name][0] if name in BY_OPTION else None)
            if param is None:
                return [], "plain"
            items, mode = _value(ctx, param, value)
            return [(f"{name}={v}", h) for v, h in items], mode
        return _match(_option_items(node), incomplete), "plain"
    if "commands" in node:
        items = [(name, sub.get("summary", "")) for name, sub in node["commands"].items()]
        return _match(items, incomplete), "plain"
    if path == ["help"]:
        return _help_topics(table, ctx["positional"], incomplete), "plain"
    param = _argument_at(node, len(ctx["positional"]))
    return _value(ctx, param, incomplete) if param else ([], "plain")


def _record(ctx: dict[str, Any], param: dict[str, Any] | str, value: str) -> None:
    if isinstance(param, str):
        ctx["flags"][param] = value
    else:
        for opt in param["opts"]:
            ctx["given"][opt] = value


def _option_items(node: dict[str, Any]) -> list[Item]:
    items = [(opt, p.get("help", "")) for p in node["params"] if p["kind"] == "option"
             for opt in p["opts"] + p.get("secondary", [])]
    items.append(("--help", "Show this message and exit."))
    own = {value for value, _ in items}
    items += [(opt, GLOBAL_HELP[opt]) for opt in GLOBAL_HELP if opt not in own]
    return items


def _argument_at(node: dict[str, Any], index: int) -> dict[str, Any] | None:
    for param in (p for p in node["params"] if p["kind"] == "argument"):
        nargs = param.get("nargs", 1)
        if nargs < 0 or index < nargs:
            return param
        index -= nargs
    return None


def _help_topics(table: dict[str, Any], words: list[str], incomplete: str) -> list[Item]:
    from idcctl.shell import tree

    node = tree.find(table, words)
    if node is None or "commands" not in node:
        return []
    items = [(name, sub.get("summary", "")) for name, sub in node["commands"].items()]
    if not words:
        items.append(("globals", "The options every command takes."))
    return _match(items, incomplete)


def _match(items: list[Item], incomplete: str) -> list[Item]:
    return [(value, text) for value, text in items if value.startswith(incomplete)]


def _plain(values: list[str], incomplete: str) -> list[Item]:
    return _match([(v, "") for v in values], incomplete)


def _value(ctx: dict[str, Any], param: dict[str, Any] | str, incomplete: str) -> tuple[list[Item], str]:
    """Candidates for an option's value or an argument."""
    from idcctl.shell import names

    env, flags = ctx["env"], ctx["flags"]
    if isinstance(param, str):  # a global option
        if param == "output":
            from idcctl.values import OUTPUT_FORMATS

            return _plain(list(OUTPUT_FORMATS), incomplete), "plain"
        if param == "profile":
            return _plain(names.profile_names(env), incomplete), "plain"
        if param == "location":
            return _plain(names.names("location", flags, env), incomplete), "plain"
        return [], "plain"
    opts, name, path = set(param.get("opts", [])), param.get("name"), ctx["path"]
    if opts & AT_FILE_OPTIONS:
        return (files(incomplete[1:], "@"), "files@") if incomplete.startswith("@") else ([], "plain")
    if param.get("path") or opts & FILE_OPTIONS:
        return files(incomplete), "files"
    if param.get("choices"):
        return _plain(param["choices"], incomplete), "plain"
    from idcctl.resources import BY_PARAM

    if name in BY_PARAM:
        return names.choices(BY_PARAM[name], flags, env, incomplete), "plain"
    if "--os" in opts or "--os-version" in opts:
        images = names.names("image", flags, env)
        if "--os" in opts:
            return _plain([os_name for os_name, _ in images], incomplete), "plain"
        chosen = ctx["given"].get("--os")
        versions = [v for os_name, vs in images if chosen in (None, os_name) for v in vs]
        return _plain(list(dict.fromkeys(versions)), incomplete), "plain"
    return _by_place(ctx, path, name, param, incomplete), "plain"


def _by_place(ctx: dict[str, Any], path: list[str], name: str | None, param: dict[str, Any],
              incomplete: str) -> list[Item]:
    from idcctl.shell import names

    env = ctx["env"]
    if path[:1] == ["profile"] and name == "name":
        return _plain(names.profile_names(env), incomplete)
    if path[:1] == ["config"] and name in ("key", "value"):
        from idcctl.values import OUTPUT_FORMATS, SETTING_NAMES
    if path[:1] == ["config"] and name == "key":
        return _plain(list(SETTING_NAMES), incomplete)
    if path == ["config", "set"] and name == "value" and ctx["positional"]:
        key = ctx["positional"][0]
        if key == "output":
            return _plain(list(OUTPUT_FORMATS), incomplete)
        if key == "location":
            return _plain(names.names("location", ctx["flags"], env), incomplete)
        return []
    if path == ["api"] and name == "method":
        return _plain(METHODS, incomplete)
    if path == ["completion", "install"] and name == "shell":
        return _plain(SHELLS, incomplete)
    metavar = param.get("metavar", "")
    if "|" in metavar and all(w.isalnum() and w.islower() for w in metavar.split("|")):
        return _plain(metavar.split("|"), incomplete)  # on|off, snapshot|backup
    return []


def files(prefix: str, lead: str = "") -> list[Item]:
    """File and directory names starting with `prefix` (directories end in '/')."""
    head, _, tail = prefix.rpartition("/")
    directory = os.path.expanduser(head + "/" if head or prefix.startswith("/") else ".")
    try:
        entries = sorted(os.scandir(directory), key=lambda e: e.name)
    except OSError:
        return []
    found = []
    for entry in entries:
        if not entry.name.startswith(tail) or (entry.name.startswith(".") and not tail.startswith(".")):
            continue
        shown = (head + "/" if head or prefix.startswith("/") else "") + entry.name
        found.append((lead + shown + ("/" if entry.is_dir() else ""), ""))
    return found


def _bash_escape(value: str) -> str:
    return "".join("\\" + c if c in " \t\"'\\$`!&;|<>()*?[]{}#~" and not (c == "~" and i) else c
                   for i, c in enumerate(value))


def _zsh_escape(text: str) -> str:
    """Text for a double-quoted word of `_arguments '*: :(("value":"help"))'`, the whole in single quotes.

    Two parses read it: eval (single quotes: a ' is closed, escaped and
    reopened as '\\'') and _arguments' own eval of the ((...)) list (double
    quotes: \\, ", $ and ` are backslashed; a colon separates value from help).
    """
    text = (text.replace("\\", "\\\\").replace('"', '\\"').replace("$", "\\$")
            .replace("`", "\\`").replace(":", r"\\:"))
    return text.replace("'", "'\\''")


def render(shell: str, items: list[Item], mode: str) -> str:
    from idcctl.terminal import candidates

    items = candidates(items)
    if shell == "zsh":
        if mode == "files":
            return "_files\n"
        if not items:
            return ""
        specs = "\n".join(f'"{_zsh_escape(v)}":"{_zsh_escape(h)}"' if h else f'"{_zsh_escape(v)}"'
                          for v, h in items)
        return f"_arguments '*: :(({specs}))'\n"
    if shell == "fish":
        return "".join(f"{v}\t{h}\n" if h else f"{v}\n" for v, h in items)
    return "".join(_bash_escape(v) + "\n" for v, _ in items)
