"""Firewall rules on the command line: ``DIRECTION:PROTOCOL:PORTS:ADDRESSES`` and ``--rules @FILE``.

Checked here, before anything is sent, as the 2025 reference's
"Representation and validation" says: direction inbound or outbound,
endpoint type any or ip_prefixes with IP addresses or CIDR networks
(Python's `ipaddress`), ports 1-65535 with start not above end, empty PORTS
meaning every port (``port_start`` null). The reference leaves the protocol
open ("e.g. tcp, udp, icmp"); clients tested against the live API also send
``any``, and those four are taken (a typo such as ``tpc`` is caught); icmp
has no ports. ADDRESSES may hold IPv6 networks: only the first three colons
separate the parts. Pure functions; every problem is a UsageError (exit 2).
"""

from __future__ import annotations

import ipaddress
import json
from typing import Any

from idcctl.errors import UsageError

DIRECTIONS = ("inbound", "outbound")
PROTOCOLS = ("tcp", "udp", "icmp", "any")
SPEC_TYPES = ("any", "ip_prefixes")
MAX_PORT = 65535
EXAMPLE = "inbound:tcp:443:any, inbound:tcp:8000-8100:10.0.0.0/24,10.1.2.3 or outbound:icmp::any"
SSH_PORT = 22


def parse_spec(text: str, *, what: str = "rule") -> dict[str, Any]:
    """A FirewallRule (without uuid) from ``DIRECTION:PROTOCOL:PORTS:ADDRESSES``."""
    parts = text.strip().split(":", 3)
    if len(parts) != 4:
        raise UsageError(f"{what} '{text}' is not DIRECTION:PROTOCOL:PORTS:ADDRESSES", hint=f"e.g. {EXAMPLE}")
    direction, protocol, ports, addresses = (p.strip() for p in parts)
    where = f"{what} '{text}'"
    start, end = _ports(ports, where)
    kind, spec = _addresses(addresses, where)
    rule = {"direction": direction.lower(), "protocol": protocol.lower(), "port_start": start, "port_end": end,
            "endpoint_spec_type": kind, "endpoint_spec": spec}
    _check_words(rule, where)
    return rule


def _ports(text: str, where: str) -> tuple[int | None, int | None]:
    if not text:
        return None, None
    first, sep, last = text.partition("-")
    numbers = [first, last] if sep else [first]
    if not all(n.strip().isdigit() for n in numbers):
        raise UsageError(f"{where}: ports '{text}' are not PORT or START-END (or empty for all ports)")
    start, end = (int(n) for n in (numbers * 2)[:2])
    _check_ports(start, end, where)
    return start, end


def _check_ports(start: int | None, end: int | None, where: str) -> None:
    for port in (start, end):
        if port is not None and not 1 <= port <= MAX_PORT:
            raise UsageError(f"{where}: port {port} is out of range (1-{MAX_PORT})")
    if start is None and end is not None:
        raise UsageError(f"{where}: port_end {end} without a port_start")
    if start is not None and end is not None and start > end:
        raise UsageError(f"{where}: ports {start}-{end} start above their end")


def _addresses(text: str, where: str) -> tuple[str, list[str]]:
    if text.lower() == "any":
        return "any", []
    items = [a.strip() for a in text.split(",")]
    if not text or not all(items):
        raise UsageError(f"{where}: give 'any' or IP addresses and CIDR networks separated by commas")
    for item in items:
        _check_address(item, where)
    return "ip_prefixes", items


def _check_address(item: Any, where: str) -> None:
    try:
        ipaddress.ip_network(str(item), strict=True)
    except ValueError:
        try:
            network = ipaddress.ip_network(str(item), strict=False)
        except ValueError:
            raise UsageError(f"{where}: '{item}' is not an IP address or CIDR network") from None
        raise UsageError(f"{where}: '{item}' has host bits set (did you mean {network}?)") from None


