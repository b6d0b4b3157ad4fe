"""`vm create`: validated locally before anything is sent.

A rejected create costs a 30-second round trip at best and a half-made VM
at worst, so every input is checked first against the API's own rules:
``GET /v1/api/parameters/vm`` (built-in rules from the reference when that
endpoint is missing) and the live image list, both cached on disk for ten
minutes (idcctl.cache). Any problem is exit 2 with nothing sent.

The password never has to be on the command line: ``--password-stdin`` or a
hidden prompt; ``--password`` still works but warns. SSH keys (``--public-key``,
``--ssh-key``) go as repeated ``public_keys`` values (`keys`). ``--os _custom``
(or no ``--os``) makes a VM with an empty disk, to install from `vm boot-iso`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, List, Optional

import typer

from idcctl.cli.vm.common import show_result
from idcctl.cli.vm.secret import check_secret_source, read_secret
from idcctl.cli.vm.wait import check_wait_timeout
from idcctl.errors import UsageError
from idcctl.shell.core import App, state_of

if TYPE_CHECKING:
    from idcctl.shell.state import State

app = App()
CUSTOM = ("_custom", "_")  # os_name and os_version of an empty-disk VM, as the reference writes them


@app.command("create", examples=[
    "idcctl vm create --name web-1 --os ubuntu --os-version 22.04-lts --disk-size 20 --vcpu 2 "
    "--ram 2048 --username deploy --password-stdin < pw.txt",
    "idcctl vm create --name web-2 --os debian --os-version 12 --disk-size 40 --vcpu 4 --ram 4096 "
    "--username deploy --ssh-key laptop --public-key @~/.ssh/id_ed25519.pub --cloud-init init.yaml --wait",
    "idcctl vm create --name iso-1 --os _custom --disk-size 20 --vcpu 2 --ram 2048",
])
def create(
    ctx: typer.Context,
    name: str = typer.Option(..., "--name", metavar="NAME", help="VM name: letters, digits and '-', at least 4."),
    os_name: Optional[str] = typer.Option(
        None, "--os", metavar="OS", help="OS image name (see 'idcctl image list'); _custom (or no --os) makes "
                                         "an empty disk to install from 'idcctl vm boot-iso'."),
    os_version: Optional[str] = typer.Option(None, "--os-version", metavar="VERSION",
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
    public_key: Optional[List[str]] = typer.Option(
        None, "--public-key", metavar="TEXT|@FILE",
        help="SSH public key line, or @path of a .pub file (checked; never a private key); repeatable."),
    ssh_key: Optional[List[str]] = typer.Option(None, "--ssh-key", metavar="KEY",
                                                help="A stored SSH key's name or UUID (see 'idcctl ssh-key list'); "
                                                     "repeatable."),
    pool: Optional[str] = typer.Option(None, "--pool", metavar="POOL",
                                       help="Resource pool name or UUID (see 'idcctl vm pool list')."),
    billing_account: Optional[int] = typer.Option(None, "--billing-account", metavar="ACCT", min=1,
                                                  help="Billing account [default: profile's billing_account]."),
    network: Optional[str] = typer.Option(None, "--network", metavar="NET",
                                          help="Private network name or UUID [default: the default network]."),
    cloud_init: Optional[Path] = typer.Option(None, "--cloud-init", metavar="FILE",
                                              help="cloud-init user data: any cloud-init keys, in YAML or JSON."),
    backup: bool = typer.Option(False, "--backup", help="Turn on automatic backups."),
    no_public_ip: bool = typer.Option(False, "--no-public-ip",
                                      help="Do not reserve a public IPv4 (one is reserved and billed by default)."),
    source_vm: Optional[str] = typer.Option(None, "--source-vm", metavar="VM",
                                            help="Copy this VM's snapshot or backup (with --source-replica)."),
    source_replica: Optional[str] = typer.Option(None, "--source-replica", metavar="R",
                                                 help="Snapshot or backup UUID to copy (with --source-vm)."),
    boot_disk: Optional[str] = typer.Option(None, "--boot-disk", metavar="DISK",
                                            help="Existing unattached disk (name or UUID) to boot from."),
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
    from idcctl.cli.shared.resolve import resolve, resolve_pool, resolve_vm
    from idcctl.cli.vm import validation as v
    from idcctl.cli.vm.keys import public_keys

    state = state_of(ctx)
    # Checks that need neither the network nor the password come first.
    _check_combinations(disk_size, boot_disk, source_vm, source_replica, password, password_stdin)
    _check_stdin(public_key or [], password_stdin)
    os_name, os_version, empty = _os_choice(os_name, os_version, boot_disk, source_vm)
    cloud_init_text = _cloud_init(state, cloud_init, username)
    # An empty disk has no OS to log in to: a password is asked for only when one is given.
    wants_secret = not empty or password is not None or password_stdin
    if wants_secret:
        check_secret_source(state, from_stdin=password_stdin, given=password)
    keys = public_keys(state, public_key or [], ssh_key or [])
    if empty and (keys or cloud_init_text):
        state.warn("an empty-disk VM has no OS to take SSH keys or cloud-init: they are sent, but do nothing")

    parameters = _check_against_rules(state, name=name, os_name=os_name, os_version=os_version, empty=empty,
                                      username=username, vcpu=vcpu, ram=ram,
                                      disk_size=disk_size, boot_disk=bool(boot_disk))
    # Asked only now, so a typo in --name does not cost the operator a password entry.
    secret = None
    if wants_secret:
        secret = read_secret(state, from_stdin=password_stdin, given=password, label="VM password")
        v.fail_if(v.check_text(parameters, "password", secret, os_name, option="the password", secret=True))

    fields: dict[str, Any] = {
        "name": name, "os_name": os_name, "os_version": os_version,
        "disks": None if boot_disk else disk_size, "vcpu": vcpu, "ram": ram,
        "username": username, "password": secret, "public_keys": keys,
        "designated_pool_uuid": resolve_pool(state, pool) if pool else None,
        "billing_account_id": state.billing_account(billing_account),
        "network_uuid": _network_here(state, network),
        "cloud_init": cloud_init_text,
        # Optional booleans the operator did not set are left to the API's defaults
        # (backup off, a public IPv4 reserved), as the clients tested against it do.
        "backup": True if backup else None, "reserve_public_ip": False if no_public_ip else None,
        "source_uuid": resolve_vm(state, source_vm) if source_vm else None,
        "source_replica": source_replica, "disk_uuid": resolve(state, "disk", boot_disk) if boot_disk else None,
        "description": description,
    }
    # Shown before anything is sent (and under --dry-run); a missing policy never blocks.
    note_for_create(state, vcpu=vcpu, ram=ram, disk=disk_size, backup=backup,
                    windows=(os_name or "").lower() == "windows")
    vm = vms.create(state.client, **fields)
    uuid = vm.get("uuid") if isinstance(vm, dict) else None
    state.info(f"Created VM {name}" + (f" ({uuid})." if uuid else "."))
    if empty:
        state.info(f"Its disk is empty: install an OS from an ISO with 'idcctl vm boot-iso {name} --image IMAGE' "
                   "('idcctl image boot-list' shows them).")
    show_result(state, vm, str(uuid) if uuid else None, wait=wait, want="running", timeout=wait_timeout)


def _check_against_rules(state: State, *, name: str, os_name: str | None, os_version: str | None,
                         empty: bool, username: str | None, vcpu: int, ram: int,
                         disk_size: int | None, boot_disk: bool) -> Any:
    """Every problem with the inputs by the API's rules at once (exit 2); the rules, for the password."""
    from idcctl.cli.vm import validation as v

    parameters, images = _rules(state)
    problems = v.check_name(parameters, name, os_name)
    if os_name and not empty:
        problems += v.check_os(images, os_name, os_version or "")
    if username or not empty:
        problems += v.check_text(parameters, "username", username, os_name, option="--username")
    problems += v.check_range(parameters, "vcpu", vcpu, os_name, option="--vcpu")
    problems += v.check_range(parameters, "ram", ram, os_name, option="--ram", unit="MB")
    if not boot_disk:  # a --boot-disk VM has its size already
        problems += v.check_range(parameters, "disks", disk_size, os_name, option="--disk-size", unit="GB")
    v.fail_if(problems)
    return parameters


