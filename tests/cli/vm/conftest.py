"""What the vm tests share: `vm create`'s rules, images and arguments, and a runner with the pricing policy cached."""

from __future__ import annotations

import httpx
import pytest
import respx

from tests.cli.conftest import form_of
from tests.conftest import BASE

VM_URL = f"{BASE}/v1/user-resource/vm"
NEW_UUID = "0f1e2d3c-4b5a-4968-8776-655443322110"
DISK_UUID = "aa0e9c1b-2222-4333-8444-b55566667777"

# The API's rules as the reference shows them, but with a different disk maximum,
# so a test can tell the API's answer from the built-in fallback.
PARAMS = [
    {"constraint": "range", "parameter": "disks", "min": 20, "max": 100, "mandatory": True},
    {"constraint": "regexp", "parameter": "name", "mandatory": True,
     "expression": "^[0-9a-zA-Z][-0-9a-zA-Z]{2,}[0-9a-zA-Z]$"},
    {"constraint": "regexp", "parameter": "password", "mandatory": True,
     "expression": "^(?=.*[a-z])(?=.*[A-Z])(?=.*\\d).{8,}$"},
    {"constraint": "range", "parameter": "ram", "min": 512, "max": 65536, "mandatory": True,
     "limited_by": "os_name", "limits": [{"min": 1024, "os_name": "windows"}]},
    {"constraint": "regexp", "parameter": "username", "mandatory": True,
     "expression": "^(?=.{1,30}$)[a-zA-Z_][0-9a-zA-Z_-]*$",
     "limited_by": "os_name", "limits": [{"mandatory": False, "os_name": "windows"}]},
    {"constraint": "range", "parameter": "vcpu", "min": 1, "max": 16, "mandatory": True,
     "limited_by": "os_name", "limits": [{"min": 2, "os_name": "windows"}]},
]
IMAGES = [
    {"os_name": "ubuntu", "display_name": "Ubuntu",
     "versions": [{"os_version": "20.04-lts", "published": True},
                  {"os_version": "22.04-lts", "published": True}]},
    {"os_name": "windows", "display_name": "Windows",
     "versions": [{"os_version": "2022", "published": True}]},
]
CREATED = {"uuid": NEW_UUID, "name": "web-01", "status": "starting", "vcpu": 2, "memory": 2048,
           "os_name": "ubuntu", "os_version": "22.04-lts", "storage": [{"size": 20}]}
PASSWORD = "Secret123"
BASIC = ("vm", "create", "--name", "web-01", "--os", "ubuntu", "--os-version", "22.04-lts",
         "--disk-size", "20", "--vcpu", "2", "--ram", "2048", "--username", "deploy",
         "--password-stdin")


@pytest.fixture
def run(invoke, tmp_path):
    """invoke() with the cache in a temp dir and the password on stdin."""
    cache = tmp_path / "cache"
    # The cost estimate reads the pricing policy; a cached copy keeps these requests unchanged.
    from idcctl.cache import Cache
    from idcctl.sandbox.seed.pricing import POLICY

    Cache(cache).put("pricing-policy", ("default", BASE), POLICY)

    def _run(*args, env=None, input=PASSWORD + "\n", **kwargs):
        return invoke(*args, env={"IDCCTL_CACHE_DIR": str(cache), **(env or {})}, input=input, **kwargs)

    return _run


def rules(mock, base=BASE):
    mock.get(f"{base}/v1/api/parameters/vm").mock(return_value=httpx.Response(200, json=PARAMS))
    mock.get(f"{base}/v1/config/vm_images").mock(return_value=httpx.Response(200, json=IMAGES))


def created(run, *args, **kwargs):
    """Run vm create against the standard rules; return (result, the form it sent)."""
    with respx.mock(assert_all_called=True) as mock:
        rules(mock)
        post = mock.post(VM_URL).mock(return_value=httpx.Response(200, json=CREATED))
        result = run(*args, **kwargs)
    assert result.exit_code == 0, result.stderr
    return result, form_of(post, repeated=("public_keys",))


def rejected(run, *args, **kwargs):
    """Run vm create against the standard rules; it must exit 2 having sent no create."""
    with respx.mock(assert_all_called=True) as mock:
        rules(mock)
        mock.post(VM_URL, name="create")
        result = run(*args, **kwargs)
        assert not mock.pop("create").called
    assert result.exit_code == 2
    assert result.stdout == ""
    return result


def replaced(args, option, value):
    """args with the value after `option` replaced."""
    args = list(args)
    args[args.index(option) + 1] = value
    return args
