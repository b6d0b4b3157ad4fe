"""Default table columns per resource: the one place they are chosen.

A column is ``(HEADER, field)`` where field is a dotted path into the row or
a function of the row. ``--columns`` replaces these with paths the operator
names. ``ID_FIELDS`` says what ``--quiet`` prints for each resource.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Column = tuple[str, "str | Callable[[dict[str, Any]], Any]"]


def _vm_disk_gb(vm: dict[str, Any]) -> Any:
    sizes = [d.get("size") for d in vm.get("storage") or [] if isinstance(d, dict)]
    sizes = [s for s in sizes if isinstance(s, (int, float))]
    return f"{sum(sizes)} GB" if sizes else None


def _vm_os(vm: dict[str, Any]) -> str:
    return " ".join(str(vm[k]) for k in ("os_name", "os_version") if vm.get(k))


def _ram(vm: dict[str, Any]) -> Any:
    return f"{vm['memory']} MB" if vm.get("memory") is not None else None


def _image_versions(image: dict[str, Any]) -> str:
    return ", ".join(str(v.get("os_version")) for v in image.get("versions") or []
                     if isinstance(v, dict) and v.get("published", True))


def _boot_kind(image: dict[str, Any]) -> Any:
    flag = image.get("is_installation_media")
    return None if flag is None else "installation" if flag else "rescue"


def _param_allowed(param: dict[str, Any]) -> str:
    kind = param.get("constraint")
    if kind == "range":
        return f"{param.get('min')}–{param.get('max')}"
    if kind == "regexp":
        return str(param.get("expression", ""))
    if kind == "enum":
        if param.get("values"):
            return ", ".join(map(str, param["values"]))
        return f"by {param.get('limited_by')}" if param.get("limited_by") else ""
    return ""


SPECS: dict[str, list[Column]] = {
    "token": [("ID", "id"), ("DESCRIPTION", "description"), ("RESTRICTED", "restricted"),
              ("BILLING ACCOUNT", "billing_account_id"), ("TOKEN", "token"),
              ("CREATED", "created_at")],
    "location": [("SLUG", "slug"), ("NAME", "display_name"), ("DEFAULT", "is_default"),
                 ("PREFERRED", "is_preferred"), ("COUNTRY", "country_code"),
                 ("DESCRIPTION", "description")],
    "profile": [("NAME", "name"), ("ACTIVE", "active"), ("API KEY", "api_key"),
                ("LOCATION", "location"), ("API URL", "api_url")],
    "setting": [("KEY", "key"), ("VALUE", "value"), ("ORIGIN", "origin")],
    "auth_status": [("PROFILE", "profile"), ("ACTIVE", "active"), ("API KEY", "api_key"), ("KEY FROM", "key_from"),
                    ("API URL", "api_url"), ("LOCATION", "location"), ("API", "api"), ("MS", "response_ms"),
                    ("USER", "user")],
    "vm": [("NAME", "name"), ("UUID", "uuid"), ("STATUS", "status"), ("VCPU", "vcpu"),
           ("RAM", _ram), ("DISK", _vm_disk_gb), ("OS", _vm_os), ("PRIVATE IPV4", "private_ipv4")],
    "vm_disk": [("NAME", "name"), ("UUID", "uuid"), ("SIZE GB", "size"), ("PRIMARY", "primary"),
                ("POOL", "pool"), ("CREATED", "created_at")],
    "replica": [("UUID", "uuid"), ("TYPE", "type"), ("SIZE GB", "size"),
                ("MASTER", "master_uuid"), ("CREATED", "created_at")],
    "pool": [("NAME", "name"), ("UUID", "uuid"), ("DEFAULT", "is_default_designated"),
             ("DESCRIPTION", "description")],
    "image": [("OS", "os_name"), ("NAME", "display_name"), ("VERSIONS", _image_versions),
              ("APP CATALOG", "is_app_catalog"), ("DEFAULT", "is_default")],
    "boot_image": [("NAME", "image_name"), ("UUID", "uuid"), ("KIND", _boot_kind),
                   ("DESCRIPTION", "description"), ("PUBLISHED", "is_published")],
    "param": [("PARAMETER", "parameter"), ("TYPE", "type"), ("MANDATORY", "mandatory"),
              ("ALLOWED", _param_allowed), ("DESCRIPTION", "description")],
    "ip": [("ADDRESS", "address"), ("NAME", "name"), ("ASSIGNED TO", "assigned_to"),
           ("TYPE", "assigned_to_resource_type"), ("BILLING ACCOUNT", "billing_account_id"),
           ("CREATED", "created_at")],
    # billing: the commands pass rows whose amounts are already formatted (idcctl.cli.billing)
    "billing_account": [("ID", "id"), ("TITLE", "title"), ("COMPANY", "company_name"), ("EMAIL", "email"),
                        ("DEFAULT", "is_default"), ("CREDIT", "credit_amount"), ("UNPAID", "unpaid_amount"),
                        ("ONGOING", "ongoing"), ("VAT %", "vat_percentage"),
                        ("RECURRING", "is_recurring_payment_enabled"), ("DELETED", "is_deleted")],
    "card": [("ID", "id"), ("CARD", "card"), ("HOLDER", "holder"), ("PRIMARY", "is_primary"),
             ("VERIFIED", "is_verified"), ("VALID THRU", "valid_thru"),
             ("BILLING ACCOUNT", "billing_account_id")],
    "credit": [("ID", "id"), ("DATE", "created"), ("AMOUNT", "amount"), ("DESCRIPTION", "description")],
    "invoice": [("ID", "id"), ("NUMBER", "padded_id"), ("STATUS", "status"), ("PERIOD", "period"),
                ("DUE", "due_date"), ("SUBTOTAL", "subtotal"), ("VAT", "vat"), ("TOTAL", "total")],
    "pricing": [("POLICY", "policyId"), ("RESOURCE", "resourceType"), ("NAME", "serviceNameUserFriendly"),
                ("UNIT", "unit"), ("PER HOUR", "per_hour"), ("PER MONTH (720 H)", "per_month")],
    "usage": [("DESCRIPTION", "description"), ("HOURS", "hours"), ("PRICE", "price"), ("COST", "cost"),
              ("SHARE", "share"), ("RESOURCE", "owner_uuid")],
    "estimate": [("ITEM", "item"), ("QUANTITY", "quantity"), ("PRICE/H", "per_unit_hourly"),
                 ("PER HOUR", "hourly"), ("PER MONTH", "monthly")],
}

ID_FIELDS: dict[str, str] = {
    "token": "id",
    "location": "slug",
    "profile": "name",
    "setting": "key",
    "auth_status": "profile",
    "image": "os_name",
    "param": "parameter",
    "ip": "address",
    "user": "id",
    "billing_account": "id",
    "card": "id",
    "credit": "id",
    "invoice": "id",
    "pricing": "policyId",
    "usage": "owner_uuid",
}


def _estimated(key: str, places: int) -> Callable[[dict[str, Any]], Any]:
    """A column of the `estimated_cost` a command added (`vm list --cost`), with fixed decimals."""
    from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

    def column(row: dict[str, Any]) -> Any:
        cost = row.get(ESTIMATED_COST)
        value = cost.get(key) if isinstance(cost, dict) else None
        if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
            return None
        try:
            return str(Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))
        except InvalidOperation:  # inf, nan
            return None

    return column


ESTIMATED_COST = "estimated_cost"
ESTIMATE_COLUMNS: list[Column] = [("EST. PER HOUR", _estimated("hourly", 5)),
                                  ("EST. PER 30 DAYS", _estimated("monthly", 2))]


def columns_for(kind: str | None, rows: list[dict[str, Any]], location: bool = False) -> list[Column]:
    """Default columns for a resource; unknown kinds show their scalar fields.

    Rows that carry an `estimated_cost` get its two columns; `location` adds LOCATION last.
    """
    if kind in SPECS:
        cols = list(SPECS[kind])
    else:
        keys: list[str] = [k for k in ("name", "uuid") if any(k in row for row in rows)]
        for row in rows:
            for key, value in row.items():
                if key not in keys and not isinstance(value, (dict, list)):
                    keys.append(key)
        cols = [(header(k), k) for k in keys]
    if rows and isinstance(rows[0], dict) and ESTIMATED_COST in rows[0]:
        cols += ESTIMATE_COLUMNS
    if location and not any(path == "location" for _, path in cols):
        cols.append(("LOCATION", "location"))
    return cols


def header(key: str) -> str:
    """A field's column title: ``size_gb`` and ``sizeGb`` both read ``SIZE GB`` (not ``SIZEGB``)."""
    import re

    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", key).replace("_", " ").upper()


