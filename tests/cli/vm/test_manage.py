"""`vm update` and `vm delete`: only the given fields sent; confirmation naming what is lost,
floating IPs left behind or released, dry run."""

from __future__ import annotations

import httpx

from tests.cli.conftest import DB, U1, U2, VM_PATH, WEB, api, form_of, ok
from tests.cli.vm.conftest import PARAMS
from tests.conftest import BASE

FLOATING = [{"address": "1.1.1.1", "assigned_to": U2, "name": "db"},
            {"address": "2.2.2.2", "assigned_to": U2, "name": "db-2"}]


def _delete_routes(mock, ips=()):
    mock.get(f"{VM_PATH}/list").mock(return_value=ok([WEB, DB]))
    lookup = mock.get("/v1/network/ip_addresses", params={"vm_uuid": U2}).mock(return_value=ok(list(ips)))
    return lookup


def test_delete_refused_without_terminal_sends_nothing(invoke):
    with api(assert_all_called=False) as mock:
        _delete_routes(mock)
        delete = mock.delete(VM_PATH).mock(return_value=ok({"success": True}))
        result = invoke("vm", "delete", "db-1")
    assert result.exit_code == 2
    assert not delete.called
    assert "refusing to delete VM db-1" in result.stderr and "--yes" in result.stderr


