"""TAB names after idcctl's own writes (created, renamed, deleted at once), and names that several share."""

from __future__ import annotations

import json

import httpx
import pytest

from idcctl.api.hooks import Answered
from idcctl.resources import KINDS, written
from idcctl.shell import names
from tests.cli.conftest import BACKEND, DB, N1, N2, NET, NETS, NEW_DISK, U1, U2, VM_PATH, WEB, api, network, ok
from tests.conftest import BASE, KEY
from tests.shell.conftest import store, tab

NEW = "0b5e2c0e-53a4-4c1f-9e0c-8d6b1f3c2a11"


@pytest.fixture
def tab_of(config_file):
    """The TAB environment of the `invoke` fixture (same config, cache and API URL)."""
    return {"IDCCTL_CONFIG": str(config_file), "IDCCTL_CACHE_DIR": str(config_file.parent.parent / "cache"),
            "IDCCTL_API_URL": BASE, "IDCCTL_API_KEY": KEY}


def cached(env, kind: str, **flags):
    view = names.view(flags, env)
    scope = names._scope(view)
    from idcctl.shell import tabfiles

    entry = tabfiles.read_entry(names.names_file(env, kind, scope), [kind, *scope])
    return None if entry is None else entry["value"]


# -- which write changes which kind ------------------------------------------------------------


@pytest.mark.parametrize("url, kind, item, location", [
    ("/v1/user-resource/vm", "vm", None, None),
    ("/v1/bus02/user-resource/vm/clone", "vm", "clone", "bus02"),
    ("/v1/storage/disks/d-1", "disk", "d-1", None),
    ("/v1/cyc01/network/network/n-1", "network", "n-1", "cyc01"),
    ("/v1/network/ip_addresses/", "ip", None, None),
    ("/v1/network/load_balancers/l-1", "lb", "l-1", None),
    ("/v1/network/firewalls/f-1", "firewall", "f-1", None),
    ("/v1/user-resource/ssh_keys/k-1", "ssh_key", "k-1", None),
    ("/v1/user-resource/service/package/s-1", "service", "s-1", None),
    ("/v1/storage/bucket?name=b", "bucket", None, None),
])
def test_a_write_to_a_kind_or_one_of_its_items_is_that_kind(url, kind, item, location):
    assert written(url) == (KINDS[kind], item, location, False)


@pytest.mark.parametrize("url", [
    "/v1/network/load_balancers/l-1/targets", "/v1/network/firewalls/f-1/vms",
    "/v1/network/ip_addresses/1.2.3.4/assign", "/v1/user-resource/vm/ip/public",
    "/v1/user-resource/vm/storage/attach", "/v1/user-resource/billing/card", "/v2/storage/disks",
    "/v1/user-resource/vm/replica", "/v1/bus02/user-resource/vm/replica",
])
def test_writes_below_an_item_or_elsewhere_change_no_names(url):
    assert written(url) is None


def test_a_vms_disks_are_disk_writes_whose_names_change_as_a_whole():
    """`vm disk add|resize|remove` send the VM's uuid and answer a disk or the VM: neither is a name."""
    assert written("/v1/bus02/user-resource/vm/storage") == (KINDS["disk"], None, "bus02", True)


def test_each_kind_with_a_path_is_the_one_its_sdk_writes():
    """The kinds' paths are the SDK's own constants (a renamed endpoint cannot leave TAB stale)."""
    from idcctl.api import block_storage, firewalls, load_balancers, networks, object_storage, ssh_keys, vms

    for constant, kind in ((vms.VM, "vm"), (block_storage.DISKS, "disk"), (networks.NETWORK, "network"),
                           (load_balancers.LB, "lb"), (firewalls.FIREWALLS, "firewall"),
                           (ssh_keys.SSH_KEYS, "ssh_key"), (object_storage.BUCKET, "bucket")):
        assert written(constant)[0].key == kind


# -- the CLI's writes change the cache at once ------------------------------------------------


def test_a_created_network_is_offered_at_once_and_a_renamed_one_by_its_new_name(invoke, tab_of):
    store(tab_of, "network", [["backend", N1], ["Default network", N2]])
    with api() as mock:
        mock.post(NET, params={"name": "fresh"}).mock(return_value=ok(network("fresh", NEW)))
        assert invoke("net", "create", "--name", "fresh").exit_code == 0
    assert tab(tab_of, "idcctl net delete f")[1] == ["fresh"]
    with api() as mock:
        mock.get(NETS).mock(return_value=ok([BACKEND, network("fresh", NEW)]))
        mock.patch(f"{NET}/{NEW}").mock(return_value=ok(network("renamed", NEW)))
        result = invoke("net", "rename", "fresh", "renamed")
    assert result.exit_code == 0, result.stderr
    assert tab(tab_of, "idcctl net delete ")[1] == ["backend", "renamed"]


def test_a_deleted_vm_is_no_longer_offered(invoke, tab_of):
    store(tab_of, "vm", [["web-1", U1], ["db-1", U2]])
    with api() as mock:
        mock.get(f"{VM_PATH}/list").mock(return_value=ok([WEB, DB]))
        mock.get("/v1/network/ip_addresses", params={"vm_uuid": U2}).mock(return_value=ok([]))
        mock.delete(VM_PATH).mock(return_value=ok({"success": True}))
        result = invoke("vm", "delete", "db-1", "--yes")
    assert result.exit_code == 0, result.stderr
    assert tab(tab_of, "idcctl vm show ")[1] == ["web-1"]


