"""Several VMs per command (#18): resolved first, one confirmation, acted on together, one line each."""

from __future__ import annotations

import httpx

from tests.conftest import BASE
from tests.cli.conftest import DB, U1, U2, VM_PATH, WEB, answered_together, api, form_of, make_vm, ok

LIST = f"{VM_PATH}/list"


def _stopped(request):
    uuid = dict(httpx.QueryParams(request.content.decode()))["uuid"]
    return ok({**(WEB if uuid == U1 else DB), "status": "stopped"})


def test_stop_two_and_an_unknown_one_with_yes_stops_the_two_and_exits_4(invoke):
    with api() as mock:
        listed = mock.get(LIST).mock(return_value=ok([WEB, DB]))
        stop = mock.post(f"{VM_PATH}/stop").mock(side_effect=_stopped)
        result = invoke("vm", "stop", "web-1", "db-1", "nosuch", "--yes")
    assert result.exit_code == 4, result.stderr
    assert listed.call_count == 1  # one list call resolves every name
    assert sorted(form_of(call.request)["uuid"] for call in stop.calls) == sorted([U1, U2])
    assert all("force" not in form_of(call.request) for call in stop.calls)
    lines = result.stderr.splitlines()
    assert "error: no VM named 'nosuch'; 'idcctl vm list' shows them" in lines
    assert f"Stopped VM web-1 ({U1})." in lines and f"Stopped VM db-1 ({U2})." in lines
    assert lines[-1] == "error: 1 of 3 VMs failed: nosuch"
    assert result.stdout == ""


def test_an_unknown_target_without_yes_and_without_a_terminal_changes_nothing(invoke):
    with api(assert_all_called=False) as mock:
        mock.get(LIST).mock(return_value=ok([WEB, DB]))
        stop = mock.post(f"{VM_PATH}/stop").mock(side_effect=_stopped)
        result = invoke("vm", "stop", "web-1", "nosuch")
    assert result.exit_code == 4
    assert stop.call_count == 0
    assert result.stderr.splitlines()[-1] == ("error: 1 of the targets not found; nothing was changed; "
                                              "pass --yes to act on the others anyway")


def test_delete_of_two_without_a_terminal_or_yes_sends_nothing_at_all(invoke):
    with api(assert_all_called=False) as mock:
        listed = mock.get(LIST).mock(return_value=ok([WEB, DB]))
        result = invoke("vm", "delete", "web-1", "db-1")
    assert result.exit_code == 2
    assert listed.call_count == 0
    assert result.stderr == ("error: refusing to delete 2 VMs without confirmation (no terminal to ask on); "
                             "pass --yes to confirm\n")


def test_delete_of_two_asks_once_listing_each_vm_and_what_it_loses(invoke):
    with api() as mock:
        mock.get(LIST).mock(return_value=ok([WEB, DB]))
        mock.get("/v1/network/ip_addresses").mock(return_value=ok([]))
        delete = mock.delete(VM_PATH).mock(return_value=ok({}))
        result = invoke("vm", "delete", "web-1", "db-1", input="y\n", tty=True)
    assert result.exit_code == 0, result.stderr
    assert sorted(form_of(call.request)["uuid"] for call in delete.calls) == sorted([U1, U2])
    assert result.stderr.count("[y/N]") == 1
    assert f"  VM web-1 ({U1}): Its disks vda (20 GB) will be destroyed." in result.stderr
    assert f"  VM db-1 ({U2}): Its disks vda (40 GB), vdb (100 GB) will be destroyed." in result.stderr
    assert "Delete these 2 VMs? [y/N]" in result.stderr


def test_declining_the_list_deletes_nothing(invoke):
    with api(assert_all_called=False) as mock:
        mock.get(LIST).mock(return_value=ok([WEB, DB]))
        mock.get("/v1/network/ip_addresses").mock(return_value=ok([]))
        delete = mock.delete(VM_PATH).mock(return_value=ok({}))
        result = invoke("vm", "delete", "web-1", "db-1", input="n\n", tty=True)
    assert result.exit_code == 1
    assert delete.call_count == 0


def test_the_targets_are_acted_on_concurrently_and_json_has_one_object_each(invoke):
    answer = answered_together(2)  # both stops must be waiting at once for either to be answered
    with api() as mock:
        mock.get(LIST).mock(return_value=ok([WEB, DB]))
        mock.post(f"{VM_PATH}/start").mock(side_effect=answer({"ok": True}))
        result = invoke("vm", "start", "web-1", "db-1", "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert result.json() == [{"target": "web-1", "id": U1, "ok": True, "result": {"ok": True}},
                             {"target": "db-1", "id": U2, "ok": True, "result": {"ok": True}}]


def test_one_failure_gives_its_exit_code_and_its_object_says_why(invoke):
    def start(request):
        uuid = dict(httpx.QueryParams(request.content.decode()))["uuid"]
        if uuid == U2:
            return httpx.Response(400, json={"errors": {"Error": "Server is locked"}})
        return ok({"uuid": U1, "status": "running"})

    with api() as mock:
        mock.get(LIST).mock(return_value=ok([WEB, DB]))
        mock.post(f"{VM_PATH}/start").mock(side_effect=start)
        result = invoke("vm", "start", "web-1", "db-1", "-o", "json")
    assert result.exit_code == 1
    first, second = result.json()
    assert first == {"target": "web-1", "id": U1, "ok": True, "result": {"uuid": U1, "status": "running"}}
    assert second["target"] == "db-1" and second["ok"] is False and second["exit_code"] == 1
    assert "busy" in second["error"] or "locked" in second["error"]
    assert f"error: VM db-1 ({U2}): " in result.stderr


