"""`service` commands (contract section "service"): managed database service packages.

SVC is a display name or UUID everywhere. `service create` checks its input
before anything is sent (exit 2). `service secrets` masks ``sql_pass`` in
tables and `--uri` turns package and secrets into a connection string. The
whitelist commands live in whitelist.py and are registered here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, List, Optional

import typer

from idcctl.cli.service import whitelist as service_whitelist
from idcctl.cli.service.common import label, loss_text, package_view, svc_argument
from idcctl.errors import UsageError
from idcctl.cli.shared.targets import arguments as targets_argument
from idcctl.shell.core import App, state_of

if TYPE_CHECKING:
    from idcctl.shell.state import State

# Local limits for `service create`: the API's VM limits (each node of a package is a VM).
CPU_RANGE = (1, 16)
RAM_RANGE = (512, 65536)
DISK_RANGE = (20, 240)

app = App(help="Managed database services (service packages) and their whitelists.",
          examples=["idcctl service list", "idcctl service show db", 'psql "$(idcctl service secrets db --uri)"'])


def _render_package(state: State, data: Any) -> None:
    """Tables get properties, resources and prices laid out; -o json/yaml and -q get the API's data."""
    opts = state.output_options()
    if opts.format == "table" and not opts.quiet and not opts.columns and isinstance(data, dict):
        data = package_view(data)
    state.render(data, "service")


@app.command("list", examples=["idcctl service list",
                               "idcctl service list -o json | jq -r '.[].display_name'"])
def service_list(ctx: typer.Context) -> None:
    """List managed service packages: engine, size, location, status and service IP."""
    from idcctl.api import services

    state = state_of(ctx)
    state.render(services.list(state.client), "service")


@app.command("show", examples=["idcctl service show db", "idcctl service show db -o json"])
def service_show(ctx: typer.Context, svc: str = svc_argument()) -> None:
    """Show a service package: its properties, resources and prices."""
    from idcctl.api import services
    from idcctl.cli.shared.resolve import resolve_service

    state = state_of(ctx)
    _render_package(state, services.get(state.client, resolve_service(state, svc)))


def _range_help(what: str, bounds: tuple[int, int], unit: str = "") -> str:
    return f"{what} per node, {bounds[0]} to {bounds[1]}{unit}."


def _check_range(option: str, value: int, bounds: tuple[int, int], unit: str = "") -> list[str]:
    low, high = bounds
    if low <= value <= high:
        return []
    return [f"{option} {value}{unit} is out of range (allowed: {low} to {high}{unit})"]


def parse_params(items: list[str], problems: list[str]) -> dict[str, str]:
    """``KEY=VALUE`` options as a dict; every malformed or repeated key is added to `problems`."""
    import re

    params: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        key = key.strip()
        if not sep or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.-]*", key):
            problems.append(f"--param '{item}' is not KEY=VALUE (KEY: letters, digits, '_', '.', '-')")
        elif key in params:
            problems.append(f"--param {key} is given twice")
        else:
            params[key] = value
    return params


@app.command("create", examples=[
    "idcctl service create --service postgresql --version 14.0 --name db --cpu 2 --ram 4096 "
    "--disk 40 --param location=jkt01",
    "idcctl service create --service mariadb --version 10.5 --name shop --cpu 1 --ram 1024 "
    "--disk 20 --billing-account 12 --multi-node",
])
def service_create(
    ctx: typer.Context,
    service: str = typer.Option(..., "--service", metavar="ENGINE",
                                help="Database engine, e.g. postgresql or mariadb."),
    version: str = typer.Option(..., "--version", metavar="V", help="Engine version, e.g. 14.0."),
    name: str = typer.Option(..., "--name", metavar="NAME", help="Display name of the service."),
    cpu: int = typer.Option(..., "--cpu", metavar="N", help=_range_help("Virtual CPUs", CPU_RANGE)),
    ram: int = typer.Option(..., "--ram", metavar="MB", help=_range_help("Memory in MB", RAM_RANGE, " MB")),
    disk: int = typer.Option(..., "--disk", metavar="GB", help=_range_help("Disk in GB", DISK_RANGE, " GB")),
    billing_account: Optional[int] = typer.Option(None, "--billing-account", metavar="ACCT", min=1,
                                                  help="Billing account [default: profile's billing_account]."),
    param: list[str] = typer.Option([], "--param", metavar="KEY=VALUE",
                                    help="A package parameter (repeatable), sent as text inside "
                                         "package_parameters, e.g. --param location=jkt01."),
    multi_node: bool = typer.Option(False, "--multi-node",
                                    help="Several nodes (where the engine supports it)."),
) -> None:
    """Create a managed database service (checked locally first; nothing is sent if a check fails)."""
    from idcctl.api import services

    state = state_of(ctx)
    problems = [f"{opt} cannot be empty" for opt, value in
                (("--name", name), ("--service", service), ("--version", version)) if not value.strip()]
    problems += _check_range("--cpu", cpu, CPU_RANGE)
    problems += _check_range("--ram", ram, RAM_RANGE, " MB")
    problems += _check_range("--disk", disk, DISK_RANGE, " GB")
    params = parse_params(param, problems)
    if problems:
        raise UsageError("; ".join(problems), hint="nothing was sent")
    if state.flag("location") and "location" not in params:
        # Services are not location-scoped: -l changes no path here, and a silent no-op misleads.
        state.warn(f"--location does not place a service; pass --param location={state.flag('location')} "
                   "if the package should go there")
    account = state.billing_account(billing_account)
    if account is None:
        raise UsageError("no billing account: the API needs one for a new service",
                         hint="pass --billing-account ACCT or run 'idcctl config set billing_account ACCT'")
    if account < 1:
        raise UsageError(f"--billing-account {account} is not a billing account id")
    result = services.create(
        state.client, service=service.strip(), version=version.strip(), display_name=name,
        vm_cpu=cpu, vm_ram=ram, vm_disk_gb=disk, billing_account_id=account,
        package_parameters=params if params else None, is_multi_node=multi_node or None)
    uuid = result.get("uuid") if isinstance(result, dict) else None
    state.info(f"Created service {name}" + (f" ({uuid})." if uuid else "."))
    _render_package(state, result)


