"""Several targets per command: resolve them all first, ask once, act on them together, report each.

A command that acts on one named resource (`vm stop`, `disk delete`, ...)
takes one or more and hands them to `run` with an `Action`: how to resolve
one (`resolve`), what to do to it (`act`), and its words. With one target
the command behaves as it always has: its errors are raised as they are and
the API's answer is printed unchanged. With several:

1. Every target is resolved before anything changes (a name list is read
   once per kind, see `resolve.shared_lists`). An unknown or ambiguous one is
   reported on stderr; the others go on only once the operator confirms
   them (a prompt, or --yes).
2. A command that asks first asks once, listing every target and what is lost.
   Without a terminal and without --yes it refuses before anything is read.
3. The action runs for all of them, at most `MAX_AT_ONCE` at a time, and
   each reports one line on stderr ("Stopped VM web-1 (...)." or "error: ...").
4. `--wait` waits for all of them, with one progress display.
5. ``-o json|yaml`` print one result object per target, in the order given:
   ``{"target": "web-1", "id": "…", "ok": true, "result": …}`` or
   ``{"target": "nosuch", "ok": false, "error": "…", "exit_code": 4}``;
   `-q` prints the ids of the targets that succeeded.
6. The exit code is the worst (highest) of the failures', 0 only when all succeeded.

A target ``-`` reads more targets from stdin, one per line (``vm list -q |
idcctl vm stop - --yes``); `xargs` works as ever.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from idcctl.errors import DryRun, IdcctlError

if TYPE_CHECKING:
    from idcctl.shell.state import State

MAX_AT_ONCE = 8


@dataclass
class Target:
    """One resolved target: as typed, the id the API takes, and how messages name it."""

    ref: str
    ident: str
    label: str  # "VM web-1 (uuid)"
    loss: str = ""  # what acting on it loses, for the confirmation
    question: str | None = None  # the one-target prompt, when not "{verb} {label}? {loss}"
    data: Any = None
    # Already as wanted (an unassigned IP to unassign): nothing is asked or sent; `unchanged`
    # says so on stderr and `data` is the result.
    unchanged: str | None = None


@dataclass
class Action:
    verb: str  # "Stop": in prompts
    done: str | None  # "Stopped": in result lines (None: none, as for `vm wait`)
    noun: str  # "VM": "Stop 3 VMs?"
    resolve: Callable[[str], Target]
    act: Callable[[Target], Any]
    asks: bool = False  # asks first (destructive), with the list of what is lost
    kind: str | None = None  # how a single answer is rendered
    announce: bool = False  # one target too: say "Deleted VM …." (the commands that always did)
    preload: tuple[str, ...] = ()  # kinds whose list resolving names needs: read once, not per target
    after: Callable[[Target, Any], None] | None = None  # follow-up of one target (messages, releases)
    wait: Callable[[list[Target]], list[tuple[Any, IdcctlError | None]]] | None = None
    reached: str | None = None  # after --wait, each target's line: "VM web-1 (…) is running."
    show: Callable[[Any], None] | None = None  # how a single answer is printed, when not render(kind)
    at_once: int = MAX_AT_ONCE  # 1 where the API locks what they share (disks of one VM)


class Failed(IdcctlError):
    """Some targets failed (each already reported): the exit code of the worst."""

    def __init__(self, message: str, exit_code: int, *, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.exit_code = exit_code


def arguments(metavar: str, help_text: str) -> Any:
    """The argument of a command taking one or more targets (`NET...`)."""
    import typer

    return typer.Argument(..., metavar=f"{metavar}...", show_default=False,
                          help=f"{help_text}, one or more ('-' reads them from stdin, one per line).")


def expand(state: State, refs: list[str]) -> list[str]:
    """The targets as given, `-` replaced by the lines of stdin, each once and in order."""
    out: list[str] = []
    for ref in refs:
        if ref == "-":
            out += [line.strip() for line in state.inp.read(1 << 20).splitlines() if line.strip()]
        else:
            out.append(ref)
    if not out:
        from idcctl.errors import UsageError

        raise UsageError("no targets given (stdin was empty)")
    return list(dict.fromkeys(out))


def run(state: State, refs: list[str], action: Action) -> None:
    """Do `action` to every target (see the module's docstring)."""
    refs = expand(state, refs)
    if len(refs) == 1:
        _one(state, refs[0], action)
        return
    if action.asks:
        state.refuse_unconfirmable(f"{action.verb.lower()} {len(refs)} {_plural(action.noun)}")
    found, missing = resolve_all(state, refs, action.resolve, action.noun, action.preload)
    _confirm(state, action, found, missing)
    outcomes = _act_all(state, action, found)
    kept = {t.ref for t in found} | set(missing)
    _finish(state, action, [ref for ref in refs if ref in kept], found, missing, outcomes)


def _one(state: State, ref: str, action: Action) -> None:
    target = action.resolve(ref)
    if target.unchanged is not None:
        state.info(target.unchanged)
        state.render(target.data, action.kind)
        return
    if action.asks:
        state.confirm(target.question or f"{action.verb} {target.label}? {target.loss}".strip(),
                      action=f"{action.verb.lower()} {target.label}")
    result = action.act(target)
    if action.announce:
        state.info(f"{action.done} {target.label}.")
    if action.after is not None:
        action.after(target, result)
    if action.wait is not None:
        [(waited, error)] = action.wait([target])
        if error is not None:
            raise error
        result = waited if waited is not None else result
    if result is None:  # `vm wait --for deleted`: nothing left to show
        return
    if action.show is not None:
        action.show(result)
    else:
        state.render(result, action.kind)


def resolve_all(state: State, refs: list[str], resolve: Callable[[str], Target], noun: str,
                preload: tuple[str, ...] = ()) -> tuple[list[Target], dict[str, IdcctlError]]:
    """Every target resolved (concurrently; each name list read once), and the errors of those that were not.

    Two refs naming the same resource (its name and its UUID) make one target.
    The errors are reported on stderr; none found at all raises.
    """
    from idcctl.cli.shared.concurrent import captured, run_all
    from idcctl.cli.shared.resolve import shared_lists

    with shared_lists(state, preload, refs):
        outcomes = run_all([captured(lambda ref=ref: resolve(ref)) for ref in refs], max_workers=MAX_AT_ONCE)
    found = list({t.ident: t for t, _ in reversed(outcomes) if t is not None}.values())[::-1]
    missing = {ref: error for ref, (_, error) in zip(refs, outcomes) if error is not None}
    for ref, error in missing.items():
        report(state, error, ref)
    if not found:
        raise _worst(missing, f"none of the {len(refs)} {_plural(noun)} was found; nothing was changed")
    return found, missing


def _confirm(state: State, action: Action, found: list[Target], missing: dict[str, IdcctlError]) -> None:
    """One question for all: the list (and what each loses) when the command asks, or when some are missing."""
    found = [t for t in found if t.unchanged is None]
    if (not action.asks and not missing) or not found:
        return
    for target in found:
        state.info(f"  {target.label}" + (f": {target.loss}" if action.asks and target.loss else ""),
                   even_quiet=True)
    others = " other" if missing else ""
    question = f"{action.verb} these {len(found)}{others} {_plural(action.noun, len(found))}?"
    if missing:
        question += f" ({len(missing)} of the targets given {'was' if len(missing) == 1 else 'were'} not found)"
    try:
        state.confirm(question, action=f"{action.verb.lower()} {len(found)}{others} "
                                       f"{_plural(action.noun, len(found))}")
    except IdcctlError:
        if not missing:
            raise
        # Refused, or no terminal to ask on: what counts is the target that was not found.
        raise _worst(missing, f"{len(missing)} of the targets not found; nothing was changed",
                     hint="pass --yes to act on the others anyway") from None


def _act_all(state: State, action: Action, found: list[Target]) -> list[tuple[Any, IdcctlError | None]]:
    from idcctl.cli.shared.concurrent import captured, run_all

    if state.dry_run:
        _dry_run(action, found)

    def one(target: Target) -> Any:
        if target.unchanged is not None:
            state.info(target.unchanged)
            return target.data
        result = action.act(target)
        if action.done:
            state.info(f"{action.done} {target.label}.")
        if action.after is not None:
            action.after(target, result)
        return result

    outcomes = run_all([captured(lambda t=t: one(t)) for t in found], max_workers=action.at_once)
    for target, (_, error) in zip(found, outcomes):
        if error is not None:
            report(state, error, target.ref, target.label)
    acted = [t for t, (_, error) in zip(found, outcomes) if error is None and t.unchanged is None]
    if action.wait is None or not acted:
        return outcomes
    waited = dict(zip((t.ident for t in acted), action.wait(acted)))
    for target in acted:
        if waited[target.ident][1] is not None:
            report(state, waited[target.ident][1], target.ref)
        elif action.reached:
            state.info(f"{target.label} is {action.reached}.")
    return [waited.get(t.ident, outcome) for t, outcome in zip(found, outcomes)]


def _dry_run(action: Action, found: list[Target]) -> None:
    """--dry-run: every target's request, printed (nothing is sent); one after the other, in order."""
    requests = []
    for target in (t for t in found if t.unchanged is None):
        try:
            action.act(target)
        except DryRun as dry:
            requests.append(dry.request)
    if requests:
        raise DryRun.of(requests)


def _finish(state: State, action: Action, refs: list[str], found: list[Target],
            missing: dict[str, IdcctlError], outcomes: list[tuple[Any, IdcctlError | None]]) -> None:
    by_ref = {t.ref: (t, outcome) for t, outcome in zip(found, outcomes)}
    objects = []
    for ref in refs:
        if ref in missing:
            objects.append(_failure(ref, None, missing[ref]))
            continue
        target, (result, error) = by_ref[ref]
        objects.append(_failure(ref, target, error) if error is not None else
                       {"target": ref, "id": target.ident, "ok": True, "result": result})
    _render(state, objects)
    failed = {o["target"]: o for o in objects if not o["ok"]}
    if failed:
        worst = max(o["exit_code"] for o in failed.values())
        raise Failed(f"{len(failed)} of {len(refs)} {_plural(action.noun, len(refs))} failed: "
                     + ", ".join(failed), worst)


def _failure(ref: str, target: Target | None, error: IdcctlError) -> dict[str, Any]:
    from idcctl.shell.hints import message

    return {"target": ref, **({"id": target.ident} if target else {}), "ok": False,
            "error": message(error, ref), "exit_code": error.exit_code}


def _render(state: State, objects: list[dict[str, Any]]) -> None:
    opts = state.output_options()
    if opts.format in ("json", "yaml"):
        state.render(objects)
    elif opts.quiet:
        for o in objects:
            if o["ok"]:
                print(o["id"], file=state.out)


def report(state: State, error: IdcctlError, ref: str, label: str | None = None) -> None:
    from idcctl.shell.hints import error_line

    line = error_line(error, state, ref)
    state.info(f"error: {label}: {line}" if label else f"error: {line}", even_quiet=True)


def _worst(errors: dict[str, IdcctlError], summary: str, *, hint: str | None = None) -> IdcctlError:
    return Failed(summary, max(e.exit_code for e in errors.values()), hint=hint)


def _plural(noun: str, count: int = 2) -> str:
    return noun if count == 1 else noun + "s"
