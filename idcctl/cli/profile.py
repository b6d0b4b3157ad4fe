"""`auth`, `profile` and `config` commands: client-side profile management."""

from __future__ import annotations

from idcctl.cli.core import App

auth_app = App(help="Log in and out.")
profile_app = App(help="Manage stored profiles.")
config_app = App(help="Per-profile settings.")
