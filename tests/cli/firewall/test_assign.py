"""`firewall assign|unassign`: the VM's UUID as the vm_uuid query, in the location of both."""

from __future__ import annotations

import httpx

from tests.cli.conftest import U1, U2, VM_PATH, api, ok
from tests.cli.firewall.conftest import FIREWALLS, FW, VMS, WEB_RULE, firewall

VMS_OF = f"{FIREWALLS}/{FW}/vms"
ASSIGNED = [{"resource_type": "vm", "resource_uuid": U1}, {"resource_type": "vm", "resource_uuid": U2}]


def test_assign_by_names(invoke):
    with api() as mock:
        mock.get(FIREWALLS).mock(return_value=ok([firewall()]))
        mock.get(f"{VM_PATH}/list").mock(return_value=ok(VMS))
        route = mock.post(VMS_OF, params={"vm_uuid": U2}).mock(return_value=ok(ASSIGNED))
        result = invoke("firewall", "assign", "web", "--vm", "db-1")
    assert result.exit_code == 0, result.stderr
    assert route.calls.last.request.content == b""
    assert route.calls.last.request.url.query == f"vm_uuid={U2}".encode()
    assert result.stdout == f"VM  UUID                                  TYPE\n-   {U1}  vm\n-   {U2}  vm\n"
    assert f"Firewall web ({FW}) now protects VM db-1 ({U2})." in result.stderr
    assert "warning" not in result.stderr


def test_assigning_a_firewall_that_lets_no_ssh_in_warns(invoke):
    with api() as mock:
        mock.get(f"/v1/bus02{FIREWALLS[3:]}").mock(return_value=ok([firewall(rules=(WEB_RULE,))]))
        # The VM is looked up in the firewall's location even by UUID: one of another is refused.
        mock.get(f"/v1/bus02{VM_PATH[3:]}/list").mock(return_value=ok(VMS))
        mock.post(f"/v1/bus02{VMS_OF[3:]}", params={"vm_uuid": U1}).mock(return_value=ok(ASSIGNED[:1]))
        result = invoke("firewall", "assign", FW, "--vm", U1, "-l", "bus02", "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert result.json() == ASSIGNED[:1]
    assert (f"warning: firewall web ({FW}) has no inbound rule allowing SSH (port 22): unless another firewall "
            f"does, 'idcctl vm ssh {U1}' will not get through") in result.stderr


def test_unassign_asks_and_sends_the_delete_with_the_query(invoke):
    with api() as mock:
        mock.get(FIREWALLS).mock(return_value=ok([firewall()]))
        mock.get(f"{VM_PATH}/list").mock(return_value=ok(VMS))
        route = mock.delete(VMS_OF, params={"vm_uuid": U1}).mock(return_value=httpx.Response(200, content=b""))
        result = invoke("firewall", "unassign", "web", "--vm", "web-1", tty=True, input="y\n")
    assert result.exit_code == 0, result.stderr
    assert route.call_count == 1
    assert f"Unassign firewall web ({FW}) from VM web-1 ({U1})? Its 2 rule(s) stop applying" in result.stderr


def test_assigning_a_vm_of_another_location_is_refused_before_sending(invoke):
    with api(assert_all_called=False) as mock:
        mock.get(FIREWALLS).mock(return_value=ok([firewall()]))
        mock.get(f"{VM_PATH}/list").mock(return_value=ok([]))
        mock.get("/v1/config/locations").mock(return_value=ok([{"slug": "cyc01", "is_default": True},
                                                               {"slug": "bus02"}]))
        mock.get(f"/v1/bus02{VM_PATH[3:]}/list").mock(return_value=ok(VMS))
        post = mock.post(VMS_OF)
        result = invoke("firewall", "assign", "web", "--vm", "db-1")
        assert not post.called
    assert result.exit_code == 2, result.stderr
    assert "VM db-1 is in location bus02" in result.stderr
    assert "a firewall protects only VMs of its own location" in result.stderr


def test_unassign_of_a_vm_it_does_not_protect_is_exit_4(invoke):
    with api(assert_all_called=False) as mock:
        mock.get(FIREWALLS).mock(return_value=ok([firewall()]))
        mock.get(f"{VM_PATH}/list").mock(return_value=ok(VMS))
        delete = mock.delete(VMS_OF)
        result = invoke("firewall", "unassign", "web", "--vm", U2, "--yes")
        assert not delete.called
    assert result.exit_code == 4 and f"firewall web ({FW}) does not protect VM {U2}" in result.stderr
