"""Reading a password without it landing in shell history.

Sources, in order: ``--X-stdin`` (first line of stdin), ``--X`` on the
command line (works, with a warning), or a hidden prompt asked twice on a
terminal. Without a terminal and without either option the command refuses
(exit 2) instead of hanging on input that will never come.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from idcctl.errors import UsageError

if TYPE_CHECKING:
    from idcctl.shell.state import State


def check_secret_source(state: State, *, from_stdin: bool, given: str | None, what: str = "password") -> None:
    """Fail early, before any request, when no secret can be had."""
    if from_stdin and given is not None:
        raise UsageError(f"give the {what} with --{what}-stdin or --{what}, not both")
    if given is None and not from_stdin and not state.stdin_is_terminal():
        raise UsageError(f"no {what} given and no terminal to ask on", hint=f"pipe it to --{what}-stdin")


def read_secret(state: State, *, from_stdin: bool, given: str | None, what: str = "password",
                label: str | None = None) -> str:
    check_secret_source(state, from_stdin=from_stdin, given=given, what=what)
    if given is not None:
        state.warn(f"a {what} on the command line lands in your shell history and the process list; "
                   f"prefer --{what}-stdin or the prompt")
        secret = given
    elif from_stdin:
        secret = state.read_line(what)
    else:
        secret = state.prompt_hidden(f"{label or what.capitalize()}: ")
        # Hidden typing is easy to get wrong, and a wrong password means no login.
        if state.prompt_hidden(f"Repeat the {what}: ") != secret:
            raise UsageError(f"the two {what}s differ; nothing was sent")
    if not secret:
        raise UsageError(f"the {what} is empty; nothing was sent")
    return secret
