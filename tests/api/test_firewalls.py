"""The firewall SDK (idcctl.api.firewalls): the exact request of every endpoint, with and without a location."""

from __future__ import annotations

import httpx

from idcctl.api import firewalls
from tests.api.conftest import (
    assert_answers_none,
    assert_sent_once,
    covered,
    exact_request_test,
    public_functions,
)
from tests.conftest import BASE

FW = "2a874f44-310f-4df8-9340-1dc274c2bd51"
VM = "ff4b3c1b-998a-48a5-9bf4-5777ee2ae9db"
RULE = {"direction": "inbound", "protocol": "tcp", "port_start": 3306, "port_end": 3306,
        "endpoint_spec_type": "ip_prefixes", "endpoint_spec": ["10.0.0.0/24"]}
KEPT = {"uuid": "db9acacd-91e1-4225-b934-7f264f9f75a2", **RULE}
NF = "/network/firewalls"

# (id, call, method, path after /v1, location-scoped, query, json body); body None = no body.
CASES = [
    ("list", lambda c: firewalls.list(c), "GET", NF, True, {}, None),
    ("create", lambda c: firewalls.create(c, display_name="Database Firewall", billing_account_id=123,
                                          description="db", rules=[RULE]),
     "POST", NF, True, {},
     {"display_name": "Database Firewall", "billing_account_id": 123, "description": "db", "rules": [RULE]}),
    ("create-bare", lambda c: firewalls.create(c, display_name="empty"), "POST", NF, True, {},
     {"display_name": "empty", "rules": []}),
    ("update", lambda c: firewalls.update(c, FW, {"display_name": "db", "rules": [KEPT]}), "PUT",
     f"{NF}/{FW}", True, {}, {"display_name": "db", "rules": [KEPT]}),
    ("delete", lambda c: firewalls.delete(c, FW), "DELETE", f"{NF}/{FW}", True, {}, None),
    ("assign", lambda c: firewalls.assign(c, FW, VM), "POST", f"{NF}/{FW}/vms", True, {"vm_uuid": VM}, None),
    ("unassign", lambda c: firewalls.unassign(c, FW, VM), "DELETE", f"{NF}/{FW}/vms", True, {"vm_uuid": VM},
     None),
]


test_exact_request = exact_request_test(CASES, encoding="json")


def test_every_public_function_is_covered():
    assert public_functions(firewalls) == covered(CASES)


def test_a_delete_answering_204_returns_none():
    assert_answers_none(lambda c: firewalls.delete(c, FW), "DELETE", f"{BASE}/v1{NF}/{FW}", httpx.Response(204))


def test_unassign_answering_no_content_returns_none():
    assert_answers_none(lambda c: firewalls.unassign(c, FW, VM), "DELETE", f"{BASE}/v1{NF}/{FW}/vms",
                        httpx.Response(200, content=b"", headers={"content-type": "application/json"}))


def test_a_create_is_never_retried():
    assert_sent_once(lambda c: firewalls.create(c, display_name="web"), "POST", f"{BASE}/v1{NF}")