def test_raw_api_writes_count_too_and_in_the_location_they_name(invoke, tab_of):
    store(tab_of, "disk", [["data", "d-1"], ["logs", "d-2"]], location="bus02")
    store(tab_of, "disk", [["data", "d-1"]])
    with api() as mock:
        mock.delete("/v1/bus02/storage/disks/d-2").mock(return_value=httpx.Response(204))
        result = invoke("api", "DELETE", "/v1/{location}/storage/disks/d-2", "-l", "bus02")
    assert result.exit_code == 0, result.stderr
    assert cached(tab_of, "disk", location="bus02") == [["data", "d-1"]]
    assert cached(tab_of, "disk") == [["data", "d-1"]]


def test_a_write_whose_answer_is_not_the_resource_forgets_the_names(invoke, tab_of):
    store(tab_of, "vm", [["web-1", U1]])
    with api() as mock:
        mock.get(f"{VM_PATH}/list").mock(return_value=ok([WEB]))
        mock.post(f"{VM_PATH}/start").mock(return_value=ok({"success": True}))
        assert invoke("vm", "start", "web-1").exit_code == 0
    assert cached(tab_of, "vm") is None  # the next TAB asks the API


def test_a_vms_disks_and_snapshots_leave_its_names_and_a_new_disk_is_asked_for(invoke, tab_of):
    """Both answer a disk with a uuid and a name ("vdc"): it is not a VM, and the VM keeps its name."""
    store(tab_of, "vm", [["web-1", U1], ["db-1", U2]])
    store(tab_of, "disk", [["data", "d-1"]])
    with api() as mock:
        mock.get(f"{VM_PATH}/list").mock(return_value=ok([WEB, DB]))
        mock.post(f"{VM_PATH}/storage").mock(return_value=ok(NEW_DISK))
        mock.post(f"{VM_PATH}/replica").mock(return_value=ok(NEW_DISK))
        assert invoke("vm", "disk", "add", "db-1", "--size", "50").exit_code == 0
        assert invoke("vm", "snapshot", "create", "db-1").exit_code == 0
    assert cached(tab_of, "vm") == [["web-1", U1], ["db-1", U2]]
    assert cached(tab_of, "disk") is None  # the new disk: the next TAB asks the API


@pytest.mark.parametrize("args, status", [(("--dry-run",), 200), ((), 422)])
def test_a_write_not_sent_or_refused_changes_nothing(invoke, tab_of, args, status):
    store(tab_of, "network", [["backend", N1]])
    with api(assert_all_called=False) as mock:
        mock.post(NET).mock(return_value=httpx.Response(status, json=network("fresh", NEW)))
        invoke("net", "create", "--name", "fresh", *args)
    assert cached(tab_of, "network") == [["backend", N1]]


def test_no_cached_names_stay_none_and_a_broken_cache_never_fails_the_write(invoke, tab_of):
    with api() as mock:
        mock.post(NET).mock(return_value=ok(network("fresh", NEW)))
        assert invoke("net", "create", "--name", "fresh").exit_code == 0
    assert cached(tab_of, "network") is None
    store(tab_of, "network", [["backend", N1], {"not": "an entry"}])
    with api() as mock:
        mock.post(NET).mock(return_value=ok(network("fresh", NEW)))
        assert invoke("net", "create", "--name", "fresh").exit_code == 0
    assert cached(tab_of, "network") is None


def test_the_hook_reads_ids_from_the_query_and_the_body():
    from idcctl.shell.freshen import _change

    def change(method, url, body, data=None):
        from urllib.parse import urlsplit

        from idcctl.shell.freshen import _fields

        parts = urlsplit(url)
        kind, item, _, _ = written(parts.path)
        return _change(kind, Answered(method, url, body, 200, data), item, _fields(parts.query, body))

    assert change("DELETE", "/v1/storage/bucket?name=logs", None)([["logs", "logs"], ["www", "www"]]) \
        == [["www", "www"]]
    assert change("DELETE", "/v1/user-resource/vm", f"uuid={U1}")([["web-1", U1], "db-1"]) == ["db-1"]
    assert change("DELETE", "/v1/network/network", json.dumps({"uuid": N1}))([["backend", N1]]) == []
    assert change("DELETE", "/v1/user-resource/vm", None)([["web-1", U1]]) is None


# -- names that several share ----------------------------------------------------------------


def test_a_shared_name_is_offered_as_each_ones_id_described_by_the_name(tab_env):
    store(tab_env, "vm", [["web", U1], ["web", U2], ["db-1", NEW]])
    assert tab(tab_env, "idcctl vm show ")[1] == ["db-1", U1, U2]
    assert tab(tab_env, "idcctl vm show w")[1] == []  # never completes to the ambiguous name
    assert tab(tab_env, "idcctl vm show f8")[1] == [U2]
    zsh = tab(dict(tab_env), "idcctl vm show ", shell="zsh")[1]
    assert any(f'"{U1}":"web"' in line for line in zsh)
    fish = tab(dict(tab_env), "idcctl vm show ", shell="fish")[1]
    assert f"{U2}\tweb" in fish


def test_names_cached_before_ids_were_kept_are_still_offered(tab_env):
    store(tab_env, "vm", ["web-1", "db-1"])
    assert tab(tab_env, "idcctl vm show ")[1] == ["web-1", "db-1"]


def test_a_name_that_exists_elsewhere_hint_reads_names_and_ids(tab_env):
    store(tab_env, "disk", [["data", "d-1"]], location="cyc01")
    view = names.view({}, tab_env)
    assert names.stored("disk", tab_env, view["profile"], "cyc01", view["api_url"]) == ["data", "d-1"]

