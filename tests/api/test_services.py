"""The managed-services SDK (idcctl.api.services): the exact request of every endpoint.

None of these endpoints is location-scoped: a client with a location must
still send the un-prefixed path.
"""

from __future__ import annotations

import json
from urllib.parse import parse_qs

import httpx
import pytest
import respx

from idcctl.api import services
from idcctl.api.client import Client
from idcctl.api.hooks import ClientHooks
from idcctl.errors import ApiError, NotFoundError
from tests.api.conftest import covered, public_functions
from tests.conftest import BASE, KEY

SVC = "71cddf54-35ed-4f6e-bdf7-d344bbf0a546"
PKG = "/v1/user-resource/service/package"
ANSWER = {"uuid": SVC, "status": "active"}

# (id, call, method, path, encoding, body); encoding None means no body.
CASES = [
    ("list", lambda c: services.list(c), "GET", "/v1/user-resource/service/packages", None, None),
    ("get", lambda c: services.get(c, SVC), "GET", f"{PKG}/{SVC}", None, None),
    ("create", lambda c: services.create(
        c, service="postgresql", version="14.0", display_name="My Postgre Service 14.0", vm_cpu=2,
        vm_ram=4096, vm_disk_gb=40, billing_account_id=12, package_parameters={"location": "dc1"},
        is_multi_node=True),
     "POST", PKG, "json",
     {"billing_account_id": 12, "service": "postgresql", "version": "14.0",
      "display_name": "My Postgre Service 14.0", "vm_cpu": 2, "vm_ram": 4096, "vm_disk_gb": 40,
      "package_parameters": '{"location":"dc1"}', "is_multi_node": True}),
    ("create-minimal", lambda c: services.create(
        c, service="mariadb", version="10.5", display_name="Maria5", vm_cpu=1, vm_ram=1024,
        vm_disk_gb=20, billing_account_id=12),
     "POST", PKG, "json",
     {"billing_account_id": 12, "service": "mariadb", "version": "10.5", "display_name": "Maria5",
      "vm_cpu": 1, "vm_ram": 1024, "vm_disk_gb": 20}),
    ("create-parameters-as-text", lambda c: services.create(
        c, service="mariadb", version="10.5", display_name="m", vm_cpu=1, vm_ram=1024, vm_disk_gb=20,
        billing_account_id=3, package_parameters='{"a": 1}', is_multi_node=False),
     "POST", PKG, "json",
     {"billing_account_id": 3, "service": "mariadb", "version": "10.5", "display_name": "m",
      "vm_cpu": 1, "vm_ram": 1024, "vm_disk_gb": 20, "package_parameters": '{"a": 1}',
      "is_multi_node": False}),
    ("update", lambda c: services.update(c, SVC, display_name="New name", billing_account_id=13),
     "PATCH", f"{PKG}/{SVC}", "json", {"display_name": "New name", "billing_account_id": 13}),
    ("update-name-only", lambda c: services.update(c, SVC, display_name="New name"),
     "PATCH", f"{PKG}/{SVC}", "json", {"display_name": "New name"}),
    ("delete", lambda c: services.delete(c, SVC), "DELETE", f"{PKG}/{SVC}", None, None),
    ("secrets", lambda c: services.secrets(c, SVC), "GET", f"{PKG}/{SVC}/secrets", None, None),
    ("list_whitelist", lambda c: services.list_whitelist(c, SVC), "GET", f"{PKG}/{SVC}/whitelist_addresses",
     None, None),
    ("add_whitelist", lambda c: services.add_whitelist(c, SVC, "1.2.3.0/24"), "POST",
     f"{PKG}/{SVC}/whitelist_addresses", "form", {"ip_address": "1.2.3.0/24"}),
    ("remove_whitelist", lambda c: services.remove_whitelist(c, SVC, "1.2.3.0/24"), "DELETE",
     f"{PKG}/{SVC}/whitelist_addresses", "form", {"ip_address": "1.2.3.0/24"}),
]


def _client(location: str | None = None) -> Client:
    return Client(KEY, base_url=BASE, location=location, hooks=ClientHooks(sleep=lambda seconds: None))


@pytest.mark.parametrize("location", [None, "bus02"], ids=["no-location", "bus02"])
@pytest.mark.parametrize("call, method, path, encoding, body", [case[1:] for case in CASES],
                         ids=[case[0] for case in CASES])
