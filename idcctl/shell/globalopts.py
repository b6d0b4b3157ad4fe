"""The global options: one table, and one pass that takes them out of argv.

They are attached once, here, instead of to every command: before Click
parses a command's arguments, `take_globals` removes every global option
(anywhere before ``--``) and records its value in ``State.flags``, so
``idcctl -o json vm list``, ``idcctl vm -o json list`` and
``idcctl vm list -o json`` are the same and a later value wins. The
command's own options are known (`own` maps each to whether it takes a
value), so a value such as ``--name -o`` is never taken for a global, and a
command's own option of the same spelling wins over the global one.

Standard library only: help and completion use this table without Typer.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping
    from typing import Any

# (flag name, option strings, metavar or None for an on/off flag, help, env variable)
GLOBALS: list[tuple[str, tuple[str, ...], str | None, str, str | None]] = [
    ("output", ("-o", "--output"), "FORMAT", "table, json or yaml", "IDCCTL_OUTPUT"),
    ("profile", ("-p", "--profile"), "NAME", "profile to use", "IDCCTL_PROFILE"),
    ("location", ("-l", "--location"), "SLUG", "location for location-scoped calls", "IDCCTL_LOCATION"),
    ("api_key", ("--api-key",), "KEY", "API key, overrides the profile's", "IDCCTL_API_KEY"),
    ("api_url", ("--api-url",), "URL", "API base URL", "IDCCTL_API_URL"),
    ("timeout", ("--timeout",), "SECONDS", "per-request timeout", "IDCCTL_TIMEOUT"),
    ("quiet", ("-q", "--quiet"), None, "print only identifiers, one per line", None),
    ("yes", ("-y", "--yes"), None, "answer yes to confirmations", None),
    ("dry_run", ("--dry-run",), None, "print the request a change would send; send nothing", None),
    ("filter", ("--filter",), "FIELD=VALUE",
     "only list rows where FIELD matches (repeatable: all must; != < <= > >=, globs)", None),
    ("sort", ("--sort",), "[-]FIELD", "sort list rows by FIELD (-FIELD: descending; a,b for several)", None),
    ("columns", ("--columns",), "A,B,C", "table columns: field paths or header names; 'help' lists them",
     None),
    ("no_headers", ("--no-headers",), None, "no header row in tables", None),
    ("show_secrets", ("--show-secrets",), None, "show secrets in tables instead of masking", None),
    ("no_color", ("--no-color",), None, "plain output", "NO_COLOR"),
    ("debug", ("--debug",), None, "trace requests on stderr (API key redacted)", None),
]
GLOBAL_NAMES = frozenset(name for name, *_ in GLOBALS)
# Given several times, these add up (all filters must hold; sort keys in order); others: the last wins.
REPEATABLE = frozenset({"filter", "sort"})
# option string -> (flag name, takes a value)
BY_OPTION: dict[str, tuple[str, bool]] = {
    opt: (name, metavar is not None) for name, opts, metavar, _, _ in GLOBALS for opt in opts
}


class GlobalOptionError(ValueError):
    """A global option without its value, or with a value of the wrong type."""


# An empty value given on the command line is a mistake, never "use the fallback": these
# two would otherwise fall through to the environment and the profile without a word.
# (An empty *environment variable* counts as unset, as documented.)
_NOT_EMPTY = {"api_key": "the key is empty; leave the option out to use IDCCTL_API_KEY or the profile's key",
              "profile": "the profile name is empty; leave the option out to use the active profile"}


def _convert(name: str, option: str, value: str) -> Any:
    if name in _NOT_EMPTY and not value.strip():
        raise GlobalOptionError(f"Invalid value for '{option}': {_NOT_EMPTY[name]}.")
    if name in REPEATABLE:
        # Checked now, before any request is sent; which fields exist is known only from the answer.
        from idcctl.errors import UsageError
        from idcctl.output.select import check_filter, parse_sort

        try:
            check_filter(value) if name == "filter" else parse_sort(value)
        except UsageError as exc:
            raise GlobalOptionError(f"{exc.message} ({exc.hint})" if exc.hint else exc.message) from None
        return value
    if name == "timeout":
        try:
            return float(value)
        except ValueError:
            raise GlobalOptionError(f"Invalid value for '{option}': '{value}' is not a valid float.") from None
    return value


def take_globals(args: Iterable[str], own: Mapping[str, bool], *, interspersed: bool = True,
                 flags: dict[str, Any] | None = None) -> tuple[list[str], dict[str, Any]]:
    """Split `args` into what the command parses and the global flags given.

    `own` maps the command's own option strings to whether each takes a
    value. With ``interspersed=False`` (a group) extraction stops at the
    first positional word: the sub-command, whose own pass takes the rest.
    Raises `GlobalOptionError` for a global without its value.
    """
    flags = {} if flags is None else flags
    rest: list[str] = []
    items = list(args)
    i = 0
    while i < len(items):
        token = items[i]
        i += 1
        if token == "--" or not token.startswith("-") or token == "-":
            rest.append(token)
            if token == "--" or not interspersed:
                rest += items[i:]
                break
            continue
        option, eq, inline = token.partition("=") if token.startswith("--") else (token, "", "")
        if option in own:
            rest.append(token)
            if own[option] and not eq and i < len(items):
                rest.append(items[i])
                i += 1
            continue
        found = _global(token, own)
        if found is None:
            rest.append(token)
            continue
        for name, opt, takes_value, value in found:
            if takes_value and value is None:
                if i >= len(items):
                    raise GlobalOptionError(f"Option '{opt}' requires an argument.")
                value = items[i]
                i += 1
            if name in REPEATABLE:
                flags.setdefault(name, []).append(_convert(name, opt, value))
            else:
                flags[name] = _convert(name, opt, value) if takes_value else True
    return rest, flags


def merge_flags(into: dict[str, Any], flags: Mapping[str, Any]) -> None:
    """Record a later pass's flags: repeatable ones add to what an earlier pass (the group's) took."""
    for name, value in flags.items():
        into[name] = [*into.get(name, []), *value] if name in REPEATABLE else value


def _global(token: str, own: Mapping[str, bool]) -> list[tuple[str, str, bool, Any]] | None:
    """The globals a token gives: (flag, option string, takes a value, inline value or None) each."""
    option, eq, inline = token.partition("=") if token.startswith("--") else (token, "", "")
    if option in BY_OPTION:
        name, takes_value = BY_OPTION[option]
        if eq and not takes_value:
            raise GlobalOptionError(f"Option '{option}' does not take a value.")
        return [(name, option, takes_value, inline if eq else None)]
    if token.startswith("--") or len(token) < 3:
        return None
    head = token[:2]
    if head in BY_OPTION and BY_OPTION[head][1]:  # -ojson: the value attached
        return [(BY_OPTION[head][0], head, True, token[2:])]
    letters = [f"-{c}" for c in token[1:]]  # -qy: several on/off flags
    if all(opt in BY_OPTION and not BY_OPTION[opt][1] and opt not in own for opt in letters):
        return [(BY_OPTION[opt][0], opt, False, None) for opt in letters]
    return None
