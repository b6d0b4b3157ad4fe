"""Request handlers: one module per SDK module of `idcctl/api/`, named the same.

Each module lists its endpoints in ``ROUTES`` as ``(method, "/path/{arg}",
handler)``; a handler takes a `Request` and returns the answer's JSON (or
`common.EMPTY`), or raises `common.ApiError`. Where a section needs more
than ~300 lines it is split into ``<module>_<part>.py`` (``vms_storage``,
``billing_payments``). Handlers never import each other: what two sections
share lives in `idcctl.sandbox.model`. Sections the 2025 reference adds
(firewalls, ssh_keys) get a module here and an entry in `MODULES`.
"""

from __future__ import annotations

from idcctl.sandbox.handlers import (
    account, billing, billing_payments, block_storage, ips, load_balancers, networks, object_storage,
    pricing, services, vms, vms_storage,
)

MODULES = (account, vms, vms_storage, block_storage, object_storage, networks, ips, load_balancers,
           services, billing, billing_payments, pricing)
