"""Seed load balancers: none (the reference's examples target VMs and networks the seed lacks)."""

from __future__ import annotations

from typing import Any


def load_balancers(position: int = 0) -> list[dict[str, Any]]:
    return []
