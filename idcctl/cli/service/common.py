"""Pieces the `service` commands share: labels, the readable view of a package, connection URIs, CIDRs.

Pure functions over the API's data (no I/O, no heavy imports), so they are
tested directly and the command modules stay thin.
"""

from __future__ import annotations

import re
from typing import Any

import typer

from idcctl.errors import IdcctlError, UsageError

# Default ports and URI schemes per engine, for `service secrets --uri` when the package omits them.
DEFAULT_PORTS = {"postgresql": 5432, "mysql": 3306, "mariadb": 3306, "redis": 6379, "mongodb": 27017}
SCHEMES = {"postgresql": "postgresql", "postgres": "postgresql", "mysql": "mysql", "mariadb": "mysql",
           "redis": "redis", "mongodb": "mongodb"}


def svc_argument() -> Any:
    return typer.Argument(..., metavar="SVC", show_default=False,
                          help="Service display name or UUID (see 'idcctl service list').")


def label(pkg: dict[str, Any]) -> str:
    """How a package is named in prompts and messages: its display name and UUID."""
    return f"{pkg.get('display_name') or '(no name)'} ({pkg.get('uuid')})"


def _nodes(pkg: dict[str, Any]) -> list[dict[str, Any]]:
    return [r for r in pkg.get("resources") or [] if isinstance(r, dict) and r.get("resource_type") == "vm"]


def loss_text(pkg: dict[str, Any]) -> str:
    """What deleting the package destroys, for the confirmation question."""
    engine = " ".join(str(pkg[k]) for k in ("service", "version") if pkg.get(k)) or "database"
    nodes = len(_nodes(pkg))
    ip = (pkg.get("properties") or {}).get("service_ip")
    parts = [f"The {engine} database and all its data"]
    if nodes:
        parts.append(f"its {nodes} VM{'s' if nodes != 1 else ''} and their disks")
    if ip:
        parts.append(f"its service IP {ip}")
    return ", ".join(parts) + " will be irrecoverably destroyed."


def _allocation(resource: dict[str, Any]) -> str:
    alloc = resource.get("resource_allocation") or {}
    if not isinstance(alloc, dict) or not alloc:
        return "-"
    if "address" in alloc and len(alloc) == 1:
        return f"address {alloc['address']}"
    disks = [d for d in alloc.get("storage") or [] if isinstance(d, dict)]
    bits = [f"{alloc.get('vcpu')} vCPU" if "vcpu" in alloc else "",
            f"{alloc.get('memory')} MB RAM" if "memory" in alloc else "",
            ", ".join(f"{d.get('size')} GB disk" for d in disks), str(alloc.get("status") or "")]
    return ", ".join(b for b in bits if b) or ", ".join(f"{k} {v}" for k, v in alloc.items())


def _price(price: dict[str, Any]) -> dict[str, Any]:
    what = " ".join(str(price[k]) for k in ("resourceType", "serviceNameInUptime") if price.get(k))
    return {"resource": what, "price multiplier": price.get("priceMultiplier")}


# The order `service show` lists a package's fields in; the rest follow as the API sends them.
FIRST_FIELDS = ("display_name", "uuid", "service", "version", "status", "is_multi_node", "properties",
                "billing_account_id", "created_at", "updated_at", "deleted_at")


def package_view(pkg: dict[str, Any]) -> dict[str, Any]:
    """A package arranged for a table: scalar fields and properties, then resources, then prices."""
    first = [k for k in FIRST_FIELDS if k in pkg]
    view = {k: pkg[k] for k in first + [k for k in pkg if k not in first and k not in ("resources", "prices")]}
    resources = [{"type": r.get("resource_type"), "id": r.get("resource_id"),
                  "location": r.get("resource_location"), "allocation": _allocation(r)}
                 for r in pkg.get("resources") or [] if isinstance(r, dict)]
    if resources:
        view["resources"] = resources
    prices = [_price(p) for p in pkg.get("prices") or [] if isinstance(p, dict)]
    if prices:
        view["prices"] = prices
    return view


