"""What the CLI tests share: respx helpers, example VMs, example data more than one group reads."""

from __future__ import annotations

import threading
from urllib.parse import parse_qs

import httpx
import respx

from tests.conftest import BASE, KEY

# -- respx: the API answering at BASE ------------------------------------------------------


def api(**kwargs):
    """respx routes below BASE; every route must be called unless assert_all_called=False."""
    kwargs.setdefault("assert_all_called", True)
    return respx.mock(base_url=BASE, **kwargs)


def ok(data) -> httpx.Response:
    return httpx.Response(200, json=data)


def form_of(sent, repeated: tuple[str, ...] = ()) -> dict:
    """The form body of a route's last request (or of a request), one value a field.

    Fields named in `repeated` (public_keys) may come several times: theirs is the list of values.
    """
    request = sent.calls.last.request if hasattr(sent, "calls") else sent
    assert request.headers["content-type"] == "application/x-www-form-urlencoded"
    body = parse_qs(request.content.decode(), keep_blank_values=True)
    assert all(len(v) == 1 for k, v in body.items() if k not in repeated), body
    return {k: v if k in repeated else v[0] for k, v in body.items()}


def json_of(route) -> dict:
    """The JSON body of a route's last request."""
    import json

    request = route.calls.last.request
    assert request.headers["content-type"] == "application/json"
    return json.loads(request.content)


def answered_together(count: int):
    """answer(data): a respx side effect that answers only once `count` requests wait at the same time.

    Requests sent one after the other would break the barrier: the test proves they run concurrently.
    """
    barrier = threading.Barrier(count, timeout=10)

    def answer(data):
        def respond(request):
            barrier.wait()
            return ok(data)
        return respond

    return answer


# -- SSH keys: real public key lines (ssh-keygen's), and a private key's shape (not a real key) -----

ED25519_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIASgpTWIumXVrWf+XKoN6BCFBp5x8WvGqs0DtY6Zp36m ops@laptop"
ECDSA_KEY = ("ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBEO5980oS6z07ZfDL+Cp/BB3K2/"
             "AvMsVCJnDJ3AjqJJOP+Nt8GdMLNVnh9s7lh1ORu+ejCIM4jO/AzuXzUmr9uE= ci")
PRIVATE_BODY = "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZWQyNTUxOQSECRETxyz"
PRIVATE_KEY = f"-----BEGIN OPENSSH PRIVATE KEY-----\n{PRIVATE_BODY}\n-----END OPENSSH PRIVATE KEY-----\n"


# -- example VMs (the reference's shape), read by the vm, disk, ip, lb, net and billing tests --------

U1 = "5aea1842-895f-4bd3-8bd6-e37b2282fb46"
U2 = "f80b1d62-ffe4-43ef-9210-60f05445456a"
U3 = "d582f16a-013b-4a23-8463-c66bbbc96c43"
D2 = "3d91aa31-16ec-44ee-b8b3-22a0bda6559e"
VM_PATH = "/v1/user-resource/vm"


def make_vm(name: str, uuid: str, *, status: str = "running", backup: bool = False,
            disks: tuple[tuple[str, str, int], ...] | None = None, **extra) -> dict:
    """A VM as the API answers it (shape of the reference's examples)."""
    disks = disks if disks is not None else (("vda", uuid, 20),)
    storage = [{"created_at": "2021-03-01 13:42:05", "name": dname, "pool": "default2",
                "primary": index == 0, "replica": [], "shared": False, "size": size, "type": "block",
                "uuid": duuid} for index, (dname, duuid, size) in enumerate(disks)]
    vm = {"backup": backup, "billing_account": 6, "created_at": "2021-03-01 13:42:03",
          "description": "", "hostname": name, "memory": 2048, "name": name, "os_name": "debian",
          "os_version": "12", "private_ipv4": "10.1.29.54", "status": status, "storage": storage,
          "uuid": uuid, "vcpu": 2}
    vm.update(extra)
    return vm


WEB = make_vm("web-1", U1)
DB = make_vm("db-1", U2, status="stopped", disks=(("vda", U2, 40), ("vdb", D2, 100)))


# A disk `vm disk add` answers (also read by the TAB names tests: it is not a VM).
NEW_DISK = {"created_at": "2019-08-14 13:57:44", "name": "vdc", "pool": "default", "primary": False,
            "replica": [], "shared": False, "size": 50, "type": "block",
            "uuid": "6e6f04e2-6a54-4bd4-a3b6-9f1a2f0c6d11"}


# -- example networks, read by the net and TAB names tests -------------------------------------

N1 = "4e5eadd3-8b11-4c34-812a-2cf97120b628"
N2 = "2e8cd389-27fe-45ce-a63d-d536068659e5"
NETS = "/v1/network/networks"
NET = "/v1/network/network"


def network(name: str, uuid: str, *, default: bool = False, vms: tuple[str, ...] = (), vlan: int = 965) -> dict:
    return {"vlan_id": vlan, "subnet": "10.4.200.0/24", "subnet_ipv6": "2a05:1cc0:10:30::40:0/112", "name": name,
            "created_at": "2021-06-10 09:57:59", "updated_at": "2021-06-10 09:57:59", "uuid": uuid,
            "type": "private", "is_default": default, "vm_uuids": list(vms), "resources_count": len(vms)}


BACKEND = network("backend", N1, vms=(U1, U2))


# -- the pricing policy (vm create's estimate, billing pricing and estimate) --------------------

POLICY = {"policy": [
    {"numCpus": 1, "policyId": 1001, "price": 0.00521, "resourceType": "CPU", "serviceNameUserFriendly": "1 CPU"},
    {"megsRam": 1024, "policyId": 1011, "price": 0.00329, "resourceType": "RAM",
     "serviceNameUserFriendly": "1 GB RAM"},
    {"policyId": 1021, "price": 3.42e-05, "resourceType": "STORAGE", "serviceNameInUptime": "backup",
     "serviceNameUserFriendly": "Backup"},
    {"policyId": 1023, "price": 0.0001, "resourceType": "STORAGE", "serviceNameInUptime": "main",
     "serviceNameUserFriendly": "Storage"},
    {"policyId": 1030, "price": 0.00548, "resourceType": "LICENSE", "serviceNameInUptime": "windows",
     "serviceNameUserFriendly": "Windows license per core per hour"},
]}

# -- a config file with two profiles (auth and profile commands) ------------------------------

TWO_PROFILES = f"""active_profile = "work"

[profiles.work]
api_key = "{KEY}"
location = "bus02"
timeout = 30.0

[profiles.home]
api_key = "short"
billing_account = 42
"""
