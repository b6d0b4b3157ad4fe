"""Write man/idcctl.1 from the command tree, so the page never drifts from the tool.

    python man/make_manpage.py            # rewrite man/idcctl.1
    python man/make_manpage.py --check    # exit 1 if it is stale (the tests do this)

One complete page, not one per group: `man idcctl` is the page people try
first, and one page can be searched for any command or option with `/`.
It has the global options once, then every command with its usage, its
whole help text and its own options, then an EXAMPLES section gathered from
the commands' `examples=[...]` (their "Examples:" epilogs). `pip install`
puts it in the environment's share/man/man1 (see pyproject.toml), where
`man` finds it from PATH.
"""

from __future__ import annotations

import sys
from pathlib import Path

PAGE = Path(__file__).with_name("idcctl.1")
EXIT_CODES = [("0", "success"), ("1", "API or server error, or a confirmation declined at the prompt"),
              ("2", "usage error or invalid input (nothing was sent), or a confirmation refused "
                    "for want of a terminal (no --yes)"),
              ("3", "authentication: no key, 401 or 403"),
              ("4", "not found: 404, a name that resolves to nothing, or a profile that is not stored "
                    "(-p, IDCCTL_PROFILE, profile use, auth logout)"),
              ("5", "network error or timeout"), ("6", "--wait gave up"), ("130", "interrupted (Ctrl-C)"),
              ("143", "terminated (SIGTERM)")]
ENVIRONMENT = [("IDCCTL_PROFILE", "profile to use"), ("IDCCTL_API_KEY", "API key, overrides the profile's"),
               ("IDCCTL_API_URL", "API base URL"), ("IDCCTL_LOCATION", "location slug"),
               ("IDCCTL_OUTPUT", "table, json or yaml"), ("IDCCTL_TIMEOUT", "per-request timeout in seconds"),
               ("IDCCTL_BILLING_ACCOUNT", "default billing account"), ("IDCCTL_CONFIG", "config file path"),
               ("IDCCTL_CACHE_DIR", "cache directory"), ("NO_COLOR", "no colour, no spinners")]
EXAMPLES_HEADING = "Examples:"


def esc(text: str) -> str:
    """Text safe in roff: backslashes, hyphens and quotes escaped, no line read as a request.

    Paragraphs are separated by .PP; one click marks with a \\b line (not to be
    rewrapped: examples, lists) is kept line for line between .nf and .fi.
    """
    text = text.replace("\\[", "[")  # Typer escapes "[required]" for rich markup; roff needs no such thing
    text = text.replace("\\", "\\e").replace("-", "\\-").replace("'", "\\(aq")
    out: list[str] = []
    for paragraph in [p for p in text.strip().split("\n\n") if p.strip()]:
        lines = paragraph.splitlines()
        verbatim = lines[0].strip() == "\b"
        lines = [line.rstrip() if verbatim else line.strip() for line in lines[verbatim:]]
        lines = [f"\\&{line}" if line.lstrip().startswith(".") else line for line in lines if line.strip()]
        out += [".PP"] if out else []
        out += [".nf", *lines, ".fi"] if verbatim else lines
    return "\n".join(out)


def leaves(ctx):
    """(path, command, context) of every runnable command, in the order help lists them."""
    from idcctl.shell.compat import Context, is_group

    command = ctx.command
    if not is_group(command):
        yield ctx.command_path.split()[1:], command, ctx
        return
    for name in command.list_commands(ctx):
        sub = command.get_command(ctx, name)
        if sub is not None and not getattr(sub, "hidden", False):
            yield from leaves(Context(sub, info_name=name, parent=ctx))


def split_epilog(epilog: str | None) -> list[str]:
    """The example command lines of an epilog made by `App.command(examples=...)`."""
    lines = [line for line in (epilog or "").replace("\b", "").splitlines()]
    if EXAMPLES_HEADING not in [line.strip() for line in lines]:
        return []
    start = [line.strip() for line in lines].index(EXAMPLES_HEADING) + 1
    return [line.strip() for line in lines[start:] if line.strip()]


def param_items(node) -> list[str]:
    """A command's arguments and options, from the same description `--help` is rendered from
    (not Click's help records: they differ between Typer releases, and lose arguments' help)."""
    from idcctl.shell.helptext import NBSP, param_rows

    arguments, options = param_rows(node, ranges=True)
    lines: list[str] = []
    for decl, text in arguments + options:
        lines += [".TP", f".B {esc(decl)}", esc(text.replace(NBSP, " ")) or "\\&"]
    return lines


def global_items() -> list[str]:
    """The global options, from the one table the command line is parsed with."""
    from idcctl.shell.globalopts import GLOBALS

    lines: list[str] = []
    for _, opts, metavar, text, env in GLOBALS:
        decl = ", ".join(opts) + (f" {metavar}" if metavar else "")
        lines += [".TP", f".B {esc(decl)}", esc(text + (f" [env {env}]" if env else ""))]
    return lines


def render() -> str:
    from idcctl import __version__
    from idcctl.shell.compat import Context
    from idcctl.shell.helptext import usage_pieces
    from idcctl.shell.registry import root_command
    from idcctl.shell.describe import describe

    root = root_command(eager=True)
    ctx = Context(root, info_name="idcctl")
    lines = [f'.TH IDCCTL 1 "" "idcctl {__version__}" "User Commands"', ".SH NAME",
             "idcctl \\- run your idcloudhost.com infrastructure from the shell", ".SH SYNOPSIS",
             ".B idcctl", "[\\fIGLOBAL OPTIONS\\fR] \\fIGROUP COMMAND\\fR [\\fIARGS\\fR] [\\fIOPTIONS\\fR]",
             ".SH DESCRIPTION", esc(root.help or ""), ".SH GLOBAL OPTIONS",
             "They work before the group and after the command alike.",
             *global_items(), ".SH COMMANDS"]
    examples: list[str] = []
    for path, command, sub in leaves(ctx):
        node = describe(command, sub)
        lines += [f'.SS "idcctl {esc(" ".join(path))}"', f".B idcctl {esc(' '.join(path))}",
                  esc(" ".join(usage_pieces(node))), ".br", esc(node["help"]) or "\\&"]
        lines += param_items(node)
        found = split_epilog(command.epilog)
        if found:
            examples += [".PP", ".nf", *(esc(line) for line in found), ".fi"]
    lines.append(".SH EXAMPLES")
    lines += examples or ["See \\fBidcctl GROUP COMMAND \\-\\-help\\fR."]
    lines.append(".SH EXIT STATUS")
    for code, meaning in EXIT_CODES:
        lines += [".TP", f".B {code}", esc(meaning)]
    lines.append(".SH ENVIRONMENT")
    for name, meaning in ENVIRONMENT:
        lines += [".TP", f".B {name}", esc(meaning)]
    lines += [".SH FILES", ".TP", ".I ~/.config/idcctl/config.toml",
              "profiles and settings (mode 0600); see \\fBIDCCTL_CONFIG\\fR", ".SH SEE ALSO",
              "Run \\fBidcctl GROUP COMMAND \\-\\-help\\fR for the same text in the terminal."]
    return "\n".join(lines) + "\n"


def main() -> None:
    text = render()
    if "--check" in sys.argv:
        sys.exit(0 if PAGE.exists() and PAGE.read_text() == text else 1)
    PAGE.write_text(text)


if __name__ == "__main__":
    main()