def test_exact_request(call, method, path, encoding, body, location):
    # The 2025 reference tags only the whitelists #location-specific, not the packages.
    if location and path.endswith("/whitelist_addresses"):
        path = f"/v1/{location}{path[3:]}"
    with respx.mock(assert_all_called=True) as mock:
        route = mock.route(method=method, url__startswith=f"{BASE}{path}").mock(
            return_value=httpx.Response(200, json=ANSWER))
        assert call(_client(location)) == ANSWER
    assert route.call_count == 1
    request = route.calls.last.request
    assert request.url.path == path
    assert request.url.query == b""
    assert request.headers["apikey"] == KEY
    if encoding is None:
        assert request.content == b""
    elif encoding == "json":
        assert request.headers["content-type"] == "application/json"
        sent = json.loads(request.content)
        assert sent == body
        assert list(sent) == list(body)  # the reference's field order
    else:
        assert request.headers["content-type"] == "application/x-www-form-urlencoded"
        assert {k: v[0] for k, v in parse_qs(request.content.decode()).items()} == body


def test_package_parameters_is_json_text_inside_the_json_body():
    with respx.mock(assert_all_called=True) as mock:
        route = mock.post(f"{BASE}{PKG}").mock(return_value=httpx.Response(200, json=ANSWER))
        services.create(_client(), service="postgresql", version="14.0", display_name="db", vm_cpu=1,
                        vm_ram=1024, vm_disk_gb=20, billing_account_id=12,
                        package_parameters={"location": "dc1", "max_connections": "200"})
    raw = route.calls.last.request.content.decode()
    assert '"package_parameters":"{\\"location\\":\\"dc1\\",\\"max_connections\\":\\"200\\"}"' in raw
    text = json.loads(raw)["package_parameters"]
    assert isinstance(text, str) and json.loads(text) == {"location": "dc1", "max_connections": "200"}


def test_every_public_function_is_covered():
    assert public_functions(services) == covered(CASES)


def test_create_is_never_retried():
    with respx.mock(assert_all_called=True) as mock:
        route = mock.post(f"{BASE}{PKG}").mock(return_value=httpx.Response(503, json={"message": "later"}))
        with pytest.raises(ApiError, match="later"):
            services.create(_client(), service="postgresql", version="14.0", display_name="db",
                            vm_cpu=1, vm_ram=1024, vm_disk_gb=20, billing_account_id=12)
    assert route.call_count == 1


def test_update_is_retried_on_503():
    with respx.mock(assert_all_called=True) as mock:
        route = mock.patch(f"{BASE}{PKG}/{SVC}").mock(side_effect=[
            httpx.Response(503, json={"message": "busy"}), httpx.Response(200, json=ANSWER)])
        assert services.update(_client(), SVC, display_name="x") == ANSWER
    assert route.call_count == 2


def test_unknown_package_is_not_found():
    with respx.mock(assert_all_called=True) as mock:
        mock.get(f"{BASE}{PKG}/{SVC}").mock(return_value=httpx.Response(
            400, json={"errors": {"Error": f"No such service package exists. {SVC}"}}))
        with pytest.raises(NotFoundError, match="No such service package"):
            services.get(_client(), SVC)


def test_debug_trace_masks_sql_pass_in_answers_and_requests():
    lines: list[str] = []
    client = Client(KEY, base_url=BASE, hooks=ClientHooks(trace=lines.append, sleep=lambda s: None))
    with respx.mock(assert_all_called=True) as mock:
        mock.get(f"{BASE}{PKG}/{SVC}/secrets").mock(
            return_value=httpx.Response(200, json={"sql_pass": "MKL-TosvErik"}))
        mock.post(f"{BASE}{PKG}").mock(return_value=httpx.Response(200, json=ANSWER))
        assert services.secrets(client, SVC) == {"sql_pass": "MKL-TosvErik"}  # the data is unchanged
        services.create(client, service="postgresql", version="14.0", display_name="db", vm_cpu=1,
                        vm_ram=1024, vm_disk_gb=20, billing_account_id=12,
                        package_parameters={"sql_pass": "Inner-Secret-1"})
    trace = "\n".join(lines)
    assert "MKL-TosvErik" not in trace and "Inner-Secret-1" not in trace
    assert '"sql_pass": "***"' in trace
