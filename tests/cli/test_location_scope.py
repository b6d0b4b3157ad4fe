"""Every location-scoped command with `-l bus02`: every request it makes, reads included, goes to /v1/bus02/.

One fake API answers each path only under the prefix the contract says:
the location-scoped (*L*) paths under ``/v1/bus02/``, the others (the
location list, VM parameters, images, pricing, service packages) without
one; anything else is a 404, so a read sent to the wrong place fails the
command. Each row pins the exact requests the command makes (method and
path, every one recorded, not just the last), so a side read that drifted
back to the default location (the PUBLIC IP column, name resolution, an
attachment check, `--wait` polling, a confirmation's details) is caught.
The rows are the closing list of the issue: each *L* endpoint and its test.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qsl

import httpx
import pytest
import respx

from tests.cli.conftest import make_vm
from tests.conftest import BASE

U1 = "5aea1842-895f-4bd3-8bd6-e37b2282fb46"
D1 = "05a61876-86f3-4b05-b0ec-53ee6fa03ced"  # attached to web-1
D2 = "cef3a629-89b0-40ec-986b-4b6e831f9b64"  # attached to nothing
N1 = "4e5eadd3-8b11-4c34-812a-2cf97120b628"
L1 = "438ac62f-e97b-4ef0-8940-507b9e94af43"
R1 = "b3f28feb-c91e-4601-a6b6-267fa98dc121"
S1 = "71cddf54-35ed-4f6e-bdf7-d344bbf0a546"
P1 = "4820b11f-82c9-4313-a1ef-14d6039981db"
REPLICA = f"{U1}2018-12-21-14-05-33"
ADDRESS = "203.0.113.7"
PASSWORD = "Secret123"

VM = make_vm("web-1", U1, disks=(("vda", U1, 20), ("vdb", D1, 50)))
DISK = {"uuid": D1, "size_gb": 50, "status": "Active", "snapshots": [], "billing_account_id": 6}
FREE_DISK = {**DISK, "uuid": D2}
NETWORK = {"uuid": N1, "name": "backend", "subnet": "10.4.200.0/24", "vm_uuids": [U1], "is_default": False}
LB = {"uuid": L1, "display_name": "web-lb", "forwarding_rules": [{"uuid": R1, "source_port": 80, "target_port": 8080}],
      "targets": [{"target_uuid": U1, "target_type": "vm"}]}
IP = {"address": ADDRESS, "assigned_to": U1, "assigned_to_resource_type": "virtual_machine"}
SERVICE = {"uuid": S1, "display_name": "db", "properties": {"location": "bus02"}}
LOCATIONS = [{"slug": "cyc01", "is_default": True}, {"slug": "bus02", "is_default": False}]
PARAMS = [{"constraint": "range", "parameter": "vcpu", "min": 1, "max": 16, "mandatory": True}]
IMAGES = [{"os_name": "ubuntu", "versions": [{"os_version": "22.04-lts", "published": True}]}]
F1 = "2a874f44-310f-4df8-9340-1dc274c2bd51"
FW_RULE = {"uuid": "db9acacd-91e1-4225-b934-7f264f9f75a2", "direction": "inbound", "protocol": "tcp",
           "port_start": 22, "port_end": 22, "endpoint_spec_type": "any", "endpoint_spec": []}
FIREWALL = {"uuid": F1, "display_name": "web", "rules": [FW_RULE],
            "resources_assigned": [{"resource_type": "vm", "resource_uuid": U1}]}
BOOT_IMAGES = [{"uuid": "e3a5f2d6-7d15-11f0-85ba-047bcbc1cb26", "image_name": "systemrescue-12.x-amd64.iso",
                "is_installation_media": False, "description": "SystemRescue 12", "is_published": True}]

# What a GET answers, by path (the *L* ones as asked under /v1/bus02, the others under /v1).
READS: list[tuple[str, Any]] = [
    (r"/user-resource/vm/list", [VM]),
    (r"/user-resource/vm", VM),
    (r"/user-resource/vm/replica", [{"uuid": REPLICA, "type": "snapshot"}]),
    (r"/user-resource/host_pool/list", [{"uuid": P1, "name": "General"}]),
    (r"/user-resource/billing_resources", [{"uuid": U1, "resource_type": "vm"}]),
    (r"/storage/disks", [DISK, FREE_DISK]),
    (rf"/storage/disks/{D1}", DISK),
    (rf"/storage/disks/{D2}", FREE_DISK),
    (r"/network/networks", [NETWORK]),
    (rf"/network/network/{N1}", NETWORK),
    (r"/network/ip_addresses", [IP]),
    (rf"/network/ip_addresses/{ADDRESS}", IP),
    (r"/network/load_balancers", [LB]),
    (r"/network/firewalls", [FIREWALL]),
    (rf"/network/load_balancers/{L1}", LB),
    (rf"/user-resource/service/package/{S1}/whitelist_addresses", ["10.0.0.0/24"]),
    # Not location-scoped:
    (r"/user-resource/service/packages", [SERVICE]),
    (r"/config/locations", LOCATIONS),
    (r"/api/parameters/vm", PARAMS),
    (r"/config/vm_images", IMAGES),
    (r"/config/boot_images", BOOT_IMAGES),
    (r"/pricing/policy", {"policy": []}),
]
SCOPED = re.compile(r"^/(user-resource/(vm|host_pool|billing_resources|resource_billing)|storage/disks|network/"
                    r"|user-resource/service/package/[^/]+/whitelist_addresses)")


def _answer(request: httpx.Request) -> httpx.Response:
    path = request.url.path
    bare = path.removeprefix("/v1/bus02") if path.startswith("/v1/bus02/") else path.removeprefix("/v1")
    if bool(SCOPED.match(bare)) != path.startswith("/v1/bus02/"):
        return httpx.Response(404, json={"message": "no route and no API found"})
    if request.method != "GET":
        return httpx.Response(200, json=VM if "user-resource/vm" in bare else {})
    for pattern, data in READS:
        if re.fullmatch(pattern, bare):
            return httpx.Response(200, json=data)
    return httpx.Response(404, json={"message": "no route and no API found"})


def _bus(method: str, path: str) -> tuple[str, str]:
    return method, f"/v1/bus02{path}"


VMS, GET_VM = _bus("GET", "/user-resource/vm/list"), _bus("GET", "/user-resource/vm")
IPS, DISKS, NETS, LBS = (_bus("GET", "/network/ip_addresses"), _bus("GET", "/storage/disks"),
                         _bus("GET", "/network/networks"), _bus("GET", "/network/load_balancers"))
FWS, FW_ONE = _bus("GET", "/network/firewalls"), f"/network/firewalls/{F1}"
BOOTS = ("GET", "/v1/config/boot_images")
WHITELIST = f"/user-resource/service/package/{S1}/whitelist_addresses"
PACKAGES = ("GET", "/v1/user-resource/service/packages")
RULES = [("GET", "/v1/api/parameters/vm"), ("GET", "/v1/config/vm_images"), ("GET", "/v1/pricing/policy")]

# (command after `idcctl -l bus02`, every request it makes, in any order)
ROWS: list[tuple[str, list[tuple[str, str]]]] = [
    ("vm list", [VMS, IPS]),
    ("vm show web-1", [VMS, GET_VM, IPS, FWS]),
    ("vm rescue web-1", [VMS, BOOTS, _bus("POST", "/user-resource/vm/boot_iso_media")]),
    ("vm boot-iso web-1 --image systemrescue-12.x-amd64.iso",
     [VMS, BOOTS, _bus("POST", "/user-resource/vm/boot_iso_media")]),
    ("firewall list", [FWS]),
    ("firewall show web", [FWS, VMS]),
    ("firewall create --name edge --rule inbound:tcp:443:any", [_bus("POST", "/network/firewalls")]),
    ("firewall update web --name web-2", [FWS, _bus("PUT", FW_ONE)]),
    ("firewall rule add web inbound:tcp:443:any", [FWS, _bus("PUT", FW_ONE)]),
    ("firewall rule remove web inbound:tcp:22:any --yes", [FWS, _bus("PUT", FW_ONE)]),
    ("firewall delete web --yes", [FWS, VMS, _bus("DELETE", FW_ONE)]),
    ("firewall assign web --vm web-1", [FWS, VMS, _bus("POST", f"{FW_ONE}/vms")]),
    ("firewall unassign web --vm web-1 --yes", [FWS, VMS, _bus("DELETE", f"{FW_ONE}/vms")]),
    ("vm create --name web-2 --os ubuntu --os-version 22.04-lts --disk-size 20 --vcpu 2 --ram 2048 "
     "--username ops --password-stdin --network backend --backup --no-public-ip --wait",
     [*RULES, NETS, _bus("POST", "/user-resource/vm"), GET_VM]),
    ("vm update web-1 --vcpu 4", [RULES[0], VMS, _bus("PATCH", "/user-resource/vm")]),
    ("vm delete web-1 --yes", [VMS, IPS, _bus("DELETE", "/user-resource/vm")]),
    ("vm start web-1 --wait", [VMS, _bus("POST", "/user-resource/vm/start"), GET_VM]),
    ("vm wait web-1 --for running --timeout 5", [VMS, GET_VM]),
    ("vm stop web-1 0f1e2d3c-4b5a-4968-8776-655443322110", [VMS, _bus("POST", "/user-resource/vm/stop"), _bus("POST", "/user-resource/vm/stop")]),
    ("vm stop web-1", [VMS, _bus("POST", "/user-resource/vm/stop")]),
    ("vm stop web-1 --force --yes", [VMS, _bus("POST", "/user-resource/vm/stop")]),
    ("vm reinstall web-1 --yes", [VMS, _bus("POST", "/user-resource/vm/reinstall")]),
    ("vm clone web-1 --name web-1-copy", [RULES[0], VMS, _bus("POST", "/user-resource/vm/clone")]),
    ("vm auto-backup web-1 on", [VMS, _bus("POST", "/user-resource/vm/backup")]),
    ("vm password web-1 --username ops --password-stdin", [RULES[0], VMS, _bus("PATCH", "/user-resource/vm/user")]),
    (f"vm rebuild web-1 --replica {REPLICA} --yes", [VMS, _bus("POST", "/user-resource/vm/rebuild")]),
    ("vm public-ip reserve web-1", [VMS, _bus("POST", "/user-resource/vm/ip/public")]),
    ("vm public-ip release web-1", [VMS, _bus("DELETE", "/user-resource/vm/ip/public")]),
    ("vm snapshot list web-1", [VMS, _bus("GET", "/user-resource/vm/replica")]),
    ("vm snapshot create web-1", [VMS, _bus("POST", "/user-resource/vm/replica")]),
    (f"vm snapshot delete {REPLICA} --yes", [VMS, _bus("DELETE", "/user-resource/vm/replica")]),
    ("vm disk add web-1 --size 50", [VMS, _bus("POST", "/user-resource/vm/storage")]),
    ("vm disk resize web-1 vdb --size 60", [VMS, _bus("PATCH", "/user-resource/vm/storage")]),
    ("vm disk remove web-1 vdb --yes", [VMS, _bus("DELETE", "/user-resource/vm/storage")]),
    ("vm pool list", [_bus("GET", "/user-resource/host_pool/list")]),
    ("vm ssh web-1 -u ops --dry-run", [VMS, IPS]),
    ("disk list", [DISKS]),
    (f"disk show {D1}", [_bus("GET", f"/storage/disks/{D1}")]),
    ("disk create --size 10 --billing-account 6", [_bus("POST", "/storage/disks")]),
    (f"disk update {D1} --billing-account 7", [_bus("PATCH", f"/storage/disks/{D1}")]),
    (f"disk delete {D1} --yes", [_bus("GET", f"/storage/disks/{D1}"), VMS]),  # refused: web-1 holds it
    (f"disk delete {D2} --yes", [_bus("GET", f"/storage/disks/{D2}"), VMS, _bus("DELETE", f"/storage/disks/{D2}")]),
    (f"disk attach {D1} --vm web-1", [VMS, DISKS, _bus("POST", "/user-resource/vm/storage/attach")]),
    (f"disk detach {D1} --vm web-1 --yes", [VMS, GET_VM, _bus("POST", "/user-resource/vm/storage/detach")]),
    ("net list", [NETS]),
    ("net show backend", [NETS, _bus("GET", f"/network/network/{N1}")]),
    ("net create --name db", [_bus("POST", "/network/network")]),
    ("net rename backend front", [NETS, _bus("PATCH", f"/network/network/{N1}")]),
    ("net delete backend --yes", [NETS, VMS, _bus("DELETE", f"/network/network/{N1}")]),
    ("net set-default backend", [NETS, _bus("PUT", f"/network/network/{N1}/default")]),
    ("ip list", [IPS, VMS]),
    ("ip list --vm web-1", [VMS, IPS]),
    (f"ip show {ADDRESS}", [_bus("GET", f"/network/ip_addresses/{ADDRESS}")]),
    ("ip create --billing-account 6", [_bus("POST", "/network/ip_addresses/")]),
    (f"ip update {ADDRESS} --name edge", [_bus("PATCH", f"/network/ip_addresses/{ADDRESS}")]),
    (f"ip delete {ADDRESS} --yes", [_bus("GET", f"/network/ip_addresses/{ADDRESS}"), VMS,
                                     _bus("DELETE", f"/network/ip_addresses/{ADDRESS}")]),
    (f"ip assign {ADDRESS} --vm web-1", [VMS, IPS, _bus("POST", f"/network/ip_addresses/{ADDRESS}/assign")]),
    (f"ip unassign {ADDRESS} --yes", [_bus("GET", f"/network/ip_addresses/{ADDRESS}"), VMS,
                                       _bus("POST", f"/network/ip_addresses/{ADDRESS}/unassign")]),
    ("lb list", [LBS]),
    ("lb show web-lb", [LBS, _bus("GET", f"/network/load_balancers/{L1}"), VMS]),
    ("lb create --name lb-2 --billing-account 6 --network backend --rule 80:8080 --target web-1",
     [NETS, VMS, _bus("POST", "/network/load_balancers")]),
    ("lb rename web-lb lb-3", [LBS, _bus("PATCH", f"/network/load_balancers/{L1}")]),
    ("lb delete web-lb --yes", [LBS, _bus("DELETE", f"/network/load_balancers/{L1}")]),
    ("lb set-billing web-lb 7", [LBS, _bus("PUT", f"/network/load_balancers/{L1}/billing_account")]),
    ("lb target add web-lb --vm web-1", [LBS, VMS, _bus("POST", f"/network/load_balancers/{L1}/targets")]),
    ("lb target remove web-lb web-1 --yes", [LBS, VMS, _bus("DELETE", f"/network/load_balancers/{L1}/targets/{U1}")]),
    ("lb rule add web-lb --source-port 443 --target-port 8443",
     [LBS, _bus("POST", f"/network/load_balancers/{L1}/forwarding_rules")]),
    ("lb rule remove web-lb 80:8080 --yes",
     [LBS, _bus("DELETE", f"/network/load_balancers/{L1}/forwarding_rules/{R1}")]),
    ("billing account resources 6", [_bus("GET", "/user-resource/billing_resources")]),
    (f"billing assign {U1} --account 6", [_bus("POST", "/user-resource/resource_billing")]),
    ("service whitelist list db", [PACKAGES, _bus("GET", WHITELIST)]),
    ("service whitelist add db 192.0.2.0/24", [PACKAGES, _bus("GET", WHITELIST), _bus("POST", WHITELIST)]),
    ("service whitelist remove db 10.0.0.0/24 --yes", [PACKAGES, _bus("GET", WHITELIST), _bus("DELETE", WHITELIST)]),
]


def _run(invoke, command: str) -> tuple[Any, list[tuple[str, str]]]:
    with respx.mock(assert_all_called=False) as mock:
        mock.route(url__startswith=BASE).mock(side_effect=_answer)
        result = invoke("-l", "bus02", *command.split(), input=PASSWORD + "\n")
        requests = [call.request for call in mock.calls]
    for request in requests:  # booleans as the live API takes them: lowercase
        fields = parse_qsl(request.url.query.decode())
        if request.headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
            fields += parse_qsl(request.content.decode())
        assert not [(k, v) for k, v in fields if v in ("True", "False")], request
    return result, [(request.method, request.url.path) for request in requests]


@pytest.mark.parametrize(("command", "expected"), ROWS, ids=[row[0] for row in ROWS])
def test_every_request_of_a_location_scoped_command_goes_to_its_location(invoke, command, expected):
    result, sent = _run(invoke, command)
    refused = command.startswith(f"disk delete {D1}")  # the attachment check, read in bus02, refuses it
    assert result.exit_code == (2 if refused else 0), result.stderr
    assert sorted(sent) == sorted(expected)


def test_the_rows_cover_every_location_scoped_command_of_the_tree():
    from tests.guards.conftest import command_tree, leaves

    covered = {" ".join(w for w in command.split() if re.fullmatch(r"[a-z][a-z-]*", w)) for command, _ in ROWS}
    groups = ("vm", "disk", "net", "ip", "lb", "firewall")
    scoped = {" ".join(path) for path, _ in leaves(command_tree())
              if path[0] in groups and path[:2] not in (("vm", "params"),)}
    scoped |= {"billing account resources", "billing assign", "service whitelist list", "service whitelist add",
               "service whitelist remove"}
    missing = {c for c in scoped if not any(row == c or row.startswith(c + " ") for row in covered)}
    assert missing == set()