def id_of(kind: str | None, row: Any) -> Any:
    if not isinstance(row, dict):
        return row
    field = ID_FIELDS.get(kind or "", "uuid")
    for candidate in (field, "uuid", "id", "name"):
        if row.get(candidate) is not None:
            return row[candidate]
    return None


# -- managed services (service packages and their whitelists) ---------------

def _service_engine(pkg: dict[str, Any]) -> str:
    return " ".join(str(pkg[k]) for k in ("service", "version") if pkg.get(k))


def _service_size(pkg: dict[str, Any]) -> Any:
    """``2 x 1 vCPU, 1024 MB, 30 GB``: the package's VMs (one per node)."""
    nodes = [r.get("resource_allocation") or {} for r in pkg.get("resources") or []
             if isinstance(r, dict) and r.get("resource_type") == "vm"]
    nodes = [n for n in nodes if isinstance(n, dict) and n]
    if not nodes:
        return None
    first = nodes[0]
    disk = sum(d.get("size") or 0 for d in first.get("storage") or [] if isinstance(d, dict))
    size = f"{first.get('vcpu')} vCPU, {first.get('memory')} MB, {disk} GB"
    return f"{len(nodes)} x {size}" if len(nodes) > 1 else size


SPECS["service"] = [("NAME", "display_name"), ("UUID", "uuid"), ("ENGINE", _service_engine),
                    ("SIZE", _service_size), ("LOCATION", "properties.location"), ("STATUS", "status"),
                    ("SERVICE IP", "properties.service_ip")]
