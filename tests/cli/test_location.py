"""`location list`: the table, and no location prefix on its request."""

from __future__ import annotations

import httpx
import respx

from tests.conftest import BASE

LOCATIONS = [
    {"display_name": "Cycletown", "is_default": True, "is_preferred": False,
     "description": "The original location", "order_nr": 1, "slug": "cyc01", "country_code": "est"},
    {"display_name": "Busburg", "is_default": False, "is_preferred": True,
     "description": "Secondary location", "order_nr": 2, "slug": "bus02", "country_code": "est"},
]


def test_location_list_table(invoke):
    with respx.mock(assert_all_called=True) as mock:
        mock.get(f"{BASE}/v1/config/locations").mock(return_value=httpx.Response(200, json=LOCATIONS))
        result = invoke("location", "list")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "SLUG   NAME       DEFAULT  PREFERRED  COUNTRY  DESCRIPTION",
        "cyc01  Cycletown  yes      no         est      The original location",
        "bus02  Busburg    no       yes        est      Secondary location",
    ]


def test_location_list_ignores_location_prefix(invoke):
    with respx.mock(assert_all_called=True) as mock:
        route = mock.get(f"{BASE}/v1/config/locations").mock(return_value=httpx.Response(200, json=LOCATIONS))
        assert invoke("location", "list", "-l", "bus02", "-o", "json").json() == LOCATIONS
    assert route.call_count == 1
