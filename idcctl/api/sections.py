"""The client's namespaces: ``client.vms.list()`` is ``idcctl.api.vms.list(client)``.

The endpoint functions of each section module stay the implementation
(the CLI calls them as ``vms.list(client)``); a namespace binds them to one
client, the way hcloud-python's ``client.servers`` does, so a script writes
``client.disks.get(uuid)`` and ``help(client.disks)`` lists the endpoints
with their docstrings. A module's endpoints are its public functions whose
first parameter is ``client``; a section module is imported on first use.

A new section is one module under ``idcctl.api`` and one line in
`Sections` (as ``client.firewalls`` and ``client.ssh_keys`` are).
"""

from __future__ import annotations

import functools
import importlib
import inspect  # loaded anyway: dataclasses (api.hooks) imports it
import types
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from idcctl.api.client import Client


class Section:
    """The endpoints of one API section, bound to a client (see `section_class`)."""

    __slots__ = ("_client",)

    def __init__(self, client: Client) -> None:
        self._client = client

    def __repr__(self) -> str:
        return f"<{type(self).__name__} of {self._client!r}>"

    if TYPE_CHECKING:  # the endpoints are made at run time; to a type checker each is a callable
        def __getattr__(self, name: str) -> Callable[..., Any]: ...


def endpoints(module: types.ModuleType) -> dict[str, Callable[..., Any]]:
    """The module's endpoint functions: public, defined in it, taking the client first."""
    return {name: value for name, value in vars(module).items()
            if isinstance(value, types.FunctionType) and not name.startswith("_")
            and value.__module__ == module.__name__ and value.__code__.co_varnames[:1] == ("client",)}


def _bound(function: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(function)  # name and docstring, for help()
    def endpoint(self: Section, *args: Any, **kwargs: Any) -> Any:
        return function(self._client, *args, **kwargs)

    # The endpoint's own parameters, `client` standing as `self`: help() reads them as a method's.
    signature = inspect.signature(function)
    client, *rest = signature.parameters.values()
    endpoint.__signature__ = signature.replace(  # type: ignore[attr-defined]
        parameters=[client.replace(name="self", annotation=inspect.Parameter.empty), *rest])
    return endpoint


@functools.cache
def section_class(module_name: str) -> type[Section]:
    """A Section subclass whose methods are the endpoints of ``idcctl.api.<module_name>``."""
    module = importlib.import_module(f"idcctl.api.{module_name}")
    methods = {name: _bound(function) for name, function in endpoints(module).items()}
    name = "".join(part.title() for part in module_name.split("_")) + "Section"
    return type(name, (Section,), {"__doc__": module.__doc__, "__module__": module.__name__,
                                   "__slots__": (), **methods})


class Namespace:
    """A class attribute of `Client`: on an instance, that module's endpoints bound to it.

    Made afresh on each access (it is one small object), so a client from
    ``with_location()`` never reaches through a namespace of the original.
    """

    def __init__(self, module_name: str) -> None:
        self.module_name = module_name
        self.__doc__ = f"The endpoints of idcctl.api.{module_name}, bound to this client."

    def __get__(self, client: Client | None, owner: type | None = None) -> Any:
        if client is None:
            return self
        return section_class(self.module_name)(client)

    def __set__(self, client: Client, value: Any) -> None:
        raise AttributeError("a client's namespaces cannot be replaced")

    def __repr__(self) -> str:
        return f"<namespace of idcctl.api.{self.module_name}>"


class Sections:
    """The namespaces of `Client`, one per API section (reference section in brackets)."""

    vms = Namespace("vms")  # VM, VM images, Parameters: VMs, their disks, snapshots, pools
    disks = Namespace("block_storage")  # Block Storage: disks, attach and detach
    buckets = Namespace("object_storage")  # Object Storage: buckets, S3 URL, user and keys
    networks = Namespace("networks")  # Private networks
    ips = Namespace("ips")  # Floating IP
    load_balancers = Namespace("load_balancers")  # Network Load Balancer: rules and targets
    services = Namespace("services")  # Managed Services: packages, secrets, whitelists
    billing = Namespace("billing")  # Billing, Payment: accounts, cards, credit, invoices
    pricing = Namespace("pricing")  # Pricing, Charging: the policy and this month's usage
    account = Namespace("account")  # User, Token, Locations
    firewalls = Namespace("firewalls")  # Firewall (2025): rules and VM assignments
    ssh_keys = Namespace("ssh_keys")  # User: SSH keys (2025)
