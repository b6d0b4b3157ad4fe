"""Table columns of firewalls (their rules and VMs) and SSH keys, and the rule's written form.

`rule_spec` writes a FirewallRule the way the command line takes it,
``DIRECTION:PROTOCOL:PORTS:ADDRESSES`` (``inbound:tcp:443:any``), so a rule
seen in a table can be pasted into `firewall rule remove`. An SSH key's
fingerprint is OpenSSH's ``SHA256:...`` of the key blob, as ``ssh-keygen -l``
prints it, to tell keys apart without comparing base64.
"""

from __future__ import annotations

from typing import Any


def ports_text(rule: dict[str, Any]) -> str:
    """``443``, ``8000-8100``, or empty for every port (port_start null)."""
    start, end = rule.get("port_start"), rule.get("port_end")
    if start is None:
        return ""
    return str(start) if end is None or str(end) == str(start) else f"{start}-{end}"


def addresses_text(rule: dict[str, Any]) -> str:
    if rule.get("endpoint_spec_type") == "any":
        return "any"
    spec = rule.get("endpoint_spec")
    return ",".join(str(a) for a in spec) if isinstance(spec, list) else str(spec or "")


def rule_spec(rule: dict[str, Any]) -> str:
    return ":".join((str(rule.get("direction") or ""), str(rule.get("protocol") or ""), ports_text(rule),
                     addresses_text(rule)))


def firewall_name(firewall: dict[str, Any]) -> Any:
    """The List Firewalls example says ``name``, create and update answer ``display_name``."""
    return firewall.get("display_name") or firewall.get("name")


def _count(key: str) -> Any:
    return lambda row: len(row[key]) if isinstance(row.get(key), list) else None


def fingerprint(key: dict[str, Any]) -> str | None:
    """``SHA256:...`` of the public key's blob; None when the stored text is not a key line."""
    import base64
    import binascii
    import hashlib

    parts = str(key.get("public_key") or "").split()
    if len(parts) < 2:
        return None
    try:
        blob = binascii.a2b_base64(parts[1], strict_mode=True)
    except (binascii.Error, ValueError):
        return None
    return "SHA256:" + base64.b64encode(hashlib.sha256(blob).digest()).decode().rstrip("=")


def _key_type(key: dict[str, Any]) -> Any:
    parts = str(key.get("public_key") or "").split()
    return parts[0] if parts else None


def _key_comment(key: dict[str, Any]) -> Any:
    parts = str(key.get("public_key") or "").split(None, 2)
    return parts[2] if len(parts) > 2 else None


SECURITY_SPECS: dict[str, list] = {
    "firewall": [("NAME", firewall_name), ("UUID", "uuid"), ("RULES", _count("rules")),
                 ("VMS", _count("resources_assigned")), ("DESCRIPTION", "description"),
                 ("CREATED", "created_at")],
    "firewall_rule": [("UUID", "uuid"), ("RULE", rule_spec), ("DESCRIPTION", "description")],
    "firewall_vm": [("VM", "vm_name"), ("UUID", "resource_uuid"), ("TYPE", "resource_type")],
    "ssh_key": [("NAME", "name"), ("UUID", "uuid"), ("TYPE", _key_type), ("FINGERPRINT", fingerprint),
                ("COMMENT", _key_comment), ("CREATED", "created_at")],
}

SECURITY_ID_FIELDS: dict[str, str] = {"firewall_vm": "resource_uuid"}
