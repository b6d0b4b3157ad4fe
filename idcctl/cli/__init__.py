"""The Typer command tree. `build_app()` composes it; nothing happens at import."""

from __future__ import annotations

import typer

from idcctl.cli.core import App

# (module, attribute, name, help) in the order `idcctl --help` lists them.
GROUPS: list[tuple[str, str, str, str]] = [
    ("idcctl.cli.vm", "app", "vm", "Virtual machines: create, list, start, stop, snapshot, delete."),
    ("idcctl.cli.image", "app", "image", "OS images available for new VMs."),
    ("idcctl.cli.account", "user_app", "user", "Your user profile."),
    ("idcctl.cli.account", "token_app", "token", "API tokens."),
    ("idcctl.cli.account", "location_app", "location", "Data centre locations."),
    ("idcctl.cli.profile", "auth_app", "auth", "Log in and out (store or forget an API key)."),
    ("idcctl.cli.profile", "profile_app", "profile", "Manage stored profiles."),
    ("idcctl.cli.profile", "config_app", "config", "Per-profile settings."),
    ("idcctl.cli.sandbox", "app", "sandbox", "A local emulator of the API for trying idcctl safely."),
    ("idcctl.cli.service", "app", "service", "Managed database services: create, secrets, whitelists."),
    ("idcctl.cli.billing", "app", "billing", "Billing accounts, cards, credit, invoices, payments, pricing, usage."),
    ("idcctl.cli.disk", "app", "disk", "Block storage: disks to create, attach to VMs, detach, delete."),
    ("idcctl.cli.bucket", "app", "bucket", "Object storage: S3 buckets, the S3 endpoint and access keys."),
    ("idcctl.cli.net", "app", "net", "Private networks: list, create, rename, set-default, delete."),
    ("idcctl.cli.ip", "app", "ip", "Floating IPs: reserve, assign to a VM, unassign, delete."),
    ("idcctl.cli.lb", "app", "lb", "Network load balancers: rules, targets, billing."),
]
COMMANDS: list[tuple[str, str, str]] = [
    ("idcctl.cli.raw", "api", "api"),
    ("idcctl.cli.completion", "completion", "completion"),
]


def _version(value: bool) -> None:
    if value:
        from idcctl import __version__

        typer.echo(f"idcctl {__version__}")
        raise typer.Exit()


def build_app() -> typer.Typer:
    import importlib

    from typer.completion import completion_init

    # Typer registers its bash/zsh/fish completion answerers only for apps built with
    # add_completion=True, which would add --install-completion to every command.
    completion_init()
    app = App(
        name="idcctl",
        help="Run your idcloudhost.com infrastructure from the shell.\n\n"
        "Global options work before the group and after the command: "
        "'idcctl -o json vm list' and 'idcctl vm list -o json' are the same.",
        context_settings={"help_option_names": ["-h", "--help"]},
    )

    @app.callback()
    def root(
        version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                     help="Print the version and exit."),
    ) -> None:
        """Run your idcloudhost.com infrastructure from the shell."""

    for module_name, attr, name, help_text in GROUPS:
        module = importlib.import_module(module_name)
        app.add_typer(getattr(module, attr), name=name, help=help_text)
    for module_name, attr, name in COMMANDS:
        module = importlib.import_module(module_name)
        app.command(name)(getattr(module, attr))
    return app
