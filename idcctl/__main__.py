"""Entry point and the one error boundary of idcctl.

Every failure ends here as one line on stderr and the contract's exit code:
0 ok · 1 API error · 2 usage · 3 auth · 4 not found · 5 network · 6 wait
timeout · 130 interrupted (Ctrl-C) · 143 terminated (SIGTERM: `kill`, a CI
job cancelled, a container stopped). A Python traceback is shown only under
--debug.
"""

from __future__ import annotations

import contextlib
import os
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing costs several ms at start-up; TAB and help do without it
    from typing import Any


def _line(text: str) -> str:
    from idcctl import terminal

    return terminal.line(text)


def _join(message: str, hint: str | None) -> str:
    from idcctl.shell.hints import join

    return join(message, hint)


def _redact(text: str, state: Any) -> str:
    from idcctl.shell.hints import redact

    return redact(text, state)


def _print_dry_run(state: Any, request: dict) -> None:
    fmt = state.flags.get("output")
    if fmt in ("json", "yaml"):
        state.render(request)
        return
    from idcctl import terminal

    lines = [terminal.line(f"{request['method']} {request['url']}")]
    lines += [terminal.line(f"{k}: {v}") for k, v in request["headers"].items()]
    if request.get("body"):
        lines += ["", terminal.lines(request["body"])]
    state.out.write("\n".join(lines) + "\n")
    state.info("dry run: nothing was sent or written")


class Interrupted(BaseException):
    """Ctrl-C, raised by our SIGINT handler: click turns KeyboardInterrupt into a bare Abort."""


class Terminated(BaseException):
    """SIGTERM, raised by our handler: a BaseException, so no `except Exception` below swallows it."""


def _on_sigint(signum: int, frame: Any) -> None:
    raise Interrupted()


def _on_sigterm(signum: int, frame: Any) -> None:
    raise Terminated()


@contextlib.contextmanager
def _signal_handlers():
    """Route Ctrl-C to `Interrupted` and SIGTERM to `Terminated` while a command runs (main thread only)."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {sig: signal.signal(sig, handler)
                for sig, handler in ((signal.SIGINT, _on_sigint), (signal.SIGTERM, _on_sigterm))}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _interrupted(state: Any, word: str = "interrupted") -> str:
    """One line for Ctrl-C (or SIGTERM): what may have happened and how to follow up."""
    parts = [word]
    client = getattr(state, "_client", None)
    pending = getattr(client, "pending_write", None) if client is not None else None
    if pending:
        from idcctl.shell.hints import interrupted_write

        parts.append(interrupted_write(*pending))
    elif getattr(state, "waiting_for", None):
        from idcctl.shell.hints import command

        waited = str(state.waiting_for).split()
        parts.append(f"the VM{'s carry' if len(waited) > 1 else ' carries'} on without us: "
                     f"follow {'them' if len(waited) > 1 else 'it'} with `{command('vm', 'show', *waited)}`")
    return "; ".join(parts)


def run(argv: list[str] | None = None, state: Any = None) -> int:
    """Run idcctl with argv and return the exit code (used by main() and tests)."""
    args = list(sys.argv[1:] if argv is None else argv)
    from idcctl.shell.early import answer

    # TAB, help and --version are answered from the command table, before Typer loads.
    early = answer(args, state.env if state else os.environ, state.out if state else sys.stdout)
    if early is not None:
        return early
    import typer

    try:  # Typer >= 0.29 vendors click; older releases use the click package
        from typer._click import exceptions as click_exc
    except ImportError:  # pragma: no cover
        from click import exceptions as click_exc

    from idcctl.errors import DryRun, IdcctlError
    from idcctl.shell.state import State

    state = state or State()
    debug = "--debug" in args
    try:
        from idcctl.shell.registry import root_command

        command = root_command()
        with _signal_handlers():
            result = command.main(args=args, prog_name="idcctl", standalone_mode=False, obj=state)
        if result == 130:  # Typer turned a KeyboardInterrupt into a silent Exit(130)
            print(_redact(_line(_interrupted(state)), state), file=state.err)
        return result if isinstance(result, int) else 0
    except DryRun as dry:
        for request in dry.requests:
            _print_dry_run(state, request)
        return 0
    except IdcctlError as exc:
        from idcctl.shell import hints

        words = hints.message(exc, getattr(state, "acting_on", None))
        print(f"error: {_redact(_line(_join(words, hints.hint(exc))), state)}", file=state.err)
        return exc.exit_code
    except click_exc.NoArgsIsHelpError as exc:
        print(exc.ctx.get_help(), file=state.out)
        return 0
    except click_exc.UsageError as exc:
        where = f"'{exc.ctx.command_path} --help'" if exc.ctx else "'idcctl --help'"
        print(f"error: {_redact(_line(_join(exc.format_message(), f'see {where}')), state)}",
              file=state.err)
        return 2
    except click_exc.ClickException as exc:
        print(f"error: {_redact(_line(exc.format_message()), state)}", file=state.err)
        return exc.exit_code
    except typer.Exit as exc:
        return exc.exit_code
    except (Interrupted, KeyboardInterrupt, typer.Abort, Terminated) as exc:  # Abort: click's, before Typer 0.29
        if state.prompting:
            print("", file=state.err)  # end the prompt line the operator left
        terminated = isinstance(exc, Terminated)
        print(_redact(_line(_interrupted(state, "terminated" if terminated else "interrupted")), state),
              file=state.err)
        return 143 if terminated else 130
    except BrokenPipeError:
        # The reader went away (`idcctl vm list | head -1`): not an error of ours.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except Exception as exc:  # the boundary: a traceback is a bug, shown only under --debug
        if debug or state.debug:
            import traceback

            from idcctl import terminal

            print(_redact(terminal.lines("".join(traceback.format_exc())), state), file=state.err)
        print(f"error: internal error: {type(exc).__name__}: {_redact(_line(str(exc)), state)}; "
              "rerun with --debug and report it", file=state.err)
        return 1
    finally:
        state.close()


def main() -> None:
    refresh = os.environ.get("_IDCCTL_REFRESH_NAMES")  # idcctl.shell.names.REFRESH_VAR, not imported here
    if refresh is not None:  # the detached child a TAB starts to refresh its name cache
        from idcctl.shell.refresher import refresh_child

        sys.exit(refresh_child(refresh, os.environ))
    sys.exit(run())


if __name__ == "__main__":
    main()