def test_wait_waits_for_every_vm(invoke):
    seen = {U1: ["stopping", "stopped"], U2: ["stopped"]}

    def show(request):
        uuid = request.url.params["uuid"]
        status = seen[uuid].pop(0) if len(seen[uuid]) > 1 else seen[uuid][0]
        return ok(make_vm("x", uuid, status=status))

    with api() as mock:
        mock.get(LIST).mock(return_value=ok([WEB, DB]))
        mock.post(f"{VM_PATH}/stop").mock(side_effect=_stopped)
        mock.get(VM_PATH).mock(side_effect=show)
        result = invoke("vm", "stop", "web-1", "db-1", "--wait", "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert [o["result"]["status"] for o in result.json()] == ["stopped", "stopped"]
    assert f"VM web-1 ({U1}) is stopped." in result.stderr


def test_targets_from_stdin(invoke):
    with api() as mock:
        mock.get(LIST).mock(return_value=ok([WEB, DB]))
        stop = mock.post(f"{VM_PATH}/stop").mock(side_effect=_stopped)
        result = invoke("vm", "stop", "-", "-q", input="web-1\n\ndb-1\n")
    assert result.exit_code == 0, result.stderr
    assert stop.call_count == 2
    assert sorted(result.stdout.split()) == sorted([U1, U2])  # -q: the ids of those that succeeded


def test_a_vm_given_by_name_and_by_uuid_is_acted_on_once(invoke):
    with api() as mock:
        mock.get(LIST).mock(return_value=ok([WEB, DB]))
        stop = mock.post(f"{VM_PATH}/stop").mock(side_effect=_stopped)
        result = invoke("vm", "stop", "web-1", U1, "db-1")
    assert result.exit_code == 0, result.stderr
    assert stop.call_count == 2


def test_dry_run_prints_each_request_and_sends_none(invoke):
    with api() as mock:
        mock.get(LIST).mock(return_value=ok([WEB, DB]))
        result = invoke("vm", "stop", "web-1", "db-1", "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.count(f"POST {BASE}/v1/user-resource/vm/stop\n") == 2
    assert f"uuid={U1}" in result.stdout and f"uuid={U2}" in result.stdout


def test_show_of_two_prints_a_list_of_the_vms(invoke):
    with api() as mock:
        mock.get(LIST).mock(return_value=ok([WEB, DB]))
        mock.get(VM_PATH).mock(side_effect=lambda r: ok(WEB if r.url.params["uuid"] == U1 else DB))
        result = invoke("vm", "show", "web-1", "db-1", "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert result.json() == [WEB, DB]


def test_show_of_two_on_a_table_shows_each_and_reports_the_unknown(invoke):
    with api() as mock:
        mock.get(LIST).mock(return_value=ok([WEB, DB]))
        mock.get(VM_PATH).mock(side_effect=lambda r: ok(WEB if r.url.params["uuid"] == U1 else DB))
        mock.get("/v1/network/ip_addresses").mock(return_value=ok([]))
        mock.get("/v1/network/firewalls").mock(return_value=ok([]))
        result = invoke("vm", "show", "web-1", "nosuch", "db-1")
    assert result.exit_code == 4
    assert "web-1" in result.stdout and "db-1" in result.stdout
    assert "error: no VM named 'nosuch'" in result.stderr


def test_vm_wait_times_out_with_exit_6_after_the_timeout(invoke):
    with api() as mock:
        mock.get(LIST).mock(return_value=ok([WEB]))
        mock.get(VM_PATH).mock(return_value=ok(WEB))  # running, never stopped
        result = invoke("vm", "wait", "web-1", "--for", "stopped", "--timeout", "3")
    assert result.exit_code == 6
    assert sum(result.sleeps) == 3
    assert result.stderr == (f"error: gave up waiting for VM web-1 ({U1}) to be stopped after 3 s; "
                             "last status seen: running; raise --timeout, or check with 'idcctl vm show'\n")


def test_vm_wait_for_running_prints_the_vm(invoke):
    with api() as mock:
        mock.get(VM_PATH).mock(return_value=ok(WEB))
        result = invoke("vm", "wait", U1, "--for", "RUNNING", "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert result.json() == WEB


def test_vm_wait_for_an_unknown_status_is_a_usage_error(invoke):
    result = invoke("vm", "wait", U1, "--for", "paused")
    assert result.exit_code == 2
    assert "must be one of running, stopped, deleted" in result.stderr


def test_vm_wait_for_deleted_ends_when_the_vm_is_gone(invoke):
    with api() as mock:
        poll = mock.get(VM_PATH).mock(side_effect=[ok(WEB), httpx.Response(
            400, json={"errors": {"Error": "No such VM exists"}})])
        result = invoke("vm", "wait", U1, "--for", "deleted")
    assert result.exit_code == 0, result.stderr
    assert poll.call_count == 2
    assert result.stdout == ""


def test_delete_wait_polls_until_the_vm_is_gone(invoke):
    with api() as mock:
        mock.get(LIST).mock(return_value=ok([WEB]))
        mock.get("/v1/network/ip_addresses").mock(return_value=ok([]))
        mock.delete(VM_PATH).mock(return_value=ok({"uuid": U1}))
        poll = mock.get(VM_PATH).mock(side_effect=[ok({**WEB, "status": "deleting"}), httpx.Response(
            404, json={"errors": {"Error": "No such VM exists"}})])
        result = invoke("vm", "delete", "web-1", "--wait", "--yes", "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert poll.call_count == 2
    assert result.json() == {"uuid": U1}  # the API's answer to the delete, unchanged
    assert result.sleeps == [1.0]
