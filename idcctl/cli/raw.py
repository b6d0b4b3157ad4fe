"""`idcctl api`: a raw request to any endpoint."""

from __future__ import annotations

import typer


def api(ctx: typer.Context) -> None:
    """Send a raw request."""
