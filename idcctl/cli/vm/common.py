"""Pieces every `vm` command module shares: the VM argument, `--wait`, labels.

Kept free of heavy imports: the whole `vm` tree is imported to build the
command tree, even for ``--help``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import typer

from idcctl.cli.vm.wait import DEFAULT_WAIT_TIMEOUT

if TYPE_CHECKING:
    from collections.abc import Callable

    from idcctl.cli.shared.targets import Target
    from idcctl.errors import IdcctlError
    from idcctl.shell.state import State


def vm_argument() -> Any:
    return typer.Argument(..., metavar="VM", help="VM name or UUID.", show_default=False)


def vm_arguments() -> Any:
    return typer.Argument(..., metavar="VM...", show_default=False,
                          help="VM names or UUIDs, one or more ('-' reads them from stdin, one per line).")


def vm_target(state: State, *, full: bool = False) -> Callable[[str], Target]:
    """Resolves one VM for `targets.run`: a UUID as given (read in full when `full`), a name from the list."""
    from idcctl.cli.shared.resolve import find_vm, is_uuid
    from idcctl.cli.shared.targets import Target

    def resolve(ref: str) -> Target:
        vm = {"uuid": ref} if is_uuid(ref) and not full else find_vm(state, ref)
        uuid = str(vm.get("uuid"))
        return Target(ref, uuid, f"VM {label(vm)}" if vm.get("name") else f"VM {uuid}", data=vm)

    return resolve


def waiter(state: State, want: str, timeout: float, *, wait: bool = True,
           option: str = "--wait-timeout") -> Callable[[list[Target]], list[tuple[Any, IdcctlError | None]]] | None:
    """With `wait`: what waits for the targets' VMs to reach `want` (all at once, one progress display)."""
    if not wait:
        return None
    from idcctl.cli.vm.wait import wait_all

    def run(targets: list[Target]) -> list[tuple[Any, IdcctlError | None]]:
        vms = [(t.ident, (t.data or {}).get("name")) for t in targets]
        return wait_all(state, vms, want, timeout=timeout, option=option)

    return run


def wait_option() -> Any:
    return typer.Option(False, "--wait", help="Poll until the VM reaches the wanted status, then print it.")


def wait_timeout_option() -> Any:
    from idcctl.cli.vm.wait import check_wait_timeout

    return typer.Option(DEFAULT_WAIT_TIMEOUT, "--wait-timeout", metavar="SECONDS", min=1.0,
                        callback=check_wait_timeout, help="Give up --wait after this long (exit 6).")


def size_option(help_text: str) -> Any:
    from idcctl.cli.shared.inputs import MAX_DISK_GB

    # The range makes click reject 0, negatives and absurd sizes (exit 2) before anything is sent.
    return typer.Option(..., "--size", metavar="GB", min=1, max=MAX_DISK_GB, help=help_text, show_default=False)


def label(vm: dict[str, Any]) -> str:
    """How a VM is named in prompts and messages: its name and UUID."""
    return f"{vm.get('name') or '(no name)'} ({vm.get('uuid')})"


def disks_text(vm: dict[str, Any]) -> str:
    """The VM's disks with their sizes (``disks vda (20 GB), vdb (50 GB)``), for confirmations."""
    disks = [d for d in vm.get("storage") or [] if isinstance(d, dict)]
    return " ".join(["disks", ", ".join(f"{d.get('name') or d.get('uuid')} ({d.get('size')} GB)"
                                        for d in disks)]).strip()


def confirm_on(state: State, vm: dict[str, Any], verb: str, *, detail: str = "", loss: str) -> None:
    """Ask before a destructive `verb`, naming the VM (name and UUID) and what will be lost."""
    state.confirm(f"{verb} VM {label(vm)}{detail}? {loss}", action=f"{verb.lower()} VM {label(vm)}")


def show_result(state: State, result: Any, uuid: str | None, *, wait: bool, want: str,
                timeout: float, name: str | None = None) -> None:
    """Print what an action answered, or with --wait the VM once it reached `want`."""
    if wait and uuid:
        from idcctl.cli.vm.wait import wait_for_status

        result = wait_for_status(state, uuid, want, timeout=timeout, name=name)
    elif wait:
        # The action itself succeeded (a VM may have been made): warn, don't fail a script into retrying.
        state.warn("the API's answer carries no VM uuid, so there is nothing to --wait for")
    state.render(result, "vm")
