"""The load-balancer SDK (idcctl.api.load_balancers): the exact request of every endpoint, with and without a location."""

from __future__ import annotations

import httpx

from idcctl.api import load_balancers
from tests.api.conftest import assert_answers_none, assert_sent_once, covered, exact_request_test, public_functions
from tests.conftest import BASE

NET = "4e5eadd3-8b11-4c34-812a-2cf97120b628"
LB = "438ac62f-e97b-4ef0-8940-507b9e94af43"
VM1 = "145cc106-e067-419a-85fd-333ded30f169"
VM2 = "e9717243-59df-4847-bd50-dca5b090432b"
RULE = "b3f28feb-c91e-4601-a6b6-267fa98dc121"
NB = "/network/load_balancers"

# (id, call, method, path after /v1, location-scoped, query, json body); body None = no body.
CASES = [
    ("list", lambda c: load_balancers.list(c), "GET", NB, True, {}, None),
    ("get", lambda c: load_balancers.get(c, LB), "GET", f"{NB}/{LB}", True,
     {}, None),
    ("create", lambda c: load_balancers.create(
        c, display_name="my LB", billing_account_id=130157, network_uuid=NET, reserve_public_ip=True,
        rules=[(8080, 80)], targets=[VM1, VM2]), "POST", NB, True, {},
     {"display_name": "my LB", "billing_account_id": 130157, "network_uuid": NET, "reserve_public_ip": True,
      "rules": [{"source_port": 8080, "target_port": 80}],
      "targets": [{"target_uuid": VM1, "target_type": "vm"}, {"target_uuid": VM2, "target_type": "vm"}]}),
    ("create-bare", lambda c: load_balancers.create(c, reserve_public_ip=False),
     "POST", NB, True, {}, {"reserve_public_ip": False}),
    ("rename", lambda c: load_balancers.rename(c, LB, "my new LB Name"), "PATCH",
     f"{NB}/{LB}", True, {}, {"display_name": "my new LB Name"}),
    ("delete", lambda c: load_balancers.delete(c, LB), "DELETE", f"{NB}/{LB}",
     True, {}, None),
    ("add_target", lambda c: load_balancers.add_target(c, LB, VM1), "POST",
     f"{NB}/{LB}/targets", True, {}, {"target_uuid": VM1, "target_type": "vm"}),
    ("remove_target", lambda c: load_balancers.remove_target(c, LB, VM1),
     "DELETE", f"{NB}/{LB}/targets/{VM1}", True, {}, None),
    ("add_rule", lambda c: load_balancers.add_rule(c, LB, 8080, 80), "POST",
     f"{NB}/{LB}/forwarding_rules", True, {}, {"source_port": 8080, "target_port": 80}),
    ("remove_rule", lambda c: load_balancers.remove_rule(c, LB, RULE), "DELETE",
     f"{NB}/{LB}/forwarding_rules/{RULE}", True, {}, None),
    ("set_billing_account", lambda c: load_balancers.set_billing_account(c, LB, 123456), "PUT", f"{NB}/{LB}/billing_account", True,
     {}, {"set_id": 123456}),
]


test_exact_request = exact_request_test(CASES, encoding="json")


def test_every_public_function_is_covered():
    assert public_functions(load_balancers) == covered(CASES)


def test_a_delete_accepts_an_empty_200():
    empty = httpx.Response(200, content=b"", headers={"content-type": "application/json"})
    assert_answers_none(lambda c: load_balancers.remove_target(c, LB, VM1), "DELETE", f"{BASE}/v1{NB}/{LB}/targets/{VM1}", empty)


def test_a_create_is_never_retried():
    assert_sent_once(lambda c: load_balancers.create(c), "POST", f"{BASE}/v1{NB}")
