"""Help text from a command description (see `idcctl.shell.tree`), without Typer or rich.

The same renderer serves the fast path (the committed table) and Click
(`GlobalCommand.get_help`), so both read alike: usage, the description,
arguments, the command's own options, examples, and a one-line pointer to
the global options, which are shown once: compactly at the root and in full
under ``idcctl help globals``. Summaries are whole first paragraphs, never
truncated mid-word.
"""

from __future__ import annotations

import os

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

from idcctl.shell.globalopts import GLOBALS

HELP_OPTION = {"kind": "option", "opts": ["-h", "--help"], "secondary": [], "value": False,
               "help": "Show this message and exit.", "required": False, "metavar": ""}
NBSP = "\u00a0"  # keeps "[default: 600]" on one line; printed as a space
POINTER = ("Global options (-o FORMAT, -p NAME, -l SLUG, -q, -y, --dry-run, --filter, --sort, "
           "--columns, ...) work here too: "
           "'idcctl help globals'.")


def width() -> int:
    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        try:
            columns = os.get_terminal_size(1).columns
        except OSError:
            columns = 80
    return max(min(columns, 100) - 2, 50)


def _wrap(text: str, width: int, indent: str, first: str | None = None) -> list[str]:
    import textwrap

    lines = textwrap.wrap(text, width, initial_indent=indent if first is None else first,
                          subsequent_indent=indent, break_long_words=False, break_on_hyphens=False)
    return [line.replace(NBSP, " ") for line in lines] or [""]


def paragraphs(text: str, cols: int, indent: str = "  ") -> list[str]:
    """Rewrap paragraphs; one whose first line is ``\\b`` is kept as written (click's convention)."""
    lines: list[str] = []
    for block in (text or "").strip().split("\n\n"):
        rows = block.splitlines()
        if rows and rows[0].strip() == "\b":
            lines += [indent + row.rstrip() if row.strip() else "" for row in rows[1:]]
        else:
            lines += _wrap(" ".join(r.strip() for r in rows), cols, indent)
        lines.append("")
    return lines[:-1]


def definitions(rows: list[tuple[str, str]], cols: int) -> list[str]:
    """Two columns like click's write_dl: the name, then its text wrapped beside it."""
    if not rows:
        return []
    first = min(max(len(name) for name, _ in rows), 30) + 2
    lines = []
    for name, text in rows:
        lead = f"  {name}"
        if len(name) + 2 > first:
            lines.append(lead)
            lead = ""
        lead = lead.ljust(first + 2)
        lines += _wrap(text, cols, " " * (first + 2), lead) if text else [lead.rstrip()]
    return lines


def option_decl(param: dict[str, Any]) -> str:
    decl = ", ".join(param["opts"])
    if param.get("secondary"):
        decl += " / " + ", ".join(param["secondary"])
    if param.get("value") and param.get("metavar"):
        decl += f" {param['metavar']}"
    return decl


def _number(value: float) -> str:
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def _range(param: dict[str, Any]) -> str | None:
    low, high = param.get("min"), param.get("max")
    if low is not None and high is not None:
        return f"{_number(low)}<=x<={_number(high)}"
    if low is not None:
        return f"x>={_number(low)}"
    return None if high is None else f"x<={_number(high)}"


def _extra(param: dict[str, Any], ranges: bool = False) -> str:
    notes = []
    if param.get("default") is not None:
        notes.append(f"default: {param['default']}")
    if ranges and _range(param):
        notes.append(_range(param))
    if param.get("required"):
        notes.append("required")
    text = param.get("help") or ""
    return f"{text}  [{NBSP.join('; '.join(notes).split(' '))}]".strip() if notes else text


