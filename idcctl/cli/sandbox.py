"""`sandbox serve` and `sandbox profile`: a local emulator of the API."""

from __future__ import annotations

from idcctl.cli.core import App

app = App(help="A local emulator of the API.")