def _os_choice(os_name: str | None, os_version: str | None, boot_disk: str | None,
               source_vm: str | None) -> tuple[str | None, str | None, bool]:
    """(os_name, os_version, empty disk?) to send: the reference's _custom/_ for an empty disk.

    Without --os, a VM booting an existing disk or copying another VM's replica
    takes its OS from there; any other VM gets an empty disk.
    """
    if os_name is None and (boot_disk or source_vm):
        if os_version is not None:
            raise UsageError("--os-version goes with --os")
        return None, None, False
    if os_name is None or os_name == CUSTOM[0]:
        if os_version not in (None, CUSTOM[1]):
            raise UsageError("an empty-disk VM (--os _custom, or no --os) has no --os-version",
                             hint="'idcctl image list' shows the OS images and their versions")
        return CUSTOM[0], CUSTOM[1], True
    if os_version is None:
        raise UsageError(f"--os {os_name} needs --os-version", hint="'idcctl image list' shows the versions")
    return os_name, os_version, False
def _network_here(state: State, network: str | None) -> str | None:
    """The UUID of --network, refused (exit 2) when it is a network of another location."""
    from idcctl.cli.shared.placement import same_location

    if not network:
        return None
    [[found]] = same_location(state, [("network", [network])], rule="a VM joins only a network of its own location")
    return str(found.get("uuid"))


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


def _check_stdin(public_keys: list[str], password_stdin: bool) -> None:
    """Stdin can be read once: by one --public-key @- or by --password-stdin."""
    readers = public_keys.count("@-") + int(password_stdin)
    if readers > 1:
        raise UsageError("only one of --password-stdin and --public-key @- can read stdin",
                         hint="give the key as @FILE or as text")


def _cloud_init(state: State, path: Path | None, username: str | None) -> str | None:
    from idcctl.cli.vm import validation as v

    if path is None:
        return None
    from idcctl.fileio import MAX_INPUT, read_capped

    text = read_capped(path, limit=MAX_INPUT, what="--cloud-init")
    doc = v.parse_cloud_init(text, source=str(path))
    for warning in v.cloud_init_warnings(doc, username=username):
        state.warn(warning)
    return v.cloud_init_text(doc)


def _rules(state: State) -> tuple[Any, Any]:
    """VM parameters and the image list, from the disk cache or the API."""
    from idcctl.api import vms
    from idcctl.cli.vm.params import cached, rules

    parameters = rules(state)
    images = cached(state, "vm-images", lambda: vms.list_images(state.client), lambda exc: state.warn(
        f"cannot read the image list ({exc}); --os and --os-version are sent unchecked"))
    return parameters, images
