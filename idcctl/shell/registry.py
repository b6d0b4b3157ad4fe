"""The root of the command tree: each group by name, import path and help line; nothing is imported here.

Every module under `idcctl/cli/` registers its commands the same way: it
defines ``app = App(...)`` and decorates its commands with
``@app.command(NAME, examples=[...])``; a group that is a package composes
its modules in its ``__init__.py`` with ``app.add_typer(module.app)`` (the
module's commands join the group) or ``app.add_typer(module.app, name=...)``
(a sub-group). A row of `GROUPS` whose module's app holds one command of
the row's name (``api``, ``help``) is a command directly
under the root.

`root_command()` gives the Click root, which imports and builds only the
member being invoked (``eager=True``: every member, for tools that walk the
tree: the table generator, the man page, the fuzz test). `idcctl/shell/tree.json` is generated from this
tree (`python -m idcctl.shell.tree`) so help and completion run without Typer.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

# (name, module holding its `app`, help line or None for a command) in the order `idcctl --help` lists them.
GROUPS: list[tuple[str, str, str | None]] = [
    ("vm", "idcctl.cli.vm", "Virtual machines: create, list, start, stop, snapshot, delete."),
    ("image", "idcctl.cli.image", "OS images for new VMs, and ISO images to boot them from once."),
    ("disk", "idcctl.cli.disk", "Block storage: disks to create, attach to VMs, detach, delete."),
    ("bucket", "idcctl.cli.bucket", "Object storage: S3 buckets, the S3 endpoint and access keys."),
    ("net", "idcctl.cli.net", "Private networks: list, create, rename, set-default, delete."),
    ("ip", "idcctl.cli.ip", "Floating IPs: reserve, assign to a VM, unassign, delete."),
    ("lb", "idcctl.cli.lb", "Network load balancers: rules, targets, billing."),
    ("firewall", "idcctl.cli.firewall", "Firewalls: rules, and the VMs they protect."),
    ("service", "idcctl.cli.service", "Managed database services: create, secrets, whitelists."),
    ("billing", "idcctl.cli.billing", "Billing accounts, payments, invoices, pricing and cost estimates."),
    ("user", "idcctl.cli.user", "Your user profile."),
    ("token", "idcctl.cli.token", "API tokens."),
    ("ssh-key", "idcctl.cli.ssh_key", "SSH public keys kept on the account, for new VMs."),
    ("location", "idcctl.cli.location", "Data centre locations."),
    ("auth", "idcctl.cli.auth", "Log in and out (store or forget an API key)."),
    ("profile", "idcctl.cli.profile", "Manage stored profiles."),
    ("config", "idcctl.cli.config", "Per-profile settings."),
    ("sandbox", "idcctl.cli.sandbox", "A local emulator of the API for trying idcctl safely."),
    ("api", "idcctl.cli.api", None),
    ("completion", "idcctl.cli.completion", "Shell completion: install the script for bash, zsh or fish, or print it."),
    ("help", "idcctl.cli.help", None),
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

    from idcctl.shell.core import App, LazyGroup, examples_text

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
    from idcctl.shell.compat import get_group

    root = get_group(_root_app())
    root.name = "idcctl"
    root.set_entries({name: (module, help_text) for name, module, help_text in GROUPS})
    return root.load_all() if eager else root

