"""Seed data: everything a fresh sandbox starts with, from the API reference's examples.

One module per API section (named like `idcctl/api/`), with a function per
store that takes the location's position in the served list (0 = the
default) and returns fresh copies, so no request can change the seed
itself; `state.STORES` names the function of each store. `catalog` is the
static part (locations, host pools, VM parameters, images), served from
code and never stored, so an old state file never pins an old catalogue.
"""

from __future__ import annotations

from idcctl.sandbox.seed.vms import listed_vm as _listed_vm  # noqa: F401 - benchmarks/listing.py imports it
