"""Every act-on-one command takes several targets (#18): two at once, each acted on, one result each.

One fake API answers every read with two resources of each kind (named `*-a`
and `*-b`) and every write with `{}`; each row names the command (with two
targets) and the write it must send once per target.
"""

from __future__ import annotations

import re

import httpx
import pytest

from tests.cli.conftest import U1, VM_PATH, api, make_vm, ok

DA, DB_ = "aaaaaaaa-0000-4000-8000-00000000000a", "bbbbbbbb-0000-4000-8000-00000000000b"
N1, N2 = "aaaaaaaa-1111-4000-8000-00000000000a", "bbbbbbbb-1111-4000-8000-00000000000b"
L1, L2 = "aaaaaaaa-2222-4000-8000-00000000000a", "bbbbbbbb-2222-4000-8000-00000000000b"
F1, F2 = "aaaaaaaa-3333-4000-8000-00000000000a", "bbbbbbbb-3333-4000-8000-00000000000b"
K1, K2 = "aaaaaaaa-4444-4000-8000-00000000000a", "bbbbbbbb-4444-4000-8000-00000000000b"
S1, S2 = "aaaaaaaa-5555-4000-8000-00000000000a", "bbbbbbbb-5555-4000-8000-00000000000b"
DC, DD = "cccccccc-0000-4000-8000-00000000000c", "dddddddd-0000-4000-8000-00000000000d"  # attached to no VM
R1, R2 = f"{U1}2024-01-01-10-00-00", f"{U1}2024-01-02-10-00-00"

WEB = make_vm("web-1", U1, disks=(("vda", U1, 20), ("vdb", DA, 10), ("vdc", DB_, 10)))
DISKS = [{"uuid": u, "display_name": f"disk-{u[0]}", "size_gb": 10} for u in (DA, DB_, DC, DD)]
LISTS = {
    f"{VM_PATH}/list": [WEB],
    "/v1/storage/disks": [],  # not attached: `disk delete` reads the VMs, and disks one by one
    "/v1/network/networks": [{"uuid": N1, "name": "net-a", "vm_uuids": []}, {"uuid": N2, "name": "net-b"}],
    "/v1/network/load_balancers": [{"uuid": L1, "display_name": "lb-a"}, {"uuid": L2, "display_name": "lb-b"}],
    "/v1/network/firewalls": [{"uuid": F1, "display_name": "fw-a", "rules": []},
                              {"uuid": F2, "display_name": "fw-b", "rules": []}],
    "/v1/user-resource/ssh_keys": [{"uuid": K1, "name": "key-a"}, {"uuid": K2, "name": "key-b"}],
    "/v1/user-resource/service/packages": [{"uuid": S1, "display_name": "svc-a"},
                                           {"uuid": S2, "display_name": "svc-b"}],
    "/v1/network/ip_addresses": [],
}


def _answer(request: httpx.Request) -> httpx.Response:
    path = request.url.path
    if request.method != "GET":
        return ok({})
    if path in LISTS:
        return ok(LISTS[path])
    if path.startswith("/v1/storage/disks/"):
        return ok(next(d for d in DISKS if d["uuid"] == path.rsplit("/", 1)[1]))
    if path.startswith("/v1/network/ip_addresses/"):
        return ok({"address": path.rsplit("/", 1)[1], "assigned_to": U1})
    if path == VM_PATH:
        return ok(WEB)
    if path == "/v1/storage/bucket":
        return ok({"name": request.url.params["name"], "size": 0, "num_objects": 0})
    return httpx.Response(404, json={"message": "no route and no API found"})


# (command with two targets, the write's method, a pattern of its path, what tells the two apart)
ROWS = [
    (["disk", "delete", DC, DD], "DELETE", rf"/v1/storage/disks/({DC}|{DD})", "path"),
    (["disk", "detach", DA, DB_, "--vm", "web-1"], "POST", r"/v1/user-resource/vm/storage/detach", "body"),
    (["ip", "delete", "203.0.113.7", "203.0.113.8"], "DELETE", r"/v1/network/ip_addresses/203\.0\.113\.[78]", "path"),
    (["ip", "unassign", "203.0.113.7", "203.0.113.8"], "POST", r"/v1/network/ip_addresses/203\.0\.113\.[78]/unassign",
     "path"),
    (["net", "delete", "net-a", "net-b"], "DELETE", rf"/v1/network/network/({N1}|{N2})", "path"),
    (["lb", "delete", "lb-a", "lb-b"], "DELETE", rf"/v1/network/load_balancers/({L1}|{L2})", "path"),
    (["firewall", "delete", "fw-a", "fw-b"], "DELETE", rf"/v1/network/firewalls/({F1}|{F2})", "path"),
    (["ssh-key", "delete", "key-a", "key-b"], "DELETE", rf"/v1/user-resource/ssh_keys/({K1}|{K2})", "path"),
    (["service", "delete", "svc-a", "svc-b"], "DELETE", rf"/v1/user-resource/service/package/({S1}|{S2})", "path"),
    (["bucket", "delete", "pang3", "pang4"], "DELETE", r"/v1/storage/bucket", "query"),
    (["vm", "snapshot", "delete", R1, R2], "DELETE", r"/v1/user-resource/vm/replica", "body"),
]


def _distinct(call: httpx.Request, by: str) -> str:
    return {"path": call.url.path, "body": call.content.decode(), "query": str(call.url.query)}[by]


@pytest.mark.parametrize(("argv", "method", "path", "by"), ROWS, ids=[" ".join(r[0][:2]) for r in ROWS])
def test_two_targets_get_one_write_each_and_one_result_object_each(invoke, argv, method, path, by):
    with api(assert_all_called=False) as mock:
        mock.route().mock(side_effect=_answer)
        result = invoke(*argv, "--yes", "-o", "json")
        writes = [c.request for c in mock.calls if c.request.method != "GET"]
    assert result.exit_code == 0, result.stderr
    assert [w.method for w in writes] == [method, method]
    assert all(re.fullmatch(path, w.url.path) for w in writes), [w.url.path for w in writes]
    assert len({_distinct(w, by) for w in writes}) == 2  # one for each target, not the same one twice
    answer = result.json()
    assert [o["ok"] for o in answer] == [True, True]
    words = argv[3:] if argv[1] == "snapshot" else argv[2:]
    assert [o["target"] for o in answer] == [w for w in words if w not in ("--vm", "web-1")]
    assert len([line for line in result.stderr.splitlines() if line.startswith(("Deleted ", "Unassigned ",
                                                                                  "Detached "))]) == 2


@pytest.mark.parametrize(("argv", "method", "path", "by"), ROWS, ids=[" ".join(r[0][:2]) for r in ROWS])
def test_two_targets_without_yes_and_without_a_terminal_send_nothing(invoke, argv, method, path, by):
    with api(assert_all_called=False) as mock:
        route = mock.route().mock(side_effect=_answer)
        result = invoke(*argv)
    assert result.exit_code == 2
    assert route.call_count == 0  # refused before anything is read
    assert "pass --yes to confirm" in result.stderr
