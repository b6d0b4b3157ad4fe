"""The networking SDK (networks, ips, load_balancers): the exact request of all 23 endpoints."""

from __future__ import annotations

import httpx
import pytest
import respx
from tests.conftest import BASE
from tests.api.conftest import assert_exact_request, client_for

from idcctl.api import ips, load_balancers, networks
from idcctl.errors import ApiError

NET = "4e5eadd3-8b11-4c34-812a-2cf97120b628"
LB = "438ac62f-e97b-4ef0-8940-507b9e94af43"
VM1 = "145cc106-e067-419a-85fd-333ded30f169"
VM2 = "e9717243-59df-4847-bd50-dca5b090432b"
RULE = "b3f28feb-c91e-4601-a6b6-267fa98dc121"
NB = "/network/load_balancers"

# (id, module, call, method, path after /v1, location-scoped, query, json body); body None = no body.
CASES = [
    ("networks.list", networks, lambda c: networks.list(c), "GET", "/network/networks", False, {}, None),
    ("networks.get", networks, lambda c: networks.get(c, NET), "GET", f"/network/network/{NET}", False, {}, None),
    ("networks.create", networks, lambda c: networks.create(c, "backend"), "POST", "/network/network", False,
     {"name": "backend"}, None),
    ("networks.create-default", networks, lambda c: networks.create(c), "POST", "/network/network", False,
     {}, None),
    ("networks.rename", networks, lambda c: networks.rename(c, NET, "My new network name"), "PATCH",
     f"/network/network/{NET}", False, {}, {"name": "My new network name"}),
    ("networks.delete", networks, lambda c: networks.delete(c, NET), "DELETE", f"/network/network/{NET}",
     False, {}, None),
    ("networks.set_default", networks, lambda c: networks.set_default(c, NET), "PUT",
     f"/network/network/{NET}/default", False, {}, None),
    ("ips.list", ips, lambda c: ips.list(c), "GET", "/network/ip_addresses", True, {}, None),
    ("ips.list-filtered", ips, lambda c: ips.list(c, billing_account_id=1, vm_uuid=VM1), "GET",
     "/network/ip_addresses", True, {"billing_account_id": "1", "vm_uuid": VM1}, None),
    ("ips.get", ips, lambda c: ips.get(c, "1.1.1.1"), "GET", "/network/ip_addresses/1.1.1.1", True, {}, None),
    ("ips.create", ips, lambda c: ips.create(c, billing_account_id=2, name="my_ip"), "POST",
     "/network/ip_addresses/", True, {}, {"name": "my_ip", "billing_account_id": 2}),
    ("ips.create-no-name", ips, lambda c: ips.create(c, billing_account_id=2), "POST",
     "/network/ip_addresses/", True, {}, {"billing_account_id": 2}),
    ("ips.update", ips, lambda c: ips.update(c, "1.1.1.1", name="my_ip", billing_account_id=2), "PATCH",
     "/network/ip_addresses/1.1.1.1", True, {}, {"name": "my_ip", "billing_account_id": 2}),
    ("ips.update-name-only", ips, lambda c: ips.update(c, "1.1.1.1", name="edge"), "PATCH",
     "/network/ip_addresses/1.1.1.1", True, {}, {"name": "edge"}),
    ("ips.delete", ips, lambda c: ips.delete(c, "1.1.1.1"), "DELETE", "/network/ip_addresses/1.1.1.1", True,
     {}, None),
    ("ips.assign", ips, lambda c: ips.assign(c, "1.1.1.1", VM1), "POST",
     "/network/ip_addresses/1.1.1.1/assign", True, {}, {"vm_uuid": VM1}),
    ("ips.unassign", ips, lambda c: ips.unassign(c, "1.1.1.1"), "POST",
     "/network/ip_addresses/1.1.1.1/unassign", True, {}, None),
    ("load_balancers.list", load_balancers, lambda c: load_balancers.list(c), "GET", NB, False, {}, None),
    ("load_balancers.get", load_balancers, lambda c: load_balancers.get(c, LB), "GET", f"{NB}/{LB}", False,
     {}, None),
    ("load_balancers.create", load_balancers, lambda c: load_balancers.create(
        c, display_name="my LB", billing_account_id=130157, network_uuid=NET, reserve_public_ip=True,
        rules=[(8080, 80)], targets=[VM1, VM2]), "POST", NB, False, {},
     {"display_name": "my LB", "billing_account_id": 130157, "network_uuid": NET, "reserve_public_ip": True,
      "rules": [{"source_port": 8080, "target_port": 80}],
      "targets": [{"target_uuid": VM1, "target_type": "vm"}, {"target_uuid": VM2, "target_type": "vm"}]}),
    ("load_balancers.create-bare", load_balancers, lambda c: load_balancers.create(c, reserve_public_ip=False),
     "POST", NB, False, {}, {"reserve_public_ip": False}),
    ("load_balancers.rename", load_balancers, lambda c: load_balancers.rename(c, LB, "my new LB Name"), "PATCH",
     f"{NB}/{LB}", False, {}, {"display_name": "my new LB Name"}),
    ("load_balancers.delete", load_balancers, lambda c: load_balancers.delete(c, LB), "DELETE", f"{NB}/{LB}",
     False, {}, None),
    ("load_balancers.add_target", load_balancers, lambda c: load_balancers.add_target(c, LB, VM1), "POST",
     f"{NB}/{LB}/targets", False, {}, {"target_uuid": VM1, "target_type": "vm"}),
    ("load_balancers.remove_target", load_balancers, lambda c: load_balancers.remove_target(c, LB, VM1),
     "DELETE", f"{NB}/{LB}/targets/{VM1}", False, {}, None),
    ("load_balancers.add_rule", load_balancers, lambda c: load_balancers.add_rule(c, LB, 8080, 80), "POST",
     f"{NB}/{LB}/forwarding_rules", False, {}, {"source_port": 8080, "target_port": 80}),
    ("load_balancers.remove_rule", load_balancers, lambda c: load_balancers.remove_rule(c, LB, RULE), "DELETE",
     f"{NB}/{LB}/forwarding_rules/{RULE}", False, {}, None),
    ("load_balancers.set_billing_account", load_balancers,
     lambda c: load_balancers.set_billing_account(c, LB, 123456), "PUT", f"{NB}/{LB}/billing_account", False,
     {}, {"set_id": 123456}),
]