def test_delete_with_yes_names_disks_warns_about_floating_ips(invoke):
    with api() as mock:
        lookup = _delete_routes(mock, FLOATING)
        delete = mock.delete(VM_PATH).mock(return_value=ok({"success": True}))
        result = invoke("vm", "delete", "db-1", "--yes", "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert form_of(delete) == {"uuid": U2}
    assert lookup.call_count == 1
    assert result.json() == {"success": True}
    assert result.stderr.splitlines() == [
        f"Deleted VM db-1 ({U2}).",
        "warning: these floating IPs were assigned to the VM and stay reserved (and billed); "
        "release them with:",
        "  idcctl ip delete 1.1.1.1",
        "  idcctl ip delete 2.2.2.2",
    ]


def test_delete_confirmed_on_terminal_shows_name_uuid_disks_and_ips(invoke):
    with api() as mock:
        _delete_routes(mock, FLOATING)
        delete = mock.delete(VM_PATH).mock(return_value=ok({"success": True}))
        result = invoke("vm", "delete", "db-1", tty=True, input="y\n")
    assert result.exit_code == 0, result.stderr
    assert delete.call_count == 1
    assert (f"Delete VM db-1 ({U2})? Its disks vda (40 GB), vdb (100 GB) will be destroyed. "
            "Its floating IPs 1.1.1.1, 2.2.2.2 will be left reserved (and billed). [y/N]: "
            in result.stderr)


def test_delete_declined_on_terminal_sends_nothing(invoke):
    with api(assert_all_called=False) as mock:
        _delete_routes(mock)
        delete = mock.delete(VM_PATH).mock(return_value=ok({"success": True}))
        result = invoke("vm", "delete", "db-1", tty=True, input="n\n")
    assert result.exit_code == 1
    assert not delete.called
    assert "aborted" in result.stderr


def test_delete_release_ips_deletes_them_after_the_vm(invoke):
    with api() as mock:
        _delete_routes(mock, FLOATING)
        delete = mock.delete(VM_PATH).mock(return_value=ok({"success": True}))
        ip1 = mock.delete("/v1/network/ip_addresses/1.1.1.1").mock(return_value=httpx.Response(204))
        ip2 = mock.delete("/v1/network/ip_addresses/2.2.2.2").mock(return_value=httpx.Response(204))
        result = invoke("vm", "delete", "db-1", "--release-ips", "--yes", "-o", "json")
        order = [call.request.url.path for call in mock.calls if call.request.method == "DELETE"]
    assert result.exit_code == 0, result.stderr
    assert order == [VM_PATH, "/v1/network/ip_addresses/1.1.1.1", "/v1/network/ip_addresses/2.2.2.2"]
    assert (delete.call_count, ip1.call_count, ip2.call_count) == (1, 1, 1)
    assert "Released floating IP 1.1.1.1." in result.stderr
    assert "Released floating IP 2.2.2.2." in result.stderr
    assert "stay reserved" not in result.stderr


def test_delete_release_ips_reports_a_failed_release_and_exits_1(invoke):
    with api() as mock:
        _delete_routes(mock, FLOATING)
        mock.delete(VM_PATH).mock(return_value=ok({"success": True}))
        mock.delete("/v1/network/ip_addresses/1.1.1.1").mock(
            return_value=httpx.Response(409, json={"message": "locked"}))
        ip2 = mock.delete("/v1/network/ip_addresses/2.2.2.2").mock(return_value=httpx.Response(204))
        result = invoke("vm", "delete", "db-1", "--release-ips", "--yes")
    assert result.exit_code == 1
    assert ip2.call_count == 1
    assert "error: floating IP 1.1.1.1: locked (HTTP 409)" in result.stderr
    assert "could not be released: 1.1.1.1" in result.stderr


def test_delete_dry_run_prints_the_request_and_sends_nothing(invoke):
    with api(assert_all_called=False) as mock:
        _delete_routes(mock)
        delete = mock.delete(VM_PATH).mock(return_value=ok({"success": True}))
        result = invoke("vm", "delete", "db-1", "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert not delete.called
    assert result.stdout.splitlines()[0] == f"DELETE {BASE}{VM_PATH}"
    assert result.stdout.splitlines()[-1] == f"uuid={U2}"


def test_delete_in_a_location_points_the_ip_commands_there(invoke):
    with api() as mock:
        mock.get("/v1/bus02/user-resource/vm/list").mock(return_value=ok([WEB, DB]))
        mock.get("/v1/bus02/network/ip_addresses", params={"vm_uuid": U2}).mock(return_value=ok(FLOATING[:1]))
        delete = mock.delete("/v1/bus02/user-resource/vm").mock(return_value=httpx.Response(204))
        result = invoke("vm", "delete", "db-1", "-l", "bus02", "--yes")
    assert result.exit_code == 0, result.stderr
    assert delete.call_count == 1
    assert result.stdout == ""
    assert "  idcctl ip delete 1.1.1.1 -l bus02" in result.stderr.splitlines()


def test_delete_release_ips_never_touches_an_ip_assigned_elsewhere(invoke):
    # Should the API ignore the vm_uuid filter, an address of another VM must survive.
    other = {"address": "3.3.3.3", "assigned_to": "c267e447-1ad3-43b2-ae41-ac7ad823fc6c"}
    with api() as mock:
        _delete_routes(mock, [FLOATING[0], other])
        mock.delete(VM_PATH).mock(return_value=ok({"success": True}))
        ip1 = mock.delete("/v1/network/ip_addresses/1.1.1.1").mock(return_value=httpx.Response(204))
        result = invoke("vm", "delete", "db-1", "--release-ips", "--yes")
        released = [c.request.url.path for c in mock.calls if c.request.method == "DELETE"]
    assert result.exit_code == 0, result.stderr
    assert ip1.call_count == 1
    assert released == [VM_PATH, "/v1/network/ip_addresses/1.1.1.1"]
    assert "3.3.3.3" not in result.stderr


# -- update ------------------------------------------------------------------------


def test_update_by_name_sends_only_given_fields(invoke):
    renamed = {**WEB, "name": "web-2", "vcpu": 4}
    with api() as mock:
        mock.get("/v1/api/parameters/vm").mock(return_value=ok(PARAMS))  # vm create's rules
        mock.get(f"{VM_PATH}/list").mock(return_value=ok([WEB, DB]))
        route = mock.patch(VM_PATH).mock(return_value=ok(renamed))
        result = invoke("vm", "update", "web-1", "--name", "web-2", "--vcpu", "4", "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert form_of(route) == {"uuid": U1, "name": "web-2", "vcpu": "4"}
    assert result.json() == renamed


def test_update_sends_only_what_differs_from_the_vm(invoke):
    # WEB has 2 vCPUs and 2048 MB: the live API fails when vcpu or ram is sent unchanged.
    with api() as mock:
        mock.get("/v1/api/parameters/vm").mock(return_value=ok(PARAMS))  # vm create's rules
        mock.get(VM_PATH, params={"uuid": U1}).mock(return_value=ok(WEB))
        route = mock.patch(VM_PATH).mock(return_value=ok({**WEB, "memory": 4096}))
        result = invoke("vm", "update", U1, "--vcpu", "2", "--ram", "4096", "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert form_of(route) == {"uuid": U1, "ram": "4096"}


def test_update_to_what_the_vm_already_has_sends_nothing_and_says_so(invoke):
    with api(assert_all_called=False) as mock:
        mock.get("/v1/api/parameters/vm").mock(return_value=ok(PARAMS))  # vm create's rules
        mock.get(f"{VM_PATH}/list").mock(return_value=ok([WEB, DB]))
        patch = mock.patch(VM_PATH).mock(return_value=ok(WEB))
        result = invoke("vm", "update", "web-1", "--vcpu", "2", "--name", "web-1", "-o", "json")
    assert (result.exit_code, patch.called) == (0, False)
    assert result.json() == WEB  # the VM as it is, for scripts
    assert result.stderr == (f"VM web-1 ({U1}) already has name web-1, 2 vCPU; nothing to change, "
                             "nothing was sent.\n")


def test_update_with_nothing_to_change_exits_2_before_any_request(invoke):
    with api(assert_all_called=False) as mock:
        result = invoke("vm", "update", "web-1")
        assert mock.calls.call_count == 0
    assert result.exit_code == 2
    assert "nothing to update" in result.stderr


def test_update_rejects_zero_ram_before_any_request(invoke):
    with api(assert_all_called=False) as mock:
        result = invoke("vm", "update", U1, "--ram", "0")
        assert mock.calls.call_count == 0
    assert result.exit_code == 2
    assert "--ram" in result.stderr