def param_rows(node: dict[str, Any], *, ranges: bool = False) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(arguments, options) of a command as (declaration, text) rows; ``ranges`` adds "x>=1" notes
    (the man page's; --help has none). The help option is not among them."""
    arguments = [(p["metavar"], _extra(p, ranges)) for p in node["params"] if p["kind"] == "argument"]
    options = [(option_decl(p), _extra(p, ranges)) for p in node["params"] if p["kind"] == "option"]
    return arguments, options


def usage(node: dict[str, Any], path: list[str]) -> str:
    if not path:
        return "idcctl [GLOBAL OPTIONS] COMMAND [ARGS]..."
    return " ".join(["idcctl", *path, *usage_pieces(node)])


def usage_pieces(node: dict[str, Any]) -> list[str]:
    """What follows the command's name in its usage line."""
    if "commands" in node:
        return ["[OPTIONS]", "COMMAND", "[ARGS]..."]
    words = ["[OPTIONS]"]
    for param in node["params"]:
        if param["kind"] == "argument":
            metavar = param["metavar"]
            if not param["required"] and not metavar.startswith("["):
                metavar = f"[{metavar}]"
            words.append(metavar)
    return words


def render(node: dict[str, Any], path: list[str], cols: int | None = None) -> str:
    """The help of the command at `path`, as `idcctl PATH --help` prints it."""
    cols = cols or width()
    lines = [f"Usage: {usage(node, path)}", ""]
    if node.get("help"):
        lines += paragraphs(node["help"], cols) + [""]
    arguments, options = param_rows(node)
    options.append((option_decl(HELP_OPTION), HELP_OPTION["help"]))
    if arguments:
        lines += ["Arguments:", *definitions(arguments, cols), ""]
    if "commands" in node:
        commands = [(name, sub.get("summary", "")) for name, sub in node["commands"].items()]
        lines += ["Commands:", *definitions(commands, cols), ""]
    lines += ["Options:", *definitions(options, cols), ""]
    if node.get("epilog"):
        lines += _epilog(node["epilog"], cols) + [""]
    if path:
        lines += _wrap(POINTER, cols, "")
    else:
        lines += compact_globals(cols)
    return "\n".join(lines).rstrip("\n") + "\n"


def _epilog(text: str, cols: int) -> list[str]:
    rows = text.splitlines()
    if rows and rows[0].strip() == "\b" and len(rows) > 1 and rows[1].rstrip().endswith(":"):
        body = [line for r in rows[2:] for line in _command_lines(r.rstrip(), cols)]
        return [rows[1].strip(), *body]  # a titled section, e.g. Examples:
    return paragraphs(text, cols, indent="")


def _command_lines(line: str, cols: int) -> list[str]:
    """A long example command, broken with shell line continuations so it still pastes."""
    indent = line[:len(line) - len(line.lstrip())]
    if len(line) <= cols:
        return [line]
    out, current, words = [], "", []
    for word in line.split():  # an option stays with its value
        if words and words[-1].startswith("-") and " " not in words[-1] and not word.startswith("-"):
            words[-1] += " " + word
        else:
            words.append(word)
    for word in words:
        if current and len(current) + len(word) + 3 > cols:
            out.append(current + " \\")
            current = indent + "    " + word
        else:
            current = (current + " " + word) if current else indent + word
    return out + [current]


def compact_globals(cols: int) -> list[str]:
    decls = [", ".join(opts) + (f" {metavar}" if metavar else "") for _, opts, metavar, _, _ in GLOBALS]
    lines = ["Global options (anywhere; 'idcctl help globals' explains each):"]
    lines += _wrap("   ".join(d.replace(" ", "\u00a0") for d in decls), cols, "  ")
    return [line.replace("\u00a0", " ") for line in lines]


def render_globals(cols: int | None = None) -> str:
    """`idcctl help globals`: every global option in full."""
    cols = cols or width()
    rows = []
    for _, opts, metavar, text, env in GLOBALS:
        decl = ", ".join(opts) + (f" {metavar}" if metavar else "")
        rows.append((decl, text + (f"  [env{NBSP}{env}]" if env else "")))
    intro = ("Global options work anywhere before '--': before the group ('idcctl -o json vm list'), "
             "between group and command, or after the command ('idcctl vm list -o json'). "
             "Given twice, the later one wins; --filter and --sort add up (every filter must hold, "
             "sort keys apply in order). --filter and --sort work on every list, before any output "
             "format, so -o json, -q and tables show the same rows. Precedence: option > environment > profile "
             "('idcctl config set') > built-in default.")
    lines = ["Usage: idcctl [GLOBAL OPTIONS] COMMAND [ARGS]...", "", *paragraphs(intro, cols), "",
             "Global options:", *definitions(rows, cols), "",
             "Examples:", "  idcctl -o json vm list", "  idcctl vm list -l bus02 -q",
             "  idcctl -p staging --dry-run vm delete web-1",
             "  idcctl vm list --filter status=running --filter 'name=web-*' --sort -created_at",
             "  idcctl disk list --filter 'size_gb>=50' --sort -size_gb -q",
             "  idcctl vm list --columns help"]
    return "\n".join(lines) + "\n"
