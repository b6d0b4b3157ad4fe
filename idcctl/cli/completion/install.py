"""`idcctl completion install [SHELL]`: the script where the shell looks for it, under HOME only.

Each shell's own per-user place, which it reads without being told (or with
the lines printed for its rc file):

    bash  ${BASH_COMPLETION_USER_DIR:-${XDG_DATA_HOME:-~/.local/share}/bash-completion}/completions/idcctl
          bash-completion (2.x) loads it at the first TAB; without it, ~/.bashrc sources it
    zsh   ${XDG_DATA_HOME:-~/.local/share}/zsh/site-functions/_idcctl
          ~/.zshrc puts that directory into fpath, then runs compinit
    fish  ${XDG_CONFIG_HOME:-~/.config}/fish/completions/idcctl.fish
          fish loads it at the first TAB

Directories are created; nothing is written outside HOME (symlinks resolved
first), and a path that leads elsewhere is refused (exit 2). The rc file is
never edited: the lines it still lacks go to stdout (none when it has them),
so ``idcctl completion install zsh >> ~/.zshrc`` is safe to run twice, and
messages go to stderr. Installing again rewrites the script only when it
changed.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

import typer

from idcctl.cli.completion.scripts import SHELLS, script_for
from idcctl.errors import UsageError
from idcctl.shell.core import App, state_of

if TYPE_CHECKING:
    from collections.abc import Mapping

    from idcctl.shell.state import State

app = App()

SCRIPT_NAMES = {"bash": "idcctl", "zsh": "_idcctl", "fish": "idcctl.fish"}
# bash-completion itself, where distributions and Homebrew put it ...
BASH_COMPLETION = ("/usr/share/bash-completion/bash_completion", "/etc/bash_completion",
                   "/usr/local/share/bash-completion/bash_completion",
                   "/opt/homebrew/etc/profile.d/bash_completion.sh", "/usr/local/etc/profile.d/bash_completion.sh")
# ... and what loads it in every interactive shell (not only login shells): a line of a system
# or user rc file, or Fedora's profile.d script when /etc/bashrc sources profile.d. When in
# doubt the rc line is printed: sourcing the script next to bash-completion does no harm.
SYSTEM_BASHRC = ("/etc/bash.bashrc", "/etc/bashrc")
PROFILE_D = ("/etc/profile.d/bash_completion.sh", "/etc/bashrc")
USER_BASHRC = (".bashrc", ".bash_profile", ".profile")
MAX_RC = 1 << 20


def _shells(incomplete: str = "") -> list[str]:
    return [s for s in SHELLS if s.startswith(incomplete)]


@app.command("install", examples=["idcctl completion install",
                                   "idcctl completion install zsh >> ~/.zshrc",
                                   "idcctl completion install fish"])
def install(
    ctx: typer.Context,
    shell: Optional[str] = typer.Argument(None, metavar="[SHELL]", autocompletion=_shells,
                                          help="bash, zsh or fish [default: the one $SHELL names]."),
) -> None:
    """Install the completion script for your shell in your home directory.

    Writes it where the shell finds it (bash-completion's user directory,
    a user fpath directory for zsh, fish's completions directory), creating
    directories as needed and never writing outside HOME. The lines your rc
    file still needs (zsh; bash without bash-completion) are printed on
    stdout, so appending them with '>> ~/.zshrc' is safe to repeat;
    nothing is printed when the rc file has them.
    """
    state = state_of(ctx)
    shell = shell or shell_from(state.env)
    script = script_for(shell)
    home = home_of(state.env)
    target = target_of(shell, state.env, home)
    inside_home(target, home)
    rc = rc_file(shell, state.env, home)
    lines = rc_lines(shell, target, home, _read(rc) if rc else "", bash_completion_loaded(home))
    if state.dry_run:
        from idcctl.errors import DryRun

        raise DryRun({"method": "WRITE", "url": str(target), "headers": {},
                      "body": f"the {shell} completion script ({len(script)} bytes)"})
    changed = _write(target, script)
    _report(state, shell, target, home, changed, rc, lines)


def shell_from(env: Mapping[str, str]) -> str:
    """The shell $SHELL names (its file name: /usr/bin/zsh is zsh), or a usage error."""
    name = os.path.basename(env.get("SHELL", "").strip()).lstrip("-")
    if name not in SHELLS:
        shown = f"SHELL={env['SHELL']!r}" if env.get("SHELL") else "SHELL is not set"
        raise UsageError(f"cannot tell which shell to install for ({shown})",
                         hint="name it: idcctl completion install bash|zsh|fish")
    return name


def home_of(env: Mapping[str, str]) -> Path:
    """HOME as a real directory (symlinks resolved): the only tree install writes into."""
    raw = env.get("HOME", "")
    home = Path(os.path.realpath(raw)) if raw and os.path.isabs(raw) else None
    if home is None or not home.is_dir() or home == Path("/"):
        raise UsageError(f"HOME ({raw or 'not set'}) is not a home directory to install into",
                         hint="set HOME, or use 'idcctl completion SHELL > FILE'")
    return home


def _base(env: Mapping[str, str], variable: str, default: Path) -> Path:
    value = env.get(variable, "")
    return Path(value) if os.path.isabs(value) else default  # XDG: a relative value is ignored


def target_of(shell: str, env: Mapping[str, str], home: Path) -> Path:
    data = _base(env, "XDG_DATA_HOME", home / ".local" / "share")
    if shell == "bash":
        directory = _base(env, "BASH_COMPLETION_USER_DIR", data / "bash-completion") / "completions"
    elif shell == "zsh":
        directory = data / "zsh" / "site-functions"
    else:
        directory = _base(env, "XDG_CONFIG_HOME", home / ".config") / "fish" / "completions"
    return directory / SCRIPT_NAMES[shell]


def inside_home(target: Path, home: Path) -> None:
    """Refuse (exit 2) a target that is, or through a symlink leads, outside HOME."""
    text = str(target)
    if any(ord(c) < 32 or ord(c) == 127 for c in text):
        raise UsageError("the completion path holds control characters; check XDG_DATA_HOME, "
                         "XDG_CONFIG_HOME and BASH_COMPLETION_USER_DIR")
    real = Path(os.path.realpath(target))
    if real == home or not real.is_relative_to(home):
        via = "" if real == target else f" (it leads to {real})"
        raise UsageError(f"refusing to write {target}{via}: it is outside your home directory {home}",
                         hint="unset XDG_DATA_HOME / XDG_CONFIG_HOME / BASH_COMPLETION_USER_DIR, or use "
                              "'idcctl completion SHELL > FILE' to put it elsewhere yourself")


def rc_file(shell: str, env: Mapping[str, str], home: Path) -> Path | None:
    if shell == "zsh":
        return _base(env, "ZDOTDIR", home) / ".zshrc"
    return home / ".bashrc" if shell == "bash" else None


def _read(path: Path) -> str:
    """An rc file's text ('' when missing or unreadable; only the first MiB)."""
    try:
        with open(path, "rb") as fh:
            return fh.read(MAX_RC).decode("utf-8", "replace")
    except OSError:
        return ""


def _live(text: str) -> list[str]:
    """The lines of a shell file that are not comments."""
    return [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def bash_completion_loaded(home: Path) -> bool:
    """Whether bash-completion is installed and an interactive bash loads it (then it finds our script)."""
    if not any(os.path.isfile(path) for path in BASH_COMPLETION):
        return False
    script, sourcer = PROFILE_D
    if os.path.isfile(script) and any("profile.d" in line for line in _live(_read(Path(sourcer)))):
        return True
    rcs = [*SYSTEM_BASHRC, *(str(home / name) for name in USER_BASHRC)]
    return any("bash_completion" in line for rc in rcs for line in _live(_read(Path(rc))))


def _quoted(path: Path, home: Path) -> str:
    """A path as the rc file should spell it: "$HOME/..." (it survives a moved HOME), double-quoted."""
    inside = path.is_relative_to(home)
    text = str(path.relative_to(home) if inside else path)
    for char in ("\\", '"', "$", "`"):
        text = text.replace(char, "\\" + char)
    return f'"$HOME/{text}"' if inside else f'"{text}"'


def rc_lines(shell: str, target: Path, home: Path, rc_text: str, framework: bool) -> list[str]:
    """What the rc file still needs for the shell to load the script: [] when it has it already."""
    live = _live(rc_text)
    if shell == "bash":
        if framework or any(_names(line, target, home) for line in live):
            return []
        return [f"[ -r {_quoted(target, home)} ] && . {_quoted(target, home)}"]
    if shell != "zsh":
        return []
    fpath = [i for i, line in enumerate(live) if "fpath" in line and _names(line, target.parent, home)]
    compinit = [i for i, line in enumerate(live) if "compinit" in line]
    lines = [] if fpath else [f"fpath=({_quoted(target.parent, home)} $fpath)"]
    # compinit must run after fpath holds the directory: it reads fpath once, when it runs.
    if lines or not any(i > fpath[0] for i in compinit):
        lines.append("autoload -Uz compinit && compinit")
    return lines


def _names(line: str, path: Path, home: Path) -> bool:
    """Whether an rc line names the path: spelled whole, with ~ or with $HOME."""
    if str(path) in line:
        return True
    if not path.is_relative_to(home):
        return False
    rest = str(path)[len(str(home)) + 1:]
    return any(f"{lead}/{rest}" in line for lead in ("~", "$HOME", "${HOME}"))


def _write(target: Path, script: str) -> bool:
    """Write the script unless it is there already; True when something was written."""
    from idcctl.fileio import write_private_atomic

    try:
        if target.read_text(encoding="utf-8") == script:
            return False
    except (OSError, UnicodeDecodeError):
        pass
    try:
        write_private_atomic(target, script.encode("utf-8"), durable=False)
    except OSError as exc:
        raise UsageError(f"cannot write {target}: {exc.strerror or exc}") from None
    return True


def _shown(path: Path, home: Path) -> str:
    return "~/" + str(path.relative_to(home)) if path.is_relative_to(home) else str(path)


def _report(state: State, shell: str, target: Path, home: Path, changed: bool, rc: Path | None,
            lines: list[str]) -> None:
    """Say what was done on stderr; the rc file's missing lines are the data, on stdout."""
    where = _shown(target, home)
    state.info(f"Installed the {shell} completion script: {where}" if changed
               else f"The {shell} completion script is up to date: {where}")
    if state.output_options().format in ("json", "yaml"):
        state.render({"shell": shell, "path": str(target), "changed": changed,
                      "rc_file": str(rc) if rc else None, "rc_lines": lines})
        return
    if not lines:
        state.info(f"Open a new {shell} (or run: exec {shell}) and TAB completes idcctl.")
        return
    rc_shown = _shown(rc, home) if rc else "your rc file"
    why = ("bash-completion is not installed or not loaded by your rc files, so " if shell == "bash"
           else "") + f"{rc_shown} needs"
    state.info(f"{why} the line{'s' if len(lines) > 1 else ''} below (or run: idcctl completion install "
               f"{shell} >> {rc_shown}); then open a new {shell}.")
    state.out.write("".join(line + "\n" for line in lines))