@pytest.mark.parametrize("location", [None, "bus02"], ids=["default-location", "bus02"])
@pytest.mark.parametrize("call, method, path, scoped, query, body",
                         [case[2:] for case in CASES], ids=[case[0] for case in CASES])
def test_exact_request(call, method, path, scoped, query, body, location):
    assert_exact_request(call, method, path, scoped, query, body, location, encoding="json")


@pytest.mark.parametrize("module", [networks, ips, load_balancers], ids=lambda m: m.__name__)
def test_every_public_function_is_covered(module):
    covered = {case[0].split("-")[0] for case in CASES}
    public = {f"{module.__name__.rsplit('.', 1)[1]}.{name}" for name, value in vars(module).items()
              if callable(value) and not name.startswith("_")
              and getattr(value, "__module__", "") == module.__name__}
    assert public <= covered


@pytest.mark.parametrize("call, path", [
    (lambda c: networks.delete(c, NET), f"/v1/network/network/{NET}"),
    (lambda c: ips.delete(c, "1.1.1.1"), "/v1/network/ip_addresses/1.1.1.1"),
    (lambda c: load_balancers.remove_target(c, LB, VM1), f"/v1{NB}/{LB}/targets/{VM1}"),
])
def test_deletes_accept_an_empty_200(call, path):
    with respx.mock(assert_all_called=True) as mock:
        mock.delete(f"{BASE}{path}").mock(return_value=httpx.Response(
            200, content=b"", headers={"content-type": "application/json"}))
        assert call(client_for(None)) is None


@pytest.mark.parametrize("call, url", [
    (lambda c: ips.create(c, billing_account_id=2), f"{BASE}/v1/network/ip_addresses/"),
    (lambda c: load_balancers.create(c), f"{BASE}/v1{NB}"),
    (lambda c: networks.create(c, "x"), f"{BASE}/v1/network/network"),
])
def test_creates_are_never_retried(call, url):
    with respx.mock(assert_all_called=True) as mock:
        route = mock.post(url__startswith=url).mock(return_value=httpx.Response(503, json={"message": "later"}))
        with pytest.raises(ApiError, match="later"):
            call(client_for(None))
    assert route.call_count == 1
