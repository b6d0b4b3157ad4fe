"""The client's namespaces: every endpoint of every section module, bound to the client."""

from __future__ import annotations

import inspect
import pkgutil
from typing import Any

import httpx
import pytest

import idcctl.api
from idcctl.api import (
    account,
    billing,
    block_storage,
    firewalls,
    ips,
    load_balancers,
    networks,
    object_storage,
    pricing,
    services,
    ssh_keys,
    vms,
)
from idcctl.api.client import Client
from idcctl.api.sections import Sections, endpoints
from tests.api.conftest import assert_exact_request, public_functions
from tests.conftest import BASE, KEY

# Written out here, not read from Sections: the test says which module each namespace must be.
NAMESPACES = {"vms": vms, "disks": block_storage, "buckets": object_storage, "networks": networks,
              "ips": ips, "load_balancers": load_balancers, "services": services, "billing": billing,
              "pricing": pricing, "account": account, "firewalls": firewalls, "ssh_keys": ssh_keys}
# Stand-in arguments by annotation, enough for each endpoint to build its request.
SAMPLES = {"str": "x-1", "int": 7, "bool": True, "Any": "5", "Iterable[str]": ["t-1"],
           "Iterable[tuple[int, int]]": [(80, 8080)], "Mapping[str, Any]": {"rules": []}}


def _recording_client() -> tuple[Client, list[tuple[Any, ...]]]:
    sent: list[tuple[Any, ...]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append((request.method, str(request.url), request.headers.get("content-type"), request.content))
        return httpx.Response(200, json={"ok": True})

    return Client(KEY, base_url=BASE, location="bus02", transport=httpx.MockTransport(handler)), sent


def _arguments(function: Any) -> tuple[list[Any], dict[str, Any]]:
    args, kwargs = [], {}
    for param in list(inspect.signature(function).parameters.values())[1:]:
        if param.default is not param.empty or param.kind is param.VAR_KEYWORD:
            continue
        value = SAMPLES[param.annotation]
        if param.kind is param.KEYWORD_ONLY:
            kwargs[param.name] = value
        else:
            args.append(value)
    return args, kwargs


def test_every_namespace_is_a_section_module_and_every_section_module_has_one():
    assert {name for name in vars(Sections) if not name.startswith("_")} == set(NAMESPACES)
    with_endpoints = {info.name for info in pkgutil.iter_modules(idcctl.api.__path__)
                      if endpoints(__import__(f"idcctl.api.{info.name}", fromlist=["_"]))}
    assert with_endpoints == {module.__name__.rpartition(".")[2] for module in NAMESPACES.values()}


@pytest.mark.parametrize("name", list(NAMESPACES))
def test_a_namespace_offers_exactly_the_endpoints_of_its_module(name):
    module, client = NAMESPACES[name], Client(KEY)
    section = getattr(client, name)
    assert {n for n in dir(section) if not n.startswith("_")} == public_functions(module) == set(endpoints(module))
    assert endpoints(module), f"{name} has no endpoints"
    for endpoint in endpoints(module):
        method = getattr(section, endpoint)
        assert method.__doc__ == getattr(module, endpoint).__doc__
        # help() shows the endpoint's own parameters, without the client.
        assert list(inspect.signature(method).parameters) == list(
            inspect.signature(getattr(module, endpoint)).parameters)[1:]


@pytest.mark.parametrize(("name", "endpoint"), [(name, endpoint) for name, module in NAMESPACES.items()
                                                for endpoint in sorted(endpoints(module))])
def test_each_bound_endpoint_sends_what_its_function_sends(name, endpoint):
    function = getattr(NAMESPACES[name], endpoint)
    args, kwargs = _arguments(function)
    client, sent = _recording_client()
    assert getattr(getattr(client, name), endpoint)(*args, **kwargs) == {"ok": True}
    function(client, *args, **kwargs)
    assert len(sent) == 2 and sent[0] == sent[1]


# One exact request per namespace, through the real path of the client (tests/exact.py).
EXACT = [
    ("vms", lambda c: c.vms.get("u-1"), "GET", "/user-resource/vm", True, {"uuid": "u-1"}, None, "form"),
    ("disks", lambda c: c.disks.get("d-1"), "GET", "/storage/disks/d-1", True, {}, None, "form"),
    ("buckets", lambda c: c.buckets.create("logs", billing_account_id=6), "PUT", "/storage/bucket", False, {},
     {"name": "logs", "billing_account_id": "6"}, "form"),
    ("networks", lambda c: c.networks.rename("n-1", "backend"), "PATCH", "/network/network/n-1", True, {},
     {"name": "backend"}, "json"),
    ("ips", lambda c: c.ips.assign("10.0.0.9", "vm-1"), "POST", "/network/ip_addresses/10.0.0.9/assign", True,
     {}, {"vm_uuid": "vm-1"}, "json"),
    ("load_balancers", lambda c: c.load_balancers.list(), "GET", "/network/load_balancers", True, {}, None,
     "form"),
    ("services", lambda c: c.services.secrets("s-1"), "GET", "/user-resource/service/package/s-1/secrets",
     False, {}, None, "form"),
    ("billing", lambda c: c.billing.pay_invoice(7), "POST", "/payment/pay_invoice", False, {},
     {"invoice_id": "7"}, "form"),
    ("pricing", lambda c: c.pricing.usage(6), "GET", "/charging/usage", False, {"billing_account_id": "6"},
     None, "form"),
    ("account", lambda c: c.account.list_tokens(), "GET", "/user-resource/token/list", False, {}, None, "form"),
    ("firewalls", lambda c: c.firewalls.assign("f-1", "vm-1"), "POST", "/network/firewalls/f-1/vms", True,
     {"vm_uuid": "vm-1"}, None, "json"),
    ("ssh_keys", lambda c: c.ssh_keys.rename("k-1", "laptop"), "PATCH", "/user-resource/ssh_keys/k-1", False, {},
     {"name": "laptop"}, "json"),
]


def test_the_exact_cases_cover_every_namespace():
    assert [case[0] for case in EXACT] == list(NAMESPACES)


@pytest.mark.parametrize("location", [None, "bus02"])
@pytest.mark.parametrize(("call", "method", "path", "scoped", "query", "body", "encoding"),
                         [case[1:] for case in EXACT], ids=[case[0] for case in EXACT])
def test_a_namespace_call_is_the_exact_request(call, method, path, scoped, query, body, encoding, location):
    assert_exact_request(call, method, path, scoped, query, body, location, encoding=encoding)


def test_a_namespace_follows_its_client_and_cannot_be_replaced():
    client, sent = _recording_client()
    vms_of_bus02 = client.vms
    client.with_location("sgp01").vms.list()
    vms_of_bus02.list()
    assert [url for _, url, _, _ in sent] == [f"{BASE}/v1/sgp01/user-resource/vm/list",
                                              f"{BASE}/v1/bus02/user-resource/vm/list"]
    with pytest.raises(AttributeError):
        client.vms = None  # type: ignore[misc]
