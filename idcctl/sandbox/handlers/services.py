"""Managed services: service packages, their secrets and whitelists.

Packages are kept per location: the package endpoints are not
location-scoped, so the CLI's (un-prefixed) requests reach the default
location's, and a whitelist request to another location (``/v1/bus02/...``,
where the live API keeps whitelists) answers "No such service package exists".

Each package keeps internal ``_secrets`` and ``_whitelist`` keys that
`State.view` strips from answers. Creating a package makes its VMs and
virtual IP at once (status "active"); deleting answers the package with
emptied allocations, as the reference shows, and forgets it. Unknown UUIDs
answer the API's "No such ... exists" (HTTP 400).
"""

from __future__ import annotations

import copy
import ipaddress
import json
import random
import secrets as pysecrets
import string
import uuid as uuidlib
from typing import Any

from idcctl.sandbox.common import MISSING, Request, error, field_errors, now_str
from idcctl.sandbox.seed import services as seed_services
from idcctl.sandbox.seed.account import USER_ID

PORTS = {"postgresql": 5432, "mysql": 3306, "mariadb": 3306, "redis": 6379, "mongodb": 27017}
_REQUIRED_INTS = ("billing_account_id", "vm_cpu", "vm_ram", "vm_disk_gb")
_REQUIRED_TEXTS = ("service", "version", "display_name")


def list_packages(req: Request) -> Any:
    return req.state.view(req.state.services.items(req.location))


def get_package(req: Request) -> Any:
    return req.state.view(req.state.services.find(req.location, req.path_args["uuid"]))


def _parameters(req: Request) -> dict[str, Any]:
    """package_parameters is JSON text inside the JSON body (an object given directly is refused)."""
    raw = req.params.get("package_parameters")
    if raw is None or raw == "":
        return {}
    if not isinstance(raw, str):
        raise field_errors({"package_parameters": "Not a valid JSON string."})
    try:
        parsed = json.loads(raw)
    except ValueError:
        raise field_errors({"package_parameters": "Not valid JSON."}) from None
    if not isinstance(parsed, dict):
        raise field_errors({"package_parameters": "Must be a JSON object."})
    return parsed


def _checked_create(req: Request) -> dict[str, Any]:
    missing = {name: MISSING for name in _REQUIRED_INTS + _REQUIRED_TEXTS
               if req.params.get(name) in (None, "")}
    if missing:
        raise field_errors(missing)
    values = {name: req.integer(name) for name in _REQUIRED_INTS}
    bad = {name: "Must be a positive whole number." for name, value in values.items() if value < 1}
    if bad:
        raise field_errors(bad)
    values.update({name: str(req.params[name]) for name in _REQUIRED_TEXTS})
    return values


def _password() -> str:
    """16 characters, some of which need percent-encoding in a URI (as real passwords may)."""
    alphabet = string.ascii_letters + string.digits
    body = [pysecrets.choice(alphabet) for _ in range(13)]
    return "".join(body[:6]) + pysecrets.choice("@:/#%") + "".join(body[6:]) + "-" + pysecrets.choice("!?&")


def create_package(req: Request) -> Any:
    v = _checked_create(req)
    params = _parameters(req)
    multi = req.boolean("is_multi_node", False)
    location = str(params.get("location") or req.state.services.home(req.location))
    address = f"10.2.{random.randint(16, 254)}.{random.randint(2, 254)}"
    nodes = [seed_services.vm_resource(str(uuidlib.uuid4()), location, str(uuidlib.uuid4()), v["vm_cpu"],
                                     v["vm_ram"], v["vm_disk_gb"]) for _ in range(3 if multi else 1)]
    vip = [seed_services.vip_resource(str(uuidlib.uuid4()), location, address)] if multi else []
    stamp = now_str()
    pkg = dict(sorted({
        "billing_account_id": v["billing_account_id"], "created_at": stamp,
        "display_name": v["display_name"], "is_deleted": False, "is_multi_node": multi,
        "prices": seed_services.prices(),
        "properties": {"service_ip": address, "location": location, "sql_user": "wadmin",
                       "port": PORTS.get(v["service"].lower(), 5000)},
        "resources": vip + nodes,
        "service": v["service"], "status": "active", "updated_at": stamp, "user_id": USER_ID,
        "uuid": str(uuidlib.uuid4()), "version": v["version"],
        "_parameters": params, "_secrets": {"sql_pass": _password()}, "_whitelist": [],
    }.items()))
    req.state.services.items(req.location).append(pkg)
    return req.state.view(pkg)


def update_package(req: Request) -> Any:
    pkg = req.state.services.find(req.location, req.path_args["uuid"])
    if req.has("display_name"):
        name = req.text("display_name") or ""
        if not name.strip():
            raise field_errors({"display_name": "Must not be empty."})
        pkg["display_name"] = name
    if req.has("billing_account_id"):
        account = req.integer("billing_account_id")
        if account is None or account < 1:
            raise field_errors({"billing_account_id": "Not a valid integer."})
        pkg["billing_account_id"] = account
    pkg["updated_at"] = now_str()
    return req.state.view(pkg)


def delete_package(req: Request) -> Any:
    """Answers the deleted package (allocations emptied, status "deleted") and forgets it."""
    pkg = req.state.services.find(req.location, req.path_args["uuid"])
    req.state.services.items(req.location).remove(pkg)
    gone = copy.deepcopy(pkg)
    gone.update({"deleted_at": now_str(), "is_deleted": True, "status": "deleted"})
    for resource in gone["resources"]:
        resource["resource_allocation"] = {}
    return req.state.view(dict(sorted(gone.items())))


def get_secrets(req: Request) -> Any:
    return dict(req.state.services.find(req.location, req.path_args["uuid"])["_secrets"])


def _address(req: Request) -> str:
    text = req.required("ip_address").strip()
    try:
        ipaddress.ip_network(text, strict=True)
    except ValueError:
        raise field_errors({"ip_address": "Not a valid IP address or subnet prefix."}) from None
    return text


def list_whitelist(req: Request) -> Any:
    return list(req.state.services.find(req.location, req.path_args["uuid"])["_whitelist"])


def add_whitelist(req: Request) -> Any:
    """Adding an entry that is already there leaves the list as it is."""
    pkg = req.state.services.find(req.location, req.path_args["uuid"])
    address = _address(req)
    if address not in pkg["_whitelist"]:
        pkg["_whitelist"].append(address)
    return list(pkg["_whitelist"])


def remove_whitelist(req: Request) -> Any:
    pkg = req.state.services.find(req.location, req.path_args["uuid"])
    address = _address(req)
    if address not in pkg["_whitelist"]:
        raise error(f"No such whitelist entry exists. {address}")
    pkg["_whitelist"].remove(address)
    return list(pkg["_whitelist"])


_PKG = "/user-resource/service/package/{uuid}"
ROUTES = [
    ("GET", "/user-resource/service/packages", list_packages),
    ("POST", "/user-resource/service/package", create_package),
    ("GET", _PKG, get_package),
    ("PATCH", _PKG, update_package),
    ("DELETE", _PKG, delete_package),
    ("GET", _PKG + "/secrets", get_secrets),
    ("GET", _PKG + "/whitelist_addresses", list_whitelist),
    ("POST", _PKG + "/whitelist_addresses", add_whitelist),
    ("DELETE", _PKG + "/whitelist_addresses", remove_whitelist),
]