SPECS["whitelist"] = [("ENTRY", "value")]
ID_FIELDS["service"] = "uuid"
# -- storage groups (disk, bucket): their columns live in idcctl/output/storage.py
from idcctl.output.storage import STORAGE_ID_FIELDS, STORAGE_SPECS  # noqa: E402

SPECS.update(STORAGE_SPECS)
ID_FIELDS.update(STORAGE_ID_FIELDS)
# -- firewalls and SSH keys: their columns live in idcctl/output/security.py
from idcctl.output.security import SECURITY_ID_FIELDS, SECURITY_SPECS  # noqa: E402

SPECS.update(SECURITY_SPECS)
ID_FIELDS.update(SECURITY_ID_FIELDS)
# -- networking (net, ip, lb) and the vm tables' PUBLIC IP column ------------------------


def _lb_rules(lb: dict[str, Any]) -> str:
    return ", ".join(f"{r.get('source_port')}:{r.get('target_port')}" for r in lb.get("forwarding_rules") or []
                     if isinstance(r, dict))


def _count(key: str) -> Callable[[dict[str, Any]], Any]:
    return lambda row: len(row[key]) if isinstance(row.get(key), list) else None


SPECS["vm_public"] = [*SPECS["vm"], ("PUBLIC IP", "public_ip")]
SPECS["network"] = [("NAME", "name"), ("UUID", "uuid"), ("SUBNET", "subnet"), ("VLAN", "vlan_id"),
                    ("DEFAULT", "is_default"), ("RESOURCES", "resources_count")]
SPECS["floating_ip"] = [("ADDRESS", "address"), ("NAME", "name"), ("VM", "vm_name"),
                        ("ASSIGNED TO", "assigned_to"), ("TYPE", "assigned_to_resource_type"),
                        ("BILLING ACCOUNT", "billing_account_id"), ("CREATED", "created_at")]
SPECS["lb"] = [("NAME", "display_name"), ("UUID", "uuid"), ("PRIVATE ADDRESS", "private_address"),
               ("RULES", _lb_rules), ("TARGETS", _count("targets")), ("NETWORK", "network_uuid"),
               ("CREATED", "created_at")]
SPECS["lb_rule"] = [("UUID", "uuid"), ("SOURCE PORT", "source_port"), ("TARGET PORT", "target_port"),
                    ("PROTOCOL", "protocol"), ("CREATED", "created_at")]
SPECS["lb_target"] = [("VM", "vm_name"), ("TARGET UUID", "target_uuid"), ("TYPE", "target_type"),
                      ("IP ADDRESS", "target_ip_address"), ("CREATED", "created_at")]
ID_FIELDS["floating_ip"] = "address"
ID_FIELDS["lb_target"] = "target_uuid"
