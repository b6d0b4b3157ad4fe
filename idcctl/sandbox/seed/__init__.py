"""Seed data: everything a fresh sandbox starts with, from the API reference's examples.

One module per API section (named like `idcctl/api/`), each with a function
per store that returns fresh copies, so no request can change the seed
itself. `catalog` is the static part (locations, host pools, VM parameters,
images) that is served from code and never stored.
"""

from __future__ import annotations

from typing import Any

from idcctl.sandbox.seed import account, ips, vms
from idcctl.sandbox.seed.vms import listed_vm as _listed_vm  # noqa: F401 - benchmarks/listing.py imports it


def empty_location() -> dict[str, Any]:
    return {"vms": [], "floating_ips": []}


def initial_state(slugs: list[str]) -> dict[str, Any]:
    """Fresh state for the given locations (first = default, second = "bus02" role)."""
    locations = {slug: {"vms": vms.vms(n), "floating_ips": ips.ips(n)} for n, slug in enumerate(slugs)}
    return {"version": 1, "user": account.user(), "tokens": account.tokens(), "locations": locations,
            "next_ids": {}}
