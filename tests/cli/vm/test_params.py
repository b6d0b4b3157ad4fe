"""`vm params`: the table, never location-scoped."""

from __future__ import annotations

from tests.cli.conftest import api, ok

PARAMS = [{"constraint": "range", "description": "Size of main storage in gigabytes.", "mandatory": True,
           "max": 240, "min": 20, "parameter": "disks", "type": "integer"},
          {"constraint": "enum", "description": "OS name of VM base image.", "mandatory": True,
           "parameter": "os_name", "type": "string", "values": ["centos", "ubuntu"]}]


def test_params_is_not_location_scoped(invoke):
    with api() as mock:
        route = mock.get("/v1/api/parameters/vm").mock(return_value=ok(PARAMS))
        result = invoke("vm", "params", "-l", "bus02")
        as_json = invoke("vm", "params", "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert route.call_count == 2
    assert as_json.json() == PARAMS
    assert result.stdout == (
        "PARAMETER  TYPE     MANDATORY  ALLOWED         DESCRIPTION\n"
        "disks      integer  yes        20–240          Size of main storage in gigabytes.\n"
        "os_name    string   yes        centos, ubuntu  OS name of VM base image.\n"
    )
