"""Write man/idcctl.1 from the command tree, so the page never drifts from the tool.

    python man/make_manpage.py            # rewrite man/idcctl.1
    python man/make_manpage.py --check    # exit 1 if it is stale (the tests do this)
"""

from __future__ import annotations

import sys
from pathlib import Path

PAGE = Path(__file__).with_name("idcctl.1")
EXIT_CODES = [("0", "success"), ("1", "API or server error, or a confirmation declined at the prompt"),
              ("2", "usage error or invalid input (nothing was sent), or a confirmation refused "
                    "for want of a terminal (no --yes)"),
              ("3", "authentication: no key, 401 or 403"), ("4", "not found: 404, or a name that resolves to nothing"),
              ("5", "network error or timeout"), ("6", "--wait gave up"), ("130", "interrupted")]
ENVIRONMENT = [("IDCCTL_PROFILE", "profile to use"), ("IDCCTL_API_KEY", "API key, overrides the profile's"),
               ("IDCCTL_API_URL", "API base URL"), ("IDCCTL_LOCATION", "location slug"),
               ("IDCCTL_OUTPUT", "table, json or yaml"), ("IDCCTL_TIMEOUT", "per-request timeout in seconds"),
               ("IDCCTL_BILLING_ACCOUNT", "default billing account"), ("IDCCTL_CONFIG", "config file path"),
               ("IDCCTL_CACHE_DIR", "cache directory"), ("NO_COLOR", "no colour, no spinners")]


def esc(text: str) -> str:
    return text.replace("\\", "\\\\").replace("-", "\\-").replace("'", "\\(aq")


def leaves(command, path=()):
    subcommands = getattr(command, "commands", None)
    if subcommands is None:
        yield path, command
        return
    for name in subcommands:
        yield from leaves(subcommands[name], path + (name,))


def render() -> str:
    import click
    from typer.main import get_command

    from idcctl import __version__
    from idcctl.cli import build_app

    root = get_command(build_app())
    ctx = click.Context(root, info_name="idcctl")
    lines = [f'.TH IDCCTL 1 "" "idcctl {__version__}" "User Commands"', ".SH NAME",
             "idcctl \\- run your idcloudhost.com infrastructure from the shell", ".SH SYNOPSIS",
             ".B idcctl", "[\\fIGLOBAL OPTIONS\\fR] \\fIGROUP COMMAND\\fR [\\fIARGS\\fR] [\\fIOPTIONS\\fR]",
             ".SH DESCRIPTION", esc(root.help or ""), ".SH GLOBAL OPTIONS"]
    for param in root.params:
        record = param.get_help_record(ctx)
        if record and param.name and param.name.startswith("g_"):
            lines += [".TP", f".B {esc(record[0])}", esc(record[1])]
    lines.append(".SH COMMANDS")
    for path, command in leaves(root):
        usage = " ".join(p.make_metavar(ctx) if p.param_type_name == "argument" else "" for p in command.params)
        lines += [".TP", f".B idcctl {esc(' '.join(path))} {esc(usage.strip())}".rstrip(),
                  esc((command.help or "").strip().splitlines()[0] if command.help else "")]
    lines.append(".SH EXIT STATUS")
    for code, meaning in EXIT_CODES:
        lines += [".TP", f".B {code}", esc(meaning)]
    lines.append(".SH ENVIRONMENT")
    for name, meaning in ENVIRONMENT:
        lines += [".TP", f".B {name}", esc(meaning)]
    lines += [".SH FILES", ".TP", ".I ~/.config/idcctl/config.toml",
              "profiles and settings (mode 0600); see \\fBIDCCTL_CONFIG\\fR", ".SH SEE ALSO",
              "Run \\fBidcctl GROUP COMMAND \\-\\-help\\fR for every option of a command."]
    return "\n".join(lines) + "\n"


def main() -> None:
    text = render()
    if "--check" in sys.argv:
        sys.exit(0 if PAGE.exists() and PAGE.read_text() == text else 1)
    PAGE.write_text(text)


if __name__ == "__main__":
    main()
