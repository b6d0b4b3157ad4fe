"""Seed SSH keys: the two of the reference's "List SSH Keys" example (account-wide, not per location)."""

from __future__ import annotations

import copy
from typing import Any

_KEYS = [
    {"uuid": "3f8f4c5a-2c6d-4f0a-9a3a-8c9f6e3f1a2b", "name": "laptop-mbp",
     "public_key": "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMockPublicKeyData user@host",
     "user_id": 268, "created_at": "2025-01-12T09:21:33Z"},
    {"uuid": "9a7c1df2-6e44-4330-b6a1-3b77f5c1e8d0", "name": "office-desktop",
     "public_key": "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQDCMockPublicKeyData user@host",
     "user_id": 268, "created_at": "2025-02-03T14:02:11Z"},
]


def ssh_keys(position: int = 0) -> list[dict[str, Any]]:
    return [] if position else copy.deepcopy(_KEYS)
