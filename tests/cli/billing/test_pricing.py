"""`billing pricing|usage|estimate`: per hour and per month, and the cached policy."""

from __future__ import annotations

import pytest

from tests.cli.conftest import POLICY, U1, U2, U3, api, ok

# -- pricing, usage, estimates -------------------------------------------------------------------


def test_pricing_shows_each_line_per_hour_and_per_30_day_month(invoke):
    with api() as mock:
        mock.get("/v1/pricing/policy").mock(return_value=ok(POLICY))
        table = invoke("billing", "pricing")
        raw = invoke("billing", "pricing", "-o", "json")
    assert table.stdout == (
        "POLICY  RESOURCE  NAME                               UNIT         PER HOUR   PER MONTH (720 H)\n"
        "1001    CPU       1 CPU                              per 1 CPU    0.00521    3.75\n"
        "1011    RAM       1 GB RAM                           per 1024 MB  0.00329    2.37\n"
        "1021    STORAGE   Backup                             per GB       0.0000342  0.02\n"
        "1023    STORAGE   Storage                            per GB       0.0001     0.07\n"
        "1030    LICENSE   Windows license per core per hour  per core     0.00548    3.95\n")
    assert raw.json() == POLICY


def test_usage_table_largest_cost_first_with_bars_and_a_total(invoke):
    usage = [{"billing_account_id": 6, "cost": 0.08646, "description": "Ubuntu-16-04, 2 CPUs, 2 GB RAM, 20 GB disk",
              "hours": 3.0, "owner_uuid": U1, "price": 0.02882, "price_unit": "h"},
             {"billing_account_id": 6, "cost": 0.3, "description": "db-1", "hours": 3.0, "owner_uuid": U2,
              "price": 0.1, "price_unit": "h"},
             {"billing_account_id": 6, "cost": None, "description": "ip", "hours": 0, "owner_uuid": U3,
              "price": 0, "price_unit": "h"}]
    with api() as mock:
        route = mock.get("/v1/charging/usage").mock(return_value=ok(usage))
        table = invoke("billing", "usage", "--account", "6")
        raw = invoke("billing", "usage", "--account", "6", "-o", "json")
    assert dict(route.calls.last.request.url.params) == {"billing_account_id": "6"}
    assert table.stdout == (
        "DESCRIPTION                                 HOURS  PRICE      COST  SHARE                 RESOURCE\n"
        f"db-1                                        3.0    0.1/h      0.30  ████████████████████  {U2}\n"
        f"Ubuntu-16-04, 2 CPUs, 2 GB RAM, 20 GB disk  3.0    0.02882/h  0.09  █████▊                {U1}\n"
        f"ip                                          0      0/h        -                           {U3}\n"
        "TOTAL (3 resources)                                           0.39\n")
    assert raw.json() == usage  # plain numbers, in the API's order


def test_estimate_command_table_and_cache(invoke):
    with api() as mock:
        route = mock.get("/v1/pricing/policy").mock(return_value=ok(POLICY))
        first = invoke("billing", "estimate", "--vcpu", "2", "--ram", "2048", "--disk", "20", "--backup")
        second = invoke("billing", "estimate", "--vcpu", "2", "--ram", "2048", "--disk", "20", "-o", "json")
    assert route.call_count == 1  # the second run reads the cached policy
    assert first.stdout == (
        "ITEM    QUANTITY  PRICE/H           PER HOUR  PER MONTH\n"
        "vCPU    2 core    0.00521 per core  0.01042   7.50\n"
        "RAM     2048 MB   0.00329 per GB    0.00658   4.74\n"
        "Disk    20 GB     0.0001 per GB     0.00200   1.44\n"
        "Backup  20 GB     0.0000342 per GB  0.00068   0.49\n"
        "TOTAL                               0.01968   14.17\n")
    assert second.json()["monthly"] == pytest.approx(13.68)
