"""Pricing policy and resource usage: reference sections "Pricing" and "Charging".

Neither is location-scoped; both are plain GETs answered unchanged. Prices
in the policy are per hour (the usage answer's ``price_unit`` is ``"h"``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from idcctl.api.client import Client


def policy(client: Client) -> Any:
    """``{"policy": [{"policyId", "resourceType", "price", ...}, ...]}``."""
    return client.request("GET", "/v1/pricing/policy")


def usage(client: Client, account_id: int) -> Any:
    """This month's resources, prices and costs for a billing account."""
    return client.request("GET", "/v1/charging/usage", params={"billing_account_id": account_id})
