"""`vm ssh VM [-- SSH_ARGS...]`: log in to a VM with the system's ssh, like `hcloud server ssh`.

The public address is the floating IP assigned to the VM (the VM payload
has none); `--private` uses its private IPv4 instead. The login name is the
VM's ``username`` unless `-u` says otherwise. `--dry-run` prints the ssh
command line on stdout instead of running it.
"""

from __future__ import annotations

import os
from typing import Any, List, Optional

import typer

from idcctl.cli.vm.common import vm_argument
from idcctl.errors import IdcctlError, NotFoundError, UsageError
from idcctl.shell.core import App, state_of

app = App()

@app.command("ssh", examples=["idcctl vm ssh web-1", "idcctl vm ssh web-1 -u root -- -p 2222 uptime",
                                 "idcctl vm ssh web-1 --private --dry-run"])
def ssh(
    ctx: typer.Context,
    vm: str = vm_argument(),
    ssh_args: Optional[List[str]] = typer.Argument(None, metavar="[-- SSH_ARGS...]", show_default=False,
                                                   help="Passed to ssh after USER@ADDRESS (options, a command)."),
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
                            hint=f"reserve one with 'idcctl ip create', then 'idcctl ip assign ADDRESS --vm {vm}'")
    argv = ["ssh", f"{login}@{address}", *(ssh_args or [])]
    if state.dry_run:
        state.out.write(shlex.join(argv) + "\n")
        return
    program = shutil.which("ssh")
    if program is None:
        raise IdcctlError("no ssh client found on PATH", hint="install OpenSSH, or use --dry-run to see the command")
    state.out.flush()
    state.err.flush()
    _exec(program, argv)


def _exec(program: str, argv: list[str]) -> Any:
    """Replace this process with ssh (so the terminal, signals and exit code are ssh's)."""
    return os.execvp(program, argv)
