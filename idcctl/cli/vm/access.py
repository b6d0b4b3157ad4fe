"""`vm auto-backup`, `vm password` and the deprecated `vm public-ip` pair."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Optional

import typer

from idcctl.cli.vm.common import label, vm_argument
from idcctl.cli.vm.secret import check_secret_source, read_secret
from idcctl.errors import UsageError
from idcctl.shell.core import App, state_of

if TYPE_CHECKING:
    pass

app = App()

_PUBLIC_IP_HELP = ("Deprecated by the API (use 'idcctl ip' for floating IPs): "
                   "reserve or release a VM's public IPv4.")
public_ip_app = App(help=_PUBLIC_IP_HELP, examples=["idcctl vm public-ip reserve web-1",
                                                   "idcctl ip list --vm web-1"])


@app.command("auto-backup", examples=["idcctl vm auto-backup web-1 on",
                                         "idcctl vm auto-backup web-1 off"])
def auto_backup(
    ctx: typer.Context,
    vm: str = vm_argument(),
    setting: str = typer.Argument(..., metavar="on|off", help="Turn automatic backups on or off.",
                                  show_default=False),
) -> None:
    """Turn automatic backups on or off; does nothing when already so."""
    from idcctl.api import vms
    from idcctl.cli.shared.resolve import find_vm

    want = setting.strip().lower()
    if want not in ("on", "off"):
        raise UsageError(f"expected on or off, not '{setting}'")
    state = state_of(ctx)
    target = find_vm(state, vm)
    # The API only toggles, so toggling blindly would turn backups off when asked for on.
    if bool(target.get("backup")) == (want == "on"):
        state.info(f"Automatic backups of VM {label(target)} are already {want}; nothing to change.")
        state.render(target, "vm")
        return
    result = vms.toggle_backup(state.client, str(target.get("uuid")))
    state.info(f"Turned automatic backups of VM {label(target)} {want}.")
    state.render(result, "vm")


@app.command("password", examples=["idcctl vm password web-1 --username deploy",
                                      "idcctl vm password web-1 --username deploy --password-stdin < pw.txt"])
def password(
    ctx: typer.Context,
    vm: str = vm_argument(),
    username: str = typer.Option(..., "--username", metavar="U", show_default=False,
                                 help="Existing user on the VM whose password to set."),
    password_stdin: bool = typer.Option(False, "--password-stdin", help="Read the password from stdin (one line)."),
    password_text: Optional[str] = typer.Option(
        None, "--password", help="The password (lands in shell history; prefer --password-stdin or the prompt)."),
) -> None:
    """Set the password of a user on a running VM."""
    from idcctl.api import vms
    from idcctl.cli.shared.resolve import resolve_vm
    from idcctl.cli.vm import validation as v
    from idcctl.cli.vm.params import rules

    if not username.strip():
        raise UsageError("--username cannot be empty")
    state = state_of(ctx)
    check_secret_source(state, from_stdin=password_stdin, given=password_text)
    parameters = rules(state)  # vm create's rules for users and passwords, before a password is typed
    v.fail_if(v.check_text(parameters, "username", username, None, option="--username"))
    secret = read_secret(state, from_stdin=password_stdin, given=password_text, what="password")
    v.fail_if(v.check_text(parameters, "password", secret, None, option="the password", secret=True))
    uuid = resolve_vm(state, vm)
    result = vms.set_password(state.client, uuid, username, secret)
    state.info(f"Set the password of {username} on VM {vm}.")
    state.render(result)


@public_ip_app.command("reserve", examples=["idcctl vm public-ip reserve web-1",
                                              "idcctl ip create  # the replacement"])
def public_ip_reserve(ctx: typer.Context, vm: str = vm_argument()) -> None:
    """Deprecated by the API (use 'idcctl ip create' and 'idcctl ip assign'): reserve a public IPv4 for a VM."""
    from idcctl.api import vms

    # The API does not say which address it reserved.
    _public_ip(ctx, vm, vms.reserve_public_ip,
               "Reserved a public IPv4 for VM {vm}; '{list_ips}' shows it.")


@public_ip_app.command("release", examples=["idcctl vm public-ip release web-1",
                                              "idcctl ip unassign ADDRESS  # the replacement"])
def public_ip_release(ctx: typer.Context, vm: str = vm_argument()) -> None:
    """Deprecated by the API (use 'idcctl ip unassign'): release a VM's public IPv4; it stays reserved."""
    from idcctl.api import vms

    _public_ip(ctx, vm, vms.release_public_ip,
               "Released the public IPv4 of VM {vm}; it stays reserved (and billed): "
               "'idcctl ip list' shows it, 'idcctl ip delete ADDRESS' gives it up.")


def _public_ip(ctx: typer.Context, vm: str, action: Callable[..., Any], done: str) -> None:
    from idcctl.cli.shared.resolve import resolve_vm

    state = state_of(ctx)
    uuid = resolve_vm(state, vm)
    state.warn("'vm public-ip' is deprecated by the API; 'idcctl ip' manages floating IPs")
    result = action(state.client, uuid)
    from idcctl.shell.hints import command

    state.info(done.format(vm=vm, list_ips=command("ip", "list", "--vm", uuid)))
    state.render(result, "vm")


app.add_typer(public_ip_app, name="public-ip", help=_PUBLIC_IP_HELP)
