"""A Python SDK for the idcloudhost.com API (the one idcctl itself is built on).

A `Client` holds the key, the location and one connection pool; the API's
sections are its namespaces, each endpoint a method returning the API's
parsed JSON (dicts and lists) unchanged::

    from idcctl.api import Client, NotFoundError

    with Client(api_key, location="bus02") as client:
        for vm in client.vms.list():
            print(vm["name"], vm["status"])
        try:
            client.disks.get(disk_uuid)
        except NotFoundError as exc:
            print(exc.status, exc.message)

Namespaces: ``vms`` (VMs, their disks, snapshots, pools, images), ``disks``
(block storage), ``buckets`` (object storage, S3 keys), ``networks``,
``ips`` (floating IPs), ``load_balancers``, ``services`` (managed
databases), ``billing``, ``pricing``, ``account`` (user, tokens,
locations), ``firewalls`` (rules, VM assignments), ``ssh_keys`` (public keys
kept on the account). Each method is the function of the same name in the section's
module (``client.vms.get(uuid)`` is ``idcctl.api.vms.get(client, uuid)``);
``help(client.vms)`` lists them. ``client.request(method, path, ...)``
reaches any endpoint directly, and ``client.with_location(slug)`` aims the
same client (and pool) at another location.

Client(api_key, *, location, base_url, timeout, max_retries, max_body,
transport, hooks): ``timeout`` bounds each attempt, its answer included,
and all retry waits of a request together. Reads and idempotent updates are
retried on connection failures, 429 and 5xx (honouring Retry-After);
nothing that creates or pays is ever retried. Redirects are never followed.
`ClientHooks` plugs in a debug ``trace``, ``on_retry_wait``,
``before_send`` (raise to stop a request) and ``sleep``/``clock``; the API
key is ``***`` in everything a hook sees.

Errors (`idcctl.errors`): `ApiError` (``status``, ``message``,
``request_id``: the X-Warren-Correlation-Id), `AuthError` (401/403),
`NotFoundError` (404, "No such ... exists"), `NetworkError` (no answer);
all are `RequestError` with ``reason`` (a `Reason` constant when the
failure is not simply the API's error answer), ``method`` and ``path``.
``Reason.UNKNOWN_OUTCOME`` means a write was sent and no answer came: it
may have happened, so look before retrying. Bad arguments raise TypeError
or ValueError before anything is sent; a request that cannot be sent as
asked (a URL over 8 KB, control characters in it, a NaN in a JSON body)
raises `InvalidRequest`, a ValueError and a RequestError.

Nothing here prints, prompts, exits or imports typer, click or rich;
``import idcctl.api`` does not even load httpx until a `Client` is asked for.
"""

from __future__ import annotations

from idcctl.errors import (
    ApiError,
    AuthError,
    IdcctlError,
    InvalidRequest,
    NetworkError,
    NotFoundError,
    Reason,
    RequestError,
)

TYPE_CHECKING = False  # not from typing: importing the SDK's names should cost next to nothing
if TYPE_CHECKING:
    from typing import Any

    from idcctl.api.client import DEFAULT_BASE_URL, Client
    from idcctl.api.hooks import Answered, ClientHooks, RetryWait

__all__ = ["DEFAULT_BASE_URL", "Answered", "ApiError", "AuthError", "Client", "ClientHooks", "IdcctlError", "InvalidRequest",
           "NetworkError", "NotFoundError", "Reason", "RequestError", "RetryWait"]

# Loaded when first asked for: the client needs httpx, which `import idcctl.api` should not cost.
_LAZY = {"Client": "idcctl.api.client", "DEFAULT_BASE_URL": "idcctl.api.client",
         "Answered": "idcctl.api.hooks", "ClientHooks": "idcctl.api.hooks", "RetryWait": "idcctl.api.hooks"}


def __getattr__(name: str) -> Any:
    if name not in _LAZY:  # a section module (`from idcctl.api import vms`) is imported as usual
        raise AttributeError(f"module 'idcctl.api' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(_LAZY[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
