"""Checks of values typed on the command line that several groups share.

`MAX_DISK_GB` is no rule of the API's (those come from `vm params` where it
has them) but a bound far above any real size, so that twenty nines typed
by mistake are refused locally (exit 2) instead of being stored as a
1e+23 GiB disk. `non_empty` is a Typer callback for names and tokens that
the API would take empty and answer with an error of its own, or worse.
"""

from __future__ import annotations

from typing import Any

MAX_DISK_GB = 65536  # 64 TiB: more than any single block-storage disk is sold as
MAX_VCPU = 1024  # for estimates: more than any VM of the platform has
MAX_RAM_MB = 4 * 2**20  # 4 TiB, likewise


def non_empty(value: Any) -> Any:
    """Typer callback: the value (or each of several) as given, refused (exit 2, nothing sent) when empty or blank."""
    if isinstance(value, (list, tuple)):
        for one in value:
            non_empty(one)
        return value
    if value is not None and not value.strip():
        import typer

        raise typer.BadParameter("cannot be empty")
    return value
