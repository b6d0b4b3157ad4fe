"""The command tree: each group by name, import path and help line; nothing is imported here.

`root_command()` gives the Click root, which imports and builds only the
group being invoked; `build_app()` gives the whole tree as one Typer app
(for tools that walk it). `idcctl/cli/tree.json` is generated from this
tree (`python -m idcctl.cli.tree`) so help and completion run without Typer.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

# (module, attribute, name, help) in the order `idcctl --help` lists them.
GROUPS: list[tuple[str, str, str, str]] = [
    ("idcctl.cli.vm", "app", "vm", "Virtual machines: create, list, start, stop, snapshot, delete."),
    ("idcctl.cli.image", "app", "image", "OS images available for new VMs."),
    ("idcctl.cli.disk", "app", "disk", "Block storage: disks to create, attach to VMs, detach, delete."),
    ("idcctl.cli.bucket", "app", "bucket", "Object storage: S3 buckets, the S3 endpoint and access keys."),
    ("idcctl.cli.net", "app", "net", "Private networks: list, create, rename, set-default, delete."),
    ("idcctl.cli.ip", "app", "ip", "Floating IPs: reserve, assign to a VM, unassign, delete."),
    ("idcctl.cli.lb", "app", "lb", "Network load balancers: rules, targets, billing."),
    ("idcctl.cli.service", "app", "service", "Managed database services: create, secrets, whitelists."),
    ("idcctl.cli.billing", "app", "billing", "Billing accounts, payments, invoices, pricing and cost estimates."),
    ("idcctl.cli.account", "user_app", "user", "Your user profile."),
    ("idcctl.cli.account", "token_app", "token", "API tokens."),
    ("idcctl.cli.account", "location_app", "location", "Data centre locations."),
    ("idcctl.cli.profile", "auth_app", "auth", "Log in and out (store or forget an API key)."),
    ("idcctl.cli.profile", "profile_app", "profile", "Manage stored profiles."),
    ("idcctl.cli.profile", "config_app", "config", "Per-profile settings."),
    ("idcctl.cli.sandbox", "app", "sandbox", "A local emulator of the API for trying idcctl safely."),
]
# (module, function, name): commands directly under the root.
COMMANDS: list[tuple[str, str, str]] = [
    ("idcctl.cli.raw", "api", "api"),
    ("idcctl.cli.completion", "completion", "completion"),
    ("idcctl.cli.helpcmd", "help_command", "help"),
]
ROOT_HELP = ("Run your idcloudhost.com infrastructure from the shell.\n\n"
             "Global options work before the group and after the command: "
             "'idcctl -o json vm list' and 'idcctl vm list -o json' are the same.")


def _version(value: bool) -> None:
    if value:
        import typer

        from idcctl import __version__

        typer.echo(f"idcctl {__version__}")
        raise typer.Exit()


def _root_app() -> Any:
    import typer

    from idcctl.cli.core import App, LazyGroup, examples_text

    app = App(name="idcctl", help=ROOT_HELP, cls=LazyGroup,
              context_settings={"help_option_names": ["-h", "--help"]})

    @app.callback(cls=LazyGroup, epilog=examples_text([
        "idcctl sandbox serve --detach && idcctl sandbox profile --activate",
        "idcctl vm list -o json",
        "idcctl help vm create",
    ]))
    def root(
        version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                     help="Print the version and exit."),
    ) -> None:
        """Run your idcloudhost.com infrastructure from the shell."""

    return app


def root_command(*, eager: bool = False) -> Any:
    """The Click root group; with ``eager=True`` every group is built (to walk the tree)."""
    from typer.main import get_group

    root = get_group(_root_app())
    root.name = "idcctl"
    entries = {name: (module, attr, help_text) for module, attr, name, help_text in GROUPS}
    entries.update({name: (module, attr, None) for module, attr, name in COMMANDS})
    root.set_entries(entries)
    return root.load_all() if eager else root


def build_app() -> Any:
    """The whole tree as one Typer app (every group imported)."""
    import importlib

    from idcctl.cli.core import App

    app = _root_app()
    for module_name, attr, name, help_text in GROUPS:
        app.add_typer(getattr(importlib.import_module(module_name), attr), name=name, help=help_text)
    for module_name, attr, name in COMMANDS:
        func = getattr(importlib.import_module(module_name), attr)
        App.command(app, name, examples=getattr(func, "examples", None))(func)
    return app
