"""Pricing endpoints: the pricing policy and an account's charged usage (`api/pricing.py`)."""

from __future__ import annotations

import copy
from typing import Any

from idcctl.sandbox.common import Request
from idcctl.sandbox.model.billing import find_account, of_account
from idcctl.sandbox.seed.pricing import POLICY


def pricing_policy(req: Request) -> Any:
    return copy.deepcopy(POLICY)


def charging_usage(req: Request) -> Any:
    account = find_account(req)
    return req.state.view(of_account(req.state.usage, req.location, account["id"]))


ROUTES = [
    ("GET", "/pricing/policy", pricing_policy),
    ("GET", "/charging/usage", charging_usage),
]