def connection_uri(pkg: dict[str, Any], secrets: Any) -> str:
    """``postgresql://USER:PASS@HOST:PORT/`` (mysql://, redis://, ...) from the package and its secrets."""
    from urllib.parse import quote

    engine = str(pkg.get("service") or "").lower()
    props = pkg.get("properties") if isinstance(pkg.get("properties"), dict) else {}
    host = props.get("service_ip") or _virtual_ip(pkg)
    if not host:
        raise IdcctlError(f"service {label(pkg)} has no service IP yet (status {pkg.get('status')})",
                          hint="try again when 'idcctl service show' lists properties.service_ip")
    host = _uri_host(pkg, host)
    port = _uri_port(pkg, props.get("port")) or DEFAULT_PORTS.get(engine)
    user = props.get("sql_user") or props.get("user")
    password = secrets.get("sql_pass") if isinstance(secrets, dict) else None
    auth = ""
    if user or password:
        auth = quote(str(user or ""), safe="")
        if password:
            auth += ":" + quote(str(password), safe="")
        auth += "@"
    scheme = SCHEMES.get(engine, engine or "tcp")
    if not re.fullmatch(r"[a-z][a-z0-9+.-]{0,30}", scheme):
        raise IdcctlError(f"service {label(pkg)}: its engine {engine[:60]!r} cannot be a URI scheme, so no "
                          "connection URI is made of it")
    return f"{scheme}://{auth}{host}{f':{port}' if port else ''}/"


def _uri_host(pkg: dict[str, Any], host: Any) -> str:
    """The host part of the URI: an IP address or a host name only (``10.0.0.1/db?passfile=...`` is not)."""
    from idcctl.values import is_host

    text = str(host)
    if isinstance(host, (dict, list)) or not is_host(text):
        raise IdcctlError(f"service {label(pkg)}: its service_ip {text[:60]!r} is not an IP address or host "
                          "name, so no connection URI is made of it")
    return f"[{text}]" if ":" in text else text


def _uri_port(pkg: dict[str, Any], port: Any) -> int | None:
    """The port: a whole number 1-65535 (as a number or digits), or None when the package names none."""
    if port in (None, ""):
        return None
    text = str(port)
    if isinstance(port, bool) or not (text.isascii() and text.isdigit() and 1 <= int(text) <= 65535):
        raise IdcctlError(f"service {label(pkg)}: its port {text[:60]!r} is not a port number (1-65535), "
                          "so no connection URI is made of it")
    return int(text)


def _virtual_ip(pkg: dict[str, Any]) -> str | None:
    for r in pkg.get("resources") or []:
        if isinstance(r, dict) and r.get("resource_type") == "virtual_ip":
            address = (r.get("resource_allocation") or {}).get("address")
            if address:
                return str(address)
    return None


def parse_entry(text: str) -> Any:
    """An address or CIDR block as an ``ipaddress`` network; a UsageError (exit 2) otherwise."""
    import ipaddress

    raw = text.strip()
    try:
        return ipaddress.ip_network(raw, strict=True)
    except ValueError as exc:
        try:
            loose = ipaddress.ip_network(raw, strict=False)
        except ValueError:
            raise UsageError(f"'{text}' is not an IP address or CIDR block ({exc})",
                             hint="e.g. 203.0.113.7 or 10.123.8.0/24; nothing was sent") from None
        raise UsageError(f"'{text}' has host bits set; the block is {loose}",
                         hint=f"use {loose}; nothing was sent") from None


def entry_text(network: Any) -> str:
    """How an entry is sent: a single address without its /32 (/128), a block with its prefix."""
    if network.prefixlen == network.max_prefixlen:
        return str(network.network_address)
    return str(network)


def find_entry(entries: Any, network: Any) -> str | None:
    """The whitelist entry (as the API spells it) that denotes `network`, if any."""
    import ipaddress

    for entry in entries if isinstance(entries, list) else []:
        try:
            if ipaddress.ip_network(str(entry).strip(), strict=False) == network:
                return str(entry)
        except ValueError:
            continue
    return None
