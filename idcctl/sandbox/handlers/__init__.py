"""Request handlers: one module per SDK module of `idcctl/api/`, named the same.

Each module lists its endpoints in ``ROUTES`` as ``(method, "/path/{arg}",
handler)``; a handler takes a `Request` and returns the answer's JSON (or
`common.EMPTY`), or raises `common.ApiError`. Where a section needs more
than ~300 lines it is split into ``<module>_<part>.py`` (``vms_storage``,
``billing_payments``). Handlers never import each other: what two sections
share lives in `idcctl.sandbox.model`. Sections the 2025 reference adds
have theirs (firewalls, ssh_keys; boot media in ``vms_boot``).
"""

from __future__ import annotations

from idcctl.sandbox.handlers import (
    account, billing, billing_payments, block_storage, firewalls, ips, load_balancers, networks,
    object_storage, pricing, services, ssh_keys, vms, vms_boot, vms_storage,
)

MODULES = (account, vms, vms_storage, vms_boot, block_storage, object_storage, networks, ips, load_balancers,
           services, billing, billing_payments, pricing, firewalls, ssh_keys)
