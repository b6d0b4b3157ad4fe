"""Firewall rules as the 2025 reference's "FirewallRule objects validation" states them.

`checked_rules` turns a request's ``rules`` into stored rules or raises the
field errors of the first bad ones: ``direction`` inbound or outbound,
``endpoint_spec_type`` any or ip_prefixes, ``endpoint_spec`` a list of
IP addresses or CIDR networks for ip_prefixes, ports 1-65535 with
``port_start`` null for all ports and ``port_end`` null meaning
``port_start``, and start not above end. A rule sent with the ``uuid`` of
one of the firewall's rules keeps it (an update keeps rule identities), any
other rule gets a new one. The reference leaves ``protocol`` free ("e.g.
tcp, udp, icmp"); the sandbox takes those and ``any``, as the clients
tested against the live API use.
"""

from __future__ import annotations

import ipaddress
import uuid as uuidlib
from typing import Any

from idcctl.sandbox.common import ApiError, parse_int

DIRECTIONS = ("inbound", "outbound")
SPEC_TYPES = ("any", "ip_prefixes")
PROTOCOLS = ("tcp", "udp", "icmp", "any")


def checked_rules(value: Any, kept: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """The rules to store; `kept` are the firewall's current rules (whose UUIDs may be sent back)."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise ApiError(400, {"errors": {"rules": "Must be a list of rules."}})
    known = {r["uuid"] for r in kept or []}
    errors: dict[str, Any] = {}
    rules = []
    for index, rule in enumerate(value):
        problems = _problems(rule) if isinstance(rule, dict) else {"_schema": "Must be an object."}
        if problems:
            errors[str(index)] = problems
            continue
        rules.append(_stored(rule, known))
    if errors:
        raise ApiError(400, {"errors": {"rules": errors}})
    return rules


def _problems(rule: dict[str, Any]) -> dict[str, str]:
    problems = {}
    if rule.get("direction") not in DIRECTIONS:
        problems["direction"] = f"Must be one of: {', '.join(DIRECTIONS)}."
    if str(rule.get("protocol", "")).lower() not in PROTOCOLS:
        problems["protocol"] = f"Must be one of: {', '.join(PROTOCOLS)}."
    problems.update(_port_problems(rule.get("port_start"), rule.get("port_end")))
    kind = rule.get("endpoint_spec_type")
    if kind not in SPEC_TYPES:
        problems["endpoint_spec_type"] = f"Must be one of: {', '.join(SPEC_TYPES)}."
    elif kind == "ip_prefixes" and not _prefixes(rule.get("endpoint_spec")):
        problems["endpoint_spec"] = "Must be a list of IP addresses or networks in CIDR notation."
    return problems


def _port_problems(start: Any, end: Any) -> dict[str, str]:
    first = None if start is None else parse_int(start)
    last = first if end is None else parse_int(end)
    if start is not None and (first is None or not 1 <= first <= 65535):
        return {"port_start": "Must be between 1 and 65535."}
    if end is not None and (last is None or not 1 <= last <= 65535):
        return {"port_end": "Must be between 1 and 65535."}
    if start is None and end is not None:
        return {"port_start": "Required when port_end is given."}
    if first is not None and last is not None and first > last:
        return {"port_start": "Cannot be greater than port_end."}
    return {}


def _prefixes(value: Any) -> bool:
    if not isinstance(value, list) or not value:
        return False
    try:
        for item in value:
            ipaddress.ip_network(str(item), strict=False)
    except ValueError:
        return False
    return True


def _stored(rule: dict[str, Any], known: set[str]) -> dict[str, Any]:
    start = None if rule.get("port_start") is None else parse_int(rule["port_start"])
    end = start if rule.get("port_end") is None else parse_int(rule["port_end"])
    kind = rule["endpoint_spec_type"]
    sent = rule.get("uuid")
    keep = isinstance(sent, str) and sent in known
    known.discard(sent if keep else "")  # a UUID sent twice names one rule: the second is new
    stored = {"uuid": sent if keep else str(uuidlib.uuid4()),
              "direction": rule["direction"], "protocol": str(rule["protocol"]).lower(),
              "port_start": start, "port_end": end, "endpoint_spec_type": kind,
              "endpoint_spec": [str(p) for p in rule["endpoint_spec"]] if kind == "ip_prefixes" else []}
    if rule.get("description"):
        stored["description"] = str(rule["description"])
    return stored
