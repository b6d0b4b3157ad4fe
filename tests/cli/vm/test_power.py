"""`vm start|stop|reinstall|clone|rebuild`: requests, --wait, confirmations, dry runs."""

from __future__ import annotations

from tests.cli.conftest import DB, U1, U2, U3, VM_PATH, WEB, api, form_of, make_vm, ok
from tests.cli.vm.conftest import PARAMS

REPLICA = f"{U1}2018-12-21-14-05-33"


def _polls(mock, uuid, *statuses):
    """`vm show` answering the given statuses in turn (the last one repeats)."""
    answers = [ok(make_vm("web-1", uuid, status=s)) for s in statuses]
    return mock.get(VM_PATH, params={"uuid": uuid}).mock(side_effect=lambda request: answers.pop(0)
                                                           if len(answers) > 1 else answers[0])


def test_start_by_name_prints_the_answer(invoke):
    with api() as mock:
        mock.get(f"{VM_PATH}/list").mock(return_value=ok([WEB, DB]))
        route = mock.post(f"{VM_PATH}/start").mock(return_value=ok({**DB, "status": "running"}))
        result = invoke("vm", "start", "db-1", "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert form_of(route) == {"uuid": U2}
    assert result.json() == {**DB, "status": "running"}
    assert result.sleeps == []


def test_start_wait_polls_until_running_without_real_sleeping(invoke):
    with api() as mock:
        mock.post(f"{VM_PATH}/start").mock(return_value=ok(make_vm("web-1", U1, status="starting")))
        poll = _polls(mock, U1, "starting", "starting", "running")
        result = invoke("vm", "start", U1, "--wait", "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert poll.call_count == 3
    assert result.json()["status"] == "running"
    assert result.sleeps == [1.0, 1.5]


def test_start_wait_timeout_exits_6_naming_the_last_status(invoke):
    with api() as mock:
        mock.post(f"{VM_PATH}/start").mock(return_value=ok(make_vm("web-1", U1, status="starting")))
        _polls(mock, U1, "starting")
        result = invoke("vm", "start", U1, "--wait", "--wait-timeout", "30")
    assert result.exit_code == 6
    assert "last status seen: starting" in result.stderr
    assert sum(result.sleeps) == 30
    assert result.stdout == ""


def test_start_unknown_name_exits_4_and_sends_no_action(invoke):
    with api(assert_all_called=False) as mock:
        listing = mock.get(f"{VM_PATH}/list").mock(return_value=ok([WEB, DB]))
        start = mock.post(f"{VM_PATH}/start").mock(return_value=ok(WEB))
        result = invoke("vm", "start", "nope")
    assert result.exit_code == 4
    assert listing.call_count == 1 and not start.called
    assert "no VM named 'nope'" in result.stderr


def test_start_dry_run_prints_the_request_and_sends_nothing(invoke):
    with api(assert_all_called=False) as mock:
        mock.get(f"{VM_PATH}/list").mock(return_value=ok([WEB, DB]))
        start = mock.post(f"{VM_PATH}/start").mock(return_value=ok(WEB))
        result = invoke("vm", "start", "web-1", "--dry-run", "--wait")
    assert result.exit_code == 0, result.stderr
    assert not start.called
    assert result.stdout.splitlines() == [
        "POST https://api.idcloudhost.test/v1/user-resource/vm/start", "apikey: ***",
        "content-type: application/x-www-form-urlencoded", "", f"uuid={U1}"]


def test_stop_is_graceful_without_confirmation_and_waits_for_stopped(invoke):
    with api() as mock:
        route = mock.post(f"{VM_PATH}/stop").mock(return_value=ok(make_vm("web-1", U1, status="stopping")))
        _polls(mock, U1, "stopping", "stopped")
        result = invoke("vm", "stop", U1, "--wait", "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert form_of(route) == {"uuid": U1}  # force only with --force
    assert result.json()["status"] == "stopped"


def test_stop_force_refused_without_terminal(invoke):
    with api(assert_all_called=False) as mock:
        mock.get(VM_PATH, params={"uuid": U1}).mock(return_value=ok(WEB))
        stop = mock.post(f"{VM_PATH}/stop").mock(return_value=ok(WEB))
        result = invoke("vm", "stop", U1, "--force")
    assert result.exit_code == 2
    assert not stop.called
    assert "refusing to force-stop VM web-1" in result.stderr


def test_stop_force_confirmed_on_terminal(invoke):
    with api() as mock:
        mock.get(VM_PATH, params={"uuid": U1}).mock(return_value=ok(WEB))
        stop = mock.post(f"{VM_PATH}/stop").mock(return_value=ok({**WEB, "status": "stopped"}))
        result = invoke("vm", "stop", U1, "--force", tty=True, input="y\n", env={"IDCCTL_OUTPUT": "json"})
    assert result.exit_code == 0, result.stderr
    assert form_of(stop) == {"uuid": U1, "force": "true"}
    assert f"Force-stop VM web-1 ({U1})? This cuts its power" in result.stderr


def test_reinstall_refused_without_terminal(invoke):
    with api(assert_all_called=False) as mock:
        mock.get(f"{VM_PATH}/list").mock(return_value=ok([WEB]))
        reinstall = mock.post(f"{VM_PATH}/reinstall").mock(return_value=ok(WEB))
        result = invoke("vm", "reinstall", "web-1")
    assert result.exit_code == 2
    assert not reinstall.called


def test_reinstall_with_yes_sends_os_and_waits(invoke):
    with api() as mock:
        mock.get(f"{VM_PATH}/list").mock(return_value=ok([WEB]))
        route = mock.post(f"{VM_PATH}/reinstall").mock(return_value=ok({**WEB, "status": "installing"}))
        _polls(mock, U1, "installing", "running")
        result = invoke("vm", "reinstall", "web-1", "--os", "ubuntu", "--os-version", "22.04-lts",
                        "--wait", "--yes", "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert form_of(route) == {"uuid": U1, "os_name": "ubuntu", "os_version": "22.04-lts"}
    assert result.json()["status"] == "running"


def test_reinstall_prompt_names_the_vm_and_what_is_lost(invoke):
    with api() as mock:
        mock.get(f"{VM_PATH}/list").mock(return_value=ok([WEB]))
        route = mock.post(f"{VM_PATH}/reinstall").mock(return_value=ok(WEB))
        result = invoke("vm", "reinstall", "web-1", tty=True, input="yes\n")
    assert result.exit_code == 0, result.stderr
    assert form_of(route) == {"uuid": U1}  # the same OS: nothing else sent
    assert (f"Reinstall VM web-1 ({U1}) with debian 12? Its current disk contents will be lost. [y/N]: "
            in result.stderr)


def test_clone_waits_on_the_new_vm(invoke):
    copy = make_vm("web-copy", U3, status="starting")
    with api() as mock:
        mock.get("/v1/api/parameters/vm").mock(return_value=ok(PARAMS))  # vm create's rules
        mock.get(f"{VM_PATH}/list").mock(return_value=ok([WEB]))
        route = mock.post(f"{VM_PATH}/clone").mock(return_value=ok(copy))
        poll = _polls(mock, U3, "starting", "running")
        result = invoke("vm", "clone", "web-1", "--name", "web-copy", "--wait", "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert form_of(route) == {"uuid": U1, "name": "web-copy"}
    assert poll.call_count == 2
    assert result.json()["uuid"] == U3 and result.json()["status"] == "running"


def test_clone_requires_a_name(invoke):
    with api(assert_all_called=False) as mock:
        result = invoke("vm", "clone", "web-1")
        assert mock.calls.call_count == 0
    assert result.exit_code == 2
    assert "--name" in result.stderr


def test_rebuild_refused_without_terminal_then_done_with_yes_and_wait(invoke):
    with api(assert_all_called=False) as mock:
        mock.get(VM_PATH, params={"uuid": U1}).mock(return_value=ok(WEB))
        refused_route = mock.post(f"{VM_PATH}/rebuild").mock(return_value=ok(WEB))
        refused = invoke("vm", "rebuild", U1, "--replica", REPLICA)
    assert refused.exit_code == 2 and not refused_route.called
    with api() as mock:
        route = mock.post(f"{VM_PATH}/rebuild").mock(return_value=ok({**WEB, "status": "stopped"}))
        poll = _polls(mock, U1, "running")  # the confirmation lookup, then the first poll
        result = invoke("vm", "rebuild", U1, "--replica", REPLICA, "--wait", "--yes", "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert form_of(route) == {"uuid": U1, "replica_uuid": REPLICA}
    assert poll.call_count == 2
    assert result.json()["status"] == "running"


def test_start_and_stop_wait_longer_than_the_30_s_the_live_api_may_take(invoke):
    """Each request may take its whole --timeout; the default leaves room for a slow start or stop."""
    with api() as mock:
        start = mock.post(f"{VM_PATH}/start").mock(return_value=ok(WEB))
        stop = mock.post(f"{VM_PATH}/stop").mock(return_value=ok(WEB))
        assert invoke("vm", "start", U1).exit_code == 0
        assert invoke("vm", "stop", U1).exit_code == 0
    for route in (start, stop):
        timeouts = route.calls.last.request.extensions["timeout"]
        assert timeouts["read"] >= 60 and timeouts["write"] >= 60
