"""`idcctl completion SHELL`."""

from __future__ import annotations

import typer


def completion(ctx: typer.Context) -> None:
    """Print a completion script."""