def _check_words(rule: dict[str, Any], where: str) -> None:
    if rule["direction"] not in DIRECTIONS:
        raise UsageError(f"{where}: direction '{rule['direction']}' is not inbound or outbound")
    if rule["protocol"] not in PROTOCOLS:
        raise UsageError(f"{where}: protocol '{rule['protocol']}' is not one of {', '.join(PROTOCOLS)}")
    if rule["protocol"] == "icmp" and rule["port_start"] is not None:
        raise UsageError(f"{where}: icmp has no ports; leave PORTS empty (e.g. outbound:icmp::any)")


# -- --rules @FILE: the JSON list ------------------------------------------------------------


def load_rules(text: str, *, source: str) -> list[dict[str, Any]]:
    """The rules of a JSON file: a list of FirewallRule objects, or a firewall holding ``rules``.

    The second form is what `firewall show FW -o json` prints, so a firewall
    can be saved, edited and sent back; the rules keep their UUIDs.
    """
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        raise UsageError(f"--rules {source} is not valid JSON") from None
    if isinstance(data, dict) and isinstance(data.get("rules"), list):
        data = data["rules"]
    if not isinstance(data, list):
        raise UsageError(f"--rules {source} must be a JSON list of rules (or a firewall with 'rules')")
    return [checked_rule(rule, where=f"--rules {source} rule {index + 1}") for index, rule in enumerate(data)]


def checked_rule(rule: Any, *, where: str) -> dict[str, Any]:
    """A FirewallRule object checked field by field; other fields (uuid, description) pass through."""
    if not isinstance(rule, dict):
        raise UsageError(f"{where} is not a JSON object")
    start, end = (_port_field(rule, name, where) for name in ("port_start", "port_end"))
    _check_ports(start, end, where)
    kind = rule.get("endpoint_spec_type")
    if kind not in SPEC_TYPES:
        raise UsageError(f"{where}: endpoint_spec_type must be any or ip_prefixes")
    spec = rule.get("endpoint_spec") if kind == "ip_prefixes" else []
    if kind == "ip_prefixes":
        if not isinstance(spec, list) or not spec:
            raise UsageError(f"{where}: endpoint_spec must list IP addresses or CIDR networks")
        for item in spec:
            _check_address(item, where)
    checked = {**rule, "direction": str(rule.get("direction", "")).lower(),
               "protocol": str(rule.get("protocol", "")).lower(), "endpoint_spec": spec}
    _check_words({**checked, "port_start": start}, where)
    return checked


def _port_field(rule: dict[str, Any], name: str, where: str) -> int | None:
    value = rule.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise UsageError(f"{where}: {name} must be a whole number or null")
    return value


# -- comparing rules ------------------------------------------------------------------------


def identity(rule: dict[str, Any]) -> tuple[Any, ...]:
    """What a rule does, for comparing one typed as SPEC with one the API answered."""
    start = _int(rule.get("port_start"))
    end = _int(rule.get("port_end"))
    kind = rule.get("endpoint_spec_type")
    networks: frozenset[Any] = frozenset()
    if kind != "any":
        try:
            networks = frozenset(ipaddress.ip_network(str(a), strict=False) for a in rule.get("endpoint_spec") or [])
        except ValueError:
            networks = frozenset(str(a) for a in rule.get("endpoint_spec") or [])
    return (str(rule.get("direction", "")).lower(), str(rule.get("protocol", "")).lower(), start,
            start if end is None else end, kind, networks)


def _int(value: Any) -> int | None:
    try:
        return None if value is None else int(value)
    except (TypeError, ValueError):
        return None


def allows_ssh(rule: dict[str, Any]) -> bool:
    """An inbound tcp (or any-protocol) rule whose ports take in 22."""
    direction, protocol, start, end, _, _ = identity(rule)
    if direction != "inbound" or protocol not in ("tcp", "any"):
        return False
    return start is None or start <= SSH_PORT <= (end if end is not None else start)
