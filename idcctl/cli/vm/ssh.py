"""`vm ssh VM [-- SSH_ARGS...]`: log in to a VM with the system's ssh, like `hcloud server ssh`.

The public address is the floating IP assigned to the VM (the VM payload
has none); `--private` uses its private IPv4 instead. The login name is the
VM's ``username`` unless `-u` says otherwise. `--dry-run` prints the ssh
command line on stdout instead of running it.

The command is ``ssh -l USER [SSH_OPTIONS] -- ADDRESS [COMMAND]``: the login
name goes in as an option's value and the address after ``--``, so neither
can be read as an ssh option (a username of ``-oProxyCommand=...`` used to
make ssh run a local command). Both come from the API or the command line
and are refused (exit 2) when they start with '-' or hold whitespace,
control or shell characters (OpenSSH refuses the latter itself, since they
reach ``%u``/``%h`` in a ProxyCommand); the address must be an IP address or
a host name.
"""

from __future__ import annotations

import os
from typing import Any, List, Optional

import typer

from idcctl.cli.vm.common import vm_argument
from idcctl.errors import IdcctlError, NotFoundError, UsageError
from idcctl.shell.core import App, state_of
from idcctl.shell.hints import command

app = App()

# ssh(1)'s options that take a value (its getopt string): the words after one are not the command.
_VALUED = frozenset("BDEFIJLOPQRSWbceilmopw")
# What OpenSSH refuses in a user or host name on its command line (besides spaces and controls).
_SHELL_CHARACTERS = frozenset("'`\";&<>|(){}$\\,")


@app.command("ssh", examples=["idcctl vm ssh web-1", "idcctl vm ssh web-1 -u root -- -p 2222 uptime",
                                 "idcctl vm ssh web-1 --private --dry-run"])
def ssh(
    ctx: typer.Context,
    vm: str = vm_argument(),
    ssh_args: Optional[List[str]] = typer.Argument(None, metavar="[-- SSH_ARGS...]", show_default=False,
                                                   help="ssh's own options, then a command to run on the VM."),
    user: Optional[str] = typer.Option(None, "-u", "--user", metavar="USER",
                                       help="Log in as USER [default: the VM's username]."),
    private: bool = typer.Option(False, "--private", help="Connect to the VM's private IPv4 instead."),
) -> None:
    """Open an ssh session to a VM at its public (or private) address."""
    import shlex
    import shutil

    from idcctl.cli.shared.resolve import find_vm
    from idcctl.cli.vm.ip_column import public_address

    state = state_of(ctx)
    target = find_vm(state, vm)
    uuid = str(target.get("uuid"))
    login = user or target.get("username")
    if not login:
        raise UsageError(f"VM {vm} has no username on record", hint="say whom to log in as with -u USER")
    address = target.get("private_ipv4") if private else public_address(state, uuid)
    if not address and private:
        raise NotFoundError(f"VM {vm} has no private IPv4")
    if not address:
        raise NotFoundError(f"VM {vm} has no public address (no floating IP is assigned to it)",
                            hint=f"reserve one with 'idcctl ip create', then "
                                 f"'{command('ip', 'assign', 'ADDRESS', '--vm', vm)}'")
    check_login(str(login), "-u" if user else f"VM {vm}'s username")
    check_address(str(address), f"VM {vm}'s {'private IPv4' if private else 'address'}")
    options, remote = split_ssh_args(list(ssh_args or []))
    argv = ["ssh", "-l", str(login), *options, "--", str(address), *remote]
    if state.dry_run:
        state.out.write(shlex.join(argv) + "\n")
        return
    program = shutil.which("ssh")
    if program is None:
        raise IdcctlError("no ssh client found on PATH", hint="install OpenSSH, or use --dry-run to see the command")
    state.out.flush()
    state.err.flush()
    _exec(program, argv)


def _unsafe(text: str) -> bool:
    return (not text or text.startswith("-") or any(c.isspace() or not c.isprintable() or c in _SHELL_CHARACTERS
                                                    for c in text))


def check_login(login: str, source: str) -> None:
    """A login name ssh cannot take for an option or pass to a shell; UsageError (exit 2) if not."""
    if _unsafe(login):
        import shlex

        raise UsageError(f"refusing to ssh as {shlex.quote(login)} ({source}): a login name may not "
                         "start with '-' or hold spaces, control or shell characters",
                         hint="say whom to log in as with -u USER")


def check_address(address: str, source: str) -> None:
    """An IP address or a host name, nothing ssh could read as an option or a URI."""
    from idcctl.values import is_host

    if not is_host(address):
        import shlex

        raise UsageError(f"refusing to ssh to {shlex.quote(address)} ({source}): not an IP address "
                         "or a host name")


def split_ssh_args(args: list[str]) -> tuple[list[str], list[str]]:
    """(ssh options, the command) of what follows the VM: options until the first other word or '--'."""
    options: list[str] = []
    index = 0
    while index < len(args):
        word = args[index]
        if word == "--":
            index += 1
            break
        if not word.startswith("-") or word == "-":
            break
        options.append(word)
        letters = word[1:]  # a cluster such as -tt or -vp22
        for position, letter in enumerate(letters):
            if letter in _VALUED:
                if position == len(letters) - 1 and index + 1 < len(args):  # its value is the next word
                    index += 1
                    options.append(args[index])
                break
        index += 1
    return options, args[index:]


def _exec(program: str, argv: list[str]) -> Any:
    """Replace this process with ssh (so the terminal, signals and exit code are ssh's)."""
    return os.execvp(program, argv)
