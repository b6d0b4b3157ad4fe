"""Table columns of the storage groups (`disk`, `bucket`): sizes for people, not bytes."""

from __future__ import annotations

from typing import Any

_UNITS = ("KiB", "MiB", "GiB", "TiB", "PiB")


def human_bytes(value: Any) -> Any:
    """``3425`` -> ``3.3 KiB``, ``1288490188`` -> ``1.2 GiB``; anything else as it is."""
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return value
    if value < 1024:
        return f"{int(value)} B"
    size = float(value)
    for unit in _UNITS:
        size /= 1024
        if size < 1024 or unit == _UNITS[-1]:
            return f"{size:.1f} {unit}"
    return value  # pragma: no cover - the loop always returns


def gib(value: Any) -> Any:
    """Disk sizes come in GiB already: ``50`` -> ``50 GiB``."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"{value:g} GiB"
    return value


def _disk_source(disk: dict[str, Any]) -> str:
    return " ".join(str(disk[k]) for k in ("source_image_type", "source_image") if disk.get(k))


def _snapshot_count(disk: dict[str, Any]) -> Any:
    snapshots = disk.get("snapshots")
    return len(snapshots) if isinstance(snapshots, list) else None


STORAGE_SPECS: dict[str, list] = {
    "disk": [("NAME", "display_name"), ("UUID", "uuid"), ("SIZE", lambda d: gib(d.get("size_gb"))),
             ("STATUS", "status"), ("SOURCE", _disk_source), ("BOOTABLE", "read_only_bootable"),
             ("BILLING ACCOUNT", "billing_account_id"), ("SNAPSHOTS", _snapshot_count),
             ("CREATED", "created_at")],
    "bucket": [("NAME", "name"), ("SIZE", lambda b: human_bytes(b.get("size_bytes"))),
               ("OBJECTS", "num_objects"), ("BILLING ACCOUNT", "billing_account_id"),
               ("SUSPENDED", "is_suspended"), ("CREATED", "created_at"), ("MODIFIED", "modified_at")],
    "s3key": [("ACCESS KEY", "accessKey"), ("SECRET KEY", "secretKey"), ("USER", "userId")],
}

STORAGE_ID_FIELDS: dict[str, str] = {
    "bucket": "name",
    "s3key": "accessKey",
    "s3url": "url",
}