@app.command("update", examples=["idcctl service update db --name reports-db",
                                 "idcctl service update db --billing-account 13"])
def service_update(
    ctx: typer.Context,
    svc: str = svc_argument(),
    name: Optional[str] = typer.Option(None, "--name", help="New display name."),
    billing_account: Optional[int] = typer.Option(None, "--billing-account", metavar="ACCT", min=1,
                                                  help="Move the service to this billing account."),
) -> None:
    """Rename a service or move it to another billing account; only what is given is sent."""
    from idcctl.api import services
    from idcctl.cli.shared.resolve import resolve_service

    if name is None and billing_account is None:
        raise UsageError("nothing to update", hint="give --name, --billing-account or both")
    if name is not None and not name.strip():
        raise UsageError("--name cannot be empty")
    if billing_account is not None and billing_account < 1:
        raise UsageError(f"--billing-account {billing_account} is not a billing account id")
    state = state_of(ctx)
    uuid = resolve_service(state, svc)
    _render_package(state, services.update(state.client, uuid, display_name=name,
                                           billing_account_id=billing_account))


@app.command("delete", examples=["idcctl service delete db", "idcctl service delete db-a db-b --yes"])
def service_delete(ctx: typer.Context,
                   svc: List[str] = targets_argument("SVC", "Service display names or UUIDs")) -> None:
    """Delete services with their databases, VMs and disks (asks first)."""
    from idcctl.api import services
    from idcctl.cli.shared import targets

    state = state_of(ctx)

    def deletable(ref: str) -> targets.Target:
        from idcctl.cli.shared.resolve import find_service

        pkg = find_service(state, ref)
        return targets.Target(ref, str(pkg.get("uuid")), f"service {label(pkg)}", loss=loss_text(pkg), data=pkg)

    targets.run(state, svc, targets.Action(
        "Delete", "Deleted", "service", deletable, lambda t: services.delete(state.client, t.ident),
        asks=True, announce=True, preload=("service",),
        show=lambda data: _render_package(state, data)))


@app.command("secrets", examples=["idcctl service secrets db", "idcctl service secrets db --show-secrets",
                                  'psql "$(idcctl service secrets db --uri)"'])
def service_secrets(
    ctx: typer.Context,
    svc: str = svc_argument(),
    uri: bool = typer.Option(False, "--uri",
                             help="Print a connection string (postgresql://USER:PASS@HOST:PORT/, "
                                  "mysql://..., ...) built from the service and its secrets."),
) -> None:
    """Show a service's secrets (sql_pass is masked in tables unless --show-secrets)."""
    from idcctl.api import services
    from idcctl.cli.service.common import connection_uri
    from idcctl.cli.shared.resolve import find_service, resolve_service

    state = state_of(ctx)
    if not uri:
        state.render(services.secrets(state.client, resolve_service(state, svc)), "secret")
        return
    pkg = find_service(state, svc)
    state.render(connection_uri(pkg, services.secrets(state.client, str(pkg.get("uuid")))))


app.add_typer(service_whitelist.app, name="whitelist",
              help=f"Addresses allowed to connect to a service. {service_whitelist.EMPTY_MEANS}")
