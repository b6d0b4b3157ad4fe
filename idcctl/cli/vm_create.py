"""`vm create`: validated locally before anything is sent."""

from __future__ import annotations

import typer


def create(ctx: typer.Context) -> None:
    """Create a virtual machine."""
