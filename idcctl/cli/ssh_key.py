"""`ssh-key` commands (contract section "ssh-key", 2025 reference): public keys kept on the account.

Keys are account-wide (not per location). KEY is a key's name or UUID. The
public key is checked locally before it is sent (`cli.shared.sshkeys`): an
OpenSSH public key line, and never a private key, which is refused without
being shown or sent. With no ``--public-key`` on a terminal, the first of
``~/.ssh/id_ed25519.pub`` and ``~/.ssh/id_rsa.pub`` is offered. A name is
unique per user: the API's 409 is said as such. `vm create --ssh-key KEY`
puts a stored key on a new VM.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, List, Optional

import typer

from idcctl.errors import ApiError, UsageError
from idcctl.cli.shared.targets import arguments as targets_argument
from idcctl.shell.core import App, state_of

if TYPE_CHECKING:
    from idcctl.shell.state import State

app = App(help="SSH public keys kept on the account, for new VMs.",
          examples=["idcctl ssh-key create --name laptop --public-key @~/.ssh/id_ed25519.pub",
                    "idcctl ssh-key list"])


def _key_argument() -> Any:
    return typer.Argument(..., metavar="KEY", help="SSH key name or UUID.", show_default=False)


def label(key: dict[str, Any]) -> str:
    return f"{key.get('name') or '(no name)'} ({key.get('uuid')})"


def find_key(state: State, ref: str) -> dict[str, Any]:
    from idcctl.cli.shared.resolve import find

    return find(state, "ssh_key", ref)


def _checked_name(name: str) -> str:
    if not name.strip():
        raise UsageError("the key name cannot be empty")
    return name.strip()


def _taken(exc: ApiError, name: str) -> ApiError:
    """The API's 409 in plain words (exit 1: the API said no)."""
    return ApiError(f"an SSH key named '{name}' already exists", status=exc.status, request_id=exc.request_id,
                    hint="'idcctl ssh-key list' shows the names; pick another or rename that key")


@app.command("list", examples=["idcctl ssh-key list", "idcctl ssh-key list -o json | jq -r '.[].name'"])
def ssh_key_list(ctx: typer.Context) -> None:
    """List the stored SSH keys with their type, fingerprint and comment."""
    from idcctl.api import ssh_keys

    state = state_of(ctx)
    state.render(ssh_keys.list(state.client), "ssh_key")


@app.command("create", examples=["idcctl ssh-key create --name laptop --public-key @~/.ssh/id_ed25519.pub",
                                 "idcctl ssh-key create --name ci --public-key \"$CI_PUBLIC_KEY\""])
def ssh_key_create(
    ctx: typer.Context,
    name: str = typer.Option(..., "--name", metavar="NAME", help="A name for the key, unique on the account.",
                             show_default=False),
    public_key: Optional[str] = typer.Option(
        None, "--public-key", metavar="TEXT|@FILE",
        help="OpenSSH public key line, or @path of a .pub file (@- reads stdin) [default on a terminal: "
             "offer ~/.ssh/id_ed25519.pub or ~/.ssh/id_rsa.pub]."),
) -> None:
    """Store an SSH public key (checked first; a private key is refused, never shown or sent)."""
    from idcctl.api import ssh_keys
    from idcctl.cli.shared.sshkeys import read_public_key

    name = _checked_name(name)
    state = state_of(ctx)
    line = read_public_key(state, public_key if public_key is not None else _offer_default(state))
    try:
        created = ssh_keys.create(state.client, name, line)
    except ApiError as exc:
        raise _taken(exc, name) if exc.status == 409 else exc from None
    if isinstance(created, dict):
        state.info(f"Stored SSH key {label(created)}; new VMs get it with 'idcctl vm create ... --ssh-key {name}'.")
    state.render(created, "ssh_key")


def _offer_default(state: State) -> str:
    """@~/.ssh/id_ed25519.pub (or id_rsa.pub) once the operator agrees; without a terminal, refuse."""
    from idcctl.cli.shared.sshkeys import default_key_file

    found = default_key_file()
    if not state.stdin_is_terminal():
        hint = f"e.g. --public-key @{found}" if found else "e.g. --public-key @~/.ssh/id_ed25519.pub"
        raise UsageError("--public-key is required without a terminal to ask on", hint=hint)
    if found is None:
        raise UsageError("no --public-key given, and neither ~/.ssh/id_ed25519.pub nor ~/.ssh/id_rsa.pub exists",
                         hint="make one with 'ssh-keygen -t ed25519' or give --public-key @FILE")
    state.confirm(f"Store the public key {found}?", action=f"store {found}")
    return f"@{found}"


@app.command("rename", examples=["idcctl ssh-key rename laptop personal-laptop"])
def ssh_key_rename(ctx: typer.Context, ssh_key: str = _key_argument(),
                   name: str = typer.Argument(..., metavar="NAME", help="The new name.", show_default=False)) -> None:
    """Rename a stored SSH key (the key itself cannot change)."""
    from idcctl.api import ssh_keys

    name = _checked_name(name)
    state = state_of(ctx)
    found = find_key(state, ssh_key)
    try:
        renamed = ssh_keys.rename(state.client, str(found.get("uuid")), name)
    except ApiError as exc:
        raise _taken(exc, name) if exc.status == 409 else exc from None
    state.render(renamed, "ssh_key")


@app.command("delete", examples=["idcctl ssh-key delete laptop", "idcctl ssh-key delete laptop old-ci --yes"])
def ssh_key_delete(ctx: typer.Context,
                   ssh_key: List[str] = targets_argument("KEY", "SSH key names or UUIDs")) -> None:
    """Delete stored SSH keys (asks first); VMs made with one keep it."""
    from idcctl.api import ssh_keys
    from idcctl.cli.shared import targets

    state = state_of(ctx)

    def deletable(ref: str) -> targets.Target:
        found = find_key(state, ref)
        return targets.Target(ref, str(found.get("uuid")), f"SSH key {label(found)}", data=found,
                              loss="VMs made with it keep it; new VMs can no longer get it by name.")

    targets.run(state, ssh_key, targets.Action(
        "Delete", "Deleted", "SSH key", deletable, lambda t: ssh_keys.delete(state.client, t.ident),
        asks=True, announce=True, preload=("ssh_key",)))
