"""Seed disks: the two of the reference's "List Disks" example, one named and with two snapshots."""

from __future__ import annotations

import copy
from typing import Any

_SNAPSHOTS = [
    {"uuid": "8ae9b8e2-54b5-4163-b692-1327ec39ce35", "sizeGb": 20,
     "created_at": "2022-09-02T01:31:51.065+0000", "disk_uuid": "cef3a629-89b0-40ec-986b-4b6e831f9b64"},
    {"uuid": "48365c53-6e92-48b3-ad7e-d70794399872", "sizeGb": 30,
     "created_at": "2022-08-30T01:31:45.625+0000", "disk_uuid": "cef3a629-89b0-40ec-986b-4b6e831f9b64"},
]
_DISKS = [
    {"uuid": "05a61876-86f3-4b05-b0ec-53ee6fa03ced", "status": "Active", "snapshots": [], "user_id": 28,
     "billing_account_id": 129072, "size_gb": 50, "source_image_type": "EMPTY",
     "created_at": "2022-09-01T12:03:14.355+0000", "updated_at": "2022-09-01T12:03:14.355+0000"},
    {"uuid": "cef3a629-89b0-40ec-986b-4b6e831f9b64", "status": "Active", "display_name": "Web server main",
     "snapshots": _SNAPSHOTS,
     "user_id": 28, "billing_account_id": 129552, "size_gb": 30, "source_image_type": "OS_BASE",
     "source_image": "ubuntu_20.04", "created_at": "2022-08-25T09:26:21.171+0000",
     "updated_at": "2022-08-25T09:26:32.857+0000"},
]


def disks(position: int = 0) -> list[dict[str, Any]]:
    return [] if position else copy.deepcopy(_DISKS)
