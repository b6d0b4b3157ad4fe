"""`vm create`: validated locally before anything is sent.

A rejected create costs a 30-second round trip at best and a half-made VM
at worst, so every input is checked first against the API's own rules:
``GET /v1/api/parameters/vm`` (built-in rules from the reference when that
endpoint is missing) and the live image list, both cached on disk for ten
minutes (idcctl.cache). Any problem is exit 2 with nothing sent.

The password never has to be on the command line: ``--password-stdin`` or a
hidden prompt; ``--password`` still works but warns.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

import typer

from idcctl.cli.vm.common import show_result
from idcctl.cli.vm.secret import check_secret_source, read_secret
from idcctl.cli.vm.wait import check_wait_timeout
from idcctl.errors import UsageError
from idcctl.shell.core import App, state_of

if TYPE_CHECKING:
    from idcctl.shell.state import State

app = App()


@app.command("create", examples=[
    "idcctl vm create --name web-1 --os ubuntu --os-version 22.04-lts --disk-size 20 --vcpu 2 "
    "--ram 2048 --username deploy --password-stdin < pw.txt",
    "idcctl vm create --name web-2 --os debian --os-version 12 --disk-size 40 --vcpu 4 --ram 4096 "
    "--username deploy --public-key @~/.ssh/id_ed25519.pub --cloud-init init.yaml --wait",
])
def create(
    ctx: typer.Context,
    name: str = typer.Option(..., "--name", metavar="NAME", help="VM name: letters, digits and '-', at least 4."),
    os_name: str = typer.Option(..., "--os", metavar="OS", help="OS image name (see 'idcctl image list')."),
    os_version: str = typer.Option(..., "--os-version", metavar="VERSION",
                                   help="OS version, e.g. 22.04-lts (see 'idcctl image list')."),
    disk_size: Optional[int] = typer.Option(None, "--disk-size", metavar="GB",
                                            help="Boot disk size in GB (not with --boot-disk)."),
    vcpu: int = typer.Option(..., "--vcpu", metavar="N", help="Number of virtual CPUs."),
    ram: int = typer.Option(..., "--ram", metavar="MB", help="Memory in MB."),
    username: Optional[str] = typer.Option(None, "--username", metavar="USER", help="Login user (optional for windows)."),
    password_stdin: bool = typer.Option(False, "--password-stdin",
                                        help="Read the login password from the first line of stdin."),
    password: Optional[str] = typer.Option(None, "--password", metavar="TEXT",
                                           help="Login password (lands in shell history: "
                                                "prefer --password-stdin or the prompt)."),
    public_key: Optional[str] = typer.Option(None, "--public-key", metavar="TEXT|@FILE",
                                             help="SSH public key, or @path to read it from a file."),
    pool: Optional[str] = typer.Option(None, "--pool", metavar="POOL",
                                       help="Resource pool name or UUID (see 'idcctl vm pool list')."),
    billing_account: Optional[int] = typer.Option(None, "--billing-account", metavar="ACCT", min=1,
                                                  help="Billing account [default: profile's billing_account]."),
    network: Optional[str] = typer.Option(None, "--network", metavar="NET",
                                          help="Private network name or UUID [default: the default network]."),
    cloud_init: Optional[Path] = typer.Option(None, "--cloud-init", metavar="FILE",
                                              help="cloud-init YAML or JSON (only runcmd and write_files)."),
    backup: bool = typer.Option(False, "--backup", help="Turn on automatic backups."),
    no_public_ip: bool = typer.Option(False, "--no-public-ip",
                                      help="Do not reserve a public IPv4 (one is reserved and billed by default)."),
    source_vm: Optional[str] = typer.Option(None, "--source-vm", metavar="VM",
                                            help="Copy this VM's snapshot or backup (with --source-replica)."),
    source_replica: Optional[str] = typer.Option(None, "--source-replica", metavar="R",
                                                 help="Snapshot or backup UUID to copy (with --source-vm)."),
    boot_disk: Optional[str] = typer.Option(None, "--boot-disk", metavar="DISK",
                                            help="Existing unattached disk UUID to boot from."),
    description: Optional[str] = typer.Option(None, "--description", metavar="TEXT", help="Free text."),
    wait: bool = typer.Option(False, "--wait", help="Wait until the VM is running."),
    wait_timeout: float = typer.Option(600.0, "--wait-timeout", metavar="SECONDS", min=1.0,
                                       callback=check_wait_timeout, help="How long --wait waits."),
) -> None:
    """Create a virtual machine (checked locally first; nothing is sent if a check fails).

    Before sending (and under --dry-run) it prints the cost per hour and per 30-day
    month on stderr, from the pricing policy; 'idcctl billing estimate --help' gives the formula.
    """
    from idcctl.api import vms
    from idcctl.cli.shared.estimate import note_for_create
    from idcctl.cli.shared.resolve import resolve_network, resolve_pool, resolve_vm
    from idcctl.cli.vm import validation as v

    state = state_of(ctx)
    # Checks that need neither the network nor the password come first.
    _check_combinations(disk_size, boot_disk, source_vm, source_replica, password, password_stdin)
    key = _public_key(public_key)
    cloud_init_text = _cloud_init(state, cloud_init, username)
    check_secret_source(state, from_stdin=password_stdin, given=password)

    parameters, images = _rules(state)
    problems = v.check_name(parameters, name, os_name)
    problems += v.check_os(images, os_name, os_version)
    problems += v.check_text(parameters, "username", username, os_name, option="--username")
    problems += v.check_range(parameters, "vcpu", vcpu, os_name, option="--vcpu")
    problems += v.check_range(parameters, "ram", ram, os_name, option="--ram", unit="MB")
    if not boot_disk:
        problems += v.check_range(parameters, "disks", disk_size, os_name, option="--disk-size", unit="GB")
    v.fail_if(problems)
    # Asked only now, so a typo in --name does not cost the operator a password entry.
    secret = read_secret(state, from_stdin=password_stdin, given=password, label="VM password")
    v.fail_if(v.check_text(parameters, "password", secret, os_name, option="the password", secret=True))

    fields: dict[str, Any] = {
        "name": name, "os_name": os_name, "os_version": os_version,
        "disks": None if boot_disk else disk_size, "vcpu": vcpu, "ram": ram,
        "username": username, "password": secret, "public_key": key,
        "designated_pool_uuid": resolve_pool(state, pool) if pool else None,
        "billing_account_id": state.billing_account(billing_account),
        "network_uuid": resolve_network(state, network) if network else None,
        "cloud_init": cloud_init_text,
        "backup": backup, "reserve_public_ip": not no_public_ip,
        "source_uuid": resolve_vm(state, source_vm) if source_vm else None,
        "source_replica": source_replica, "disk_uuid": boot_disk, "description": description,
    }
    # Shown before anything is sent (and under --dry-run); a missing policy never blocks.
    note_for_create(state, vcpu=vcpu, ram=ram, disk=disk_size, backup=backup,
                    windows=os_name.lower() == "windows")
    vm = vms.create(state.client, **fields)
    uuid = vm.get("uuid") if isinstance(vm, dict) else None
    state.info(f"Created VM {name}" + (f" ({uuid})." if uuid else "."))
    show_result(state, vm, str(uuid) if uuid else None, wait=wait, want="running", timeout=wait_timeout)


def _check_combinations(disk_size: int | None, boot_disk: str | None, source_vm: str | None,
                        source_replica: str | None, password: str | None, password_stdin: bool) -> None:
    if boot_disk and disk_size is not None:
        raise UsageError("--disk-size and --boot-disk exclude each other",
                         hint="the boot disk keeps its own size; resize it with 'idcctl vm disk resize'")
    if not boot_disk and disk_size is None:
        raise UsageError("--disk-size GB is required (or --boot-disk DISK to boot from an existing disk)")
    if bool(source_vm) != bool(source_replica):
        raise UsageError("--source-vm and --source-replica go together",
                         hint="'idcctl vm snapshot list VM' shows the replicas of a VM")
    if password is not None and password_stdin:
        raise UsageError("give --password or --password-stdin, not both")


def _public_key(value: str | None) -> str | None:
    if value is None or not value.startswith("@"):
        return value
    from idcctl.fileio import MAX_INPUT, read_capped

    path = Path(value[1:]).expanduser()
    text = read_capped(path, limit=MAX_INPUT, what="--public-key").strip()
    if not text:
        raise UsageError(f"--public-key: {path} is empty")
    return text


def _cloud_init(state: State, path: Path | None, username: str | None) -> str | None:
    from idcctl.cli.vm import validation as v

    if path is None:
        return None
    from idcctl.fileio import MAX_INPUT, read_capped

    text = read_capped(path, limit=MAX_INPUT, what="--cloud-init")
    doc = v.parse_cloud_init(text, source=str(path))
    for warning in v.cloud_init_warnings(doc, username=username):
        state.warn(warning)
    v.fail_if(v.cloud_init_problems(doc, source=str(path)))
    return v.cloud_init_text(doc)


def _rules(state: State) -> tuple[Any, Any]:
    """VM parameters and the image list, from the disk cache or the API."""
    from idcctl.api import vms
    from idcctl.cli.vm.params import cached, rules

    parameters = rules(state)
    images = cached(state, "vm-images", lambda: vms.list_images(state.client), lambda exc: state.warn(
        f"cannot read the image list ({exc}); --os and --os-version are sent unchecked"))
    return parameters, images
